// The engine's contracts: the same seed gives the same spikes bit for bit (and another seed others), a spike
// arrives exactly `delay` steps later, a NaN stops the run with the population and step named, runaway firing
// (every neuron, every step) warns once naming them too, a network too
// large for memory is refused before allocating, and STDP strengthens causal pairs and weakens acausal ones
// using only local traces.
#include "core/runtime/steppable_run.h"
#include "core/sim/network_run.h"
#include "core/sim/simulation.h"

#include <QTest>

using namespace pulselab::core;

namespace {

NetworkSpec relay(std::uint32_t delaySteps) {
    // One input neuron firing at 1 ms drives one LIF neuron through one strong synapse.
    NetworkSpec net;
    net.run.dtMs = 0.1;
    net.inputs.push_back({"in", "spike_times", 1, {}, {{1.0}}});
    net.populations.push_back({"out",
                               "lif_cuba",
                               1,
                               {{"v_rest_mv", -70.0},
                                {"v_init_min_mv", -70.0},
                                {"v_init_max_mv", -70.0},
                                {"tau_e_ms", 0.05},
                                {"v_reset_mv", -70.0}}});
    ProjectionSpec p;
    p.name = "in_out";
    p.source = "in";
    p.target = "out";
    p.weight = {"constant", 10000.0, 0.0};
    p.delaySteps = {"constant", static_cast<double>(delaySteps), 0.0};
    net.projections.push_back(p);
    return net;
}

std::vector<SpikeEvent> run(const NetworkSpec& net, std::int64_t steps) {
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("%s", error.c_str());
    RunSnapshot out;
    sim->advance(steps, &out);
    return out.spikes;
}

NetworkSpec smallRandomNetwork(std::uint64_t seed) {
    NetworkSpec net;
    net.run.seed = seed;
    net.inputs.push_back({"noise", "poisson", 200, {{"rate_hz", 20.0}}, {}});
    net.populations.push_back({"e", "lif_cuba", 300, {}});
    ProjectionSpec a;
    a.name = "noise_e";
    a.source = "noise";
    a.target = "e";
    a.connectivity = "fixed_probability";
    a.probability = 0.1;
    a.weight = {"uniform", 0.5, 2.0};
    a.delaySteps = {"uniform", 0.0, 20.0};
    net.projections.push_back(a);
    return net;
}

} // namespace

