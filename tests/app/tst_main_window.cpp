// The real main window: menus, run toolbar, docks, About versions, and layout saved and restored.
#include "app/gui/about_dialog.h"
#include "app/gui/main_window.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/vtk_render_widget.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

using pulselab::app::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void hasTheFiveMenus() {
        MainWindow window;
        QStringList titles;
        for (QAction* a : window.menuBar()->actions())
            titles << a->text().remove(QLatin1Char('&'));
        QCOMPARE(titles, (QStringList{"File", "Edit", "View", "Run", "Help"}));
    }

    void toolbarCarriesRunControls() {
        MainWindow window;
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("runToolBar"));
        QVERIFY(bar);
        const QList<QAction*> actions = bar->actions();
        QVERIFY(actions.contains(window.runAction()));
        QVERIFY(actions.contains(window.pauseAction()));
        QVERIFY(actions.contains(window.stepAction()));
        QVERIFY(actions.contains(window.resetAction()));
        QCOMPARE(window.runAction()->shortcut(), QKeySequence(Qt::Key_F5));
    }

    void docksForEveryView() {
        MainWindow window;
        for (const char* name :
             {"inspectorDock", "rasterDock", "freeEnergyDock", "beliefsDock", "floorplanDock"})
            QVERIFY2(window.dock(QString::fromLatin1(name)), name);
        QVERIFY(window.floorplan());
        QCOMPARE(window.floorplan()->coreCount(), 128);
        QCOMPARE(window.dockWidgetArea(window.dock("rasterDock")), Qt::BottomDockWidgetArea);
    }

    void aboutListsLibraryVersions() {
        const QString text = pulselab::app::AboutDialog::versionLines().join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("Qt 6.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("VTK 9.")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Eigen 3.4")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("HDF5 1.")), qPrintable(text));
    }

    void layoutIsSavedAndRestored() {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.dock(QStringLiteral("beliefsDock"))->hide();
            window.resize(1111, 777);
            window.close(); // saves
        }
        MainWindow again;
        again.restoreLayout();
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.dock(QStringLiteral("beliefsDock"))->isHidden());
        QVERIFY(!again.dock(QStringLiteral("rasterDock"))->isHidden());
        QCOMPARE(again.size(), QSize(1111, 777));
    }
};

int main(int argc, char** argv) {
    pulselab::widgets::VtkRenderWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PulseLabTest"));
    QApplication::setApplicationName(QStringLiteral("tst_main_window"));
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_main_window.moc"
