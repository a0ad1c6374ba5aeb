#include "core/data/event_stream.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace pulselab::core {

std::uint64_t eventInputSize(const EventStream& stream) {
    return std::uint64_t{stream.width} * stream.height * (stream.hasPolarity ? 2 : 1);
}

std::optional<InputSpec> eventStreamToInput(const EventStream& stream, const std::string& inputName,
                                            std::string& error, double startMs, std::uint64_t maxNeurons) {
    const std::uint64_t neurons = eventInputSize(stream);
    if (neurons == 0 || neurons > maxNeurons) {
        error = stream.source + ": a " + std::to_string(stream.width) + " x " +
                std::to_string(stream.height) + " sensor would need " + std::to_string(neurons) +
                " input neurons (at most " + std::to_string(maxNeurons) + ")";
        return std::nullopt;
    }
    const std::size_t n = stream.size();
    if (stream.x.size() != n || stream.y.size() != n || (stream.hasPolarity && stream.polarity.size() != n)) {
        error = stream.source + ": event fields differ in length";
        return std::nullopt;
    }
    InputSpec spec;
    spec.name = inputName;
    spec.kind = "spike_times";
    spec.size = static_cast<std::uint32_t>(neurons);
    spec.spikeTimesMs.resize(static_cast<std::size_t>(neurons));
    const std::uint64_t first = n ? *std::min_element(stream.timesUs.begin(), stream.timesUs.end()) : 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (stream.x[i] >= stream.width || stream.y[i] >= stream.height) {
            error = stream.source + ": event " + std::to_string(i) + " at (" + std::to_string(stream.x[i]) +
                    ", " + std::to_string(stream.y[i]) + ") lies outside the " +
                    std::to_string(stream.width) + " x " + std::to_string(stream.height) + " sensor";
            return std::nullopt;
        }
        std::uint64_t neuron = std::uint64_t{stream.y[i]} * stream.width + stream.x[i];
        if (stream.hasPolarity)
            neuron = neuron * 2 + (stream.polarity[i] ? 1 : 0);
        spec.spikeTimesMs[static_cast<std::size_t>(neuron)].push_back(
            startMs + static_cast<double>(stream.timesUs[i] - first) / 1000.0);
    }
    // validate() wants each neuron's times sorted; sensors emit in time order but overflow handling and
    // multi-file streams need not.
    for (auto& times : spec.spikeTimesMs)
        std::sort(times.begin(), times.end());
    return spec;
}

bool readEventFileBytes(const std::string& path, std::uint64_t maxBytes, std::vector<unsigned char>& bytes,
                        std::string& error) {
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = path + ": cannot read: " + ec.message();
        return false;
    }
    if (size > maxBytes) {
        error = path + ": " + std::to_string(size) + " bytes is more than the " + std::to_string(maxBytes) +
                " bytes allowed for one event file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    bytes.resize(static_cast<std::size_t>(size));
    if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        error = path + ": cannot read";
        return false;
    }
    return true;
}

} // namespace pulselab::core
