#pragma once
// Maps a network onto Loihi neuromorphic cores: splits each population into the largest partitions that
// respect every per-core limit (neurons, SRAM for state and synapses, input axons, fan-out edges), then
// places the partitions on the mesh of one or more chips to minimise expected spike messages x hop distance.
#include "core/loihi/chip_description.h"
#include "core/loihi/mapping.h"
#include "core/loihi/mapping_problem.h"

#include <cstdint>
#include <variant>

namespace pulselab::core::loihi {

struct MapperOptions {
    /// Most chips the mapping may use (Kapoho Point has 8).
    int maxChips = 8;
    /// Local-search moves per partition during placement (0 = keep the serpentine or METIS start).
    int placementMovesPerPartition = 400;
    /// At most this many edge evaluations per local search (bounds the time on dense traffic graphs, where
    /// a move costs the degree of the partitions moved: about 0.1 s per 10^7 on one core).
    std::int64_t placementEdgeBudget = 20'000'000;
    std::uint64_t seed = 1;
    /// Cost of crossing a chip-to-chip link, in mesh-hop equivalents. Assumed: no published figure.
    double chipLinkHopPenalty = 16.0;
    /// Also try a METIS recursive-bisection placement as the start of the local search, keeping whichever
    /// start is cheaper (see metis_placer.h; bench/bench_mapper.cpp measures the gain).
    bool useMetis = true;
};

using MapResult = std::variant<Mapping, MappingFailure>;

MapResult mapNetwork(const MappingProblem& problem, const ChipDescription& chip,
                     const MapperOptions& options = {});

/// Hop distance between two placed partitions (Manhattan on the mesh, plus chip-link penalties).
double hopDistance(const Mapping& mapping, const Partition& a, const Partition& b, double chipLinkHopPenalty);

/// Expected distinct-core spike messages per step from partition `from` to partition `to` (one message per
/// source spike and destination core, as Loihi routes spikes), from population-level connectivity.
double expectedMessagesPerStep(const MappingProblem& problem, const Partition& from, const Partition& to);

/// Probability that one source neuron of `projection` reaches at least one of `targets` neurons.
double reachProbability(const MappingProblem& problem, const MappingProjection& projection,
                        std::uint32_t targets);

} // namespace pulselab::core::loihi
