// Multi-threaded stepping and dense storage change nothing but speed: the same seed gives the same spikes and
// the same final state bit for bit with 1, 2 or 3 threads, on networks with delays, inhibition, inputs, STDP
// and dense projections; a dense projection delivers exactly what the same synapses in sparse rows deliver.
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <algorithm>
#include <cstring>

using namespace pulselab::core;

namespace {

struct Outcome {
    std::vector<SpikeEvent> spikes;
    std::vector<double> finalV;
    std::uint64_t events = 0;
    std::vector<float> weights; // of the plastic projection, if any
};

Outcome run(NetworkSpec net, int threads, std::int64_t steps) {
    net.run.threads = threads;
    std::string error;
    BuildLimits limits;
    limits.minNeuronsPerThread = 0; // really use every thread, however small the network
    auto sim = Simulation::build(net, error, limits);
    if (!sim)
        qFatal("%s", error.c_str());
    if (sim->threads() != threads)
        qFatal("asked for %d threads, got %d", threads, sim->threads());
    RunSnapshot out;
    // Odd chunk sizes: chunk boundaries must not matter either.
    for (std::int64_t done = 0; done < steps;) {
        const std::int64_t n = std::min<std::int64_t>(37, steps - done);
        sim->advance(n, &out);
        done += n;
    }
    Outcome o;
    o.spikes = out.spikes;
    o.events = sim->synapticEvents();
    for (const auto& pop : net.populations)
        for (std::uint32_t i = 0; i < pop.size; ++i)
            o.finalV.push_back(sim->state(pop.name, "v", i));
    for (const auto& pr : net.projections)
        if (!pr.plasticity.empty())
            o.weights = sim->synapses(pr.name).weight;
    return o;
}

bool sameSpikes(const std::vector<SpikeEvent>& a, const std::vector<SpikeEvent>& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](const auto& x, const auto& y) { return x.step == y.step && x.neuron == y.neuron; });
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

ProjectionSpec projection(const std::string& name, const std::string& source, const std::string& target,
                          double probability, Distribution weight, Distribution delay) {
    ProjectionSpec p;
    p.name = name;
    p.source = source;
    p.target = target;
    p.connectivity = "fixed_probability";
    p.probability = probability;
    p.weight = weight;
    p.delaySteps = delay;
    return p;
}

/// Excitatory and inhibitory LIF populations (sizes not multiples of 16, so shares have ragged ends), Poisson
/// input, drawn delays, an adaptive population and an STDP projection.
NetworkSpec mixedNetwork() {
    NetworkSpec net;
    net.run.seed = 11;
    net.inputs.push_back({"noise", "poisson", 150, {{"rate_hz", 30.0}}, {}});
    net.populations.push_back({"e", "lif_cuba", 803, {}});
    net.populations.push_back({"i", "lif_cuba", 201, {}});
    net.populations.push_back({"a", "lif_adaptive", 97, {{"v_rest_mv", -55.0}}});
    net.projections.push_back(
        projection("noise_e", "noise", "e", 0.1, {"uniform", 0.5, 2.0}, {"uniform", 0, 15}));
    net.projections.push_back(projection("e_e", "e", "e", 0.02, {"constant", 1.62, 0}, {"uniform", 0, 30}));
    ProjectionSpec ei = projection("e_i", "e", "i", 0.02, {"normal", 1.6, 0.3}, {"constant", 3, 0});
    net.projections.push_back(ei);
    ProjectionSpec ie = projection("i_e", "i", "e", 0.02, {"constant", -9.0, 0}, {"constant", 0, 0});
    ie.receptor = "inhibitory";
    net.projections.push_back(ie);
    ProjectionSpec ea = projection("e_a", "e", "a", 0.05, {"uniform", 0.0, 2.0}, {"constant", 1, 0});
    ea.plasticity = "stdp";
    net.projections.push_back(ea);
    // At p = 0.6 with one delay, "auto" stores this projection densely.
    net.projections.push_back(projection("a_i", "a", "i", 0.6, {"uniform", 0.0, 0.3}, {"constant", 2, 0}));
    return net;
}

} // namespace

