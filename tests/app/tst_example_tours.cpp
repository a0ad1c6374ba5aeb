// The example tours against the real main window: every set/slider link names a real target and parameter of
// its own project (a node's schema, or a parameter its run accepts), every show link a real dock; opening an
// example brings its tour and pinned sliders; a tour's "set" is one undo step that the sliders follow; the
// start page shows without a project and opens the example whose card is clicked.
#include "app/gui/main_window.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/floorplan/vtk_render_widget.h"
#include "widgets/run/run_controller.h"
#include "widgets/sliders/slider_panel.h"
#include "widgets/tour/start_page.h"
#include "widgets/tour/tour_panel.h"

#include "core/model/project_file.h"
#include "core/runtime/project_run.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace pulselab;
using app::MainWindow;
using widgets::TourAction;

namespace {

QString examplesDir() {
    return QStringLiteral(PULSELAB_SOURCE_DIR "/examples");
}

// Empty when `action` (a set or slider link) fits `project`; otherwise what is wrong.
QString checkParameterLink(const core::Project& project, const TourAction& action) {
    const QString what = action.target + QLatin1Char('.') + action.parameter;
    if (!core::isPredictiveCodingProject(project)) {
        widgets::NetworkEditorModel model;
        model.setProject(project);
        for (const auto& field : model.fields(action.target)) {
            if (field.name != action.parameter)
                continue;
            auto inRange = [&](double v) { return v >= field.minimum && v <= field.maximum; };
            if (action.kind == TourAction::Kind::SetParameter && !inRange(action.value))
                return what + QStringLiteral(": value %1 outside the schema range").arg(action.value);
            if ((action.minimum && !inRange(*action.minimum)) ||
                (action.maximum && !inRange(*action.maximum)))
                return what + QStringLiteral(": slider range outside the schema range");
            return {};
        }
        return what + QStringLiteral(": no such node parameter");
    }
    // A predictive-coding run: the parameter must be one the run accepts, at the values the link uses.
    std::string error;
    auto run = core::makeProjectRun(project, error, examplesDir().toStdString());
    if (!run)
        return what + QStringLiteral(": cannot build the run: ") + QString::fromStdString(error);
    std::vector<double> values;
    if (action.kind == TourAction::Kind::SetParameter)
        values.push_back(action.value);
    if (action.kind == TourAction::Kind::PinSlider) {
        if (!action.minimum || !action.maximum)
            return what + QStringLiteral(": a run parameter's slider needs min= and max=");
        values = {*action.minimum, *action.maximum};
    }
    for (double v : values) {
        try {
            run->setParameter(action.target.toStdString(), action.parameter.toStdString(), v);
        } catch (const std::exception& e) {
            return what + QStringLiteral(": ") + QString::fromUtf8(e.what());
        }
    }
    return {};
}

} // namespace

