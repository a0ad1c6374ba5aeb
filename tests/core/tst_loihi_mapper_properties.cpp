// Properties of the Loihi mapper that must hold for every network, checked over 200 random networks (fixed
// seed) and at the capacity boundaries, with every expected figure recomputed here from the problem and the
// chip description rather than taken from the mapper: no partition exceeds a per-core limit, every neuron is
// placed exactly once on a core of its own, failures are explained, traffic equals spikes x fan-out, per-link
// traffic sums to the hops, and energy equals the per-operation energies of the chip data x the counts.
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/mesh_placer.h"
#include "core/loihi/traffic_accounting.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace pulselab::core::loihi;

namespace {

double chipValue(const std::map<std::string, SourcedValue>& values, const char* key) {
    return values.at(key).value;
}

/// Probability that one source neuron has a synapse onto at least one of k targets, p = synapses / (m n).
double reach(const MappingProblem& problem, const MappingProjection& projection, double k) {
    const double m = problem.populations[static_cast<std::size_t>(projection.source)].neurons;
    const double n = problem.populations[static_cast<std::size_t>(projection.target)].neurons;
    const double p = std::min(1.0, static_cast<double>(projection.synapses) / (m * n));
    return 1.0 - std::pow(1.0 - p, k);
}

/// Checks the property set of one successful mapping; returns false (after a QTest failure) if one fails.
bool checkMapping(const MappingProblem& problem, const Mapping& m, const MapperOptions& options) {
    const ChipDescription& chip = loihi2();
    const double maxNeurons = chipValue(chip.perCore, "max_neurons");
    const double sram = chipValue(chip.perCore, "sram_bytes");
    const double maxAxons = chipValue(chip.perCore, "max_input_axons");
    const double maxFanout = chipValue(chip.perCore, "max_fanout_edges");
    [&] {
        QVERIFY(m.chips >= 1 && m.chips <= options.maxChips);
        QCOMPARE(m.coresPerChip, chip.neuroCores);
    }();
    if (QTest::currentTestFailed())
        return false;
    // Each population covered exactly once, by contiguous partitions, each on its own core.
    std::map<int, std::vector<const Partition*>> byPopulation;
    std::set<std::pair<int, int>> cores;
    for (const Partition& p : m.partitions) {
        byPopulation[p.population].push_back(&p);
        [&] {
            QVERIFY(p.population >= 0 && p.population < static_cast<int>(problem.populations.size()));
            QVERIFY(p.neurons > 0);
            QVERIFY(p.chip >= 0 && p.chip < m.chips);
            QVERIFY(p.core >= 0 && p.core < chip.neuroCores);
            QVERIFY2(cores.insert({p.chip, p.core}).second, "two partitions on one core");
        }();
        if (QTest::currentTestFailed())
            return false;
    }
    for (std::size_t pop = 0; pop < problem.populations.size(); ++pop) {
        auto parts = byPopulation[static_cast<int>(pop)];
        std::sort(parts.begin(), parts.end(),
                  [](const Partition* a, const Partition* b) { return a->firstNeuron < b->firstNeuron; });
        std::uint64_t next = 0;
        for (const Partition* p : parts) {
            [&] { QCOMPARE(std::uint64_t{p->firstNeuron}, next); }();
            if (QTest::currentTestFailed())
                return false;
            next += p->neurons;
        }
        [&] { QCOMPARE(next, std::uint64_t{problem.populations[pop].neurons}); }();
        if (QTest::currentTestFailed())
            return false;
    }
    // Per-core demand recomputed from the problem and the actual partition sizes.
    for (const Partition& p : m.partitions) {
        const MappingPopulation& pop = problem.populations[static_cast<std::size_t>(p.population)];
        double bytes = static_cast<double>(p.neurons) * pop.stateBytesPerNeuron;
        double axons = 0.0;
        double fanout = 0.0;
        for (const MappingProjection& pr : problem.projections) {
            if (pr.target == p.population) {
                bytes += static_cast<double>(pr.synapses) / pop.neurons * p.neurons * pr.bytesPerSynapse;
                axons += problem.populations[static_cast<std::size_t>(pr.source)].neurons *
                         reach(problem, pr, p.neurons);
            }
            if (pr.source == p.population)
                for (const Partition* t : byPopulation[pr.target])
                    fanout += p.neurons * reach(problem, pr, t->neurons);
        }
        const double tolerance = 1e-6; // the mapper rounds expected counts up to whole entries
        [&] {
            QVERIFY(p.neurons <= maxNeurons);
            QVERIFY2(bytes <= sram + tolerance, qPrintable(QString("SRAM %1 > %2").arg(bytes).arg(sram)));
            QVERIFY2(axons <= maxAxons + tolerance,
                     qPrintable(QString("axons %1 > %2").arg(axons).arg(maxAxons)));
            QVERIFY2(fanout <= maxFanout + tolerance,
                     qPrintable(QString("fan-out %1 > %2").arg(fanout).arg(maxFanout)));
            // What the mapping reports (and the floorplan shows) is within the limits too.
            QVERIFY(p.stateBytes + p.synapseBytes <= m.limits.sramBytes);
            QVERIFY(p.inputAxons <= m.limits.maxInputAxons);
            QVERIFY(p.fanoutEdges <= m.limits.maxFanoutEdges);
        }();
        if (QTest::currentTestFailed())
            return false;
    }
    return true;
}

Mapping mapOrFail(const MappingProblem& problem, const MapperOptions& options = {}) {
    MapResult result = mapNetwork(problem, loihi2(), options);
    if (auto* failure = std::get_if<MappingFailure>(&result))
        qFatal("unexpected mapping failure: %s", failure->message.c_str());
    return std::get<Mapping>(result);
}

int coresOf(const Mapping& m, int population) {
    return static_cast<int>(std::count_if(m.partitions.begin(), m.partitions.end(),
                                          [&](const Partition& p) { return p.population == population; }));
}

std::uint32_t chipNeuronCapacity() {
    const ChipDescription& chip = loihi2();
    return static_cast<std::uint32_t>(chipValue(chip.perCore, "max_neurons")) *
           static_cast<std::uint32_t>(chip.neuroCores);
}

/// A(100) -> B(100,000) all-to-all and B -> A sparse: B needs 159 cores (630 neurons of 100 synapses each
/// per 128 KB), more than a chip has, so traffic crosses chips.
MappingProblem trafficNetwork() {
    MappingProblem problem;
    problem.populations = {{"A", 100}, {"B", 100000}};
    problem.projections = {{0, 1, 100ull * 100000}, {1, 0, 2000}};
    return problem;
}

RecordedActivity randomActivity(const MappingProblem& problem, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> count(0, 9);
    RecordedActivity activity;
    for (const MappingPopulation& pop : problem.populations) {
        std::vector<std::uint64_t> spikes(pop.neurons);
        for (auto& s : spikes)
            s = static_cast<std::uint64_t>(count(rng));
        activity.spikesPerNeuron.push_back(std::move(spikes));
    }
    activity.steps = 1000;
    activity.dtMs = 1.0;
    activity.stepsPerInference = 100;
    return activity;
}

bool near(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

} // namespace

class TestLoihiMapperProperties : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomNetworksRespectEveryLimit() {
        std::mt19937_64 rng(20261125);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        auto logUniform = [&](double lo, double hi) { return lo * std::pow(hi / lo, unit(rng)); };
        int mapped = 0, failed = 0, multiChip = 0;
        for (int network = 0; network < 200; ++network) {
            MappingProblem problem;
            const int populations = 1 + static_cast<int>(unit(rng) * 6);
            for (int i = 0; i < populations; ++i) {
                // One population in eight is huge (up to several chips' worth of neurons).
                const double size = unit(rng) < 0.125 ? logUniform(1e5, 3e6) : logUniform(1, 2e4);
                MappingPopulation pop;
                pop.name = "P" + std::to_string(i);
                pop.neurons = unit(rng) < 0.03 ? 0 : static_cast<std::uint32_t>(size);
                pop.stateBytesPerNeuron = unit(rng) < 0.5 ? 8 : 4;
                pop.expectedRatePerStep = logUniform(1e-3, 0.2);
                problem.populations.push_back(pop);
            }
            const int projections = static_cast<int>(unit(rng) * 8);
            for (int i = 0; i < projections; ++i) {
                MappingProjection pr;
                pr.source = static_cast<int>(unit(rng) * populations);
                pr.target = static_cast<int>(unit(rng) * populations);
                const double m = problem.populations[static_cast<std::size_t>(pr.source)].neurons;
                const double n = problem.populations[static_cast<std::size_t>(pr.target)].neurons;
                // Fan-in per target neuron from 0.1 to 500, or all-to-all one time in ten.
                const double synapses =
                    unit(rng) < 0.1 ? m * n : std::min(m * n, std::floor(logUniform(0.1, 500) * n));
                pr.synapses = static_cast<std::uint64_t>(synapses);
                pr.bytesPerSynapse = unit(rng) < 0.5 ? 2 : 1;
                problem.projections.push_back(pr);
            }
            MapperOptions options;
            options.placementMovesPerPartition = 20; // placement quality is not under test here
            options.useMetis = network % 2 == 0;
            options.seed = static_cast<std::uint64_t>(network);
            const MapResult result = mapNetwork(problem, loihi2(), options);
            if (const auto* failure = std::get_if<MappingFailure>(&result)) {
                ++failed;
                QVERIFY2(!failure->limit.empty() && !failure->message.empty(), "failure without explanation");
                QVERIFY2(failure->needed > failure->available, failure->message.c_str());
                if (failure->limit != "chips") {
                    const bool named = std::any_of(
                        problem.populations.begin(), problem.populations.end(),
                        [&](const MappingPopulation& p) { return p.name == failure->population; });
                    QVERIFY2(named, failure->message.c_str());
                    QVERIFY2(failure->message.find(failure->population) != std::string::npos,
                             failure->message.c_str());
                }
                continue;
            }
            ++mapped;
            const Mapping& m = std::get<Mapping>(result);
            multiChip += m.chips > 1 ? 1 : 0;
            if (!checkMapping(problem, m, options))
                qWarning("network %d failed a property", network);
            if (QTest::currentTestFailed())
                return;
        }
        qInfo("%d networks mapped (%d on several chips), %d explained failures", mapped, multiChip, failed);
        // The property must have been exercised on many mappings, including multi-chip ones and failures.
        QVERIFY(mapped >= 60);
        QVERIFY(multiChip >= 5);
        QVERIFY(failed >= 5);
    }

