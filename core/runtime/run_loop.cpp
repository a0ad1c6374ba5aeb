#include "core/runtime/run_loop.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#ifdef __linux__
#include <pthread.h>
#endif

namespace pulselab::core {

namespace {
using Clock = std::chrono::steady_clock;
// Chunks aim at a few milliseconds of work: short enough that pause and parameter changes land quickly,
// long enough that the per-chunk overhead (snapshot, queue) is negligible.
constexpr double kTargetChunkSeconds = 0.004;
constexpr std::int64_t kMaxChunkSteps = 100'000;
} // namespace

RunLoop::RunLoop(std::unique_ptr<SteppableRun> run, std::size_t queueCapacity)
    : m_run(std::move(run)), m_layout(m_run->layout()), m_queue(queueCapacity), m_spareSpikes(8),
      m_worker([this] {
#ifdef __linux__
          // Named so that profilers and bench_gui_views can tell the engine from the GUI thread.
          pthread_setname_np(pthread_self(), "pulselab-run");
#endif
          workerMain();
      }) {
}

RunLoop::~RunLoop() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_one();
    m_worker.join();
}

void RunLoop::post(Command command) {
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back(std::move(command));
        m_commandsPending.store(true, std::memory_order_release);
    }
    m_wake.notify_one();
}

void RunLoop::run() {
    post([this] {
        if (m_state == State::Faulted || (m_stopStep >= 0 && m_step >= m_stopStep))
            return;
        m_stepsToGo = 0;
        m_state = State::Running;
        m_paceStart = Clock::now();
        m_paceStartStep = m_step;
    });
}

void RunLoop::pause() {
    post([this] {
        if (m_state == State::Running)
            m_state = State::Paused;
        m_stepsToGo = 0;
    });
}

void RunLoop::step(std::int64_t steps) {
    post([this, steps] {
        if (m_state == State::Faulted || steps <= 0)
            return;
        m_stepsToGo = steps;
        m_state = State::Running;
        m_paceStart = Clock::now();
        m_paceStartStep = m_step;
    });
}

void RunLoop::reset() {
    post([this] {
        m_run->reset();
        m_step = m_run->currentStep();
        m_state = State::Paused;
        m_stepsToGo = 0;
        ++m_epoch;
        m_totalSpikes = 0;
        m_engineSeconds = 0.0;
        m_pending.reset();
        m_changesForNextChunk = RunSnapshot{};
        RunSnapshot empty;
        empty.epoch = m_epoch;
        empty.firstStep = empty.endStep = m_step;
        publish(std::move(empty));
    });
}

void RunLoop::setRealTimeFactor(double factor) {
    post([this, factor] {
        m_realTimeFactor = std::max(0.0, factor);
        m_paceStart = Clock::now();
        m_paceStartStep = m_step;
    });
}

void RunLoop::setStopStep(std::int64_t step) {
    post([this, step] { m_stopStep = step; });
}

void RunLoop::postParameterChange(const std::string& target, const std::string& parameter, double value) {
    post([this, target, parameter, value] {
        try {
            const double old = m_run->setParameter(target, parameter, value);
            m_changesForNextChunk.parameterChanges.push_back({m_step, target, parameter, old, value});
        } catch (const std::exception& e) {
            // Reported to the views; the run keeps going with the old value.
            m_changesForNextChunk.fault = std::string("parameter change refused: ") + e.what();
        }
    });
}

void RunLoop::recycle(RunSnapshot&& used) {
    if (used.spikes.capacity() == 0)
        return;
    used.spikes.clear();
    m_spareSpikes.tryPush(used.spikes); // when full the buffer is simply freed
}

void RunLoop::workerMain() {
    for (;;) {
        std::deque<Command> commands;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] {
                return m_quit || !m_commands.empty() || m_state == State::Running || m_pending;
            });
            if (m_quit)
                return;
            commands.swap(m_commands);
            m_commandsPending.store(false, std::memory_order_release);
        }
        for (Command& command : commands)
            command();
        if (m_state == State::Running) {
            runChunk();
        } else if (m_pending || !m_changesForNextChunk.parameterChanges.empty() ||
                   !m_changesForNextChunk.fault.empty()) {
            // Paused with something still to deliver: retry shortly without spinning.
            RunSnapshot notice = std::move(m_changesForNextChunk);
            m_changesForNextChunk = RunSnapshot{};
            notice.epoch = m_epoch;
            notice.firstStep = notice.endStep = m_step;
            notice.totalSpikes = m_totalSpikes;
            notice.engineWallSeconds = m_engineSeconds;
            if (!notice.parameterChanges.empty() || !notice.fault.empty() || m_pending)
                publish(std::move(notice));
            if (m_pending) {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, std::chrono::milliseconds(5));
            }
        }
    }
}

