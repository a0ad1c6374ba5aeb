#pragma once
// Gathers the spikes and signal samples of a run, chunk by chunk, into a Recording. A run can produce far
// more than fits in memory, so the collector counts the bytes it holds against a budget and, instead of
// letting the process be killed for running out, degrades with a notice once the budget is reached: first it
// thins every signal (keeps every 2nd sample, then every 4th, ...: signals are smooth at the resolutions
// recorded), then, when spikes alone fill the budget, it stops recording spikes (they are still counted).
// Each notice says when and what; callers show them (pulselab-cli prints them and adds them to its JSON).
#include "core/io/recording.h"
#include "core/runtime/run_snapshot.h"

#include <string>

namespace pulselab::core {

class RecordingCollector {
public:
    /// `inputPopulations`: names in `layout` that are inputs rather than neuron populations.
    RecordingCollector(const RunLayout& layout, const std::vector<std::string>& inputPopulations,
                       std::uint64_t maxBytes = std::uint64_t{2} << 30);

    /// Appends a chunk's spikes and samples, thinned as the budget requires. Returns false with `error`
    /// set (and the recording as it was) when a spike is out of range.
    bool add(const RunSnapshot& chunk, std::string& error);

    std::uint64_t bytesHeld() const { return m_bytes; }
    std::uint64_t budgetBytes() const { return m_maxBytes; }
    Recording& recording() { return m_recording; }
    /// What the budget changed, in order, e.g. "t = 120 ms: recording budget of 64 MiB reached: signals
    /// keep 1 sample in 2 from here on (earlier samples thinned to match)".
    const std::vector<std::string>& notices() const { return m_notices; }
    /// Every n-th sample of each signal is kept (1 until the budget is first reached).
    std::uint64_t sampleStride() const { return m_sampleStride; }
    /// Spikes not recorded because the budget was full (0 unless a notice says spikes stopped).
    std::uint64_t droppedSpikes() const { return m_droppedSpikes; }

private:
    std::uint64_t samplesKept(const RunSnapshot& chunk) const;
    void thinSignals();
    std::string budgetReached(const RunSnapshot& chunk) const;

    RunLayout m_layout;
    Recording m_recording;
    std::uint64_t m_maxBytes;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_sampleStride = 1;
    std::vector<std::uint64_t> m_samplesSeen; // per signal, samples offered so far
    bool m_spikesStopped = false;
    std::uint64_t m_droppedSpikes = 0;
    std::vector<std::string> m_notices;
};

} // namespace pulselab::core
