// The run loop: chunks on a worker thread, snapshots through the SPSC queue, commands at step boundaries.
// Driven with a deterministic fake run whose spikes are a known function of the step and of a parameter.
#include "core/runtime/run_loop.h"
#include "core/runtime/spsc_queue.h"

#include <QTest>

#include <stdexcept>
#include <thread>

using namespace pulselab::core;
using namespace std::chrono_literals;

namespace {

/// Neuron (step * stride) % 10 spikes at every step; signal 0 samples the step number.
class FakeRun : public SteppableRun {
public:
    std::int64_t faultAtStep = -1;
    RunLayout layout() const override {
        RunLayout l;
        l.dtMs = 1.0;
        l.populations = {{"pop", 10, 0}};
        l.scalarSignals = {{"step", SignalKind::Other, 0, ""}};
        return l;
    }
    void advance(std::int64_t steps, RunSnapshot& out) override {
        SignalSamples samples;
        samples.signal = 0;
        for (std::int64_t i = 0; i < steps; ++i) {
            if (m_step == faultAtStep)
                throw RunFault("population 'pop', step " + std::to_string(m_step) + ": state became NaN");
            out.spikes.push_back({m_step, static_cast<std::uint32_t>((m_step * m_stride) % 10)});
            samples.steps.push_back(m_step);
            samples.values.push_back(static_cast<double>(m_step));
            ++m_step;
        }
        out.samples.push_back(std::move(samples));
    }
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override {
        if (target != "pop" || parameter != "stride")
            throw std::invalid_argument("'" + target + "." + parameter + "': no such parameter");
        const double old = static_cast<double>(m_stride);
        m_stride = static_cast<std::int64_t>(value);
        return old;
    }
    void reset() override {
        m_step = 0;
        m_stride = 1;
    }

private:
    std::int64_t m_step = 0;
    std::int64_t m_stride = 1;
};

struct Drained {
    std::vector<SpikeEvent> spikes;
    std::vector<AppliedParameterChange> changes;
    std::string fault;
    std::uint64_t dropped = 0;
    bool finished = false;
    int epoch = 0;
    std::int64_t lastEnd = 0;
};

void drain(RunLoop& loop, Drained& d) {
    while (auto s = loop.popSnapshot()) {
        if (s->epoch != d.epoch) {
            d = Drained{};
            d.epoch = s->epoch;
        }
        QCOMPARE(s->firstStep, d.lastEnd); // snapshots are contiguous
        d.lastEnd = s->endStep;
        d.spikes.insert(d.spikes.end(), s->spikes.begin(), s->spikes.end());
        d.changes.insert(d.changes.end(), s->parameterChanges.begin(), s->parameterChanges.end());
        if (!s->fault.empty())
            d.fault = s->fault;
        d.dropped += s->droppedSpikes;
        d.finished = d.finished || s->finished;
    }
}

void waitForState(RunLoop& loop, RunLoop::State state) {
    QTRY_VERIFY_WITH_TIMEOUT(loop.state() == state, 5000);
}

} // namespace

