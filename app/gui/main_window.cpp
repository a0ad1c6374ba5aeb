#include "app/gui/main_window.h"

#include "app/gui/about_dialog.h"
#include "widgets/floorplan/chip_floorplan_view.h"

#include <pulselab/version.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace pulselab::app {

namespace {
constexpr int kLayoutVersion = 1;

/// Shown in a dock until the view that belongs there has something to show.
QLabel* viewHint(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMargin(12);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("PulseLabMainWindow"));
    setWindowTitle(QStringLiteral("PulseLab %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pulselab.svg")));
    setDockNestingEnabled(true);
    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createStatusBar();
    resize(1400, 900);
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
    for (QAction* a : {m_runAction, m_pauseAction, m_stepAction, m_resetAction}) {
        a->setObjectName(a->text().remove(QLatin1Char('&')).toLower() + QStringLiteral("Action"));
        a->setEnabled(false); // enabled once a project with a network is open
    }

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
    file->addAction(m_quitAction);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName(QStringLiteral("runMenu"));
    run->addActions({m_runAction, m_pauseAction, m_stepAction, m_resetAction});

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({m_runAction, m_pauseAction, m_stepAction, m_resetAction});
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
    setCentralWidget(viewHint(tr("Network editor\n\nPopulations, predictive-coding layers, inputs and probes "
                                 "are built here."),
                              this));

    addViewDock(tr("Inspector"), QStringLiteral("inspectorDock"),
                viewHint(tr("Select a node or edge to edit its parameters."), this), Qt::LeftDockWidgetArea);
    QDockWidget* raster = addViewDock(tr("Spike raster"), QStringLiteral("rasterDock"),
                                      viewHint(tr("Spikes appear here while the network runs."), this),
                                      Qt::BottomDockWidgetArea);
    QDockWidget* freeEnergy = addViewDock(
        tr("Free energy"), QStringLiteral("freeEnergyDock"),
        viewHint(tr("Free energy, total and per layer, against time."), this), Qt::RightDockWidgetArea);
    QDockWidget* beliefs =
        addViewDock(tr("Beliefs"), QStringLiteral("beliefsDock"),
                    viewHint(tr("Posterior beliefs against time."), this), Qt::RightDockWidgetArea);
    m_floorplan = new widgets::ChipFloorplanView(this);
    m_floorplan->setObjectName(QStringLiteral("chipFloorplan"));
    QDockWidget* floorplan = addViewDock(tr("Loihi 2 floorplan"), QStringLiteral("floorplanDock"),
                                         m_floorplan, Qt::RightDockWidgetArea);

    splitDockWidget(freeEnergy, beliefs, Qt::Vertical);
    tabifyDockWidget(beliefs, floorplan);
    floorplan->raise();
    resizeDocks({raster}, {260}, Qt::Vertical);
    resizeDocks({freeEnergy}, {460}, Qt::Horizontal);

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
    m_speedLabel = new QLabel(tr("stopped"), this);
    statusBar()->addPermanentWidget(m_timeLabel);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->showMessage(tr("Ready"));
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
    saveLayout();
    event->accept();
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace pulselab::app
