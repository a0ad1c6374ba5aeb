#pragma once
// Splits populations into per-core partitions: for each population the largest partition size k whose
// neurons, neuron state + synaptic memory, input axons and fan-out edges all fit one core, then ceil(n / k)
// balanced partitions. Fan-out depends on how the targets were split, so the split is iterated to a fixpoint.
#include "core/loihi/mapping.h"
#include "core/loihi/mapping_problem.h"

#include <variant>
#include <vector>

namespace pulselab::core::loihi {

/// Resources one partition of `k` neurons of population `population` needs, given how many partitions each
/// population currently has.
Partition partitionDemand(const MappingProblem& problem, int population, std::uint32_t k,
                          const std::vector<std::uint32_t>& partitionsPerPopulation);

std::variant<std::vector<Partition>, MappingFailure> partitionPopulations(const MappingProblem& problem,
                                                                          const CoreLimits& limits);

} // namespace pulselab::core::loihi