    void metisNeverMakesPlacementWorse() {
        // The METIS start is searched from as well and kept only when it ends cheaper; on networks whose
        // population order hides who talks to whom (columns talking to a scrambled partner) it should win.
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        int metisKept = 0;
        for (int network = 0; network < 20; ++network) {
            MappingProblem problem;
            const int columns = 4 + static_cast<int>(unit(rng) * 40);
            for (int c = 0; c < columns; ++c)
                problem.populations.push_back(
                    {"C" + std::to_string(c), 1000 + static_cast<std::uint32_t>(unit(rng) * 1000)});
            for (int c = 0; c < columns; ++c) {
                const int partner = static_cast<int>(unit(rng) * columns);
                problem.projections.push_back(
                    {c, c, problem.populations[static_cast<std::size_t>(c)].neurons * 50ull});
                problem.projections.push_back(
                    {partner, c, problem.populations[static_cast<std::size_t>(c)].neurons * 50ull});
            }
            MapperOptions with;
            MapperOptions without;
            without.useMetis = false;
            const Mapping a = mapOrFail(problem, with);
            const Mapping b = mapOrFail(problem, without);
            QVERIFY(a.trafficHopCost <= b.trafficHopCost);
            QVERIFY(std::abs(a.trafficHopCost - placementCost(problem, a, with.chipLinkHopPenalty)) <=
                    1e-9 * a.trafficHopCost);
            QVERIFY(checkMapping(problem, a, with));
            metisKept += a.usedMetis ? 1 : 0;
        }
        QVERIFY(metisKept >= 5);
    }

