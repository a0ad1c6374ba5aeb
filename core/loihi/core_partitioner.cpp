#include "core/loihi/core_partitioner.h"

#include "core/loihi/loihi_mapper.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace pulselab::core::loihi {

Partition partitionDemand(const MappingProblem& problem, int population, std::uint32_t k,
                          const std::vector<std::uint32_t>& partitionsPerPopulation) {
    const MappingPopulation& pop = problem.populations[static_cast<std::size_t>(population)];
    Partition part;
    part.population = population;
    part.neurons = k;
    part.stateBytes = static_cast<std::uint64_t>(k) * pop.stateBytesPerNeuron;
    double axons = 0.0;
    double fanout = 0.0;
    double synapseBytes = 0.0;
    for (const MappingProjection& projection : problem.projections) {
        if (projection.target == population) {
            const double perTarget = static_cast<double>(projection.synapses) / std::max(1u, pop.neurons);
            synapseBytes += k * perTarget * projection.bytesPerSynapse;
            // Source neurons with at least one synapse onto this partition each need an input axon.
            const double sources = problem.populations[static_cast<std::size_t>(projection.source)].neurons;
            axons += sources * reachProbability(problem, projection, k);
        }
        if (projection.source == population) {
            // Each neuron needs one routing entry per target partition it reaches.
            const auto& target = problem.populations[static_cast<std::size_t>(projection.target)];
            const std::uint32_t parts = partitionsPerPopulation[static_cast<std::size_t>(projection.target)];
            const std::uint32_t perPart = (target.neurons + parts - 1) / std::max(1u, parts);
            fanout += k * parts * reachProbability(problem, projection, perPart);
        }
    }
    part.synapseBytes = static_cast<std::uint64_t>(std::ceil(synapseBytes));
    part.inputAxons = static_cast<std::uint32_t>(std::ceil(axons - 1e-9));
    part.fanoutEdges = static_cast<std::uint32_t>(std::ceil(fanout - 1e-9));
    return part;
}

namespace {

/// The first limit `demand` exceeds, as a failure description (limit empty when everything fits).
MappingFailure firstViolation(const Partition& demand, const CoreLimits& limits) {
    MappingFailure f;
    auto check = [&](const char* name, double needed, double available) {
        if (f.limit.empty() && available > 0 && needed > available) {
            f.limit = name;
            f.needed = needed;
            f.available = available;
        }
    };
    check("neurons per core", demand.neurons, limits.maxNeurons);
    check("SRAM bytes per core (neuron state + synapses)",
          static_cast<double>(demand.stateBytes + demand.synapseBytes),
          static_cast<double>(limits.sramBytes));
    check("input axons per core", demand.inputAxons, limits.maxInputAxons);
    check("fan-out edges per core", demand.fanoutEdges, limits.maxFanoutEdges);
    return f;
}

} // namespace

std::variant<std::vector<Partition>, MappingFailure> partitionPopulations(const MappingProblem& problem,
                                                                          const CoreLimits& limits) {
    const std::size_t n = problem.populations.size();
    std::vector<std::uint32_t> parts(n, 1);
    std::vector<std::uint32_t> best(n, 1);
    for (int iteration = 0; iteration < 16; ++iteration) {
        bool changed = false;
        for (std::size_t p = 0; p < n; ++p) {
            const std::uint32_t size = problem.populations[p].neurons;
            if (size == 0)
                continue;
            const Partition one = partitionDemand(problem, static_cast<int>(p), 1, parts);
            MappingFailure failure = firstViolation(one, limits);
            if (!failure.limit.empty()) {
                failure.population = problem.populations[p].name;
                std::ostringstream message;
                message << "population '" << failure.population << "': a single neuron needs "
                        << failure.needed << " " << failure.limit << " but a core has " << failure.available
                        << " (over by " << failure.needed - failure.available << ")";
                failure.message = message.str();
                return failure;
            }
            // Largest k that fits (every demand grows with k).
            std::uint32_t lo = 1;
            std::uint32_t hi = size;
            while (lo < hi) {
                const std::uint32_t mid = lo + (hi - lo + 1) / 2;
                if (firstViolation(partitionDemand(problem, static_cast<int>(p), mid, parts), limits)
                        .limit.empty())
                    lo = mid;
                else
                    hi = mid - 1;
            }
            best[p] = lo;
            const std::uint32_t count = (size + lo - 1) / lo;
            if (count != parts[p]) {
                parts[p] = count;
                changed = true;
            }
        }
        if (!changed)
            break;
    }

    std::vector<Partition> partitions;
    for (std::size_t p = 0; p < n; ++p) {
        const std::uint32_t size = problem.populations[p].neurons;
        if (size == 0)
            continue;
        const std::uint32_t count = parts[p];
        // Balanced sizes: the first (size % count) partitions get one neuron more.
        std::uint32_t first = 0;
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::uint32_t k = size / count + (i < size % count ? 1 : 0);
            Partition part = partitionDemand(problem, static_cast<int>(p), k, parts);
            part.firstNeuron = first;
            first += k;
            partitions.push_back(part);
        }
    }
    // Fan-out grows when targets split further; if the fixpoint was not reached, say which partition fails.
    for (const Partition& part : partitions) {
        MappingFailure failure = firstViolation(part, limits);
        if (!failure.limit.empty()) {
            failure.population = problem.populations[static_cast<std::size_t>(part.population)].name;
            std::ostringstream message;
            message << "population '" << failure.population << "': partitions still need " << failure.needed
                    << " " << failure.limit << " (a core has " << failure.available << ") after splitting";
            failure.message = message.str();
            return failure;
        }
    }
    return partitions;
}

} // namespace pulselab::core::loihi
