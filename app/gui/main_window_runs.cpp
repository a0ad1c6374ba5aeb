// The run history of the open project (the Runs dock): every run is recorded as it goes, with the project
// as it was run, and any two can be compared.
#include "app/gui/main_window.h"

#include "core/explore/run_history.h"
#include "core/io/recording_file.h"
#include "core/model/project_file.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/explore/run_comparison_panel.h"
#include "widgets/run/run_controller.h"

#include <pulselab/version.h>

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QStatusBar>

namespace pulselab::app {

namespace {

// The seed a project's run uses: a predictive-coding experiment's own, else the network's.
std::uint64_t seedOf(const core::Project& project) {
    if (project.experiment.is_object() && project.experiment.contains("seed") &&
        project.experiment["seed"].is_number_unsigned())
        return project.experiment["seed"].get<std::uint64_t>();
    return project.network.run.seed;
}

} // namespace

MainWindow::~MainWindow() {
    // Children (the run controller, the editor model and its undo stack, the panel) outlive this body and
    // may still signal (QUndoStack's destructor emits cleanChanged): nothing may reach this window after it.
    disconnect(m_controller, nullptr, this, nullptr);
    disconnect(m_editorModel, nullptr, this, nullptr);
    disconnect(m_editorModel->undoStack(), nullptr, this, nullptr);
    disconnect(m_editorScene, nullptr, this, nullptr);
    if (m_runPanel)
        m_runPanel->setHistory(nullptr);
}

void MainWindow::createRunHistory() {
    m_runHistory = std::make_unique<core::RunHistory>();
    m_runPanel = new widgets::RunComparisonPanel(this);
    m_runPanel->setObjectName(QStringLiteral("runComparison"));
    m_runPanel->setHistory(m_runHistory.get());
    // Scrolls when the dock is small: the bottom area it shares with the raster must not grow the window.
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_runPanel->setMinimumSize(520, 420);
    scroll->setWidget(m_runPanel);
    QDockWidget* runs = addViewDock(tr("Runs"), QStringLiteral("runsDock"), scroll, Qt::BottomDockWidgetArea);
    if (QDockWidget* traces = dock(QStringLiteral("tracesDock")))
        tabifyDockWidget(traces, runs);
    if (QDockWidget* raster = dock(QStringLiteral("rasterDock")))
        raster->raise();
    if (auto* view = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu"))) {
        const QList<QAction*> actions = view->actions();
        QAction* before = actions.size() >= 2 ? actions[actions.size() - 2] : nullptr; // above Reset Layout
        view->insertAction(before, runs->toggleViewAction());
    }
    if (auto* runMenu = menuBar()->findChild<QMenu*>(QStringLiteral("runMenu"))) {
        QAction* compare = runMenu->addAction(tr("&Compare Runs"), this, [this, runs] {
            runs->show();
            runs->raise();
            const auto all = m_runHistory->runs();
            if (all.size() >= 2)
                m_runPanel->compare(all[all.size() - 2]->number, all.back()->number);
        });
        compare->setObjectName(QStringLiteral("compareRunsAction"));
        compare->setStatusTip(tr("Overlay the last two runs' free energy, beliefs and rates, and list what "
                                 "differs between them"));
    }

    using widgets::RunController;
    // A run begins whenever the controller clears (a new network, or a reset) and ends at the next clear.
    connect(m_controller, &RunController::cleared, this, [this] {
        if (!m_controller->hasRun()) {
            m_runHistory->end();
        } else {
            const core::Project project = runProject();
            const QString title = m_runTitle.isEmpty() ? QString::fromStdString(project.title) : m_runTitle;
            m_runHistory->begin(m_controller->layout(), title.toStdString(), core::projectToJson(project),
                                seedOf(project), m_runInitialChanges);
        }
        m_runPanel->refreshList();
    });
    connect(m_controller, &RunController::snapshotArrived, this,
            [this](const core::RunSnapshot& snapshot) { m_runHistory->append(snapshot); });
    connect(m_controller, &RunController::stateChanged, this, [this] { m_runPanel->refreshList(); });
    connect(m_controller, &RunController::statusChanged, this, [this] {
        if (m_runPanel->isVisible() && m_controller->state() == core::RunLoop::State::Running)
            m_runPanel->refreshList();
    });
    connect(m_runPanel, &widgets::RunComparisonPanel::removeRequested, this, [this](int number) {
        if (!m_runHistory->remove(number))
            statusBar()->showMessage(tr("Run %1 is still being recorded: reset or rebuild first").arg(number),
                                     6000);
        m_runPanel->refreshList();
    });
    connect(m_runPanel, &widgets::RunComparisonPanel::exportRequested, this, [this](int number) {
        const core::RunRecord* run = m_runHistory->run(number);
        if (!run)
            return;
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save Recording of Run %1").arg(number),
                                         tr("run-%1.h5").arg(number), tr("HDF5 recording (*.h5)"));
        if (path.isEmpty())
            return;
        core::Recording recording = run->recording;
        recording.pulselabVersion = kVersion;
        const core::WriteResult written = core::writeRecordingHdf5(recording, path.toStdString());
        statusBar()->showMessage(written.ok ? tr("Saved run %1 to %2").arg(number).arg(path)
                                            : QString::fromStdString(written.error),
                                 8000);
    });
}

core::Project MainWindow::runProject() const {
    return m_runProject ? *m_runProject : m_editorModel->project();
}

void MainWindow::setRunProject(std::optional<core::Project> project,
                               std::vector<core::AppliedParameterChange> initialChanges) {
    m_runProject = std::move(project);
    m_runInitialChanges = std::move(initialChanges);
}

} // namespace pulselab::app