    void oneCoreCapacityUsesOneCore() {
        const auto maxNeurons = static_cast<std::uint32_t>(chipValue(loihi2().perCore, "max_neurons"));
        MappingProblem full;
        full.populations = {{"full", maxNeurons}};
        QCOMPARE(mapOrFail(full).coresUsed(), 1);
        full.populations[0].neurons = maxNeurons + 1;
        QCOMPARE(mapOrFail(full).coresUsed(), 2);

        // SRAM-bound: n all-to-all recurrent neurons need n x (8 + 2n) bytes; n = 254 fills 131,064 of
        // 131,072 bytes, n = 255 would need 132,090.
        const auto sram = static_cast<std::uint64_t>(chipValue(loihi2().perCore, "sram_bytes"));
        auto recurrent = [](std::uint32_t n) {
            MappingProblem problem;
            problem.populations = {{"R", n}};
            problem.projections = {{0, 0, std::uint64_t{n} * n}};
            return problem;
        };
        QVERIFY(254ull * (8 + 2 * 254) <= sram && 255ull * (8 + 2 * 255) > sram);
        const Mapping exact = mapOrFail(recurrent(254));
        QCOMPARE(exact.coresUsed(), 1);
        QVERIFY(checkMapping(recurrent(254), exact, {}));
        QCOMPARE(mapOrFail(recurrent(255)).coresUsed(), 2);
    }

