#include "core/io/recording_collector.h"

#include <pulselab/version.h>

#include <algorithm>
#include <sstream>

namespace pulselab::core {

namespace {
constexpr std::uint64_t kSpikeBytes = sizeof(double) + sizeof(std::uint32_t);
constexpr std::uint64_t kSampleBytes = 2 * sizeof(double);
/// Past this stride a signal says little more than its first sample; then only refusing is left.
constexpr std::uint64_t kMaxSampleStride = std::uint64_t{1} << 30;
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
    m_samplesSeen.assign(m_recording.scalarSignals.size(), 0);
}

std::uint64_t RecordingCollector::samplesKept(const RunSnapshot& chunk) const {
    std::uint64_t kept = 0;
    for (const auto& block : chunk.samples) {
        if (block.signal < 0 || static_cast<std::size_t>(block.signal) >= m_samplesSeen.size())
            continue;
        const std::uint64_t seen = m_samplesSeen[static_cast<std::size_t>(block.signal)];
        const std::uint64_t n = std::min(block.values.size(), block.steps.size());
        // Global sample indices seen .. seen + n - 1 that are multiples of the stride.
        const std::uint64_t first = (seen + m_sampleStride - 1) / m_sampleStride * m_sampleStride;
        kept += first < seen + n ? (seen + n - 1 - first) / m_sampleStride + 1 : 0;
    }
    return kept;
}

void RecordingCollector::thinSignals() {
    // Stored samples have global indices 0, s, 2s, ...: keeping the even positions leaves 0, 2s, 4s, ...
    for (RecordedSignal& s : m_recording.scalarSignals) {
        const std::size_t before = s.values.size();
        std::size_t out = 0;
        for (std::size_t i = 0; i < before; i += 2, ++out) {
            s.timesMs[out] = s.timesMs[i];
            s.values[out] = s.values[i];
        }
        s.timesMs.resize(out);
        s.values.resize(out);
        s.timesMs.shrink_to_fit();
        s.values.shrink_to_fit();
        m_bytes -= (before - out) * kSampleBytes;
    }
    m_sampleStride *= 2;
}

std::string RecordingCollector::budgetReached(const RunSnapshot& chunk) const {
    // Not every producer fills firstStep (Simulation::advance does not): the chunk's first data says when.
    std::int64_t step = chunk.firstStep;
    if (!chunk.spikes.empty())
        step = std::max(step, chunk.spikes.front().step);
    for (const auto& block : chunk.samples)
        if (!block.steps.empty())
            step = std::max(step, block.steps.front());
    std::ostringstream text;
    text << "t = " << static_cast<double>(step) * m_layout.dtMs << " ms: recording budget of "
         << (m_maxBytes >> 20) << " MiB reached: ";
    return text.str();
}

bool RecordingCollector::add(const RunSnapshot& chunk, std::string& error) {
    for (const SpikeEvent& spike : chunk.spikes) {
        if (m_layout.populationOf(spike.neuron) < 0) {
            error = "spike of neuron " + std::to_string(spike.neuron) + " outside every population";
            return false;
        }
    }
    auto spikeBytes = [&] { return m_spikesStopped ? 0 : chunk.spikes.size() * kSpikeBytes; };
    while (m_bytes + spikeBytes() + samplesKept(chunk) * kSampleBytes > m_maxBytes) {
        std::uint64_t signalBytes = 0;
        for (const RecordedSignal& s : m_recording.scalarSignals)
            signalBytes += s.values.size() * kSampleBytes;
        const std::uint64_t incoming = samplesKept(chunk) * kSampleBytes;
        // Thin the signals while they are a real share of what is held; otherwise stop the spikes.
        if ((signalBytes + incoming) * 4 >= m_bytes + incoming && m_sampleStride < kMaxSampleStride &&
            signalBytes + incoming > 0) {
            thinSignals();
            m_notices.push_back(budgetReached(chunk) + "signals keep 1 sample in " +
                                std::to_string(m_sampleStride) +
                                " from here on (earlier samples thinned to match)");
        } else if (!m_spikesStopped && !chunk.spikes.empty()) {
            m_spikesStopped = true;
            m_notices.push_back(budgetReached(chunk) +
                                "spikes from here on are counted but not recorded; raise the budget "
                                "(pulselab-cli run --record-budget-mb) or record a shorter run");
        } else if (m_sampleStride < kMaxSampleStride && signalBytes + incoming > 0) {
            thinSignals();
            m_notices.push_back(budgetReached(chunk) + "signals keep 1 sample in " +
                                std::to_string(m_sampleStride) +
                                " from here on (earlier samples thinned to match)");
        } else {
            error = "the recording would need more than " + std::to_string(m_maxBytes >> 20) +
                    " MiB of memory even with its signals thinned and its spikes stopped; record a shorter "
                    "run or fewer populations";
            return false;
        }
    }
    if (m_spikesStopped) {
        m_droppedSpikes += chunk.spikes.size();
    } else {
        for (const SpikeEvent& spike : chunk.spikes) {
            const auto p = static_cast<std::size_t>(m_layout.populationOf(spike.neuron));
            RecordedSpikes& s = m_recording.spikes[p];
            s.timesMs.push_back(static_cast<double>(spike.step) * m_layout.dtMs);
            s.ids.push_back(spike.neuron - m_layout.populations[p].firstNeuron);
        }
        m_bytes += chunk.spikes.size() * kSpikeBytes;
    }
    for (const auto& block : chunk.samples) {
        if (block.signal < 0 || static_cast<std::size_t>(block.signal) >= m_recording.scalarSignals.size())
            continue; // a signal the layout does not name has no name to store it under
        RecordedSignal& s = m_recording.scalarSignals[static_cast<std::size_t>(block.signal)];
        std::uint64_t& seen = m_samplesSeen[static_cast<std::size_t>(block.signal)];
        for (std::size_t i = 0; i < block.values.size() && i < block.steps.size(); ++i, ++seen) {
            if (seen % m_sampleStride != 0)
                continue;
            s.timesMs.push_back(static_cast<double>(block.steps[i]) * m_layout.dtMs);
            s.values.push_back(block.values[i]);
            m_bytes += kSampleBytes;
        }
    }
    return true;
}

} // namespace pulselab::core