class TestSimulation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameSpikes() {
        const auto a = run(smallRandomNetwork(42), 3000);
        const auto b = run(smallRandomNetwork(42), 3000);
        const auto c = run(smallRandomNetwork(43), 3000);
        QVERIFY(a.size() > 100);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].step, b[i].step);
            QCOMPARE(a[i].neuron, b[i].neuron);
        }
        bool differs = a.size() != c.size();
        for (std::size_t i = 0; !differs && i < a.size(); ++i)
            differs = a[i].neuron != c[i].neuron || a[i].step != c[i].step;
        QVERIFY(differs);
    }

    void chunkingDoesNotChangeResults() {
        std::string error;
        auto whole = Simulation::build(smallRandomNetwork(5), error);
        auto pieces = Simulation::build(smallRandomNetwork(5), error);
        RunSnapshot a, b;
        whole->advance(2000, &a);
        for (int i = 0; i < 20; ++i)
            pieces->advance(100, &b);
        QCOMPARE(a.spikes.size(), b.spikes.size());
        QVERIFY(std::equal(a.spikes.begin(), a.spikes.end(), b.spikes.begin(),
                           [](const SpikeEvent& x, const SpikeEvent& y) {
                               return x.step == y.step && x.neuron == y.neuron;
                           }));
    }

    void delaysArriveAtExactlyTheRightStep_data() {
        QTest::addColumn<int>("delay");
        for (int d : {0, 1, 7, 30, 255})
            QTest::newRow(qPrintable(QString::number(d))) << d;
    }
    void delaysArriveAtExactlyTheRightStep() {
        QFETCH(int, delay);
        const auto spikes = run(relay(static_cast<std::uint32_t>(delay)), 400);
        // The input (global id 1) fires at step 10; the target (id 0) fires when the input arrives: the step
        // after the spike plus the delay.
        std::int64_t inputStep = -1, outputStep = -1;
        for (const SpikeEvent& s : spikes) {
            if (s.neuron == 1)
                inputStep = s.step;
            else if (outputStep < 0)
                outputStep = s.step;
        }
        QCOMPARE(inputStep, std::int64_t{10});
        QCOMPARE(outputStep, std::int64_t{10 + 1 + delay});
    }

    void nanStopsTheRunNamingPopulationAndStep() {
        NetworkSpec net = relay(0);
        net.projections[0].weight = {"constant", 3e38, 0.0}; // two arrivals overflow float to infinity
        net.inputs[0].spikeTimesMs = {{1.0, 1.1, 1.2}};
        std::string error;
        auto sim = Simulation::build(net, error);
        QVERIFY(sim);
        try {
            sim->advance(100, nullptr);
            QFAIL("no fault raised");
        } catch (const RunFault& fault) {
            const std::string message = fault.what();
            QVERIFY2(message.find("population 'out'") != std::string::npos, message.c_str());
            QVERIFY2(message.find("step ") != std::string::npos, message.c_str());
            QVERIFY2(message.find("NaN or infinite") != std::string::npos, message.c_str());
        }
    }

    void runawayFiringWarnsOnceNamingPopulationStepAndCause() {
        // A threshold below the reset potential with no refractory period: every neuron fires every step.
        NetworkSpec net;
        net.run.dtMs = 0.1;
        net.populations.push_back({"calm", "lif_cuba", 5, {}});
        net.populations.push_back(
            {"wild", "lif_cuba", 20, {{"v_th_mv", -80.0}, {"v_reset_mv", -70.0}, {"t_ref_ms", 0.0}}});
        std::string error;
        auto sim = Simulation::build(net, error);
        QVERIFY2(sim, error.c_str());
        RunSnapshot first;
        sim->advance(Simulation::kRunawaySteps - 2, &first);
        QVERIFY(first.warnings.empty()); // not yet: a short burst is not runaway
        RunSnapshot out;
        sim->advance(400, &out); // the run goes on
        QCOMPARE(sim->currentStep(), std::int64_t{Simulation::kRunawaySteps - 2 + 400});
        QCOMPARE(out.warnings.size(), std::size_t{1}); // once, not every step
        const std::string& message = out.warnings.front();
        QVERIFY2(message.find("population 'wild'") != std::string::npos, message.c_str());
        QVERIFY2(message.find("step " + std::to_string(Simulation::kRunawaySteps - 1)) != std::string::npos,
                 message.c_str());
        QVERIFY2(message.find("runaway firing: all 20 neurons") != std::string::npos, message.c_str());
        QCOMPARE(sim->warnings(), out.warnings);
        // Reset forgets it, and the same run warns again.
        auto replay = NetworkRun::create(net, error);
        QVERIFY(replay);
        RunSnapshot again;
        replay->advance(200, again);
        replay->reset();
        RunSnapshot afterReset;
        replay->advance(200, afterReset);
        QCOMPARE(afterReset.warnings.size(), std::size_t{1});
    }

    void tooLargeIsRefusedBeforeAllocating() {
        NetworkSpec net;
        net.populations.push_back({"huge", "lif_cuba", 100'000'000, {}});
        ProjectionSpec p;
        p.name = "dense";
        p.source = "huge";
        p.target = "huge";
        p.connectivity = "fixed_indegree";
        p.indegree = 10000;
        net.projections.push_back(p);
        std::string error;
        BuildLimits limits;
        limits.maxBytes = std::uint64_t{8} << 30;
        QVERIFY(!Simulation::build(net, error, limits));
        QVERIFY2(error.find("MiB") != std::string::npos &&
                     error.find("nothing was allocated") != std::string::npos,
                 error.c_str());
    }

    void invalidNetworkListsEveryProblem() {
        NetworkSpec net = relay(0);
        net.populations[0].parameters["tau_m_ms"] = -1.0;
        net.projections[0].target = "nowhere";
        std::string error;
        QVERIFY(!Simulation::build(net, error));
        QVERIFY2(error.find("out.parameters.tau_m_ms") != std::string::npos, error.c_str());
        QVERIFY2(error.find("in_out.target: no population named 'nowhere'") != std::string::npos,
                 error.c_str());
    }

    void stdpPotentiatesCausalAndDepressesAcausalPairs() {
        // Pre fires 2 ms before post in one pair (causal), 2 ms after in the other (acausal).
        NetworkSpec net;
        net.run.dtMs = 0.1;
        net.inputs.push_back({"pre", "spike_times", 2, {}, {{10.0, 30.0, 50.0}, {12.0, 32.0, 52.0}}});
        net.inputs.push_back({"kick", "spike_times", 2, {}, {{11.9, 31.9, 51.9}, {9.9, 29.9, 49.9}}});
        net.populations.push_back({"post",
                                   "lif_cuba",
                                   2,
                                   {{"v_rest_mv", -70.0},
                                    {"v_init_min_mv", -70.0},
                                    {"v_init_max_mv", -70.0},
                                    {"tau_e_ms", 0.05},
                                    {"t_ref_ms", 0.0},
                                    {"v_reset_mv", -70.0}}});
        ProjectionSpec plastic;
        plastic.name = "pre_post";
        plastic.source = "pre";
        plastic.target = "post";
        plastic.connectivity = "one_to_one";
        plastic.weight = {"constant", 1.0, 0.0};
        plastic.plasticity = "stdp";
        plastic.plasticityParameters = {{"a_plus", 0.1}, {"a_minus", 0.1}, {"w_max", 5.0}};
        ProjectionSpec drive;
        drive.name = "kick_post";
        drive.source = "kick";
        drive.target = "post";
        drive.connectivity = "one_to_one";
        drive.weight = {"constant", 10000.0, 0.0};
        net.projections = {plastic, drive};
        std::string error;
        auto sim = Simulation::build(net, error);
        QVERIFY2(sim, error.c_str());
        sim->advance(700, nullptr);
        const SynapseTable& table = sim->synapses("pre_post");
        QVERIFY2(table.weight[0] > 1.1f, qPrintable(QString::number(table.weight[0]))); // causal: stronger
        QVERIFY2(table.weight[1] < 0.9f, qPrintable(QString::number(table.weight[1]))); // acausal: weaker
    }

    void networkRunResetReplays() {
        std::string error;
        auto run = NetworkRun::create(smallRandomNetwork(9), error);
        QVERIFY(run);
        RunSnapshot a, b;
        run->advance(1000, a);
        run->reset();
        QCOMPARE(run->currentStep(), std::int64_t{0});
        run->advance(1000, b);
        QCOMPARE(a.spikes.size(), b.spikes.size());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run->setParameter("e", "tau_m_ms", -5.0));
        QCOMPARE(run->setParameter("e", "tau_m_ms", 10.0), 20.0);
        QCOMPARE(run->setParameter("noise", "rate_hz", 5.0), 20.0);
    }
};

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
