// The run controller and the live plots it feeds: pause really stops, a parameter change lands at a step
// boundary and is marked on the free-energy plot, reset clears, and the plots hold what the run produced.
#include "synthetic_run.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/run/run_controller.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QValueAxis>

using namespace pulselab;
using widgets::RunController;

class TestRunController : public QObject {
    Q_OBJECT

    struct Rig {
        RunController controller;
        widgets::TimeSeriesChart freeEnergy{
            {core::SignalKind::FreeEnergyTotal, core::SignalKind::FreeEnergyLayer}, "Free energy", "F"};
        widgets::BeliefChart beliefs;
        std::vector<core::SpikeEvent> spikes;
        Rig() {
            QObject::connect(&controller, &RunController::layoutChanged, &freeEnergy,
                             &widgets::TimeSeriesChart::setRunLayout);
            QObject::connect(&controller, &RunController::layoutChanged, &beliefs,
                             &widgets::BeliefChart::setRunLayout);
            QObject::connect(&controller, &RunController::snapshotArrived, &freeEnergy,
                             &widgets::TimeSeriesChart::appendSnapshot);
            QObject::connect(&controller, &RunController::snapshotArrived, &beliefs,
                             &widgets::BeliefChart::appendSnapshot);
            QObject::connect(&controller, &RunController::snapshotArrived,
                             [this](const core::RunSnapshot& s) {
                                 spikes.insert(spikes.end(), s.spikes.begin(), s.spikes.end());
                             });
            QObject::connect(&controller, &RunController::cleared, &freeEnergy,
                             &widgets::TimeSeriesChart::clear);
            QObject::connect(&controller, &RunController::cleared, &beliefs, &widgets::BeliefChart::clear);
            QObject::connect(&controller, &RunController::cleared, [this] { spikes.clear(); });
            controller.setRun(std::make_unique<tests::SyntheticRun>());
        }
    };

private Q_SLOTS:
    void plotsShowWhatTheRunProduced() {
        Rig rig;
        QCOMPARE(rig.freeEnergy.seriesCount(), 3);
        QCOMPARE(rig.beliefs.latentCount(), 1);
        QVERIFY(rig.beliefs.hasBand(0));
        QVERIFY(rig.beliefs.hasTruth(0));
        rig.controller.step(500);
        QTRY_COMPARE(rig.controller.currentStep(), std::int64_t{500});
        rig.freeEnergy.refresh();
        rig.beliefs.refresh();
        QCOMPARE(rig.spikes.size(), std::size_t{500});
        // The last point of layer 1 is 2 * exp(-0.001 * 500) at t = 0.5 s.
        const QList<QPointF> layer1 = rig.freeEnergy.seriesPoints(2);
        QCOMPARE(rig.freeEnergy.seriesName(2), QStringLiteral("F layer 1"));
        QVERIFY(!layer1.isEmpty());
        QCOMPARE(layer1.back().x(), 0.5);
        QVERIFY(qAbs(layer1.back().y() - 2.0 * std::exp(-0.5)) < 1e-9);
        const QList<QPointF> belief = rig.beliefs.meanPoints(0);
        QVERIFY(qAbs(belief.back().y() - (1.0 - std::exp(-0.01 * 499))) < 1e-9);
        QCOMPARE(rig.beliefs.classProbabilities(), (std::vector<double>{0.3, 0.7}));
    }

    void pauseReallyStopsTheEngine() {
        Rig rig;
        QSignalSpy states(&rig.controller, &RunController::stateChanged);
        rig.controller.run();
        QTRY_VERIFY(rig.controller.currentStep() > 2000);
        rig.controller.pause();
        QTRY_COMPARE(rig.controller.state(), core::RunLoop::State::Paused);
        QTest::qWait(50);
        rig.controller.drain();
        const auto atPause = rig.controller.currentStep();
        QTest::qWait(150);
        rig.controller.drain();
        QCOMPARE(rig.controller.currentStep(), atPause);
        QCOMPARE(static_cast<std::int64_t>(rig.spikes.size()), atPause);
        QVERIFY(states.count() >= 2); // Running, then Paused
    }

    void parameterChangeLandsAtAStepBoundaryAndIsMarked() {
        Rig rig;
        QSignalSpy changes(&rig.controller, &RunController::parameterChanged);
        rig.controller.step(100);
        QTRY_COMPARE(rig.controller.currentStep(), std::int64_t{100});
        rig.controller.postParameterChange("hidden", "decay", 0.01);
        rig.controller.step(100);
        QTRY_COMPARE(rig.controller.currentStep(), std::int64_t{200});
        QTRY_COMPARE(changes.count(), 1);
        QCOMPARE(rig.controller.parameterHistory().size(), std::size_t{1});
        QCOMPARE(rig.controller.parameterHistory()[0].step, std::int64_t{100});
        QCOMPARE(rig.freeEnergy.markerCount(), 1);
        rig.freeEnergy.refresh();
        // F after 200 steps: exp(-0.001 * 100 - 0.01 * 100) for layer 0.
        const QList<QPointF> layer0 = rig.freeEnergy.seriesPoints(1);
        QVERIFY(qAbs(layer0.back().y() - std::exp(-0.1 - 1.0)) < 1e-9);
    }

