#pragma once
// Intensities in [0, 1] to spikes. Rate (Poisson) coding: each input fires at intensity x max rate. Latency
// (time-to-first-spike) coding: each input fires once, earlier the stronger it is, at (1 - intensity) x
// window; inputs below `threshold` stay silent.
#include <cstdint>
#include <random>
#include <vector>

namespace pulselab::core {

/// Appends the inputs that fire in one step of `dtMs` under Poisson rate coding.
void poissonEncodeStep(const std::vector<float>& intensity, double maxRateHz, double dtMs,
                       std::mt19937_64& rng, std::vector<std::uint32_t>& spikes);

/// Spike time of each input under latency coding, in steps after the sample's onset; -1 for silent inputs.
std::vector<std::int64_t> latencySteps(const std::vector<float>& intensity, double windowMs, double dtMs,
                                       double threshold);

} // namespace pulselab::core
