#pragma once
// The runs of one open project, kept so that two of them can be compared: each run's project as it was run
// (parameters, seed), its recording (spikes and signals), the parameter changes made while it ran and how
// far it got. A run starts when a network is built or reset and ends at the next reset or rebuild. Memory is
// bounded: each run's recording has a byte budget (past it the run keeps its signals but no more spikes, and
// says so), and the oldest runs are forgotten past a count.
#include "core/io/recording.h"
#include "core/io/recording_collector.h"
#include "core/runtime/run_snapshot.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

struct RunRecord {
    int number = 0;    ///< 1, 2, ... in the order the runs started
    std::string title; ///< what the run was (project title, sweep point, ...)
    RunLayout layout;
    Recording recording; ///< seed, dt, the project JSON as run, spikes and signals
    std::vector<AppliedParameterChange> parameterChanges; ///< in the order they were applied
    std::int64_t steps = 0;                               ///< steps simulated
    std::uint64_t spikes = 0;                             ///< spikes of every population, kept or not
    double lastFreeEnergy =
        std::numeric_limits<double>::quiet_NaN(); ///< last total free energy sample, NaN if none
    std::string note;        ///< non-empty when the recording is incomplete (names why and from when)
    std::uint64_t bytes = 0; ///< memory its recording holds

    double simulatedMs() const { return static_cast<double>(steps) * layout.dtMs; }
    /// Index of the first signal of `kind` in layout.scalarSignals (= recording.scalarSignals), or -1.
    int signalOfKind(SignalKind kind) const;
};

class RunHistory {
public:
    /// Keeps at most `maxRuns` ended runs and `maxBytes` of recordings in all (the oldest go first; the
    /// newest ended run always stays); one run records at most `maxBytesPerRun`.
    explicit RunHistory(std::size_t maxRuns = 20, std::uint64_t maxBytesPerRun = std::uint64_t{256} << 20,
                        std::uint64_t maxBytes = std::uint64_t{1} << 30);

    /// Ends the current run (if any) and starts recording a new one. `initialChanges` are changes applied
    /// before its first step (e.g. a sweep point's overrides), kept as changes at step 0.
    void begin(const RunLayout& layout, std::string title, std::string projectJson, std::uint64_t seed,
               std::vector<AppliedParameterChange> initialChanges = {});
    /// Adds a chunk of the current run (ignored when there is none).
    void append(const RunSnapshot& chunk);
    /// Ends the current run: kept when it simulated at least one step, dropped otherwise.
    void end();

    /// The ended runs, oldest first, then the current one when it has simulated a step. Cheap, for lists:
    /// the current run's `recording` is brought up to date only by run().
    std::vector<const RunRecord*> runs() const;
    /// The run numbered `number` with its whole recording so far, or nullptr.
    const RunRecord* run(int number) const;
    /// Number of the run being recorded, or 0.
    int currentNumber() const { return m_current ? m_current->number : 0; }
    bool remove(int number);
    void clear();
    bool hasCurrent() const { return m_current.has_value(); }

private:
    void syncCurrent() const;

    std::size_t m_maxRuns;
    std::uint64_t m_maxBytesPerRun;
    std::uint64_t m_maxBytes;
    std::vector<RunRecord> m_ended;
    // The run being recorded: its record (recording synced from the collector when read) and collector.
    mutable std::optional<RunRecord> m_current;
    mutable std::optional<RecordingCollector> m_collector;
    mutable bool m_currentStale = false;
    int m_nextNumber = 1;
    int m_freeEnergySignal = -1;   // of the current run's layout
    std::size_t m_noticesSeen = 0; // of the current run's collector
};

} // namespace pulselab::core
