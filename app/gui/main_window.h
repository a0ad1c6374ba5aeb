#pragma once
// The PulseLab main window: menus, the run toolbar, and the docks where the editor, raster, plots, floorplan
// and inspector live. It wires views together; it owns no simulation state of its own.
#include "core/runtime/steppable_run.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;

namespace pulselab::widgets {
class BeliefChart;
class ChipFloorplanView;
class LoihiPanel;
class RunController;
class TimeSeriesChart;
struct RunStatus;
} // namespace pulselab::widgets

namespace pulselab::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

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

    /// Shows `run` in every view; Run/Pause/Step/Reset drive it. `title` names it in the window title.
    void setRun(std::unique_ptr<core::SteppableRun> run, const QString& title);

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
    QComboBox* m_speedBox = nullptr;
    QDoubleSpinBox* m_durationBox = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_speedLabel = nullptr;
    QLabel* m_spikeRateLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QString m_runTitle;
};

} // namespace pulselab::app
