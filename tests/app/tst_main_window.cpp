// The real main window: menus, run toolbar, docks, About versions, and layout saved and restored.
#include "../widgets/synthetic_run.h"
#include "app/gui/about_dialog.h"
#include "app/gui/main_window.h"
#include "core/io/nir_file.h"
#include "core/model/project_file.h"
#include "widgets/data/event_browser.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/editor/run_diagram_view.h"
#include "widgets/export/figure_export.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/floorplan/vtk_render_widget.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

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

    void runControlsDriveTheViews() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.runAction()->isEnabled()); // nothing to run yet
        window.setRun(std::make_unique<pulselab::tests::SyntheticRun>(), QStringLiteral("synthetic"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("synthetic")));
        QVERIFY(window.runAction()->isEnabled());
        QVERIFY(!window.pauseAction()->isEnabled());
        window.runAction()->trigger();
        QTRY_VERIFY(window.pauseAction()->isEnabled());
        QTRY_VERIFY(window.runController()->currentStep() > 1000);
        window.pauseAction()->trigger();
        QTRY_VERIFY(window.runAction()->isEnabled());
        window.freeEnergyChart()->refresh();
        QCOMPARE(window.freeEnergyChart()->seriesCount(), 3);
        QVERIFY(!window.freeEnergyChart()->seriesPoints(0).isEmpty());
        QCOMPARE(window.beliefChart()->latentCount(), 1);
        QTest::qWait(100); // let the views drain what the engine produced before the pause landed
        window.runController()->drain();
        const auto before = window.runController()->currentStep();
        window.stepAction()->trigger();
        QTRY_COMPARE(window.runController()->currentStep(), before + 1);
        window.resetAction()->trigger();
        QTRY_COMPARE(window.runController()->currentStep(), std::int64_t{0});
        auto* time = window.findChild<QLabel*>(QStringLiteral("timeLabel"));
        QVERIFY(time);
        QTRY_COMPARE(time->text(), QStringLiteral("t = 0.0 ms"));
    }

    void opensProjectsAndFiguresThatCarryThem() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab", &error),
                 qPrintable(error));
        QCOMPARE(window.editorModel()->nodeIds().size(), 6); // exc, inh and four probes
        QVERIFY(window.runAction()->isEnabled());
        QVERIFY(window.loihiPanel()->summaryText().contains(QStringLiteral("cores on 1 chip")));
        // Linked selection: picking an inhibitory neuron in the raster highlights its core on the floorplan.
        window.raster()->selectNeuron(3200 + 5);
        QVERIFY(window.floorplan()->selectedCore() >= 0);
        QVERIFY(window.loihiPanel()->coreDetailsText().contains(QStringLiteral("population <b>inh</b>")));
        // ... selects its population in the node editor, and tints the rows of the neurons on that core.
        QCOMPARE(window.editorScene()->selectedNodeIds(), QStringList{QStringLiteral("inh")});
        const auto [first, count] = window.raster()->highlightedNeurons();
        QVERIFY(count > 0 && first <= 3205u && 3205u < first + count && first >= 3200u);
        // A population picked in the editor tints all its rows; a neuron with a probed trace thickens it.
        window.editorScene()->selectNodes({QStringLiteral("exc")});
        QCOMPARE(window.raster()->highlightedNeurons(), (std::pair<std::uint32_t, std::uint32_t>{0, 3200}));
        window.raster()->selectNeuron(1);
        QVERIFY(window.traceChart()->highlightedSeries() >= 0);
        QCOMPARE(window.traceChart()->seriesName(window.traceChart()->highlightedSeries()),
                 QStringLiteral("exc.v[1]"));
        // ... and a click on a trace selects its neuron in the raster.
        Q_EMIT window.traceChart()->neuronPicked(QStringLiteral("exc"), 0);
        QCOMPARE(window.raster()->selectedNeuron(), 0);
        QTemporaryDir dir;
        const QString figure = dir.filePath(QStringLiteral("raster.png"));
        const QString project =
            QString::fromStdString(pulselab::core::projectToJson(window.editorModel()->project()));
        QCOMPARE(pulselab::widgets::exportFigure({window.raster()}, figure, {}, project), QString());
        MainWindow other;
        QVERIFY2(other.openProject(figure, &error), qPrintable(error));
        QCOMPARE(other.editorModel()->nodeIds(), window.editorModel()->nodeIds());
        QVERIFY(!other.openProject(dir.filePath(QStringLiteral("missing.pulselab")), &error));
        QVERIFY(error.contains(QStringLiteral("missing.pulselab")));
        QCOMPARE(other.editorModel()->nodeIds().size(), 6); // the open project survived the failed open
    }

    void floorplanRasterAndEditorShareTheSelection() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab", &error),
                 qPrintable(error));
        // The first core holding excitatory neurons (cuba: exc are neurons 0-3199, inh 3200-3999).
        int excCore = -1;
        for (int core = 0; core < window.floorplan()->coreCount() && excCore < 0; ++core)
            if (window.loihiPanel()->coreToolTip(core).contains(QStringLiteral("\nexc [")))
                excCore = core;
        QVERIFY(excCore >= 0);
        window.floorplan()->selectCore(excCore);
        // Its neurons are selected in the raster and its population in the editor, whose selection in turn
        // outlines the population's cores on the floorplan.
        const int neuron = window.raster()->selectedNeuron();
        QVERIFY2(neuron >= 0 && neuron < 3200, qPrintable(QString::number(neuron)));
        QCOMPARE(window.editorScene()->selectedNodeIds(), QStringList{QStringLiteral("exc")});
        QVERIFY(window.floorplan()->highlightedCores().count(excCore) == 1);
        window.editorScene()->selectNodes({QStringLiteral("inh")});
        QVERIFY(!window.floorplan()->highlightedCores().empty());
        QVERIFY(window.floorplan()->highlightedCores().count(excCore) == 0 ||
                window.loihiPanel()->coreToolTip(excCore).contains(QStringLiteral("inh")));
        window.editorScene()->clearSelection();
        QVERIFY(window.floorplan()->highlightedCores().empty());
    }

    // An experiment whose network its settings fix shows a diagram of it instead of an empty canvas; a box
    // clicked highlights the population's raster rows and a neuron picked in the raster selects its box.
    void fixedExperimentsShowTheirDiagram() {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/bars-spiking-pc.pulselab", &error),
                 qPrintable(error));
        auto* diagram = window.findChild<pulselab::widgets::RunDiagramView*>(QStringLiteral("runDiagram"));
        auto* editor = window.findChild<QWidget*>(QStringLiteral("editorView"));
        QVERIFY(diagram && editor);
        QTRY_VERIFY(diagram->isVisible());
        QVERIFY(!editor->isVisible());
        QCOMPARE(diagram->boxCount(), 4);
        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {},
                          diagram->mapFromScene(diagram->boxRect(2).center()));
        QCOMPARE(window.raster()->highlightedNeurons(), std::make_pair(std::uint32_t{84}, std::uint32_t{64}));
        window.raster()->selectNeuron(70); // one of the latent causes (64..83)
        QCOMPARE(diagram->selectedPopulation(), 1);

        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab", &error),
                 qPrintable(error));
        QTRY_VERIFY(editor->isVisible());
        QVERIFY(!diagram->isVisible());
    }

    void floorplanShowsLiveTrafficWhileRunning() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab", &error),
                 qPrintable(error));
        // At half real time the 1 s CUBA run lasts 2 s, several live refreshes (as fast as possible it
        // would end before the first).
        window.runController()->setRealTimeFactor(0.5);
        window.runAction()->trigger();
        QTRY_VERIFY(window.loihiPanel()->showingLiveTraffic());
        QVERIFY2(window.loihiPanel()->summaryText().contains(QStringLiteral("<b>Live</b>")),
                 qPrintable(window.loihiPanel()->summaryText()));
        window.pauseAction()->trigger();
        // Paused: the whole run so far replaces the live window.
        QTRY_VERIFY(!window.loihiPanel()->showingLiveTraffic());
        QVERIFY(window.loihiPanel()->summaryText().contains(QStringLiteral("Energy of the recorded run")));
    }

    void pcLayerEditsRebuildTheRun() {
        // The default rate-PC example opens as three layer nodes; a layer's size edited in the editor
        // becomes the run's layout, and undo brings the old one back.
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/default.pulselab", &error),
                 qPrintable(error));
        QCOMPARE(window.editorModel()->nodeIds(), (QStringList{"layer 0", "layer 1", "layer 2"}));
        auto sizeOf = [&](const char* population) -> std::uint32_t {
            for (const auto& p : window.runController()->layout().populations)
                if (p.name == population)
                    return p.size;
            return 0;
        };
        QCOMPARE(sizeOf("layer 1 values"), 6u);
        QString reason;
        QVERIFY2(
            window.editorModel()->setParameter(QStringLiteral("layer 1"), QStringLiteral("size"), 4, &reason),
            qPrintable(reason));
        QCOMPARE(sizeOf("layer 1 values"), 4u);
        QVERIFY(window.runAction()->isEnabled());
        window.editorModel()->undoStack()->undo();
        QCOMPARE(sizeOf("layer 1 values"), 6u);
    }

    void opensASweepPointAsTheRun() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/single-neuron.pulselab", &error),
                 qPrintable(error));
        std::uint64_t spikes = 0;
        connect(window.runController(), &pulselab::widgets::RunController::snapshotArrived,
                [&](const pulselab::core::RunSnapshot& s) { spikes += s.spikes.size(); });
        window.runController()->step(5000); // 0.5 s: 15 mV of drive from 100 ms
        QTRY_COMPARE(window.runController()->currentStep(), std::int64_t{5000});
        window.runController()->drain();
        const std::uint64_t base = spikes;
        window.openSweepPoint(window.editorModel()->project(), {{QStringLiteral("neuron.i_bias_mv"), 30.0}},
                              2);
        QVERIFY(window.windowTitle().contains(QStringLiteral("sweep point neuron.i_bias_mv=30, seed 2")));
        spikes = 0;
        window.runController()->step(5000);
        QTRY_COMPARE(window.runController()->currentStep(), std::int64_t{5000});
        window.runController()->drain();
        QVERIFY2(base > 5 && spikes > 2 * base,
                 qPrintable(QStringLiteral("%1 spikes, %2 with 30 mV more drive").arg(base).arg(spikes)));
        QCOMPARE(window.editorModel()->project().network.populations[0].parameters.count("i_bias_mv"),
                 std::size_t{0}); // the project itself is unchanged
    }

    void importsNirGraphsIntoTheEditor() {
        const pulselab::core::ProjectLoad cuba =
            pulselab::core::loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
        QVERIFY(cuba.project);
        QTemporaryDir dir;
        const QString nir = dir.filePath(QStringLiteral("cuba.nir"));
        std::vector<std::string> warnings;
        QVERIFY(pulselab::core::exportNir(cuba.project->network, nir.toStdString(), warnings).ok);
        const QByteArray before = [&] {
            QFile f(nir);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(nir, &error), qPrintable(error));
        const QStringList ids = window.editorModel()->nodeIds();
        QVERIFY2(ids.contains(QStringLiteral("exc")) && ids.contains(QStringLiteral("inh")),
                 qPrintable(ids.join(QLatin1Char(','))));
        QCOMPARE(window.editorModel()->project().network.projections.size(),
                 cuba.project->network.projections.size());
        QVERIFY(window.runAction()->isEnabled());
        QFile after(nir);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before); // importing never writes to the NIR file
        // A broken NIR file is refused with its name, and the imported network stays open.
        const QString broken = dir.filePath(QStringLiteral("broken.nir"));
        QFile b(broken);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("not hdf5");
        b.close();
        QVERIFY(!window.openProject(broken, &error));
        QVERIFY(error.contains(QStringLiteral("broken.nir")));
        QVERIFY(window.editorModel()->nodeIds().contains(QStringLiteral("exc")));
    }

    void eventDataBecomesAnInput() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("digit.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Three N-MNIST events (x, y, polarity|t[22:16], t[15:8], t[7:0]) on a sensor up to x = 33.
        const unsigned char events[] = {3, 4, 0x80, 0, 10, 33, 2, 0x00, 1, 0, 5, 5, 0x80, 2, 0};
        f.write(reinterpret_cast<const char*>(events), sizeof events);
        f.close();
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab", &error),
                 qPrintable(error));
        pulselab::widgets::EventBrowser* browser = window.eventBrowser();
        QVERIFY2(browser->openFile(path, &error), qPrintable(error));
        QCOMPARE(browser->stream()->size(), std::size_t{3});
        const QImage image = browser->eventImage();
        QVERIFY(image.pixel(3, 4) != qRgb(0, 0, 0));
        QVERIFY(image.pixel(33, 2) != qRgb(0, 0, 0));
        QCOMPARE(image.pixel(0, 0), qRgb(0, 0, 0));
        QVERIFY(image.pixel(3, 4) != image.pixel(33, 2)); // ON and OFF in different colours
        QPushButton* add = nullptr;
        for (QPushButton* button : browser->findChildren<QPushButton*>())
            if (button->text().contains(QStringLiteral("Add to network")))
                add = button;
        QVERIFY(add && add->isEnabled());
        const int before = static_cast<int>(window.editorModel()->project().network.inputs.size());
        add->click();
        const auto& inputs = window.editorModel()->project().network.inputs;
        QCOMPARE(static_cast<int>(inputs.size()), before + 1);
        QCOMPARE(inputs.back().kind, std::string("spike_times"));
        QCOMPARE(inputs.back().size, 34u * 6u * 2u); // width 34 (x up to 33), height 6 (y up to 5), polarity
        window.editorModel()->undoStack()->undo();
        QCOMPARE(static_cast<int>(window.editorModel()->project().network.inputs.size()), before);
        QVERIFY(!browser->openFile(dir.filePath(QStringLiteral("none.bin")), &error));
        QVERIFY(error.contains(QStringLiteral("none.bin")));
    }

    void theFirstEditAfterASaveIsAutosaved() {
        // Found by bench_gui_kill_test: QUndoStack applies an edit before it moves its index, so the first
        // edit after a save used to leave the session unmodified; Run's autosave then skipped it and a crash
        // lost it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("neuron.pulselab"));
        QVERIFY(QFile::copy(QStringLiteral(PULSELAB_SOURCE_DIR "/examples/single-neuron.pulselab"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(path, &error), qPrintable(error));
        QAction* save = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->shortcut() == QKeySequence(QKeySequence::Save))
                save = action;
        QVERIFY(save);
        const QString autosave = dir.filePath(QStringLiteral(".neuron.pulselab.autosave"));
        for (double tau : {11.0, 12.0}) { // edit + save, then the first edit after that save
            QVERIFY(window.editorModel()->setParameter(QStringLiteral("neuron"), QStringLiteral("tau_m_ms"),
                                                       tau, nullptr));
            if (tau == 11.0)
                save->trigger();
        }
        QVERIFY(!QFile::exists(autosave));
        window.runAction()->trigger(); // Run autosaves first
        window.pauseAction()->trigger();
        QVERIFY(QFile::exists(autosave));
        const pulselab::core::ProjectLoad load = pulselab::core::loadProjectFile(autosave.toStdString());
        QVERIFY2(load.project, load.error.c_str());
        QCOMPARE(load.project->network.populations.front().parameters.at("tau_m_ms"), 12.0);
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
