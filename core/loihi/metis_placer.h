#pragma once
// Initial placement by recursive bisection with METIS (Karypis & Kumar 1998, "A fast and high quality
// multilevel scheme for partitioning irregular graphs", SIAM J. Sci. Comput. 20(1)): the set of free cores
// (first the chips, then each chip's mesh, halved along its longer side) is split in two, the traffic graph
// is split by METIS_PartGraphKway into two parts sized like the two halves with the least traffic across,
// and each part recurses into its half. Heavy talkers end in the same region of the mesh, and the cut
// between chips, where a message costs the most, is the first one minimised.
#include "core/loihi/mapping.h"
#include "core/loihi/traffic_graph.h"

#include <cstdint>

namespace pulselab::core::loihi {

/// Sets chip/core of every partition of `mapping` (chips, coresPerChip and meshColumns already set). Returns
/// false, leaving the placement unspecified, if METIS reports an error.
bool placeByRecursiveBisection(const TrafficGraph& graph, Mapping& mapping, std::uint64_t seed);

} // namespace pulselab::core::loihi
