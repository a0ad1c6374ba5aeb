#pragma once
// Steps a SteppableRun on its own thread in chunks and publishes a RunSnapshot after each chunk into a
// lock-free SPSC queue. The engine never waits for the consumer: when the queue is full it merges chunks into
// one pending snapshot (dropping the oldest spikes past a bound, and counting them). Commands (run, pause,
// step, reset, speed, parameter changes) are applied at the next step boundary.
#include "core/runtime/spsc_queue.h"
#include "core/runtime/steppable_run.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace pulselab::core {

class RunLoop {
public:
    enum class State { Paused, Running, Finished, Faulted };

    /// Takes ownership of `run` and starts the (paused) worker thread.
    explicit RunLoop(std::unique_ptr<SteppableRun> run, std::size_t queueCapacity = 64);
    ~RunLoop();
    RunLoop(const RunLoop&) = delete;
    RunLoop& operator=(const RunLoop&) = delete;

    const RunLayout& layout() const { return m_layout; }

    void run();
    void pause();
    /// Advances exactly `steps` steps, then pauses.
    void step(std::int64_t steps = 1);
    void reset();
    /// 0 = as fast as possible; otherwise simulated seconds per wall second.
    void setRealTimeFactor(double factor);
    /// Stop (state Finished) when this step is reached; -1 = run until paused.
    void setStopStep(std::int64_t step);
    /// Applied at the next step boundary; failures arrive as a snapshot fault message (run keeps going).
    void postParameterChange(const std::string& target, const std::string& parameter, double value);

    /// The consumer side: pop snapshots from the GUI thread.
    std::optional<RunSnapshot> popSnapshot() { return m_queue.tryPop(); }
    /// Hands a consumed snapshot back so the engine refills its spike buffer instead of allocating (and
    /// page-faulting in) a new one for every chunk. Optional; call from the consumer thread only.
    void recycle(RunSnapshot&& used);
    /// Snapshots waiting in the queue now (a consumer drains at most this many per tick, so a fast engine
    /// cannot keep it draining forever).
    std::size_t queuedSnapshots() const { return m_queue.size(); }

    State state() const { return m_state.load(std::memory_order_acquire); }
    std::int64_t currentStep() const { return m_step.load(std::memory_order_acquire); }

    /// Upper bound of spikes held back while the consumer is not draining; older ones are dropped.
    static constexpr std::size_t kMaxPendingSpikes = 4'000'000;
    /// Upper bound of signal samples held back; past it every other sample is dropped (extremes may thin).
    static constexpr std::size_t kMaxPendingSamples = 2'000'000;

private:
    using Command = std::function<void()>;
    void post(Command command);
    void workerMain();
    void runChunk();
    void publish(RunSnapshot&& snapshot);
    void pace(std::int64_t stepsDone);

    std::unique_ptr<SteppableRun> m_run;
    const RunLayout m_layout;
    SpscQueue<RunSnapshot> m_queue;
    SpscQueue<std::vector<SpikeEvent>> m_spareSpikes; ///< consumer -> engine: emptied buffers to refill

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Command> m_commands;
    bool m_quit = false;
    std::atomic<bool> m_commandsPending{false};

    // Worker-thread state.
    std::atomic<State> m_state{State::Paused};
    std::atomic<std::int64_t> m_step{0};
    std::int64_t m_stepsToGo = 0; ///< for step(): remaining steps before pausing again
    std::int64_t m_stopStep = -1;
    double m_realTimeFactor = 0.0;
    std::int64_t m_chunkSteps = 10;
    int m_epoch = 0;
    std::uint64_t m_totalSpikes = 0;
    std::size_t m_lastChunkSpikes = 0;
    double m_engineSeconds = 0.0;
    std::optional<RunSnapshot> m_pending;
    RunSnapshot m_changesForNextChunk;
    // Real-time pacing reference: wall clock and step when the current running segment began.
    std::chrono::steady_clock::time_point m_paceStart;
    std::int64_t m_paceStartStep = 0;

    std::thread m_worker; // last: started after everything above is initialised
};

} // namespace pulselab::core
