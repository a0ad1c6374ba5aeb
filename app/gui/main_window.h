#pragma once
// The PulseLab main window: menus, the run toolbar, and the docks where the editor, raster, plots, floorplan
// and inspector live. It wires views together; it owns no simulation state of its own.
#include "core/loihi/mapping.h"
#include "core/loihi/mapping_problem.h"
#include "core/loihi/traffic_accounting.h"
#include "core/model/network_spec.h"
#include "core/model/project_file.h"
#include "core/runtime/steppable_run.h"

#include <QMainWindow>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <span>
#include <vector>

class QAction;
class QComboBox;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace pulselab::core {
class RunHistory;
}

namespace pulselab::widgets {
class BeliefChart;
class RunComparisonPanel;
class ChipFloorplanView;
class EventBrowser;
class ReceptiveFieldView;
class LoihiPanel;
class NetworkEditorModel;
class EditorScene;
class EditorView;
class RunDiagramView;
class NodePalette;
class ParameterInspector;
class ProjectSession;
class RunController;
class SliderPanel;
class SpikeRasterView;
class StartPage;
class TimeSeriesChart;
class TourPanel;
struct RunStatus;
struct TourAction;
} // namespace pulselab::widgets

namespace pulselab::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Restores geometry and dock layout saved by a previous session (QSettings).
    void restoreLayout();
    /// Saves geometry and dock layout (also done on close).
    void saveLayout() const;

    QAction* runAction() const { return m_runAction; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* resetAction() const { return m_resetAction; }
    QDockWidget* dock(const QString& objectName) const;
    widgets::ChipFloorplanView* floorplan() const { return m_floorplan; }
    widgets::LoihiPanel* loihiPanel() const { return m_loihiPanel; }
    widgets::RunController* runController() const { return m_controller; }
    widgets::TimeSeriesChart* freeEnergyChart() const { return m_freeEnergy; }
    widgets::BeliefChart* beliefChart() const { return m_beliefs; }
    widgets::ReceptiveFieldView* receptiveFields() const { return m_receptiveFields; }

    /// Shows `run` in every view; Run/Pause/Step/Reset drive it. `title` names it in the window title.
    void setRun(std::unique_ptr<core::SteppableRun> run, const QString& title);
    /// Opens a project file and builds its network as the current run; false with `error` naming the
    /// file and the problem (the current project stays open).
    /// Opens a project (.pulselab), a figure carrying one, or a NIR graph (.nir: imported, laid out, and
    /// untitled so that saving never overwrites the NIR file).
    bool openProject(const QString& path, QString* error);
    /// Replaces the run with one point of a sweep (the project's run with that seed and those overrides).
    void openSweepPoint(const core::Project& project, const QVariantMap& overrides, quint64 seed);
    /// The event-data browser (created on first use); its "add as input" adds to the open network.
    widgets::EventBrowser* eventBrowser();
    /// As a user opens a file: offers to save unsaved changes and to recover a newer autosave first.
    void openInteractively(const QString& path);
    QString projectPath() const { return m_projectPath; }
    widgets::SpikeRasterView* raster() const { return m_raster; }
    widgets::TimeSeriesChart* traceChart() const { return m_traces; }
    widgets::NetworkEditorModel* editorModel() const { return m_editorModel; }
    widgets::EditorScene* editorScene() const { return m_editorScene; }
    widgets::ParameterInspector* inspector() const { return m_inspector; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    QDockWidget* addViewDock(const QString& title, const QString& objectName, QWidget* content,
                             Qt::DockWidgetArea area);
    void showAbout();
    void chooseAndOpenProject();
    void populateExamplesMenu(QMenu* menu);
    void wireRunController();
    void updateRunActions();
    void showStatus(const widgets::RunStatus& status);

    QAction* m_runAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_resetLayoutAction = nullptr;
    QList<QDockWidget*> m_docks;
    QByteArray m_defaultState;
    widgets::ChipFloorplanView* m_floorplan = nullptr;
    widgets::LoihiPanel* m_loihiPanel = nullptr;
    widgets::RunController* m_controller = nullptr;
    widgets::TimeSeriesChart* m_freeEnergy = nullptr;
    widgets::BeliefChart* m_beliefs = nullptr;
    widgets::ReceptiveFieldView* m_receptiveFields = nullptr;
    QDockWidget* m_receptiveFieldsDock = nullptr;
    widgets::SpikeRasterView* m_raster = nullptr;
    widgets::NetworkEditorModel* m_editorModel = nullptr;
    widgets::EditorScene* m_editorScene = nullptr;
    widgets::EditorView* m_editorView = nullptr;
    widgets::ParameterInspector* m_inspector = nullptr;
    widgets::ProjectSession* m_session = nullptr;
    QLabel* m_editorNote = nullptr;
    // The centre: the node editor, or for an experiment whose network is fixed (MNIST, bars, spike coding)
    // a read-only diagram of its populations under a note (main_window_diagram.cpp).
    QStackedWidget* m_centre = nullptr;
    QWidget* m_diagramPage = nullptr;
    widgets::RunDiagramView* m_runDiagram = nullptr;
    void createRunDiagram();
    void wireRunDiagram();
    /// Shows the diagram page (with `note`) instead of the canvas, or the canvas when `note` is empty.
    void showRunDiagram(const QString& note);
    bool m_networkProject = true;
    bool m_loadingProject = false;
    void rebuildRunFromEditor();
    void showInspectorFor(const QString& kind, const QString& id);
    bool saveProject(bool askForName);
    bool maybeSave();
    void exportFigure();
    void addFigureActions(QMenu* fileMenu); // Compose Figure, Copy View as Image (main_window_figures.cpp)
    void showEventBrowser();
    void addSweepActions(QMenu* runMenu); // Run > Parameter Sweep... (main_window_sweep.cpp)
    widgets::EventBrowser* m_eventBrowser = nullptr;
    bool applyProject(const core::ProjectLoad& load, const QString& path, QString* error);
    widgets::TimeSeriesChart* m_traces = nullptr;
    QString m_projectPath;
    // Loihi view of the open network: its mapping problem and the spikes counted per neuron during the run.
    void remapOnLoihi(const core::NetworkSpec& network);
    void updateLoihiEnergy();
    // Live traffic while running (the spikes of the last refresh interval) and the selection linked between
    // floorplan, raster and editor (main_window_loihi.cpp).
    void wireLoihiViews();
    void updateLoihiLive();
    core::loihi::RecordedActivity loihiActivity(std::span<const std::uint64_t> base,
                                                std::int64_t fromStep) const;
    static constexpr int kLoihiLiveIntervalMs = 250;
    QTimer* m_loihiLiveTimer = nullptr;
    std::vector<std::uint64_t> m_liveBaseCounts; // m_spikeCounts at the start of the live window
    std::int64_t m_liveBaseStep = 0;
    std::unique_ptr<core::loihi::MappingProblem> m_mappingProblem;
    std::unique_ptr<core::loihi::Mapping> m_mapping;
    std::vector<std::uint64_t> m_spikeCounts; // per global neuron id
    std::int64_t m_countedSteps = 0;
    double m_engineSeconds = 0.0;
    QComboBox* m_speedBox = nullptr;
    QDoubleSpinBox* m_durationBox = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_speedLabel = nullptr;
    QLabel* m_spikeRateLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QString m_runTitle;

public: // guided tours, start page and slider panel (main_window_tour.cpp)
    widgets::TourPanel* tourPanel() const { return m_tourPanel; }
    widgets::SliderPanel* sliderPanel() const { return m_sliderPanel; }
    widgets::StartPage* startPage() const { return m_startPage; }
    void showStartPage();
    /// Opens the tour of the open project (Help > Tour); false when it has none.
    bool showTour();
    /// Does what a tour link asks (run, pause, reset, show a dock, set a parameter, pin a slider).
    void performTourAction(const widgets::TourAction& action);

private:
    void createTourAndSliders();
    void addTourMenuActions(QMenu* helpMenu);
    void projectOpened();
    bool pinSlider(const QString& target, const QString& parameter, std::optional<double> minimum,
                   std::optional<double> maximum, const QString& unit, QString* reason);
    void applySliderValue(const QString& target, const QString& parameter, double value, bool postedToRun,
                          bool settled);
    bool setParameterAsUser(const QString& target, const QString& parameter, double value, QString* reason,
                            bool alreadyPosted);
    void storeSliderPins();
    widgets::TourPanel* m_tourPanel = nullptr;
    widgets::SliderPanel* m_sliderPanel = nullptr;
    widgets::StartPage* m_startPage = nullptr;
    QString m_tourProjectPath;

public: // run history and comparison (main_window_runs.cpp)
    widgets::RunComparisonPanel* runComparison() const { return m_runPanel; }
    const core::RunHistory& runHistory() const { return *m_runHistory; }
    /// The project the current run was built from: a sweep point's (seed and overrides written in), else the
    /// editor's. Exported figures embed it.
    core::Project runProject() const;

private:
    void createRunHistory();
    /// What the next run runs, for its record: `project` when it is not the editor's (a sweep point), and the
    /// changes applied before its first step.
    void setRunProject(std::optional<core::Project> project,
                       std::vector<core::AppliedParameterChange> initialChanges = {});
    std::unique_ptr<core::RunHistory> m_runHistory;
    widgets::RunComparisonPanel* m_runPanel = nullptr;
    std::optional<core::Project> m_runProject;
    std::vector<core::AppliedParameterChange> m_runInitialChanges;
};

} // namespace pulselab::app
