// The slider panel: a pinned parameter's slider maps onto its range (log for wide positive ranges), a drag
// during a run reaches the engine at a step boundary and is in the run's change history, settled values are
// reported for the undoable edit, and pins survive a round trip through the project's editor section.
#include "synthetic_run.h"
#include "widgets/run/run_controller.h"
#include "widgets/sliders/slider_panel.h"
#include "widgets/sliders/slider_pins_json.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace pulselab;
using widgets::RunController;
using widgets::SliderPanel;
using widgets::SliderPin;
using widgets::SliderScale;

namespace {
SliderPin decayPin() {
    SliderPin pin;
    pin.target = QStringLiteral("hidden");
    pin.parameter = QStringLiteral("decay");
    pin.minimum = 0.0;
    pin.maximum = 0.02;
    pin.value = 0.001;
    return pin;
}
} // namespace

class TestSliderPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linearAndLogScales() {
        const SliderScale linear(-20.0, 40.0);
        QVERIFY(!linear.logarithmic());
        QCOMPARE(linear.positionOf(10.0), SliderScale::kPositions / 2);
        QCOMPARE(linear.valueAt(SliderScale::kPositions), 40.0);
        QCOMPARE(linear.positionOf(1000.0), SliderScale::kPositions); // clamped
        const SliderScale log(1e-4, 1.0);
        QVERIFY(log.logarithmic());
        // 1e-2 is half way on a log scale from 1e-4 to 1.
        QCOMPARE(log.positionOf(1e-2), SliderScale::kPositions / 2);
        QVERIFY(qAbs(log.valueAt(SliderScale::kPositions / 4) - 1e-3) < 1e-12);
        QVERIFY(!SliderScale(-1.0, 1000.0).logarithmic()); // a log scale needs a positive range
    }

    void refusesUnusableAndDuplicatePins() {
        SliderPanel panel(nullptr);
        QString reason;
        SliderPin empty = decayPin();
        empty.maximum = empty.minimum;
        QVERIFY(!panel.addPin(empty, &reason));
        QVERIFY2(reason.contains(QStringLiteral("hidden.decay")), qPrintable(reason));
        QVERIFY(panel.addPin(decayPin(), &reason));
        QVERIFY(!panel.addPin(decayPin(), &reason));
        QVERIFY(reason.contains(QStringLiteral("already")));
        QCOMPARE(panel.pins().size(), std::size_t{1});
        panel.removePin(QStringLiteral("hidden"), QStringLiteral("decay"));
        QVERIFY(panel.pins().empty());
    }

    void dragDuringARunLandsAtAStepBoundaryAndIsInTheHistory() {
        RunController controller;
        auto run = std::make_unique<tests::SyntheticRun>();
        controller.setRun(std::move(run));
        controller.setRealTimeFactor(1.0); // 1 ms steps at real time: the run is still going when we drag
        SliderPanel panel(&controller);
        QVERIFY(panel.addPin(decayPin()));
        QSignalSpy applied(&controller, &RunController::parameterChanged);
        QSignalSpy moved(&panel, &SliderPanel::valueMoved);
        controller.run();
        QTRY_VERIFY(controller.currentStep() > 50);
        QCOMPARE(controller.state(), core::RunLoop::State::Running);
        const std::int64_t before = controller.currentStep();
        QVERIFY(panel.dragTo(QStringLiteral("hidden"), QStringLiteral("decay"), 0.01));
        QTRY_COMPARE(applied.count(), 1);
        const auto change = applied[0][0].value<core::AppliedParameterChange>();
        QCOMPARE(change.target, std::string("hidden"));
        QCOMPARE(change.parameter, std::string("decay"));
        QCOMPARE(change.oldValue, 0.001);
        QVERIFY(qAbs(change.newValue - 0.01) < 1e-12);
        QVERIFY2(change.step >= before, qPrintable(QString::number(change.step)));
        QCOMPARE(controller.parameterHistory().size(), std::size_t{1});
        QCOMPARE(controller.parameterHistory()[0].step, change.step);
        // The drag was posted to the run while it ran, and its release reported the settled value.
        QVERIFY(moved.count() >= 1);
        const QList<QVariant> last = moved.back();
        QVERIFY(qAbs(last[2].toDouble() - 0.01) < 1e-12);
        QVERIFY(last[4].toBool()); // settled
        QVERIFY(last[3].toBool()); // ... and already in the engine: the owner must not post it again
        QTest::qWait(100);
        controller.drain();
        QCOMPARE(controller.parameterHistory().size(), std::size_t{1});
        controller.pause();
    }

    void moveWhileIdleIsReportedNotPosted() {
        RunController controller;
        controller.setRun(std::make_unique<tests::SyntheticRun>());
        SliderPanel panel(&controller);
        QVERIFY(panel.addPin(decayPin()));
        QSignalSpy moved(&panel, &SliderPanel::valueMoved);
        QSignalSpy applied(&controller, &RunController::parameterChanged);
        QVERIFY(panel.dragTo(QStringLiteral("hidden"), QStringLiteral("decay"), 0.005));
        QCOMPARE(moved.count(), 2); // the move, then the release that settles it
        QVERIFY(!moved[0][3].toBool());
        QVERIFY(!moved[1][3].toBool());
        QVERIFY(moved[1][4].toBool());
        QTest::qWait(50);
        controller.drain();
        QCOMPARE(applied.count(), 0); // the owner applies it (undoably); the panel did not post it
    }

    void showValueMovesTheSliderSilently() {
        SliderPanel panel(nullptr);
        QVERIFY(panel.addPin(decayPin()));
        QSignalSpy moved(&panel, &SliderPanel::valueMoved);
        panel.showValue(QStringLiteral("hidden"), QStringLiteral("decay"), 0.015);
        QCOMPARE(panel.slider(QStringLiteral("hidden"), QStringLiteral("decay"))->value(), 750);
        QCOMPARE(panel.pins()[0].value, 0.015);
        QCOMPARE(moved.count(), 0);
    }

    void pinsRoundTripThroughTheEditorSection() {
        SliderPin threshold;
        threshold.target = QStringLiteral("neuron");
        threshold.parameter = QStringLiteral("v_th_mv");
        threshold.unit = QStringLiteral("mV");
        threshold.minimum = -58;
        threshold.maximum = -30;
        threshold.value = -50;
        nlohmann::json editor = {{"positions", nlohmann::json::object()}};
        editor["sliders"] = widgets::slidersToJson({decayPin(), threshold});
        QStringList problems;
        const auto pins = widgets::slidersFromEditor(editor, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(pins.size(), std::size_t{2});
        QCOMPARE(pins[1].label(), QStringLiteral("neuron.v_th_mv [mV]"));
        QCOMPARE(pins[1].minimum, -58.0);
        QCOMPARE(pins[0].value, 0.001);
    }

    void badPinsAreNamedAndSkipped() {
        const auto editor = nlohmann::json::parse(R"({"sliders": [
            {"target": "neuron", "parameter": "v_th_mv", "min": -60, "max": -30, "value": -50},
            {"target": "neuron", "min": 0, "max": 1, "value": 0},
            {"target": "neuron", "parameter": "i_bias_mv", "min": 5, "max": 5, "value": 5},
            "nonsense"]})");
        QStringList problems;
        const auto pins = widgets::slidersFromEditor(editor, &problems);
        QCOMPARE(pins.size(), std::size_t{1});
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems[0].startsWith(QStringLiteral("editor.sliders[1].parameter")),
                 qPrintable(problems[0]));
        QVERIFY2(problems[1].contains(QStringLiteral("neuron.i_bias_mv")), qPrintable(problems[1]));
        QVERIFY(problems[2].startsWith(QStringLiteral("editor.sliders[3]")));
        QStringList none;
        QVERIFY(widgets::slidersFromEditor(nlohmann::json::object(), &none).empty());
        QVERIFY(none.isEmpty());
    }
};

QTEST_MAIN(TestSliderPanel)
#include "tst_slider_panel.moc"
