// Teaching demo 6 (examples/delays.pulselab): synaptic delays matched to a spatio-temporal pattern make its
// spikes arrive together (Masquelier's point about delays as a code for timing). Ten afferents fire in a
// sweep 1.5 ms apart, alternating forward and reverse every 50 ms. Ground truth is arithmetic: with delay d_i
// on afferent i, its spike at t_i arrives at t_i + d_i; the demo's delays make those equal, within one step,
// for the forward sweep only. The detector must fire once per forward sweep and never for the reverse one,
// and the control neuron (equal delays, same weights) never. Then the same network on Loihi 2: the network
// fits one chip without splitting a population, and the synaptic operations the accounting counts equal the
// deliveries the engine made.
#include "core/loihi/chip_description.h"
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace pulselab::core;

namespace {

constexpr double kPeriodMs = 50.0;
constexpr double kFirstOnsetMs = 10.0;

struct DemoRun {
    NetworkSpec network;
    std::unique_ptr<Simulation> sim;
    RunSnapshot out;
    RunLayout layout;
    std::int64_t steps = 0;
};

DemoRun runDemo() {
    DemoRun d;
    const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/delays.pulselab");
    if (!load.project)
        qFatal("%s", load.error.c_str());
    d.network = load.project->network;
    std::string error;
    d.sim = Simulation::build(d.network, error);
    if (!d.sim)
        qFatal("%s", error.c_str());
    d.layout = d.sim->layout();
    d.steps = std::llround(d.network.run.durationMs / d.network.run.dtMs);
    d.sim->advance(d.steps, &d.out);
    return d;
}

const PopulationInfo& population(const RunLayout& layout, const std::string& name) {
    for (const PopulationInfo& p : layout.populations)
        if (p.name == name)
            return p;
    qFatal("no population %s", name.c_str());
}

/// Spike steps of population `name`'s neurons, per neuron.
std::vector<std::vector<std::int64_t>> spikeSteps(const DemoRun& d, const std::string& name) {
    const PopulationInfo& p = population(d.layout, name);
    std::vector<std::vector<std::int64_t>> steps(p.size);
    for (const SpikeEvent& s : d.out.spikes)
        if (s.neuron >= p.firstNeuron && s.neuron < p.firstNeuron + p.size)
            steps[s.neuron - p.firstNeuron].push_back(s.step);
    return steps;
}

int presentationOf(double timeMs) {
    return static_cast<int>(std::floor((timeMs - kFirstOnsetMs) / kPeriodMs));
}

} // namespace

class TestDelaysDemo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void forwardSweepArrivesWithinOneStep() {
        const DemoRun d = runDemo();
        const SynapseTable& table = d.sim->synapses("tuned delays");
        const auto afferents = spikeSteps(d, "afferents");
        QCOMPARE(afferents.size(), std::size_t{10});
        // arrival steps of every delivery, per presentation
        std::map<int, std::vector<std::int64_t>> arrivals;
        for (std::uint32_t source = 0; source < afferents.size(); ++source)
            for (std::int64_t step : afferents[source])
                for (std::uint64_t k = table.rowStart[source]; k < table.rowStart[source + 1]; ++k)
                    arrivals[presentationOf(static_cast<double>(step) * d.network.run.dtMs)].push_back(
                        step + SynapseTable::delayOf(table.packed[k]));
        QCOMPARE(arrivals.size(), std::size_t{20});
        for (const auto& [presentation, steps] : arrivals) {
            QCOMPARE(steps.size(), std::size_t{10});
            const auto [lo, hi] = std::minmax_element(steps.begin(), steps.end());
            if (presentation % 2 == 0)
                QVERIFY2(*hi - *lo <= 1, qPrintable(QStringLiteral("forward sweep %1 arrives over %2 steps")
                                                        .arg(presentation)
                                                        .arg(*hi - *lo)));
            else
                QVERIFY(*hi - *lo > 100); // reversed: delays double the spread (2 x 13.5 ms)
        }
    }

    void detectorFiresForTheForwardSweepOnly() {
        const DemoRun d = runDemo();
        const auto detector = spikeSteps(d, "detector");
        std::vector<int> perPresentation(20, 0);
        for (std::int64_t step : detector[0]) {
            const int p = presentationOf(static_cast<double>(step) * d.network.run.dtMs);
            QVERIFY(p >= 0 && p < 20);
            ++perPresentation[static_cast<std::size_t>(p)];
        }
        for (int p = 0; p < 20; ++p)
            QCOMPARE(perPresentation[static_cast<std::size_t>(p)], p % 2 == 0 ? 1 : 0);
        QVERIFY(spikeSteps(d, "control")[0].empty());
    }

    void onLoihiItFitsOneCoreAndCountsEveryDelivery() {
        const DemoRun d = runDemo();
        const loihi::MappingProblem problem = loihi::mappingProblemFor(d.network);
        const loihi::MapResult result = loihi::mapNetwork(problem, loihi::loihi2());
        QVERIFY(std::holds_alternative<loihi::Mapping>(result));
        const auto& mapping = std::get<loihi::Mapping>(result);
        QCOMPARE(mapping.chips, 1);
        QCOMPARE(mapping.partitions.size(), problem.populations.size()); // no population is split

        loihi::RecordedActivity activity;
        for (const auto& pop : d.network.populations)
            activity.spikesPerNeuron.push_back(d.sim->spikeCounts(pop.name));
        for (const auto& in : d.network.inputs)
            activity.spikesPerNeuron.push_back(d.sim->spikeCounts(in.name));
        activity.steps = d.steps;
        activity.dtMs = d.network.run.dtMs;
        activity.stepsPerInference = std::llround(kPeriodMs / d.network.run.dtMs); // one presentation
        const loihi::TrafficReport report =
            loihi::accountTraffic(problem, mapping, loihi::loihi2(), activity);
        QCOMPARE(report.total.synapticOps, static_cast<double>(d.sim->synapticEvents()));
        QCOMPARE(report.total.synapticOps, 400.0); // 200 afferent spikes, each onto detector and control
        QVERIFY(report.joulesPerInference > 0.0);
        QVERIFY(std::abs(report.joulesPerInference - report.loihiJoules / 20.0) < 1e-18);
    }
};

QTEST_APPLESS_MAIN(TestDelaysDemo)
#include "tst_delays_demo.moc"