void RunLoop::runChunk() {
    std::int64_t steps = m_chunkSteps;
    if (m_stepsToGo > 0)
        steps = std::min(steps, m_stepsToGo);
    if (m_stopStep >= 0)
        steps = std::min(steps, m_stopStep - m_step.load());
    if (m_realTimeFactor > 0.0) {
        // At most ~1/60 s of simulated time per chunk so that paced runs animate smoothly.
        const auto perFrame = static_cast<std::int64_t>(m_realTimeFactor * (1000.0 / 60.0) / m_layout.dtMs);
        steps = std::min(steps, std::max<std::int64_t>(1, perFrame));
    }

    RunSnapshot snapshot = std::move(m_changesForNextChunk);
    m_changesForNextChunk = RunSnapshot{};
    snapshot.epoch = m_epoch;
    snapshot.firstStep = m_step;
    if (snapshot.spikes.empty()) {
        if (auto spare = m_spareSpikes.tryPop())
            snapshot.spikes = std::move(*spare);
        // Room for a little more than the last chunk's spikes: no regrowth (and copy) inside the chunk.
        snapshot.spikes.reserve(m_lastChunkSpikes + m_lastChunkSpikes / 4);
    }
    const auto begin = Clock::now();
    if (steps > 0) {
        try {
            m_run->advance(steps, snapshot);
        } catch (const std::exception& e) {
            snapshot.fault = e.what();
            m_state = State::Faulted;
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    m_engineSeconds += seconds;
    m_step = m_run->currentStep();
    snapshot.endStep = m_step;
    m_totalSpikes += snapshot.spikes.size();
    m_lastChunkSpikes = snapshot.spikes.size();
    snapshot.totalSpikes = m_totalSpikes;
    snapshot.engineWallSeconds = m_engineSeconds;

    if (m_stepsToGo > 0) {
        m_stepsToGo -= snapshot.endStep - snapshot.firstStep;
        if (m_stepsToGo <= 0 && m_state == State::Running)
            m_state = State::Paused;
    }
    if (m_stopStep >= 0 && m_step >= m_stopStep && m_state != State::Faulted) {
        m_state = State::Finished;
        snapshot.finished = true;
    }

    // Adapt the chunk length to the measured cost per step.
    if (seconds > 0.0 && steps > 0) {
        const double perStep = seconds / static_cast<double>(steps);
        const auto ideal = static_cast<std::int64_t>(kTargetChunkSeconds / perStep);
        m_chunkSteps = std::clamp<std::int64_t>((m_chunkSteps + ideal) / 2, 1, kMaxChunkSteps);
    }
    publish(std::move(snapshot));
    if (m_state == State::Running && m_realTimeFactor > 0.0)
        pace(m_step);
}

void RunLoop::publish(RunSnapshot&& snapshot) {
    if (m_pending) {
        if (m_pending->epoch == snapshot.epoch) {
            m_pending->merge(std::move(snapshot));
        } else {
            m_pending = std::move(snapshot);
        }
    } else {
        m_pending = std::move(snapshot);
    }
    if (m_pending->spikes.size() > kMaxPendingSpikes) {
        const std::size_t drop = m_pending->spikes.size() - kMaxPendingSpikes / 2;
        m_pending->spikes.erase(m_pending->spikes.begin(),
                                m_pending->spikes.begin() + static_cast<std::ptrdiff_t>(drop));
        m_pending->droppedSpikes += drop;
    }
    std::size_t samples = 0;
    for (const SignalSamples& block : m_pending->samples)
        samples += block.values.size();
    if (samples > kMaxPendingSamples) {
        for (SignalSamples& block : m_pending->samples) {
            std::size_t kept = 0;
            for (std::size_t i = 0; i < block.values.size(); i += 2, ++kept) {
                block.steps[kept] = block.steps[i];
                block.values[kept] = block.values[i];
            }
            block.steps.resize(kept);
            block.values.resize(kept);
        }
    }
    if (m_queue.tryPush(*m_pending))
        m_pending.reset();
}

void RunLoop::pace(std::int64_t stepNow) {
    const double simulatedSeconds = static_cast<double>(stepNow - m_paceStartStep) * m_layout.dtMs / 1000.0;
    const auto due = m_paceStart + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(simulatedSeconds / m_realTimeFactor));
    // Sleep until the run is due, but wake for commands (pause, speed change) at once.
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, due, [this] { return m_quit || !m_commands.empty(); });
}

} // namespace pulselab::core
