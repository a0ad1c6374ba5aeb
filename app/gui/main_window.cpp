#include "app/gui/main_window.h"

#include "app/gui/about_dialog.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/editor/node_palette.h"
#include "widgets/export/figure_export.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/inspector/parameter_inspector.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/receptive_field_view.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/project/project_session.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include "core/explore/run_history.h"
#include "core/io/atomic_file.h"
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/model/project_file.h"
#include "core/runtime/project_run.h"

#include <pulselab/version.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace pulselab::app {

namespace {
constexpr int kLayoutVersion = 1;

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("PulseLabMainWindow"));
    setWindowTitle(QStringLiteral("PulseLab %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pulselab.svg")));
    setDockNestingEnabled(true);
    m_controller = new widgets::RunController(this);
    m_editorModel = new widgets::NetworkEditorModel(this);
    m_session = new widgets::ProjectSession(
        [this] { return QString::fromStdString(core::projectToJson(m_editorModel->project())); }, this);
    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createStatusBar();
    createTourAndSliders(); // main_window_tour.cpp
    createRunHistory();     // main_window_runs.cpp
    resize(1400, 900);
    wireRunController();
    wireLoihiViews(); // main_window_loihi.cpp
    wireRunDiagram(); // main_window_diagram.cpp
    updateRunActions();
    m_defaultState = saveState(kLayoutVersion);
}

void MainWindow::createActions() {
    const QStyle* s = style();
    m_runAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_runAction->setStatusTip(tr("Run the simulation"));
    m_pauseAction = new QAction(s->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_pauseAction->setStatusTip(tr("Pause at the next step boundary"));
    m_stepAction = new QAction(s->standardIcon(QStyle::SP_MediaSeekForward), tr("&Step"), this);
    m_stepAction->setShortcut(QKeySequence(Qt::Key_F10));
    m_stepAction->setStatusTip(tr("Advance one step"));
    m_resetAction = new QAction(s->standardIcon(QStyle::SP_MediaSkipBackward), tr("R&eset"), this);
    m_resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_resetAction->setStatusTip(tr("Back to time zero with the same seed"));
    for (QAction* a : {m_runAction, m_pauseAction, m_stepAction, m_resetAction})
        a->setObjectName(a->text().remove(QLatin1Char('&')).toLower() + QStringLiteral("Action"));
    connect(m_runAction, &QAction::triggered, m_controller, &widgets::RunController::run);
    connect(m_runAction, &QAction::triggered, this, [this] {
        QString error;
        if (!m_session->autosave(error)) // a run is when work is most at risk: keep it first
            statusBar()->showMessage(error, 8000);
    });
    connect(m_pauseAction, &QAction::triggered, m_controller, &widgets::RunController::pause);
    connect(m_stepAction, &QAction::triggered, this, [this] { m_controller->step(1); });
    connect(m_resetAction, &QAction::triggered, m_controller, &widgets::RunController::reset);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = new QAction(tr("&About PulseLab"), this);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_resetLayoutAction = new QAction(tr("Reset &Layout"), this);
    connect(m_resetLayoutAction, &QAction::triggered, this,
            [this] { restoreState(m_defaultState, kLayoutVersion); });
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* open = file->addAction(tr("&Open..."), this, &MainWindow::chooseAndOpenProject);
    open->setShortcut(QKeySequence::Open);
    QMenu* examples = file->addMenu(tr("Open &Example"));
    examples->setObjectName(QStringLiteral("examplesMenu"));
    populateExamplesMenu(examples);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString& path : widgets::ProjectSession::recentFiles())
            recent->addAction(path, this, [this, path] { openInteractively(path); });
        if (recent->isEmpty())
            recent->addAction(tr("(none yet)"))->setEnabled(false);
    });
    QAction* save = file->addAction(tr("&Save"), this, [this] { saveProject(false); });
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs = file->addAction(tr("Save &As..."), this, [this] { saveProject(true); });
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(tr("&Import NIR Network..."), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import a NIR network"), QString(),
                                                          tr("NIR graphs (*.nir)"));
        if (!path.isEmpty())
            openInteractively(path);
    });
    file->addAction(tr("Browse E&vent Data..."), this, &MainWindow::showEventBrowser);
    file->addSeparator();
    QAction* exportAction = file->addAction(tr("&Export Figure..."), this, &MainWindow::exportFigure);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    addFigureActions(file);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    QAction* undo = m_editorModel->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_editorModel->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("Auto &Layout"), this, [this] {
        m_editorScene->autoLayout();
        m_editorView->fitAll();
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName(QStringLiteral("runMenu"));
    run->addActions({m_runAction, m_pauseAction, m_stepAction, m_resetAction});
    addSweepActions(run);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    addTourMenuActions(help); // Help > Tour, Start Page (main_window_tour.cpp)
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_runAction, m_pauseAction, m_stepAction, m_resetAction});
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Speed "), bar));
    m_speedBox = new QComboBox(bar);
    m_speedBox->setObjectName(QStringLiteral("speedBox"));
    m_speedBox->setToolTip(tr("Simulated time per wall-clock time"));
    m_speedBox->addItem(tr("as fast as possible"), 0.0);
    for (double factor : {10.0, 1.0, 0.1, 0.01})
        m_speedBox->addItem(tr("%1 x real time").arg(factor), factor);
    connect(m_speedBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_controller->setRealTimeFactor(m_speedBox->itemData(i).toDouble()); });
    bar->addWidget(m_speedBox);
    bar->addWidget(new QLabel(tr("  Stop at "), bar));
    m_durationBox = new QDoubleSpinBox(bar);
    m_durationBox->setObjectName(QStringLiteral("durationBox"));
    m_durationBox->setRange(0.0, 1e9);
    m_durationBox->setDecimals(1);
    m_durationBox->setSuffix(tr(" ms"));
    m_durationBox->setSpecialValueText(tr("never"));
    m_durationBox->setToolTip(tr("Simulated duration after which the run stops (never = until paused)"));
    connect(m_durationBox, &QDoubleSpinBox::valueChanged, m_controller,
            &widgets::RunController::setDurationMs);
    bar->addWidget(m_durationBox);
}

