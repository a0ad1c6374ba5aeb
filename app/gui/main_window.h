#pragma once
// The PulseLab main window: menus, the run toolbar, and the docks where the editor, raster, plots, floorplan
// and inspector live. It wires views together; it owns no simulation state of its own.
#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;

namespace pulselab::widgets {
class ChipFloorplanView;
}

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
    QLabel* m_timeLabel = nullptr;
    QLabel* m_speedLabel = nullptr;
};

} // namespace pulselab::app