    void refusedParameterChangeIsReported() {
        Rig rig;
        QSignalSpy faults(&rig.controller, &RunController::faultReported);
        rig.controller.postParameterChange("hidden", "decay", -1);
        QTRY_COMPARE(faults.count(), 1);
        QVERIFY(faults[0][0].toString().contains(QStringLiteral("hidden.decay")));
        QVERIFY(rig.controller.parameterHistory().empty());
    }

    void resetClearsTheViews() {
        Rig rig;
        rig.controller.step(300);
        QTRY_COMPARE(rig.controller.currentStep(), std::int64_t{300});
        QSignalSpy cleared(&rig.controller, &RunController::cleared);
        rig.controller.reset();
        QTRY_COMPARE(cleared.count(), 1);
        QCOMPARE(rig.controller.currentStep(), std::int64_t{0});
        rig.freeEnergy.refresh();
        QVERIFY(rig.freeEnergy.seriesPoints(0).isEmpty());
        QVERIFY(rig.spikes.empty());
    }

    void durationStopsTheRunAndReportsProgress() {
        Rig rig;
        QSignalSpy status(&rig.controller, &RunController::statusChanged);
        rig.controller.setDurationMs(1500.0);
        rig.controller.run();
        QTRY_COMPARE(rig.controller.state(), core::RunLoop::State::Finished);
        QTRY_COMPARE(rig.controller.currentStep(), std::int64_t{1500});
        QVERIFY(!status.isEmpty());
        const auto last = status.back()[0].value<widgets::RunStatus>();
        QCOMPARE(last.progress, 1.0);
        QCOMPARE(last.simulatedMs, 1500.0);
    }

    void finishIsReportedWithTheFinalTime() {
        // The engine may finish while its last snapshots still wait in the queue. "Finished" must reach the
        // views together with the final status, not before it (which left the status up to 500 ms stale and
        // made the live-view bench see the engine at a third of its speed).
        Rig rig;
        widgets::RunStatus lastStatus;
        QObject::connect(&rig.controller, &RunController::statusChanged,
                         [&](const widgets::RunStatus& s) { lastStatus = s; });
        double statusAtFinish = -1.0;
        std::int64_t stepAtFinish = -1;
        QObject::connect(&rig.controller, &RunController::stateChanged, [&](core::RunLoop::State state) {
            if (state == core::RunLoop::State::Finished) {
                statusAtFinish = lastStatus.simulatedMs;
                stepAtFinish = rig.controller.currentStep();
            }
        });
        // A slow view: while it paints, the engine runs ahead and finishes with snapshots still queued.
        QObject::connect(&rig.controller, &RunController::snapshotArrived, [] { QThread::msleep(15); });
        rig.controller.setDurationMs(200000.0);
        rig.controller.run();
        QTRY_VERIFY_WITH_TIMEOUT(stepAtFinish >= 0, 20000);
        QCOMPARE(stepAtFinish, std::int64_t{200000});
        QCOMPARE(statusAtFinish, 200000.0);
    }

    void aNonNegativeSignalKeepsItsAxisAtZero() {
        // Free energy with fixed variances has its floor at 0 (the bars demo): the padding above and below
        // the data must not open an empty band of negative values under it.
        widgets::TimeSeriesChart chart({core::SignalKind::Other}, "F", "F");
        chart.resize(600, 300);
        core::RunLayout layout;
        layout.dtMs = 1.0;
        layout.scalarSignals = {{"F", core::SignalKind::Other, 0, ""}};
        chart.setRunLayout(layout);
        core::RunSnapshot s;
        s.endStep = 3;
        s.samples = {{0, {0, 1, 2}, {0.0, 93.0, 4.0}}};
        chart.appendSnapshot(s);
        chart.refresh();
        const auto* y = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical).constFirst());
        QVERIFY(y);
        QCOMPARE(y->min(), 0.0);
        QVERIFY(y->max() >= 93.0);
    }

    void logScaleRefusedForNonPositiveData() {
        widgets::TimeSeriesChart chart({core::SignalKind::Other}, "x", "y");
        core::RunLayout layout;
        layout.dtMs = 1.0;
        layout.scalarSignals = {{"v", core::SignalKind::Other, 0, ""}};
        chart.setRunLayout(layout);
        core::RunSnapshot s;
        s.endStep = 2;
        s.samples = {{0, {0, 1}, {1.0, 10.0}}};
        chart.appendSnapshot(s);
        QVERIFY(chart.setLogScale(true));
        QVERIFY(chart.logScale());
        core::RunSnapshot t;
        t.firstStep = 2;
        t.endStep = 3;
        t.samples = {{0, {2}, {-1.0}}};
        chart.appendSnapshot(t);
        QVERIFY(chart.setLogScale(false));
        QVERIFY(!chart.setLogScale(true)); // -1 cannot be drawn on a log axis
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestRunController test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_run_controller.moc"
