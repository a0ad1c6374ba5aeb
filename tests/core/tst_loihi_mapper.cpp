// The Loihi mapper: partitions respect every per-core limit of the Loihi 2 description, failures name the
// population, limit and shortfall, placement lowers traffic x hops, and the energy of a small recorded run
// matches a hand computation from Davies et al. 2018 Table 2.
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/mesh_placer.h"
#include "core/loihi/traffic_accounting.h"

#include <QTest>

#include <set>

using namespace pulselab::core::loihi;

namespace {

MappingProblem twoPopulations(std::uint32_t a, std::uint32_t b, std::uint64_t synapses) {
    MappingProblem problem;
    problem.populations = {{"A", a}, {"B", b}};
    if (synapses > 0)
        problem.projections = {{0, 1, synapses}};
    return problem;
}

Mapping mapOrFail(const MappingProblem& problem, const MapperOptions& options = {}) {
    MapResult result = mapNetwork(problem, loihi2(), options);
    if (auto* failure = std::get_if<MappingFailure>(&result))
        qFatal("unexpected mapping failure: %s", failure->message.c_str());
    return std::get<Mapping>(result);
}

int partitionsOf(const Mapping& mapping, int population) {
    int n = 0;
    for (const Partition& p : mapping.partitions)
        n += p.population == population ? 1 : 0;
    return n;
}

void checkLimits(const Mapping& mapping) {
    std::set<std::pair<int, int>> used;
    for (const Partition& p : mapping.partitions) {
        QVERIFY(p.neurons <= mapping.limits.maxNeurons);
        QVERIFY(p.stateBytes + p.synapseBytes <= mapping.limits.sramBytes);
        QVERIFY(p.inputAxons <= mapping.limits.maxInputAxons);
        QVERIFY(p.fanoutEdges <= mapping.limits.maxFanoutEdges);
        QVERIFY(p.core >= 0 && p.core < mapping.coresPerChip);
        QVERIFY(p.chip >= 0 && p.chip < mapping.chips);
        QVERIFY2(used.insert({p.chip, p.core}).second, "two partitions on one core");
    }
}

} // namespace