QDockWidget* MainWindow::addViewDock(const QString& title, const QString& objectName, QWidget* content,
                                     Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks() {
    m_editorScene = new widgets::EditorScene(m_editorModel, this);
    m_editorView = new widgets::EditorView(m_editorScene, this);
    m_editorView->setObjectName(QStringLiteral("editorView"));
    createRunDiagram(); // main_window_diagram.cpp: the canvas, or a fixed experiment's diagram with its note

    m_inspector = new widgets::ParameterInspector(this);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    QDockWidget* inspector =
        addViewDock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspector, Qt::LeftDockWidgetArea);
    auto* palette = new widgets::NodePalette(m_editorModel, this);
    QDockWidget* paletteDock =
        addViewDock(tr("Palette"), QStringLiteral("paletteDock"), palette, Qt::LeftDockWidgetArea);
    splitDockWidget(paletteDock, inspector, Qt::Vertical);
    connect(palette, &widgets::NodePalette::typeActivated, this, [this](const QString& type) {
        const QString why = m_editorModel->whyCannotCreate(type);
        const QString id = m_editorModel->createNode(
            type, m_editorView->mapToScene(m_editorView->viewport()->rect().center()));
        if (id.isEmpty())
            statusBar()->showMessage(why, 8000);
        else
            m_editorScene->selectNodes({id});
    });
    connect(m_editorScene, &widgets::EditorScene::currentChanged, this, &MainWindow::showInspectorFor);
    connect(m_editorScene, &widgets::EditorScene::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(m_inspector, &widgets::ParameterInspector::parameterEdited, this,
            [this](const QString& target, const QString& name, double, double value) {
                QString reason;
                if (!m_editorModel->setParameter(target, name, value, &reason)) {
                    statusBar()->showMessage(reason, 8000);
                    return;
                }
                // Parameters of a neuron model, generator or PC experiment that the running network takes
                // change it at the next step.
                const QStringList live = m_editorModel->liveParameter(target, name);
                if (m_controller->state() == core::RunLoop::State::Running && live.size() == 2)
                    m_controller->postParameterChange(live[0], live[1], value);
            });
    // QUndoStack::push applies the edit (projectChanged) before it moves its index, so there the first edit
    // after a save still reads as clean: cleanChanged, emitted once the index moved, is what marks it.
    connect(m_editorModel->undoStack(), &QUndoStack::cleanChanged, this,
            [this](bool clean) { m_session->setModified(!clean); });
    connect(m_editorModel, &widgets::NetworkEditorModel::projectChanged, this, [this] {
        m_session->setModified(!m_editorModel->undoStack()->isClean());
        if (m_loadingProject)
            return;
        if (m_controller->state() != core::RunLoop::State::Running)
            rebuildRunFromEditor();
        else
            statusBar()->showMessage(tr("Network changed: Reset applies structural edits"), 6000);
    });

    m_raster = new widgets::SpikeRasterView(this);
    m_raster->setObjectName(QStringLiteral("spikeRaster"));
    QDockWidget* raster =
        addViewDock(tr("Spike raster"), QStringLiteral("rasterDock"), m_raster, Qt::BottomDockWidgetArea);
    m_traces = new widgets::TimeSeriesChart({core::SignalKind::StateTrace, core::SignalKind::PopulationRate},
                                            tr("Traces and rates"), tr("value"), this);
    m_traces->setObjectName(QStringLiteral("traceChart"));
    QDockWidget* traces =
        addViewDock(tr("Traces"), QStringLiteral("tracesDock"), m_traces, Qt::BottomDockWidgetArea);
    m_freeEnergy =
        new widgets::TimeSeriesChart({core::SignalKind::FreeEnergyTotal, core::SignalKind::FreeEnergyLayer},
                                     tr("Free energy"), tr("F"), this);
    m_freeEnergy->setObjectName(QStringLiteral("freeEnergyChart"));
    m_freeEnergy->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_freeEnergy, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        QAction* log = menu.addAction(tr("Logarithmic scale"));
        log->setCheckable(true);
        log->setChecked(m_freeEnergy->logScale());
        if (menu.exec(m_freeEnergy->mapToGlobal(at)) == log && !m_freeEnergy->setLogScale(log->isChecked()))
            statusBar()->showMessage(
                tr("Log scale needs positive values: this free energy goes to zero or below"), 6000);
    });
    QDockWidget* freeEnergy = addViewDock(tr("Free energy"), QStringLiteral("freeEnergyDock"), m_freeEnergy,
                                          Qt::RightDockWidgetArea);
    m_beliefs = new widgets::BeliefChart(this);
    m_beliefs->setObjectName(QStringLiteral("beliefChart"));
    QDockWidget* beliefs =
        addViewDock(tr("Beliefs"), QStringLiteral("beliefsDock"), m_beliefs, Qt::RightDockWidgetArea);
    m_loihiPanel = new widgets::LoihiPanel(this);
    m_loihiPanel->setObjectName(QStringLiteral("loihiPanel"));
    m_floorplan = m_loihiPanel->floorplan();
    QDockWidget* floorplan = addViewDock(tr("Loihi 2 floorplan"), QStringLiteral("floorplanDock"),
                                         m_loihiPanel, Qt::RightDockWidgetArea);

    splitDockWidget(freeEnergy, beliefs, Qt::Vertical);
    tabifyDockWidget(raster, traces);
    raster->raise();
    tabifyDockWidget(beliefs, floorplan);
    m_receptiveFields = new widgets::ReceptiveFieldView(this);
    m_receptiveFields->setObjectName(QStringLiteral("receptiveFieldView"));
    m_receptiveFieldsDock = addViewDock(tr("Receptive fields"), QStringLiteral("receptiveFieldsDock"),
                                        m_receptiveFields, Qt::RightDockWidgetArea);
    tabifyDockWidget(beliefs, m_receptiveFieldsDock);
    beliefs->raise();
    beliefs->raise();
    resizeDocks({raster}, {260}, Qt::Vertical);
    resizeDocks({freeEnergy}, {560}, Qt::Horizontal);
    resizeDocks({freeEnergy, beliefs}, {240, 400}, Qt::Vertical);

    QMenu* view = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu"));
    for (QDockWidget* dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(m_resetLayoutAction);

    connect(m_floorplan, &widgets::ChipFloorplanView::coreSelected, this, [this](int core) {
        if (core >= 0)
            statusBar()->showMessage(tr("Loihi 2 core %1 selected").arg(core), 4000);
    });
}