class TestEngineThreads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cubaIsBitIdenticalWithAnyThreadCount() {
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        const Outcome one = run(load.project->network, 1, 2000);
        QVERIFY(one.spikes.size() > 1000);
        for (int threads : {2, 3}) {
            const Outcome many = run(load.project->network, threads, 2000);
            QCOMPARE(many.spikes.size(), one.spikes.size());
            QVERIFY(sameSpikes(many.spikes, one.spikes));
            QVERIFY(sameBits(many.finalV, one.finalV));
            QCOMPARE(many.events, one.events);
        }
    }

    void mixedNetworkIsBitIdenticalWithAnyThreadCount() {
        const Outcome one = run(mixedNetwork(), 1, 3000);
        QVERIFY(one.spikes.size() > 500);
        QVERIFY(!one.weights.empty());
        for (int threads : {2, 3}) {
            const Outcome many = run(mixedNetwork(), threads, 3000);
            QVERIFY(sameSpikes(many.spikes, one.spikes));
            QVERIFY(sameBits(many.finalV, one.finalV));
            QVERIFY(many.weights == one.weights);
            QCOMPARE(many.events, one.events);
        }
    }

    void denseDeliversWhatSparseDelivers() {
        NetworkSpec dense = mixedNetwork();
        NetworkSpec sparse = mixedNetwork();
        for (auto& pr : dense.projections)
            if (pr.name == "a_i" || pr.name == "e_i")
                pr.storage = "dense";
        for (auto& pr : sparse.projections)
            pr.storage = "sparse";
        const Outcome d = run(dense, 1, 3000);
        const Outcome s = run(sparse, 1, 3000);
        QVERIFY(sameSpikes(d.spikes, s.spikes));
        QVERIFY(sameBits(d.finalV, s.finalV));
        QCOMPARE(d.events, s.events);
        std::string error;
        auto sim = Simulation::build(dense, error);
        QVERIFY(sim);
        auto reference = Simulation::build(sparse, error);
        QCOMPARE(sim->synapseCount(), reference->synapseCount());
        // The compressed rows a dense projection gives back are the synapses it was built from.
        QVERIFY(sim->synapses("a_i").weight == reference->synapses("a_i").weight);
        QVERIFY(sim->synapses("a_i").packed == reference->synapses("a_i").packed);
    }

    void denseStorageIsRefusedWhereItCannotWork() {
        auto reasonFor = [](const NetworkSpec& net, const std::string& node) {
            for (const Problem& p : validate(net))
                if (p.node == node && p.field == "storage")
                    return p.reason;
            return std::string();
        };
        NetworkSpec net = mixedNetwork();
        QVERIFY(reasonFor(net, "noise_e").empty());
        net.projections[0].storage = "diagonal";
        QVERIFY(reasonFor(net, "noise_e").find("not auto, sparse or dense") != std::string::npos);
        net.projections[0].storage = "dense"; // its delays are drawn
        QVERIFY(reasonFor(net, "noise_e").find("constant delay") != std::string::npos);
        net.projections[4].storage = "dense"; // e_a learns
        QVERIFY(reasonFor(net, "e_a").find("cannot learn") != std::string::npos);
    }

    void smallNetworksStayOnOneThread() {
        NetworkSpec net = mixedNetwork(); // 1,101 neurons
        net.run.threads = 2;
        std::string error;
        QCOMPARE(Simulation::build(net, error)->threads(), 1);
        BuildLimits limits;
        limits.minNeuronsPerThread = 500;
        QCOMPARE(Simulation::build(net, error, limits)->threads(), 2);
    }

    void storageSurvivesTheProjectFile() {
        Project project;
        project.network = mixedNetwork();
        project.network.projections[2].storage = "dense";
        const std::string text = projectToJson(project);
        const ProjectLoad load = parseProject(text, "storage.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        QCOMPARE(load.project->network.projections[2].storage, std::string("dense"));
        QCOMPARE(load.project->network.projections[1].storage, std::string("auto"));
    }
};

QTEST_APPLESS_MAIN(TestEngineThreads)
#include "tst_engine_threads.moc"
