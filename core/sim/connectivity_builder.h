#pragma once
// Draws a projection's synapses from its connectivity rule and weight/delay distributions, from the
// projection's own random stream.
#include "core/model/network_spec.h"
#include "core/sim/synapse_table.h"

#include <random>

namespace pulselab::core {

/// Expected number of synapses, computed without drawing them (for memory estimates).
double expectedSynapses(const ProjectionSpec& projection, std::uint32_t sourceSize, std::uint32_t targetSize);

SynapseTable buildSynapses(const ProjectionSpec& projection, std::uint32_t sourceSize,
                           std::uint32_t targetSize, std::mt19937_64& rng);

} // namespace pulselab::core
