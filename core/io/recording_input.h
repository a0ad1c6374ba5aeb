#pragma once
// Replaying a recorded population as input: its spikes become an InputSpec of kind "spike_times" with one
// neuron per recorded neuron, so a later run can be driven by what an earlier run produced.
#include "core/io/recording.h"
#include "core/model/network_spec.h"

#include <optional>
#include <string>

namespace pulselab::core {

/// Returns nullopt with `error` naming the population when the recording has no population of that name.
std::optional<InputSpec> spikeTimesInputFromRecording(const Recording& recording,
                                                      const std::string& population,
                                                      const std::string& inputName, std::string& error);

} // namespace pulselab::core
