#pragma once
// Spiking Heidelberg Digits (Cramer et al. 2020, IEEE TNNLS, doi 10.1109/TNNLS.2020.3044364) HDF5 files as
// h5py writes them: spikes/times (one variable-length array of spike times in seconds per sample),
// spikes/units (one variable-length array of channel ids per sample, 700 cochlea channels) and labels (one
// integer per sample). Samples are read one at a time: a whole file holds thousands.
#include "core/data/event_stream.h"

#include <optional>

namespace pulselab::core {

inline constexpr std::uint32_t kShdChannels = 700;

struct ShdInfo {
    std::uint64_t samples = 0;
    std::vector<int> labels;
};

/// Checks the layout and reads the labels; nullopt with `error` naming the file and the object.
std::optional<ShdInfo> readShdInfo(const std::string& path, std::string& error);

/// Sample `index` as a one-row stream (x = channel, y = 0, no polarity) with its label.
EventLoad readShdSample(const std::string& path, std::uint64_t index, const EventReadLimits& limits = {});

} // namespace pulselab::core
