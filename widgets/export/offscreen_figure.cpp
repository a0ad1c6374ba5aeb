#include "widgets/export/offscreen_figure.h"

#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/editor/run_diagram_view.h"
#include "widgets/export/figure_spike_raster.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/receptive_field_view.h"
#include "widgets/plots/time_series_chart.h"

#include "core/loihi/chip_description.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/runtime/project_run.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {

constexpr double kViewPixelsPerMm = 4.0;        // views are laid out at ~100 dpi, then scaled to the page
constexpr double kPanelLabelMm = 3.5;           // as exportFigure's panel letters
constexpr std::int64_t kStepsPerSnapshot = 500; // chunks the views get, as the live run delivers them

/// Mapped on no screen but "shown", so that resizes, layouts and chart geometry happen as in a dock.
void showOffscreen(QWidget* view) {
    view->setAttribute(Qt::WA_DontShowOnScreen);
    view->show();
}

} // namespace

std::optional<FigureSize> figurePreset(std::string_view name) {
    if (name == "single")
        return FigureSize::journalSingleColumn();
    if (name == "double")
        return FigureSize::journalDoubleColumn();
    if (name == "slide")
        return FigureSize::slide16by9();
    return std::nullopt;
}

std::unique_ptr<OffscreenFigure> OffscreenFigure::create(const core::Project& project,
                                                         const std::string& projectDir, QString* error) {
    std::string buildError;
    auto run = core::makeProjectRun(project, buildError, projectDir);
    if (!run) {
        if (error)
            *error = QString::fromStdString(buildError);
        return nullptr;
    }
    std::unique_ptr<OffscreenFigure> figure(new OffscreenFigure);
    figure->m_project = project;
    figure->m_run = std::move(run);
    figure->m_layout = figure->m_run->layout();
    figure->m_spikesPerNeuron.assign(figure->m_layout.neuronCount(), 0);

    figure->m_raster = std::make_unique<FigureSpikeRaster>();
    figure->m_freeEnergy = std::make_unique<TimeSeriesChart>(
        std::set<core::SignalKind>{core::SignalKind::FreeEnergyTotal, core::SignalKind::FreeEnergyLayer},
        QObject::tr("Free energy"), QObject::tr("F"));
    figure->m_traces = std::make_unique<TimeSeriesChart>(
        std::set<core::SignalKind>{core::SignalKind::StateTrace, core::SignalKind::PopulationRate},
        QObject::tr("Traces and rates"), QObject::tr("value"));
    figure->m_beliefs = std::make_unique<BeliefChart>();
    figure->m_receptiveFields = std::make_unique<ReceptiveFieldView>();
    figure->m_loihiPanel = std::make_unique<LoihiPanel>(); // never shown: painted in 2-D without OpenGL
    figure->m_editorModel = std::make_unique<NetworkEditorModel>();
    figure->m_editorScene = std::make_unique<EditorScene>(figure->m_editorModel.get());
    figure->m_editorView = std::make_unique<EditorView>(figure->m_editorScene.get());
    figure->m_editorModel->setProject(project);
    figure->m_runDiagram = std::make_unique<RunDiagramView>();
    figure->m_runDiagram->setRunLayout(figure->m_layout);

    figure->m_raster->startRun(figure->m_layout);
    figure->m_freeEnergy->setRunLayout(figure->m_layout);
    figure->m_traces->setRunLayout(figure->m_layout);
    figure->m_beliefs->setRunLayout(figure->m_layout);
    for (QWidget* view :
         {static_cast<QWidget*>(figure->m_raster.get()), static_cast<QWidget*>(figure->m_freeEnergy.get()),
          static_cast<QWidget*>(figure->m_traces.get()), static_cast<QWidget*>(figure->m_beliefs.get()),
          static_cast<QWidget*>(figure->m_receptiveFields.get()),
          static_cast<QWidget*>(figure->m_editorView.get()),
          static_cast<QWidget*>(figure->m_runDiagram.get())}) {
        view->resize(640, 400);
        showOffscreen(view);
    }
    figure->m_loihiPanel->resize(640, 400);
    figure->mapOnLoihi();
    return figure;
}

OffscreenFigure::~OffscreenFigure() = default;

bool OffscreenFigure::showsRunDiagram() const {
    return core::isPredictiveCodingProject(m_project) && m_project.experiment.value("kind", "") != "rate_pc";
}

void OffscreenFigure::mapOnLoihi() {
    if (core::isPredictiveCodingProject(m_project)) {
        core::loihi::MappingFailure note;
        note.message = "this project is a predictive-coding experiment, not a network of populations: the "
                       "mapper places populations and projections on Loihi cores";
        m_loihiPanel->setMappingFailure(note);
        return;
    }
    m_mappingProblem =
        std::make_unique<core::loihi::MappingProblem>(core::loihi::mappingProblemFor(m_project.network));
    const auto result = core::loihi::mapNetwork(*m_mappingProblem, core::loihi::loihi2());
    if (const auto* failure = std::get_if<core::loihi::MappingFailure>(&result)) {
        m_loihiPanel->setMappingFailure(*failure);
        return;
    }
    m_mapping = std::make_unique<core::loihi::Mapping>(std::get<core::loihi::Mapping>(result));
    m_loihiPanel->setMapping(*m_mappingProblem, *m_mapping);
}

