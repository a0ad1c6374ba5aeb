#include "core/loihi/loihi_mapper.h"

#include "core/loihi/core_partitioner.h"
#include "core/loihi/mesh_placer.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core::loihi {

double reachProbability(const MappingProblem& problem, const MappingProjection& projection,
                        std::uint32_t targets) {
    const double sources = problem.populations[static_cast<std::size_t>(projection.source)].neurons;
    const double targetSize = problem.populations[static_cast<std::size_t>(projection.target)].neurons;
    if (sources <= 0 || targetSize <= 0)
        return 0.0;
    const double p = std::min(1.0, static_cast<double>(projection.synapses) / (sources * targetSize));
    if (p >= 1.0)
        return targets > 0 ? 1.0 : 0.0;
    // 1 - (1 - p)^k, computed stably for small p.
    return -std::expm1(static_cast<double>(targets) * std::log1p(-p));
}

double expectedMessagesPerStep(const MappingProblem& problem, const Partition& from, const Partition& to) {
    const MappingPopulation& source = problem.populations[static_cast<std::size_t>(from.population)];
    double messages = 0.0;
    for (const MappingProjection& projection : problem.projections) {
        if (projection.source != from.population || projection.target != to.population)
            continue;
        messages +=
            from.neurons * source.expectedRatePerStep * reachProbability(problem, projection, to.neurons);
    }
    return messages;
}

double hopDistance(const Mapping& mapping, const Partition& a, const Partition& b,
                   double chipLinkHopPenalty) {
    const int cols = mapping.meshColumns;
    const int dx = std::abs(a.core % cols - b.core % cols);
    const int dy = std::abs(a.core / cols - b.core / cols);
    return dx + dy + chipLinkHopPenalty * std::abs(a.chip - b.chip);
}

MapResult mapNetwork(const MappingProblem& problem, const ChipDescription& chip,
                     const MapperOptions& options) {
    auto limit = [&](const char* key) -> double {
        const auto it = chip.perCore.find(key);
        return it == chip.perCore.end() ? 0.0 : it->second.value;
    };
    Mapping mapping;
    mapping.limits.maxNeurons = static_cast<std::uint32_t>(limit("max_neurons"));
    mapping.limits.sramBytes = static_cast<std::uint64_t>(limit("sram_bytes"));
    mapping.limits.maxInputAxons = static_cast<std::uint32_t>(limit("max_input_axons"));
    mapping.limits.maxFanoutEdges = static_cast<std::uint32_t>(limit("max_fanout_edges"));
    mapping.coresPerChip = chip.neuroCores;
    mapping.meshColumns = chip.meshColumns;

    auto partitions = partitionPopulations(problem, mapping.limits);
    if (auto* failure = std::get_if<MappingFailure>(&partitions))
        return *failure;
    mapping.partitions = std::move(std::get<std::vector<Partition>>(partitions));

    const auto cores = static_cast<int>(mapping.partitions.size());
    mapping.chips = std::max(1, (cores + chip.neuroCores - 1) / chip.neuroCores);
    if (mapping.chips > options.maxChips) {
        MappingFailure failure;
        failure.limit = "chips";
        failure.needed = mapping.chips;
        failure.available = options.maxChips;
        failure.message = "the network needs " + std::to_string(cores) + " cores, i.e. " +
                          std::to_string(mapping.chips) + " chips of " + std::to_string(chip.neuroCores) +
                          " cores; at most " + std::to_string(options.maxChips) + " chips are allowed";
        return failure;
    }
    placePartitions(problem, mapping, options);
    return mapping;
}

int Mapping::partitionOn(int chip, int core) const {
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        if (partitions[i].chip == chip && partitions[i].core == core)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace pulselab::core::loihi
