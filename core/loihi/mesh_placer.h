#pragma once
// Places partitions on the cores of the mapping's chips: first along a serpentine through each chip's mesh
// in population order (neighbouring partitions land on neighbouring cores) or, when it is cheaper, by METIS
// recursive bisection (MapperOptions::useMetis), then a seeded local search of moves and swaps that accepts
// only moves lowering sum(messages x hops).
#include "core/loihi/loihi_mapper.h"

namespace pulselab::core::loihi {

/// Sets chip/core of every partition and the mapping's traffic-hop costs.
void placePartitions(const MappingProblem& problem, Mapping& mapping, const MapperOptions& options);

/// The mapping's objective for its current placement.
double placementCost(const MappingProblem& problem, const Mapping& mapping, double chipLinkHopPenalty);

} // namespace pulselab::core::loihi
