#include "core/loihi/traffic_graph.h"

#include "core/loihi/loihi_mapper.h"

#include <algorithm>
#include <unordered_map>

namespace pulselab::core::loihi {

std::vector<std::vector<int>> partitionsByPopulation(const MappingProblem& problem, const Mapping& mapping) {
    std::vector<std::vector<int>> byPopulation(problem.populations.size());
    for (std::size_t i = 0; i < mapping.partitions.size(); ++i) {
        const auto population = static_cast<std::size_t>(mapping.partitions[i].population);
        if (population < byPopulation.size())
            byPopulation[population].push_back(static_cast<int>(i));
    }
    return byPopulation;
}

TrafficGraph buildTrafficGraph(const MappingProblem& problem, const Mapping& mapping) {
    const auto byPopulation = partitionsByPopulation(problem, mapping);
    // Pair (low, high) -> weight; a hash map because one population pair contributes parts x parts entries.
    std::unordered_map<std::uint64_t, double> weights;
    for (const MappingProjection& projection : problem.projections) {
        const auto& sources = byPopulation[static_cast<std::size_t>(projection.source)];
        const auto& targets = byPopulation[static_cast<std::size_t>(projection.target)];
        const double rate =
            problem.populations[static_cast<std::size_t>(projection.source)].expectedRatePerStep;
        // Balanced partitions have at most two sizes: cache the reach probability per size.
        std::unordered_map<std::uint32_t, double> reach;
        for (const int j : targets) {
            const std::uint32_t size = mapping.partitions[static_cast<std::size_t>(j)].neurons;
            if (!reach.count(size))
                reach[size] = reachProbability(problem, projection, size);
        }
        for (const int i : sources) {
            const double spikes = mapping.partitions[static_cast<std::size_t>(i)].neurons * rate;
            for (const int j : targets) {
                if (i == j)
                    continue;
                const double w = spikes * reach[mapping.partitions[static_cast<std::size_t>(j)].neurons];
                if (w <= 0.0)
                    continue;
                const auto lo = static_cast<std::uint64_t>(std::min(i, j));
                const auto hi = static_cast<std::uint64_t>(std::max(i, j));
                weights[(lo << 32) | hi] += w;
            }
        }
    }
    TrafficGraph graph(mapping.partitions.size());
    for (const auto& [key, w] : weights) {
        const auto lo = static_cast<int>(key >> 32);
        const auto hi = static_cast<int>(key & 0xffffffffu);
        graph[static_cast<std::size_t>(lo)].push_back({hi, w});
        graph[static_cast<std::size_t>(hi)].push_back({lo, w});
    }
    // Hash-map order is unspecified; sort so placement (and its seeded search) is reproducible.
    for (auto& edges : graph)
        std::sort(edges.begin(), edges.end(),
                  [](const TrafficEdge& a, const TrafficEdge& b) { return a.other < b.other; });
    return graph;
}

double graphCost(const TrafficGraph& graph, const Mapping& mapping, double chipLinkHopPenalty) {
    double cost = 0.0;
    for (std::size_t i = 0; i < graph.size(); ++i) {
        for (const TrafficEdge& e : graph[i]) {
            if (e.other > static_cast<int>(i))
                cost += e.weight * hopDistance(mapping, mapping.partitions[i],
                                               mapping.partitions[static_cast<std::size_t>(e.other)],
                                               chipLinkHopPenalty);
        }
    }
    return cost;
}

} // namespace pulselab::core::loihi