    void oneNeuronOverAChipNeedsASecondChip() {
        const std::uint32_t capacity = chipNeuronCapacity();
        QCOMPARE(capacity, 1048576u); // 128 cores x 8,192 neurons (LOIHI2.md)
        MappingProblem problem;
        problem.populations = {{"big", capacity}};
        const Mapping one = mapOrFail(problem);
        QCOMPARE(one.chips, 1);
        QCOMPARE(one.coresUsed(), loihi2().neuroCores);
        problem.populations[0].neurons = capacity + 1;
        const Mapping two = mapOrFail(problem);
        QCOMPARE(two.chips, 2);
        QVERIFY(checkMapping(problem, two, {}));
        MapperOptions oneChip;
        oneChip.maxChips = 1;
        const MapResult refused = mapNetwork(problem, loihi2(), oneChip);
        QVERIFY(std::holds_alternative<MappingFailure>(refused));
        QCOMPARE(std::get<MappingFailure>(refused).limit, std::string("chips"));
    }

    void trafficEqualsSpikesTimesFanout() {
        const MappingProblem problem = trafficNetwork();
        const Mapping m = mapOrFail(problem);
        QCOMPARE(m.chips, 2);
        const RecordedActivity activity = randomActivity(problem, 7);
        const TrafficReport r = accountTraffic(problem, m, loihi2(), activity);

        // Independently: every spike of a source partition goes once to every core holding one of its
        // targets with probability 1 - (1 - p)^k; A -> B is all-to-all, so to every B core surely.
        double messages = 0, toOtherCores = 0, synops = 0, hopsEW = 0, hopsNS = 0, crossings = 0;
        const int cols = loihi2().meshColumns;
        for (std::size_t i = 0; i < m.partitions.size(); ++i) {
            const Partition& from = m.partitions[i];
            double spikes = 0;
            for (std::uint32_t k = 0; k < from.neurons; ++k)
                spikes += static_cast<double>(
                    activity
                        .spikesPerNeuron[static_cast<std::size_t>(from.population)][from.firstNeuron + k]);
            for (std::size_t j = 0; j < m.partitions.size(); ++j) {
                const Partition& to = m.partitions[j];
                for (const MappingProjection& pr : problem.projections) {
                    if (pr.source != from.population || pr.target != to.population)
                        continue;
                    const double fanout = pr.source == 0 ? 1.0 : reach(problem, pr, to.neurons);
                    const double sent = spikes * fanout;
                    messages += sent;
                    toOtherCores += i != j ? sent : 0.0;
                    const double p = static_cast<double>(pr.synapses) /
                                     (problem.populations[static_cast<std::size_t>(pr.source)].neurons *
                                      static_cast<double>(
                                          problem.populations[static_cast<std::size_t>(pr.target)].neurons));
                    synops += spikes * p * to.neurons;
                    hopsEW += sent * std::abs(from.core % cols - to.core % cols);
                    hopsNS += sent * std::abs(from.core / cols - to.core / cols);
                    crossings += sent * std::abs(from.chip - to.chip);
                }
            }
        }
        // A's spikes x number of B cores, exactly.
        double spikesA = 0;
        for (auto s : activity.spikesPerNeuron[0])
            spikesA += static_cast<double>(s);
        double messagesFromA = 0;
        for (std::size_t i = 0; i < m.partitions.size(); ++i)
            if (m.partitions[i].population == 0)
                messagesFromA += r.perPartition[i].messagesOut;
        QVERIFY(near(messagesFromA, spikesA * coresOf(m, 1)));

        QVERIFY(near(r.total.messagesOut, messages));
        QVERIFY(near(r.total.messagesToOtherCores, toOtherCores));
        QVERIFY(near(r.total.synapticOps, synops));
        QVERIFY(near(r.total.hopsEastWest, hopsEW));
        QVERIFY(near(r.total.hopsNorthSouth, hopsNS));
        QVERIFY(near(r.total.chipCrossings, crossings));
    }