class TestLoihiMapper : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smallNetworkTakesOneCorePerPopulation() {
        const Mapping m = mapOrFail(twoPopulations(100, 100, 100 * 100));
        QCOMPARE(m.coresUsed(), 2);
        QCOMPARE(m.chips, 1);
        QCOMPARE(m.partitions[1].inputAxons, 100u);
        QCOMPARE(m.partitions[1].synapseBytes, std::uint64_t{20000});
        checkLimits(m);
    }

    void neuronLimitSplitsEvenly() {
        const Mapping m = mapOrFail(twoPopulations(20000, 1, 0));
        QCOMPARE(partitionsOf(m, 0), 3); // 8,192 neurons per core
        QCOMPARE(m.partitions[0].neurons, 6667u);
        QCOMPARE(m.partitions[2].neurons, 6666u);
        QCOMPARE(m.partitions[2].firstNeuron, 13334u);
        checkLimits(m);
    }

    void synapticMemorySplitsDenseTargets() {
        // 1000 x 1000 all-to-all: each B neuron needs 8 + 1000 x 2 bytes, so 131072 / 2008 = 65 per core.
        const Mapping m = mapOrFail(twoPopulations(1000, 1000, 1000000));
        QCOMPARE(partitionsOf(m, 1), 16); // ceil(1000 / 65)
        checkLimits(m);
    }

    void impossibleFanInIsExplained() {
        const MapResult r = mapNetwork(twoPopulations(5000, 10, 50000), loihi2());
        const auto* failure = std::get_if<MappingFailure>(&r);
        QVERIFY(failure);
        QCOMPARE(failure->population, std::string("B"));
        QCOMPARE(failure->limit, std::string("input axons per core"));
        QCOMPARE(failure->needed, 5000.0);
        QCOMPARE(failure->available, 4096.0);
        QVERIFY(failure->message.find("over by 904") != std::string::npos);
    }

    void tooManyChipsIsExplained() {
        MapperOptions options;
        options.maxChips = 1;
        const MapResult r = mapNetwork(twoPopulations(2'000'000, 1, 0), loihi2(), options);
        const auto* failure = std::get_if<MappingFailure>(&r);
        QVERIFY(failure);
        QCOMPARE(failure->limit, std::string("chips"));
        QCOMPARE(failure->needed, 2.0);
        // With 8 chips it maps, and spills onto the second chip.
        const Mapping m = mapOrFail(twoPopulations(2'000'000, 1, 0));
        QCOMPARE(m.chips, 2);
        checkLimits(m);
    }

    void placementBringsHeavyTalkersTogether() {
        // 20 populations of one core each; only the first and the last talk, heavily.
        MappingProblem problem;
        for (int i = 0; i < 20; ++i)
            problem.populations.push_back({"P" + std::to_string(i), 100});
        problem.projections = {{0, 19, 100 * 100}, {19, 0, 100 * 100}};
        MapperOptions unplaced;
        unplaced.placementMovesPerPartition = 0;
        unplaced.useMetis = false; // METIS alone already finds the optimum here
        const Mapping initial = mapOrFail(problem, unplaced);
        const Mapping placed = mapOrFail(problem);
        const double before = hopDistance(initial, initial.partitions[0], initial.partitions[19], 16.0);
        const double after = hopDistance(placed, placed.partitions[0], placed.partitions[19], 16.0);
        QVERIFY(before > 1.0);
        QCOMPARE(after, 1.0);
        QVERIFY(placed.trafficHopCost < placed.initialTrafficHopCost);
        QCOMPARE(placed.trafficHopCost, placementCost(problem, placed, 16.0));
        checkLimits(placed);
    }

    void energyOfASmallRunMatchesAHandComputation() {
        const MappingProblem problem = twoPopulations(10, 10, 100);
        const Mapping m = mapOrFail(problem);
        QCOMPARE(hopDistance(m, m.partitions[0], m.partitions[1], 16.0), 1.0);
        RecordedActivity activity;
        activity.spikesPerNeuron = {std::vector<std::uint64_t>(10, 3), std::vector<std::uint64_t>(10, 0)};
        activity.steps = 100;
        activity.dtMs = 1.0;
        activity.stepsPerInference = 50;
        const TrafficReport r = accountTraffic(problem, m, loihi2(), activity);
        QCOMPARE(r.total.messagesOut, 30.0);  // 30 spikes, each to B's one core
        QCOMPARE(r.total.synapticOps, 300.0); // 10 synapses each
        QCOMPARE(r.total.neuronUpdatesActive, 300.0);
        QCOMPARE(r.total.neuronUpdatesInactive, 1700.0);
        QCOMPARE(r.total.hopsEastWest + r.total.hopsNorthSouth, 30.0);
        QCOMPARE(r.perPartition[0].routedMessages, 30.0);
        QCOMPARE(r.perPartition[1].routedMessages, 30.0);
        // Davies et al. 2018 Table 2: 23.6 pJ/synop, 81/52 pJ active/inactive update, 1.7 pJ/spike in tile,
        // 3.0 (E-W) or 4.0 (N-S) pJ/hop.
        const double hopPj = r.total.hopsEastWest > 0 ? 3.0 : 4.0;
        const double expectedPj = 300 * 23.6 + 300 * 81 + 1700 * 52 + 30 * 1.7 + 30 * hopPj;
        QVERIFY(std::abs(r.loihiJoules - expectedPj * 1e-12) < 1e-18);
        QVERIFY(std::abs(r.joulesPerInference - r.loihiJoules / 2) < 1e-18);
        QCOMPARE(r.simulatedSeconds, 0.1);
        QCOMPARE(r.comparisons.size(), std::size_t{2});
        QVERIFY(!r.assumptions.empty());
    }
};

QTEST_APPLESS_MAIN(TestLoihiMapper)
#include "tst_loihi_mapper.moc"
