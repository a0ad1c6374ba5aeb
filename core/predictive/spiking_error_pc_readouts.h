#pragma once
// What a live run of the explicit-error spiking PC network (spiking_error_pc.h) shows, shared by the bars and
// MNIST runs: its four populations laid out one after another (inputs, latent causes, errors +, errors -),
// its spikes in that numbering, and each cause's top-down weights as an image.
#include "core/predictive/spiking_error_pc.h"
#include "core/runtime/run_snapshot.h"

#include <memory>
#include <string>
#include <vector>

namespace pulselab::core {

std::vector<PopulationInfo> spikingErrorPcPopulations(const std::string& inputName, std::uint32_t inputs,
                                                      std::uint32_t latents);

/// What drives what among those four: inputs excite errors + and inhibit errors -, the causes' predictions
/// the reverse, and the errors drive the causes.
std::vector<PopulationLink> spikingErrorPcLinks();

/// Appends one step's spikes in the numbering of spikingErrorPcPopulations().
void appendSpikingErrorPcSpikes(const SpikingErrorPcStep& spikes, std::int64_t step, std::uint32_t inputs,
                                std::uint32_t latents, std::vector<SpikeEvent>& out);

/// Each cause's weights onto a width x height input image: what it has learned to predict.
std::shared_ptr<const FeatureImages> causeFeatures(const SpikingErrorPc& network, int width, int height,
                                                   std::int64_t step);

} // namespace pulselab::core
