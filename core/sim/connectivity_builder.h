#pragma once
// Draws a projection's synapses from its connectivity rule and weight/delay distributions, from the
// projection's own random stream.
#include "core/model/network_spec.h"
#include "core/sim/synapse_table.h"

#include <random>

namespace pulselab::core {

/// Expected number of synapses, computed without drawing them (for memory estimates).
double expectedSynapses(const ProjectionSpec& projection, std::uint32_t sourceSize, std::uint32_t targetSize);

/// Whether the engine stores this projection as a dense matrix: "dense" asked for, or "auto" with at least
/// half of the source x target pairs connected, one constant delay and no plasticity (a dense column add is
/// then cheaper than the scattered sparse adds, and 4 bytes per pair at most 8 per synapse).
bool usesDenseStorage(const ProjectionSpec& projection, std::uint32_t sourceSize, std::uint32_t targetSize);

/// Rows (one per source neuron) are sorted by target, keeping the order of synapses between the same pair.
SynapseTable buildSynapses(const ProjectionSpec& projection, std::uint32_t sourceSize,
                           std::uint32_t targetSize, std::mt19937_64& rng);

} // namespace pulselab::core
