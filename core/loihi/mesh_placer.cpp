#include "core/loihi/mesh_placer.h"

#include "core/loihi/metis_placer.h"
#include "core/loihi/traffic_graph.h"

#include <algorithm>
#include <random>

namespace pulselab::core::loihi {

namespace {

/// Slot s -> (chip, core) along a serpentine: even mesh rows left to right, odd rows right to left.
std::pair<int, int> serpentineSlot(const Mapping& mapping, int slot) {
    const int chip = slot / mapping.coresPerChip;
    const int local = slot % mapping.coresPerChip;
    const int row = local / mapping.meshColumns;
    int column = local % mapping.meshColumns;
    if (row % 2 == 1)
        column = mapping.meshColumns - 1 - column;
    return {chip, row * mapping.meshColumns + column};
}

void placeSerpentine(Mapping& mapping) {
    for (std::size_t i = 0; i < mapping.partitions.size(); ++i) {
        const auto [chip, core] = serpentineSlot(mapping, static_cast<int>(i));
        mapping.partitions[i].chip = chip;
        mapping.partitions[i].core = core;
    }
}

/// Seeded local search of moves and swaps that accepts only moves lowering sum(messages x hops).
void localSearch(const TrafficGraph& graph, Mapping& mapping, const MapperOptions& options) {
    const int n = static_cast<int>(mapping.partitions.size());
    const int slots = mapping.chips * mapping.coresPerChip;
    std::vector<int> occupant(static_cast<std::size_t>(slots), -1);
    auto slotOf = [&](const Partition& p) { return p.chip * mapping.coresPerChip + p.core; };
    for (int i = 0; i < n; ++i)
        occupant[static_cast<std::size_t>(slotOf(mapping.partitions[static_cast<std::size_t>(i)]))] = i;

    // Cost of partition i's edges if it sat at `at`, ignoring the edge to `skip`.
    auto localCost = [&](int i, const Partition& at, int skip) {
        double c = 0.0;
        for (const TrafficEdge& e : graph[static_cast<std::size_t>(i)])
            if (e.other != skip)
                c +=
                    e.weight * hopDistance(mapping, at, mapping.partitions[static_cast<std::size_t>(e.other)],
                                           options.chipLinkHopPenalty);
        return c;
    };

    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<int> pickPartition(0, std::max(0, n - 1));
    std::uniform_int_distribution<int> pickSlot(0, slots - 1);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::uniform_int_distribution<int> offset(-1, 1);
    const int cols = mapping.meshColumns;
    const int rows = mapping.coresPerChip / cols;
    // Each proposal evaluates the edges of one or two partitions; on dense traffic graphs (thousands of
    // partitions all talking) cap the total so mapping stays interactive.
    std::size_t edgeCount = 0;
    for (const auto& adjacent : graph)
        edgeCount += adjacent.size();
    const double meanDegree = n > 0 ? static_cast<double>(edgeCount) / n : 0.0;
    const long long moves = std::min(static_cast<long long>(options.placementMovesPerPartition) * n,
                                     static_cast<long long>(static_cast<double>(options.placementEdgeBudget) /
                                                            (2.0 * std::max(1.0, meanDegree))));
    for (long long m = 0; m < moves && n > 1; ++m) {
        const int i = pickPartition(rng);
        if (graph[static_cast<std::size_t>(i)].empty())
            continue;
        // Half the proposals go next to (or onto) a random traffic partner, where gains are likely; on
        // thousands of cores, uniform proposals alone almost never land there.
        int target = pickSlot(rng);
        if (coin(rng) < 0.5) {
            const auto& edges = graph[static_cast<std::size_t>(i)];
            std::uniform_int_distribution<std::size_t> pickEdge(0, edges.size() - 1);
            const Partition& partner =
                mapping.partitions[static_cast<std::size_t>(edges[pickEdge(rng)].other)];
            const int x = std::clamp(partner.core % cols + offset(rng), 0, cols - 1);
            const int y = std::clamp(partner.core / cols + offset(rng), 0, rows - 1);
            target = partner.chip * mapping.coresPerChip + y * cols + x;
        }
        Partition& pi = mapping.partitions[static_cast<std::size_t>(i)];
        const int from = slotOf(pi);
        if (target == from)
            continue;
        const int j = occupant[static_cast<std::size_t>(target)];
        Partition movedI = pi;
        movedI.chip = target / mapping.coresPerChip;
        movedI.core = target % mapping.coresPerChip;
        double delta = localCost(i, movedI, j) - localCost(i, pi, j);
        if (j >= 0) {
            Partition& pj = mapping.partitions[static_cast<std::size_t>(j)];
            Partition movedJ = pj;
            movedJ.chip = pi.chip;
            movedJ.core = pi.core;
            delta += localCost(j, movedJ, i) - localCost(j, pj, i);
        }
        if (delta >= -1e-12)
            continue;
        if (j >= 0) {
            Partition& pj = mapping.partitions[static_cast<std::size_t>(j)];
            pj.chip = pi.chip;
            pj.core = pi.core;
        }
        occupant[static_cast<std::size_t>(from)] = j;
        occupant[static_cast<std::size_t>(target)] = i;
        pi.chip = movedI.chip;
        pi.core = movedI.core;
    }
}

} // namespace

double placementCost(const MappingProblem& problem, const Mapping& mapping, double chipLinkHopPenalty) {
    return graphCost(buildTrafficGraph(problem, mapping), mapping, chipLinkHopPenalty);
}

void placePartitions(const MappingProblem& problem, Mapping& mapping, const MapperOptions& options) {
    placeSerpentine(mapping);
    const TrafficGraph graph = buildTrafficGraph(problem, mapping);
    auto cost = [&] { return graphCost(graph, mapping, options.chipLinkHopPenalty); };
    mapping.initialTrafficHopCost = cost();

    localSearch(graph, mapping, options);
    mapping.trafficHopCost = cost();

    // METIS recursive bisection as a second start for the same search; the cheaper result is kept, so
    // turning METIS on never makes a placement worse (bench/bench_mapper.cpp measures how much better).
    mapping.usedMetis = false;
    mapping.metisTrafficHopCost = 0.0;
    if (options.useMetis && mapping.partitions.size() > 2) {
        std::vector<Partition> plain = mapping.partitions;
        if (placeByRecursiveBisection(graph, mapping, options.seed)) {
            mapping.metisTrafficHopCost = cost();
            localSearch(graph, mapping, options);
            const double searched = cost();
            if (searched < mapping.trafficHopCost) {
                mapping.usedMetis = true;
                mapping.trafficHopCost = searched;
                return;
            }
        }
        mapping.partitions = std::move(plain);
    }
}

} // namespace pulselab::core::loihi