    void perLinkTrafficSumsToHops() {
        const MappingProblem problem = trafficNetwork();
        const Mapping m = mapOrFail(problem);
        const TrafficReport r = accountTraffic(problem, m, loihi2(), randomActivity(problem, 11));
        QVERIFY(!r.meshLinks.empty());
        const int cols = m.meshColumns;
        double meshMessages = 0;
        std::set<std::tuple<int, int, int>> seen;
        for (const MeshLinkTraffic& link : r.meshLinks) {
            // A directed link joins two neighbouring cores of one chip, and is listed once.
            const int dx = std::abs(link.fromCore % cols - link.toCore % cols);
            const int dy = std::abs(link.fromCore / cols - link.toCore / cols);
            QCOMPARE(dx + dy, 1);
            QVERIFY(link.chip >= 0 && link.chip < m.chips);
            QVERIFY(link.toCore >= 0 && link.toCore < m.coresPerChip);
            QVERIFY(seen.insert({link.chip, link.fromCore, link.toCore}).second);
            QVERIFY(link.messages > 0);
            meshMessages += link.messages;
        }
        QVERIFY(near(meshMessages, r.total.hopsEastWest + r.total.hopsNorthSouth));
        double chipMessages = 0;
        for (const ChipLinkTraffic& link : r.chipLinks) {
            QCOMPARE(std::abs(link.fromChip - link.toChip), 1);
            chipMessages += link.messages;
        }
        QVERIFY(r.total.chipCrossings > 0);
        QVERIFY(near(chipMessages, r.total.chipCrossings));
    }

    void energyIsPerOperationEnergyTimesCounts() {
        const ChipDescription& chip = loihi2();
        // The chip data carries Davies et al. 2018 Table 2 as LOIHI2.md lists it.
        QCOMPARE(chipValue(chip.energyPj, "synaptic_op_pj"), 23.6);
        QCOMPARE(chipValue(chip.energyPj, "neuron_update_active_pj"), 81.0);
        QCOMPARE(chipValue(chip.energyPj, "neuron_update_inactive_pj"), 52.0);
        QCOMPARE(chipValue(chip.energyPj, "spike_within_tile_pj"), 1.7);
        QCOMPARE(chipValue(chip.energyPj, "mesh_hop_ew_pj"), 3.0);
        QCOMPARE(chipValue(chip.energyPj, "mesh_hop_ns_pj"), 4.0);

        const MappingProblem problem = trafficNetwork();
        MapperOptions options;
        const Mapping m = mapOrFail(problem, options);
        const RecordedActivity activity = randomActivity(problem, 3);
        const TrafficReport r = accountTraffic(problem, m, chip, activity, options);
        // Neuron updates: every neuron every step, split into active and inactive.
        double neurons = 0;
        for (const MappingPopulation& pop : problem.populations)
            neurons += pop.neurons;
        QVERIFY(near(r.total.neuronUpdatesActive + r.total.neuronUpdatesInactive,
                     neurons * static_cast<double>(activity.steps)));
        const double pj =
            r.total.synapticOps * chipValue(chip.energyPj, "synaptic_op_pj") +
            r.total.neuronUpdatesActive * chipValue(chip.energyPj, "neuron_update_active_pj") +
            r.total.neuronUpdatesInactive * chipValue(chip.energyPj, "neuron_update_inactive_pj") +
            r.total.messagesOut * chipValue(chip.energyPj, "spike_within_tile_pj") +
            r.total.hopsEastWest * chipValue(chip.energyPj, "mesh_hop_ew_pj") +
            r.total.hopsNorthSouth * chipValue(chip.energyPj, "mesh_hop_ns_pj") +
            r.total.chipCrossings * options.chipLinkHopPenalty * chipValue(chip.energyPj, "mesh_hop_ew_pj");
        QVERIFY(near(r.loihiJoules, pj * 1e-12));
        double perCore = 0;
        for (const CoreActivity& a : r.perPartition)
            perCore += a.energyJoules;
        QVERIFY(near(perCore, r.loihiJoules));
        QVERIFY(near(r.joulesPerInference, r.loihiJoules * 100.0 / 1000.0));
        QVERIFY(near(r.loihiWatts, r.loihiJoules / 1.0));
    }
};

QTEST_APPLESS_MAIN(TestLoihiMapperProperties)
#include "tst_loihi_mapper_properties.moc"
