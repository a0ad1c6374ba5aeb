#pragma once
// Gathers the spikes and signal samples of a run, chunk by chunk, into a Recording. A run can produce far
// more spikes than fit in memory, so the collector counts the bytes it holds and refuses (with a message
// saying how much was needed) once they pass a limit, instead of letting the process be killed for running
// out.
#include "core/io/recording.h"
#include "core/runtime/run_snapshot.h"

#include <string>

namespace pulselab::core {

class RecordingCollector {
public:
    /// `inputPopulations`: names in `layout` that are inputs rather than neuron populations.
    RecordingCollector(const RunLayout& layout, const std::vector<std::string>& inputPopulations,
                       std::uint64_t maxBytes = std::uint64_t{2} << 30);

    /// Appends a chunk's spikes and samples. Returns false (and leaves the recording as it was before the
    /// chunk's spikes went over) with `error` set when the limit would be exceeded or a spike is out of
    /// range.
    bool add(const RunSnapshot& chunk, std::string& error);

    std::uint64_t bytesHeld() const { return m_bytes; }
    Recording& recording() { return m_recording; }

private:
    RunLayout m_layout;
    Recording m_recording;
    std::uint64_t m_maxBytes;
    std::uint64_t m_bytes = 0;
};

} // namespace pulselab::core
