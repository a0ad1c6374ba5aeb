#pragma once
// Events recorded by neuromorphic sensors (DVS cameras, the cochlea model of the Heidelberg digits), read
// from the datasets' files, and their conversion into an input that replays them. Column layout (one vector
// per field) so a stream of millions of events costs 13 bytes each and views can draw from it directly.
#include "core/model/network_spec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

struct EventStream {
    std::string source;       ///< the file (and sample) the events came from, for messages
    std::uint32_t width = 0;  ///< sensor columns (or channels, for one-dimensional sensors)
    std::uint32_t height = 1; ///< sensor rows
    bool hasPolarity = true;  ///< DVS events are ON/OFF; cochlea channels have no polarity
    std::vector<std::uint64_t> timesUs;
    std::vector<std::uint16_t> x; ///< column, or channel (unit) id
    std::vector<std::uint16_t> y;
    std::vector<std::uint8_t> polarity; ///< 0 or 1; empty when !hasPolarity
    int label = -1;                     ///< class of the sample, when the dataset gives one

    std::size_t size() const { return timesUs.size(); }
};

struct EventLoad {
    std::optional<EventStream> stream;
    std::string error; ///< names the file and the byte offset or the field, e.g. "a.bin: byte 12: ..."
};

/// Bounds on what a reader accepts, so a damaged or hostile file cannot make it allocate without limit.
struct EventReadLimits {
    std::uint64_t maxEvents = 50'000'000; ///< about 650 MB of events in memory
};

/// Neurons of the input replaying `stream`: width * height, times two with polarity.
std::uint64_t eventInputSize(const EventStream& stream);

/// An input of kind "spike_times" that replays the events: neuron (y * width + x) * 2 + polarity with
/// polarity, y * width + x without, so the two polarities of a pixel are neighbours. Times are shifted so the
/// first event is at `startMs`. Returns nullopt with `error` when an event lies outside the sensor or the
/// input would have more than `maxNeurons` neurons.
std::optional<InputSpec> eventStreamToInput(const EventStream& stream, const std::string& inputName,
                                            std::string& error, double startMs = 0.0,
                                            std::uint64_t maxNeurons = std::uint64_t{1} << 22);

/// Reads a whole binary event file after checking its size against `maxBytes`; `error` names the file.
bool readEventFileBytes(const std::string& path, std::uint64_t maxBytes, std::vector<unsigned char>& bytes,
                        std::string& error);

} // namespace pulselab::core