class TestExampleTours : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void everyLinkNamesARealParameterAndDock() {
        MainWindow window;
        const QDir dir(examplesDir());
        int checked = 0;
        for (const QString& name : dir.entryList({QStringLiteral("*.tour.md")}, QDir::Files)) {
            const QString projectPath = dir.filePath(name.chopped(8) + QStringLiteral(".pulselab"));
            const core::ProjectLoad load = core::loadProjectFile(projectPath.toStdString());
            QVERIFY2(load.project, load.error.c_str());
            QString error;
            const auto tour = widgets::TourDocument::fromFile(dir.filePath(name), &error);
            for (const widgets::TourLink& link : tour.actionLinks()) {
                QString reason;
                const auto action = TourAction::fromUrl(link.url, &reason);
                QVERIFY2(action, qPrintable(name + QStringLiteral(": ") + reason));
                const QString where = name + QStringLiteral(" step %1: ").arg(link.step + 1);
                if (action->kind == TourAction::Kind::ShowDock) {
                    QVERIFY2(window.dock(action->dock), qPrintable(where + action->dock));
                    ++checked;
                } else if (action->kind == TourAction::Kind::SetParameter ||
                           action->kind == TourAction::Kind::PinSlider) {
                    const QString problem = checkParameterLink(*load.project, *action);
                    QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 15);
    }

    void startPageShowsWithoutAProjectAndOpensTheClickedExample() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startPage()->isVisible());
        QVERIFY(window.startPage()->examples().size() >= 5);
        QCOMPARE(window.startPage()->examples().front().name,
                 QStringLiteral("bars-rate-pc")); // the default demo
        QWidget* card = window.startPage()->card(QStringLiteral("bayesian-neuron"));
        QVERIFY(card);
        QTest::mouseClick(card, Qt::LeftButton, {}, card->rect().center());
        QTRY_VERIFY(window.projectPath().endsWith(QStringLiteral("bayesian-neuron.pulselab")));
        QTRY_VERIFY(!window.startPage()->isVisible());
        QTRY_VERIFY(window.tourPanel()->hasTour());
        QVERIFY(window.tourPanel()->tour().title().contains(QStringLiteral("Bayesian")));
        window.showStartPage(); // Help > Start Page
        QVERIFY(window.startPage()->isVisible());
    }

    void anExampleOpensWithItsTourAndSliders() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY2(window.openProject(examplesDir() + QStringLiteral("/single-neuron.pulselab"), &error),
                 qPrintable(error));
        QTRY_VERIFY(window.tourPanel()->hasTour());
        QCOMPARE(window.tourPanel()->counterText(), QStringLiteral("Step 1 of 5"));
        QVERIFY(window.dock(QStringLiteral("tourDock"))->isVisible());
        const auto pins = window.sliderPanel()->pins();
        QCOMPARE(pins.size(), std::size_t{2});
        QCOMPARE(pins[0].label(), QStringLiteral("neuron.i_bias_mv [mV]"));
        QCOMPARE(pins[1].label(), QStringLiteral("neuron.v_th_mv [mV]"));
        QCOMPARE(pins[1].value, -50.0);
        QVERIFY(window.dock(QStringLiteral("slidersDock"))->isVisible());

        // A tour's set link: one undo step, followed by the slider; undo takes both back.
        TourAction set;
        set.kind = TourAction::Kind::SetParameter;
        set.target = QStringLiteral("neuron");
        set.parameter = QStringLiteral("v_th_mv");
        set.value = -44.0;
        const int undoBefore = window.editorModel()->undoStack()->count();
        window.performTourAction(set);
        QCOMPARE(window.editorModel()->undoStack()->count(), undoBefore + 1);
        QCOMPARE(window.editorModel()->project().network.populations[0].parameters.at("v_th_mv"), -44.0);
        QCOMPARE(window.sliderPanel()->pins()[1].value, -44.0);
        window.editorModel()->undoStack()->undo();
        QCOMPARE(window.editorModel()->project().network.populations[0].parameters.count("v_th_mv"),
                 std::size_t{0});
        QCOMPARE(window.sliderPanel()->pins()[1].value, -50.0); // the schema default again
    }

    void aSliderDragWhileRunningReachesTheEngine() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(examplesDir() + QStringLiteral("/single-neuron.pulselab"), &error),
                 qPrintable(error));
        QTRY_COMPARE(window.sliderPanel()->pins().size(), std::size_t{2});
        widgets::RunController* controller = window.runController();
        controller->setDurationMs(0); // run until paused
        controller->setRealTimeFactor(1.0);
        controller->run();
        QTRY_VERIFY(controller->currentStep() > 100);
        QVERIFY(window.sliderPanel()->dragTo(QStringLiteral("neuron"), QStringLiteral("i_bias_mv"), 20.0));
        QTRY_VERIFY(!controller->parameterHistory().empty());
        const auto& change = controller->parameterHistory().front();
        QCOMPARE(change.target, std::string("neuron"));
        QCOMPARE(change.parameter, std::string("i_bias_mv"));
        QVERIFY(qAbs(change.newValue - 20.0) < 0.1);
        QVERIFY(change.step > 100);
        controller->pause();
        QTest::qWait(100);
        controller->drain();
        QCOMPARE(controller->parameterHistory().size(), std::size_t{1}); // posted once, not again on release
        // The settled value is also in the project (undoable), as an inspector edit would be.
        QVERIFY(qAbs(window.editorModel()->project().network.populations[0].parameters.at("i_bias_mv") -
                     20.0) < 0.1);
    }

    void pcTourActionsGoToTheRun() {
        MainWindow window;
        QString error;
        QVERIFY2(window.openProject(examplesDir() + QStringLiteral("/default.pulselab"), &error),
                 qPrintable(error));
        TourAction slider;
        slider.kind = TourAction::Kind::PinSlider;
        slider.target = QStringLiteral("pc");
        slider.parameter = QStringLiteral("inference_rate");
        slider.minimum = 0.002;
        slider.maximum = 0.2;
        window.performTourAction(slider);
        QCOMPARE(window.sliderPanel()->pins().size(), std::size_t{1});
        QCOMPARE(window.sliderPanel()->pins()[0].value, 0.02); // from the experiment settings
        TourAction set;
        set.kind = TourAction::Kind::SetParameter;
        set.target = QStringLiteral("task");
        set.parameter = QStringLiteral("noise_sd");
        set.value = 1.5;
        window.performTourAction(set); // paused: applied at once, at the current step boundary
        QTRY_COMPARE(window.runController()->parameterHistory().size(), std::size_t{1});
        QCOMPARE(window.runController()->parameterHistory()[0].newValue, 1.5);
    }
};

int main(int argc, char** argv) {
    pulselab::widgets::VtkRenderWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PulseLabTest"));
    QApplication::setApplicationName(QStringLiteral("tst_example_tours"));
    TestExampleTours test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_example_tours.moc"
