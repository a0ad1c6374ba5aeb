#pragma once
// The placement's view of a mapping: an undirected graph over partitions whose edge weights are the expected
// spike messages per step between two partitions (both directions summed). Built projection by projection
// over the partitions of its source and target populations, so its cost grows with the edges, not with the
// square of the partition count (10^6-neuron networks have thousands of partitions).
#include "core/loihi/mapping.h"
#include "core/loihi/mapping_problem.h"

#include <vector>

namespace pulselab::core::loihi {

struct TrafficEdge {
    int other = 0;
    double weight = 0.0; ///< messages per step, both directions summed
};

using TrafficGraph = std::vector<std::vector<TrafficEdge>>;

/// Partition indices of each population, in partition order (index = population).
std::vector<std::vector<int>> partitionsByPopulation(const MappingProblem& problem, const Mapping& mapping);

/// Traffic between distinct partitions; traffic of a partition to itself never crosses the mesh and is left
/// out.
TrafficGraph buildTrafficGraph(const MappingProblem& problem, const Mapping& mapping);

/// Sum over edges of weight x hop distance for the mapping's current placement.
double graphCost(const TrafficGraph& graph, const Mapping& mapping, double chipLinkHopPenalty);

} // namespace pulselab::core::loihi
