#include "core/loihi/mesh_placer.h"

#include <algorithm>
#include <random>

namespace pulselab::core::loihi {

namespace {

struct Edge {
    int other;
    double weight; ///< messages per step, both directions summed
};

std::vector<std::vector<Edge>> trafficGraph(const MappingProblem& problem, const Mapping& mapping) {
    const std::size_t n = mapping.partitions.size();
    std::vector<std::vector<Edge>> graph(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            const double w = expectedMessagesPerStep(problem, mapping.partitions[i], mapping.partitions[j]) +
                             expectedMessagesPerStep(problem, mapping.partitions[j], mapping.partitions[i]);
            if (w > 0.0) {
                graph[i].push_back({static_cast<int>(j), w});
                graph[j].push_back({static_cast<int>(i), w});
            }
        }
    }
    return graph;
}

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

double costWithGraph(const std::vector<std::vector<Edge>>& graph, const Mapping& mapping, double penalty) {
    double cost = 0.0;
    for (std::size_t i = 0; i < graph.size(); ++i) {
        for (const Edge& e : graph[i]) {
            if (e.other > static_cast<int>(i))
                cost +=
                    e.weight * hopDistance(mapping, mapping.partitions[i],
                                           mapping.partitions[static_cast<std::size_t>(e.other)], penalty);
        }
    }
    return cost;
}

} // namespace

double placementCost(const MappingProblem& problem, const Mapping& mapping, double chipLinkHopPenalty) {
    return costWithGraph(trafficGraph(problem, mapping), mapping, chipLinkHopPenalty);
}

void placePartitions(const MappingProblem& problem, Mapping& mapping, const MapperOptions& options) {
    const int n = static_cast<int>(mapping.partitions.size());
    const int slots = mapping.chips * mapping.coresPerChip;
    std::vector<int> occupant(static_cast<std::size_t>(slots), -1);
    auto slotOf = [&](const Partition& p) { return p.chip * mapping.coresPerChip + p.core; };
    for (int i = 0; i < n; ++i) {
        const auto [chip, core] = serpentineSlot(mapping, i);
        mapping.partitions[static_cast<std::size_t>(i)].chip = chip;
        mapping.partitions[static_cast<std::size_t>(i)].core = core;
        occupant[static_cast<std::size_t>(slotOf(mapping.partitions[static_cast<std::size_t>(i)]))] = i;
    }
    const auto graph = trafficGraph(problem, mapping);
    auto cost = [&] { return costWithGraph(graph, mapping, options.chipLinkHopPenalty); };
    mapping.initialTrafficHopCost = cost();

    // Cost of partition i's edges if it sat at `at`, ignoring the edge to `skip`.
    auto localCost = [&](int i, const Partition& at, int skip) {
        double c = 0.0;
        for (const Edge& e : graph[static_cast<std::size_t>(i)])
            if (e.other != skip)
                c +=
                    e.weight * hopDistance(mapping, at, mapping.partitions[static_cast<std::size_t>(e.other)],
                                           options.chipLinkHopPenalty);
        return c;
    };

    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<int> pickPartition(0, std::max(0, n - 1));
    std::uniform_int_distribution<int> pickSlot(0, slots - 1);
    const long long moves = static_cast<long long>(options.placementMovesPerPartition) * n;
    for (long long m = 0; m < moves && n > 1; ++m) {
        const int i = pickPartition(rng);
        if (graph[static_cast<std::size_t>(i)].empty())
            continue;
        const int target = pickSlot(rng);
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
    mapping.trafficHopCost = cost();
}

} // namespace pulselab::core::loihi
