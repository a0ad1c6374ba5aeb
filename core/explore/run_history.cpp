#include "core/explore/run_history.h"

#include <algorithm>
#include <utility>

namespace pulselab::core {

int RunRecord::signalOfKind(SignalKind kind) const {
    for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i)
        if (layout.scalarSignals[i].kind == kind)
            return static_cast<int>(i);
    return -1;
}

RunHistory::RunHistory(std::size_t maxRuns, std::uint64_t maxBytesPerRun, std::uint64_t maxBytes)
    : m_maxRuns(std::max<std::size_t>(maxRuns, 2)), m_maxBytesPerRun(maxBytesPerRun), m_maxBytes(maxBytes) {}

void RunHistory::begin(const RunLayout& layout, std::string title, std::string projectJson,
                       std::uint64_t seed, std::vector<AppliedParameterChange> initialChanges) {
    end();
    RunRecord record;
    record.number = m_nextNumber++;
    record.title = std::move(title);
    record.layout = layout;
    record.parameterChanges = std::move(initialChanges);
    m_collector.emplace(layout, std::vector<std::string>{}, m_maxBytesPerRun);
    Recording& recording = m_collector->recording();
    recording.seed = seed;
    recording.dtMs = layout.dtMs;
    recording.projectJson = std::move(projectJson);
    // The list shows the current run's metadata before its recording is synced.
    record.recording.seed = seed;
    record.recording.dtMs = layout.dtMs;
    record.recording.projectJson = recording.projectJson;
    m_freeEnergySignal = record.signalOfKind(SignalKind::FreeEnergyTotal);
    m_current = std::move(record);
    m_currentStale = true;
    m_noticesSeen = 0;
}

void RunHistory::append(const RunSnapshot& chunk) {
    if (!m_current || !m_collector)
        return;
    m_current->steps = std::max(m_current->steps, chunk.endStep);
    m_current->spikes += chunk.spikes.size();
    if (m_freeEnergySignal >= 0)
        for (const SignalSamples& block : chunk.samples)
            if (block.signal == m_freeEnergySignal && !block.values.empty())
                m_current->lastFreeEnergy = block.values.back();
    for (const auto& change : chunk.parameterChanges)
        m_current->parameterChanges.push_back(change);
    // Past its budget the collector thins the signals, then stops keeping spikes, each time with a notice.
    std::string error;
    if (!m_collector->add(chunk, error)) {
        if (m_current->note.empty())
            m_current->note = error;
        return;
    }
    m_currentStale = true;
    if (m_collector->notices().size() != m_noticesSeen) {
        m_noticesSeen = m_collector->notices().size();
        m_current->note.clear();
        for (const std::string& notice : m_collector->notices())
            m_current->note += (m_current->note.empty() ? "" : "; ") + notice;
    }
}

void RunHistory::end() {
    if (!m_current)
        return;
    if (m_current->steps > 0) {
        m_current->recording = std::move(m_collector->recording());
        m_current->bytes = m_collector->bytesHeld();
        m_ended.push_back(std::move(*m_current));
        const auto total = [this] {
            std::uint64_t bytes = 0;
            for (const RunRecord& r : m_ended)
                bytes += r.bytes;
            return bytes;
        };
        while (m_ended.size() > 1 && (m_ended.size() > m_maxRuns || total() > m_maxBytes))
            m_ended.erase(m_ended.begin());
    }
    m_current.reset();
    m_collector.reset();
}

void RunHistory::syncCurrent() const {
    if (!m_current || !m_currentStale)
        return;
    m_current->recording = m_collector->recording();
    m_currentStale = false;
}

std::vector<const RunRecord*> RunHistory::runs() const {
    std::vector<const RunRecord*> out;
    for (const RunRecord& r : m_ended)
        out.push_back(&r);
    if (m_current && m_current->steps > 0)
        out.push_back(&*m_current);
    return out;
}

const RunRecord* RunHistory::run(int number) const {
    if (m_current && m_current->number == number && m_current->steps > 0)
        syncCurrent();
    for (const RunRecord* r : runs())
        if (r->number == number)
            return r;
    return nullptr;
}

bool RunHistory::remove(int number) {
    const auto it = std::find_if(m_ended.begin(), m_ended.end(),
                                 [number](const RunRecord& r) { return r.number == number; });
    if (it == m_ended.end())
        return false; // the current run is not removed while it is being recorded
    m_ended.erase(it);
    return true;
}

void RunHistory::clear() {
    m_ended.clear();
    m_current.reset();
    m_collector.reset();
}

} // namespace pulselab::core