class TestRunLoop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void spscQueueKeepsOrderAcrossThreads() {
        SpscQueue<int> queue(8);
        constexpr int kCount = 200000;
        std::thread producer([&] {
            for (int i = 0; i < kCount;) {
                int item = i;
                if (queue.tryPush(item))
                    ++i;
            }
        });
        int expected = 0;
        while (expected < kCount) {
            if (auto v = queue.tryPop()) {
                QCOMPARE(*v, expected);
                ++expected;
            }
        }
        producer.join();
        QVERIFY(!queue.tryPop());
    }

    void stepAdvancesExactly() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.step(7);
        QTRY_COMPARE(loop.currentStep(), std::int64_t{7});
        waitForState(loop, RunLoop::State::Paused);
        Drained d;
        drain(loop, d);
        QCOMPARE(d.spikes.size(), std::size_t{7});
        QCOMPARE(d.spikes.back().step, std::int64_t{6});
    }

    void pauseReallyStopsTheEngine() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.run();
        QTRY_VERIFY(loop.currentStep() > 1000);
        loop.pause();
        waitForState(loop, RunLoop::State::Paused);
        const std::int64_t atPause = loop.currentStep();
        std::this_thread::sleep_for(100ms);
        QCOMPARE(loop.currentStep(), atPause);
        Drained d;
        QTRY_VERIFY((drain(loop, d), d.lastEnd == atPause));
        QCOMPARE(static_cast<std::int64_t>(d.spikes.size()), atPause);
    }

    void recycledSpikeBuffersAreRefilled() {
        // A consumed snapshot handed back is the buffer the engine's next chunk writes into: no allocation
        // per chunk on the engine thread.
        RunLoop loop(std::make_unique<FakeRun>());
        loop.step(5);
        QTRY_VERIFY(loop.queuedSnapshots() > 0);
        std::optional<RunSnapshot> first = loop.popSnapshot();
        QVERIFY(first);
        QCOMPARE(first->spikes.size(), std::size_t{5});
        const SpikeEvent* buffer = first->spikes.data();
        loop.recycle(std::move(*first));
        waitForState(loop, RunLoop::State::Paused);
        loop.step(5);
        QTRY_VERIFY(loop.queuedSnapshots() > 0);
        std::optional<RunSnapshot> second = loop.popSnapshot();
        QVERIFY(second);
        QCOMPARE(second->spikes.size(), std::size_t{5});
        QCOMPARE(second->spikes.front().step, std::int64_t{5});
        QCOMPARE(second->spikes.data(), buffer);
    }

    void parameterChangeLandsAtAStepBoundary() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.step(5);
        QTRY_COMPARE(loop.currentStep(), std::int64_t{5});
        loop.postParameterChange("pop", "stride", 3);
        loop.step(5);
        QTRY_COMPARE(loop.currentStep(), std::int64_t{10});
        Drained d;
        QTRY_VERIFY((drain(loop, d), d.lastEnd == 10));
        QCOMPARE(d.changes.size(), std::size_t{1});
        QCOMPARE(d.changes[0].step, std::int64_t{5});
        QCOMPARE(d.changes[0].oldValue, 1.0);
        QCOMPARE(d.changes[0].newValue, 3.0);
        // Steps before 5 used stride 1, from step 5 on stride 3.
        for (const SpikeEvent& s : d.spikes)
            QCOMPARE(s.neuron, static_cast<std::uint32_t>((s.step * (s.step < 5 ? 1 : 3)) % 10));
    }

    void refusedParameterChangeIsReported() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.postParameterChange("pop", "tau_m", 3);
        Drained d;
        QTRY_VERIFY((drain(loop, d), !d.fault.empty()));
        QVERIFY(d.fault.find("pop.tau_m") != std::string::npos);
        QVERIFY(d.changes.empty());
    }

    void resetReplaysTheSameSpikes() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.step(20);
        Drained first;
        QTRY_VERIFY((drain(loop, first), first.lastEnd == 20));
        loop.reset();
        loop.step(20);
        Drained second;
        QTRY_VERIFY((drain(loop, second), second.epoch == 1 && second.lastEnd == 20));
        QCOMPARE(second.spikes.size(), first.spikes.size());
        for (std::size_t i = 0; i < first.spikes.size(); ++i)
            QCOMPARE(second.spikes[i].neuron, first.spikes[i].neuron);
    }

    void engineDoesNotWaitForASlowConsumer() {
        RunLoop loop(std::make_unique<FakeRun>(), 2);
        loop.run();
        // Nobody drains: the engine must keep stepping.
        std::this_thread::sleep_for(50ms);
        const std::int64_t a = loop.currentStep();
        std::this_thread::sleep_for(100ms);
        QVERIFY2(loop.currentStep() > a, "engine stalled behind a full queue");
        loop.pause();
        waitForState(loop, RunLoop::State::Paused);
        const std::int64_t end = loop.currentStep();
        Drained d;
        QTRY_VERIFY((drain(loop, d), d.lastEnd == end));
        QCOMPARE(static_cast<std::int64_t>(d.spikes.size() + d.dropped), end); // nothing lost unaccounted
    }

    void stopStepFinishesExactly() {
        RunLoop loop(std::make_unique<FakeRun>());
        loop.setStopStep(12345);
        loop.run();
        waitForState(loop, RunLoop::State::Finished);
        QCOMPARE(loop.currentStep(), std::int64_t{12345});
        Drained d;
        QTRY_VERIFY((drain(loop, d), d.finished));
        loop.run(); // already at the end: stays finished
        std::this_thread::sleep_for(20ms);
        QCOMPARE(loop.currentStep(), std::int64_t{12345});
    }

    void faultStopsTheRunWithItsMessage() {
        auto run = std::make_unique<FakeRun>();
        run->faultAtStep = 42;
        RunLoop loop(std::move(run));
        loop.run();
        waitForState(loop, RunLoop::State::Faulted);
        Drained d;
        QTRY_VERIFY((drain(loop, d), !d.fault.empty()));
        QVERIFY(d.fault.find("step 42") != std::string::npos);
        QCOMPARE(loop.currentStep(), std::int64_t{42});
    }

    void realTimePacingHoldsTheEngineBack() {
        RunLoop loop(std::make_unique<FakeRun>()); // dt = 1 ms
        loop.setRealTimeFactor(1.0);
        loop.run();
        std::this_thread::sleep_for(200ms);
        // An unpaced fake run does millions of steps in 200 ms; paced at 1x it does about 200.
        QVERIFY2(loop.currentStep() < 2000, qPrintable(QString::number(loop.currentStep())));
        QVERIFY(loop.currentStep() > 0);
    }
};

QTEST_APPLESS_MAIN(TestRunLoop)
#include "tst_run_loop.moc"
