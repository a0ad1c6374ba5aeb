#pragma once
// A project's views rendered without a window: builds the run the project describes, advances it
// synchronously (no RunController thread), hands every chunk's snapshot to the same view classes the main
// window docks (raster, free energy, beliefs, traces, receptive fields, Loihi floorplan, network editor), and
// exports any of
// them with exportFigure. Needs a QApplication (the offscreen platform is enough); views are never mapped on
// a screen, and the floorplan is painted in 2-D, so no display and no OpenGL context are needed.
#include "core/loihi/loihi_mapper.h"
#include "core/model/project_file.h"
#include "core/runtime/run_overrides.h"
#include "core/runtime/steppable_run.h"
#include "widgets/export/figure_export.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class QWidget;

namespace pulselab::widgets {

class BeliefChart;
class EditorScene;
class EditorView;
class FigureSpikeRaster;
class LoihiPanel;
class NetworkEditorModel;
class ReceptiveFieldView;
class RunDiagramView;
class TimeSeriesChart;

/// The size preset a name ("single", "double", "slide") stands for; nullopt for any other name.
std::optional<FigureSize> figurePreset(std::string_view name);

class OffscreenFigure {
public:
    /// nullptr with `error` (naming the problem) when the project cannot run. `projectDir` resolves the
    /// project's relative data paths.
    static std::unique_ptr<OffscreenFigure> create(const core::Project& project,
                                                   const std::string& projectDir, QString* error);
    ~OffscreenFigure();

    /// Applies parameter overrides to the run before it starts, as `pulselab-cli run --set` does; false with
    /// `error` naming the refused parameter.
    bool applyParameterOverrides(const std::vector<core::ParameterOverride>& overrides, QString* error);

    /// Advances the run by `durationMs` of simulated time, feeding every view; false with `error` when the
    /// run stops on a fault.
    bool run(double durationMs, QString* error);

    /// The view a figure view name (core::kFigureViewNames) stands for, or nullptr.
    QWidget* view(std::string_view name) const;
    /// Writes the named views as panels A, B, ... into `path` (.svg, .pdf, .png). Each view is first sized
    /// to its panel so that its text keeps a legible size on paper. Empty on success, else the message.
    QString exportViews(const std::vector<std::string>& names, const QString& path, const FigureSize& size,
                        int columns = 0);

    const core::RunLayout& layout() const { return m_layout; }
    std::uint64_t spikeCount() const { return m_spikes; }
    FigureSpikeRaster* raster() const { return m_raster.get(); }
    TimeSeriesChart* freeEnergy() const { return m_freeEnergy.get(); }
    BeliefChart* beliefs() const { return m_beliefs.get(); }

private:
    OffscreenFigure() = default;
    void mapOnLoihi();
    void updateLoihiTraffic();

    core::Project m_project;
    std::unique_ptr<core::SteppableRun> m_run;
    core::RunLayout m_layout;
    std::uint64_t m_spikes = 0;
    double m_engineSeconds = 0.0;
    std::vector<std::uint64_t> m_spikesPerNeuron;
    std::unique_ptr<core::loihi::MappingProblem> m_mappingProblem;
    std::unique_ptr<core::loihi::Mapping> m_mapping;

    std::unique_ptr<FigureSpikeRaster> m_raster;
    std::unique_ptr<TimeSeriesChart> m_freeEnergy;
    std::unique_ptr<TimeSeriesChart> m_traces;
    std::unique_ptr<BeliefChart> m_beliefs;
    std::unique_ptr<ReceptiveFieldView> m_receptiveFields;
    std::unique_ptr<LoihiPanel> m_loihiPanel;
    std::unique_ptr<NetworkEditorModel> m_editorModel;
    std::unique_ptr<EditorScene> m_editorScene;
    std::unique_ptr<EditorView> m_editorView;
    std::unique_ptr<RunDiagramView> m_runDiagram;
    /// Whether the project is an experiment whose network its settings fix (not a network, not rate PC).
    bool showsRunDiagram() const;
};

} // namespace pulselab::widgets