void MainWindow::createStatusBar() {
    m_timeLabel = new QLabel(tr("t = 0 ms"), this);
    m_timeLabel->setObjectName(QStringLiteral("timeLabel"));
    m_speedLabel = new QLabel(tr("stopped"), this);
    m_spikeRateLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_spikeRateLabel);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::wireRunController() {
    using widgets::RunController;
    connect(m_controller, &RunController::layoutChanged, m_freeEnergy,
            &widgets::TimeSeriesChart::setRunLayout);
    connect(m_controller, &RunController::layoutChanged, m_beliefs, &widgets::BeliefChart::setRunLayout);
    connect(m_controller, &RunController::snapshotArrived, m_freeEnergy,
            &widgets::TimeSeriesChart::appendSnapshot);
    connect(m_controller, &RunController::snapshotArrived, m_beliefs, &widgets::BeliefChart::appendSnapshot);
    connect(m_controller, &RunController::cleared, m_freeEnergy, &widgets::TimeSeriesChart::clear);
    connect(m_controller, &RunController::cleared, m_beliefs, &widgets::BeliefChart::clear);
    connect(m_controller, &RunController::snapshotArrived, this, [this](const core::RunSnapshot& snapshot) {
        // The first learned features of a run bring their view to the front: they are what it is about.
        if (snapshot.features && !m_receptiveFields->features())
            m_receptiveFieldsDock->raise();
        m_receptiveFields->appendSnapshot(snapshot);
    });
    connect(m_controller, &RunController::cleared, m_receptiveFields, &widgets::ReceptiveFieldView::clear);
    connect(m_controller, &RunController::layoutChanged, m_raster, &widgets::SpikeRasterView::setRunLayout);
    connect(m_controller, &RunController::snapshotArrived, m_raster,
            &widgets::SpikeRasterView::appendSnapshot);
    connect(m_controller, &RunController::cleared, m_raster, &widgets::SpikeRasterView::clear);
    connect(m_controller, &RunController::layoutChanged, m_traces, &widgets::TimeSeriesChart::setRunLayout);
    connect(m_controller, &RunController::snapshotArrived, m_traces,
            &widgets::TimeSeriesChart::appendSnapshot);
    connect(m_controller, &RunController::cleared, m_traces, &widgets::TimeSeriesChart::clear);
    // Linked selection: a neuron picked in the raster (or by clicking its trace) is named in the status bar,
    // its trace drawn thicker, its population selected in the node editor and its Loihi core highlighted on
    // the floorplan; a population picked in the editor, or a core on the floorplan, tints its neurons' rows.
    connect(m_traces, &widgets::TimeSeriesChart::neuronPicked, this,
            [this](const QString& population, int index) {
                for (const auto& info : m_controller->layout().populations)
                    if (QString::fromStdString(info.name) == population && index >= 0 &&
                        static_cast<std::uint32_t>(index) < info.size)
                        m_raster->selectNeuron(static_cast<int>(info.firstNeuron) + index);
            });
    connect(m_editorScene, &widgets::EditorScene::currentChanged, this,
            [this](const QString& kind, const QString& id) {
                if (kind != QLatin1String("node")) {
                    m_raster->highlightNeurons(0, 0);
                    return;
                }
                for (const auto& info : m_controller->layout().populations)
                    if (QString::fromStdString(info.name) == id)
                        m_raster->highlightNeurons(info.firstNeuron, info.size);
            });
    connect(m_floorplan, &widgets::ChipFloorplanView::coreSelected, this, [this](int core) {
        if (!m_mapping || !m_mappingProblem || core < 0)
            return;
        for (const auto& part : m_mapping->partitions) {
            if (part.chip != m_loihiPanel->shownChip() || part.core != core)
                continue;
            const auto& name = m_mappingProblem->populations[static_cast<std::size_t>(part.population)].name;
            for (const auto& info : m_controller->layout().populations)
                if (info.name == name)
                    m_raster->highlightNeurons(info.firstNeuron + part.firstNeuron, part.neurons);
        }
    });
    connect(m_raster, &widgets::SpikeRasterView::neuronSelected, this, [this](int neuron) {
        const auto& layout = m_controller->layout();
        const int pop = neuron >= 0 ? layout.populationOf(static_cast<std::uint32_t>(neuron)) : -1;
        if (pop < 0) {
            m_traces->highlightNeuron(QString(), -1);
            return;
        }
        const auto& info = layout.populations[static_cast<std::size_t>(pop)];
        const auto index = static_cast<std::uint32_t>(neuron) - info.firstNeuron;
        const QString popName = QString::fromStdString(info.name);
        m_traces->highlightNeuron(popName, static_cast<int>(index));
        if (m_editorScene->nodeItem(popName) && m_editorScene->selectedNodeIds() != QStringList{popName})
            m_editorScene->selectNodes({popName});
        QString where;
        if (m_mapping && m_mappingProblem) {
            for (const auto& part : m_mapping->partitions) {
                const auto& name =
                    m_mappingProblem->populations[static_cast<std::size_t>(part.population)].name;
                if (name == info.name && index >= part.firstNeuron &&
                    index < part.firstNeuron + part.neurons) {
                    m_loihiPanel->showChip(part.chip);
                    m_floorplan->selectCore(part.core);
                    where = tr(" on Loihi 2 chip %1, core %2").arg(part.chip).arg(part.core);
                }
            }
        }
        statusBar()->showMessage(tr("Selected %1[%2] (neuron %3)%4")
                                     .arg(QString::fromStdString(info.name))
                                     .arg(index)
                                     .arg(neuron)
                                     .arg(where),
                                 8000);
    });
    connect(m_controller, &RunController::snapshotArrived, this, [this](const core::RunSnapshot& snapshot) {
        for (const core::SpikeEvent& spike : snapshot.spikes)
            if (spike.neuron < m_spikeCounts.size())
                ++m_spikeCounts[spike.neuron];
        m_countedSteps = snapshot.endStep;
        m_engineSeconds = snapshot.engineWallSeconds;
    });
    connect(m_controller, &RunController::cleared, this, [this] {
        std::fill(m_spikeCounts.begin(), m_spikeCounts.end(), 0);
        m_countedSteps = 0;
    });
    connect(m_controller, &RunController::stateChanged, this, [this](core::RunLoop::State state) {
        if (state != core::RunLoop::State::Running)
            updateLoihiEnergy();
    });
    connect(m_controller, &RunController::stateChanged, this, [this] { updateRunActions(); });
    connect(m_controller, &RunController::statusChanged, this, &MainWindow::showStatus);
    connect(m_controller, &RunController::faultReported, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
}

void MainWindow::setRun(std::unique_ptr<core::SteppableRun> run, const QString& title) {
    m_runTitle = title;
    m_controller->setRun(std::move(run));
    m_controller->setRealTimeFactor(m_speedBox->currentData().toDouble());
    setWindowTitle(title.isEmpty() ? QStringLiteral("PulseLab %1").arg(QString::fromLatin1(kVersion))
                                   : QStringLiteral("%1 - PulseLab").arg(title));
    updateRunActions();
}

void MainWindow::rebuildRunFromEditor() {
    const core::Project& project = m_editorModel->project();
    if (project.experiment.is_object() && project.experiment.value("kind", "") == "rate_pc") {
        // A rate-PC hierarchy edited on the canvas: the run follows its experiment settings.
        std::string error;
        auto run = core::makeProjectRun(project, error);
        m_controller->setRun(std::move(run)); // none while the hierarchy is invalid: its nodes say why
        if (m_controller->hasRun())
            m_controller->setRealTimeFactor(m_speedBox->currentData().toDouble());
        updateRunActions();
        return;
    }
    if (!m_networkProject)
        return;
    const core::NetworkSpec& network = m_editorModel->project().network;
    if (!core::validate(network).empty()) {
        setRunProject(std::nullopt);
        m_controller->setRun(nullptr); // the canvas shows what is wrong
        updateRunActions();
        return;
    }
    std::string error;
    auto run = core::makeProjectRun(m_editorModel->project(), error,
                                    QFileInfo(m_projectPath).absolutePath().toStdString());
    if (!run) {
        statusBar()->showMessage(QString::fromStdString(error), 10000);
        return;
    }
    setRunProject(std::nullopt);
    m_controller->setRun(std::move(run));
    m_controller->setRealTimeFactor(m_speedBox->currentData().toDouble());
    remapOnLoihi(network);
    updateRunActions();
}

void MainWindow::showInspectorFor(const QString& kind, const QString& id) {
    if (kind.isEmpty()) {
        m_inspector->clear();
        return;
    }
    std::vector<widgets::ParameterField> fields;
    for (const auto& f : m_editorModel->fields(id))
        fields.push_back({f.name, f.unit, f.minimum, f.maximum, f.defaultValue, f.value, f.help, f.integer});
    const QString title = kind == QLatin1String("node") ? m_editorModel->node(id).model : tr("projection");
    m_inspector->setFields(id, title, fields);
}

void MainWindow::updateRunActions() {
    using State = core::RunLoop::State;
    const bool has = m_controller->hasRun();
    const State state = m_controller->state();
    m_runAction->setEnabled(has && (state == State::Paused));
    m_pauseAction->setEnabled(has && state == State::Running);
    m_stepAction->setEnabled(has && state == State::Paused);
    m_resetAction->setEnabled(has);
    switch (state) {
    case State::Running:
        m_speedLabel->setText(tr("running"));
        break;
    case State::Paused:
        m_speedLabel->setText(has ? tr("paused") : tr("no run"));
        break;
    case State::Finished:
        m_speedLabel->setText(tr("finished"));
        break;
    case State::Faulted:
        m_speedLabel->setText(tr("stopped on an error"));
        break;
    }
}

void MainWindow::showStatus(const widgets::RunStatus& status) {
    m_timeLabel->setText(status.simulatedMs < 10000
                             ? tr("t = %1 ms").arg(status.simulatedMs, 0, 'f', 1)
                             : tr("t = %1 s").arg(status.simulatedMs / 1000.0, 0, 'f', 2));
    if (m_controller->state() == core::RunLoop::State::Running) {
        m_speedLabel->setText(tr("%1 x real time").arg(status.realTimeFactor, 0, 'g', 3));
        m_spikeRateLabel->setText(tr("%1 spikes/s").arg(status.spikesPerSecond, 0, 'g', 3));
    }
    m_progress->setVisible(status.progress >= 0.0);
    if (status.progress >= 0.0)
        m_progress->setValue(static_cast<int>(status.progress * 1000));
}

QDockWidget* MainWindow::dock(const QString& objectName) const {
    for (QDockWidget* d : m_docks) {
        if (d->objectName() == objectName)
            return d;
    }
    return nullptr;
}

void MainWindow::restoreLayout() {
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state, kLayoutVersion);
    settings.endGroup();
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState(kLayoutVersion));
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace pulselab::app
