#pragma once
// The result of mapping a network onto Loihi chips: each population split into partitions, each partition
// on one neuromorphic core of one chip, with the per-core resource use that made the split necessary.
#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core::loihi {

struct Partition {
    int population = 0;
    std::uint32_t firstNeuron = 0; ///< within the population
    std::uint32_t neurons = 0;
    int chip = 0;
    int core = 0; ///< neuromorphic core index within the chip (row-major on the mesh)
    // Resources this partition uses on its core.
    std::uint64_t synapseBytes = 0;
    std::uint64_t stateBytes = 0;
    std::uint32_t inputAxons = 0;
    std::uint32_t fanoutEdges = 0;
};

/// Per-core limits used, read from the chip description.
struct CoreLimits {
    std::uint32_t maxNeurons = 0;
    std::uint64_t sramBytes = 0;
    std::uint32_t maxInputAxons = 0;
    std::uint32_t maxFanoutEdges = 0;
};

struct Mapping {
    std::vector<Partition> partitions;
    CoreLimits limits;
    int chips = 0;
    int coresPerChip = 0;
    int meshColumns = 0;
    /// Sum over partition pairs of expected spike messages x mesh hops (the placement objective).
    double trafficHopCost = 0.0;
    /// Same objective for the initial, unoptimised placement, to show what placement gained.
    double initialTrafficHopCost = 0.0;
    /// The objective right after METIS recursive bisection (0 when METIS was off or failed), and whether the
    /// search from that start was kept (it is only when it ends cheaper than the search from the serpentine).
    double metisTrafficHopCost = 0.0;
    bool usedMetis = false;

    int coresUsed() const { return static_cast<int>(partitions.size()); }
    /// Partition index on (chip, core), or -1 for a free core.
    int partitionOn(int chip, int core) const;
};

/// Why a network cannot be mapped: which limit, which population, by how much.
struct MappingFailure {
    std::string population;
    std::string limit;
    double needed = 0.0;
    double available = 0.0;
    std::string message;
};

} // namespace pulselab::core::loihi