void OffscreenFigure::updateLoihiTraffic() {
    if (!m_mapping || !m_mappingProblem || m_run->currentStep() == 0)
        return;
    // Spike counts per population in the mapping problem's order, as the main window does after a run.
    core::loihi::RecordedActivity activity;
    for (const auto& pop : m_layout.populations)
        activity.spikesPerNeuron.emplace_back(m_spikesPerNeuron.begin() + pop.firstNeuron,
                                              m_spikesPerNeuron.begin() + pop.firstNeuron + pop.size);
    activity.steps = m_run->currentStep();
    activity.dtMs = m_layout.dtMs;
    activity.cpuWallSeconds = m_engineSeconds;
    m_loihiPanel->setTrafficReport(
        core::loihi::accountTraffic(*m_mappingProblem, *m_mapping, core::loihi::loihi2(), activity));
}

bool OffscreenFigure::applyParameterOverrides(const std::vector<core::ParameterOverride>& overrides,
                                              QString* error) {
    try {
        core::applyParameterOverrides(*m_run, overrides);
    } catch (const std::invalid_argument& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool OffscreenFigure::run(double durationMs, QString* error) {
    const auto steps = static_cast<std::int64_t>(std::llround(durationMs / m_layout.dtMs));
    m_raster->showWholeRun(static_cast<double>(m_run->currentStep() + steps) * m_layout.dtMs);
    try {
        for (std::int64_t done = 0; done < steps;) {
            const std::int64_t n = std::min(kStepsPerSnapshot, steps - done);
            core::RunSnapshot snapshot;
            snapshot.firstStep = m_run->currentStep();
            m_run->advance(n, snapshot);
            snapshot.endStep = m_run->currentStep();
            done += n;
            for (const core::SpikeEvent& spike : snapshot.spikes)
                if (spike.neuron < m_spikesPerNeuron.size())
                    ++m_spikesPerNeuron[spike.neuron];
            m_spikes += snapshot.spikes.size();
            m_raster->addSnapshot(snapshot);
            m_freeEnergy->appendSnapshot(snapshot);
            m_traces->appendSnapshot(snapshot);
            m_beliefs->appendSnapshot(snapshot);
            m_receptiveFields->appendSnapshot(snapshot);
        }
    } catch (const core::RunFault& fault) {
        if (error)
            *error = QString::fromUtf8(fault.what());
        return false;
    }
    updateLoihiTraffic();
    m_freeEnergy->refresh();
    m_traces->refresh();
    m_beliefs->refresh();
    return true;
}

QWidget* OffscreenFigure::view(std::string_view name) const {
    if (name == "raster")
        return m_raster.get();
    if (name == "free-energy")
        return m_freeEnergy.get();
    if (name == "beliefs")
        return m_beliefs.get();
    if (name == "traces")
        return m_traces.get();
    if (name == "receptive-fields")
        return m_receptiveFields.get();
    if (name == "floorplan")
        return m_loihiPanel.get();
    if (name == "editor") // an experiment with a fixed network is drawn as the diagram of its run
        return showsRunDiagram() ? static_cast<QWidget*>(m_runDiagram.get()) : m_editorView.get();
    return nullptr;
}

QString OffscreenFigure::exportViews(const std::vector<std::string>& names, const QString& path,
                                     const FigureSize& size, int columns) {
    QList<QWidget*> views;
    for (const std::string& name : names) {
        QWidget* v = view(name);
        if (!v)
            return QStringLiteral("%1: unknown view '%2'").arg(path, QString::fromStdString(name));
        views << v;
    }
    // The same grid exportFigure draws: each view gets its panel's shape at ~100 dpi.
    const int n = static_cast<int>(views.size());
    const int rows = figureRows(n, columns);
    const int cols = (n + rows - 1) / rows;
    const double labelMm = n > 1 ? kPanelLabelMm : 0.0;
    const FigureSize page = size.withRows(rows);
    const QSize panel(static_cast<int>((page.widthMm / cols - labelMm * 1.2) * kViewPixelsPerMm),
                      static_cast<int>((page.heightMm / rows - labelMm * 0.4) * kViewPixelsPerMm));
    for (QWidget* v : std::as_const(views))
        v->resize(panel.expandedTo(v->minimumSize()));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    m_editorView->fitAll();
    m_freeEnergy->refresh();
    m_traces->refresh();
    m_beliefs->refresh();
    QCoreApplication::processEvents();
    const QString metadata = QString::fromStdString(core::projectToJson(m_project));
    return exportFigure(views, path, size, metadata, columns);
}

} // namespace pulselab::widgets
