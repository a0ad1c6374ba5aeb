#include "core/io/recording_collector.h"

#include <pulselab/version.h>

#include <algorithm>

namespace pulselab::core {

namespace {
constexpr std::uint64_t kSpikeBytes = sizeof(double) + sizeof(std::uint32_t);
constexpr std::uint64_t kSampleBytes = 2 * sizeof(double);
} // namespace

RecordingCollector::RecordingCollector(const RunLayout& layout,
                                       const std::vector<std::string>& inputPopulations,
                                       std::uint64_t maxBytes)
    : m_layout(layout), m_maxBytes(maxBytes) {
    m_recording.pulselabVersion = kVersion;
    m_recording.dtMs = layout.dtMs;
    for (const auto& p : layout.populations) {
        RecordedSpikes s;
        s.population = p.name;
        s.size = p.size;
        s.isInput =
            std::find(inputPopulations.begin(), inputPopulations.end(), p.name) != inputPopulations.end();
        m_recording.spikes.push_back(std::move(s));
    }
    for (const auto& info : layout.scalarSignals)
        m_recording.scalarSignals.push_back({info.name, info.unit, {}, {}});
}

bool RecordingCollector::add(const RunSnapshot& chunk, std::string& error) {
    std::uint64_t samples = 0;
    for (const auto& block : chunk.samples)
        samples += block.values.size();
    const std::uint64_t extra = chunk.spikes.size() * kSpikeBytes + samples * kSampleBytes;
    if (m_bytes + extra > m_maxBytes) {
        error = "the recording would need more than " + std::to_string(m_maxBytes >> 20) +
                " MiB of memory (" + std::to_string((m_bytes + extra) >> 20) +
                " MiB so far); record a shorter run or fewer populations";
        return false;
    }
    for (const SpikeEvent& spike : chunk.spikes) {
        const int p = m_layout.populationOf(spike.neuron);
        if (p < 0) {
            error = "spike of neuron " + std::to_string(spike.neuron) + " outside every population";
            return false;
        }
        RecordedSpikes& s = m_recording.spikes[static_cast<std::size_t>(p)];
        s.timesMs.push_back(static_cast<double>(spike.step) * m_layout.dtMs);
        s.ids.push_back(spike.neuron - m_layout.populations[static_cast<std::size_t>(p)].firstNeuron);
    }
    for (const auto& block : chunk.samples) {
        if (block.signal < 0 || static_cast<std::size_t>(block.signal) >= m_recording.scalarSignals.size())
            continue; // a signal the layout does not name has no name to store it under
        RecordedSignal& s = m_recording.scalarSignals[static_cast<std::size_t>(block.signal)];
        for (std::size_t i = 0; i < block.values.size() && i < block.steps.size(); ++i) {
            s.timesMs.push_back(static_cast<double>(block.steps[i]) * m_layout.dtMs);
            s.values.push_back(block.values[i]);
        }
    }
    m_bytes += extra;
    return true;
}

} // namespace pulselab::core
