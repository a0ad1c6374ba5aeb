#include "widgets/run/run_controller.h"

#include <cmath>

namespace pulselab::widgets {

namespace {
constexpr int kDrainIntervalMs = 16; // ~60 Hz
constexpr qint64 kStatusIntervalMs = 500;
} // namespace

RunController::RunController(QObject* parent) : QObject(parent) {
    m_drainTimer.setInterval(kDrainIntervalMs);
    m_drainTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] { drain(); });
    m_statusClock.start();
}

RunController::~RunController() = default;

void RunController::setRun(std::unique_ptr<core::SteppableRun> run) {
    m_loop.reset(); // joins the old worker
    m_history.clear();
    m_epoch = 0;
    m_lastStep = 0;
    m_totalSpikes = 0;
    m_status = RunStatus{};
    m_drainedFinalSnapshot = false;
    if (!run) {
        m_layout = core::RunLayout{};
        m_drainTimer.stop();
        Q_EMIT layoutChanged(m_layout);
        Q_EMIT cleared();
        return;
    }
    m_loop = std::make_unique<core::RunLoop>(std::move(run));
    m_layout = m_loop->layout();
    setDurationMs(m_durationMs);
    m_drainTimer.start();
    Q_EMIT layoutChanged(m_layout);
    Q_EMIT cleared();
    noticeState();
    updateStatus(true);
}

core::RunLoop::State RunController::state() const {
    return m_loop ? m_loop->state() : core::RunLoop::State::Paused;
}

void RunController::run() {
    if (!m_loop)
        return;
    m_statusClock.restart();
    m_statusStep = m_lastStep;
    m_statusSpikes = m_totalSpikes;
    m_loop->run();
}

void RunController::pause() {
    if (m_loop)
        m_loop->pause();
}

void RunController::step(std::int64_t steps) {
    if (m_loop)
        m_loop->step(steps);
}

void RunController::reset() {
    if (m_loop)
        m_loop->reset();
}

void RunController::setRealTimeFactor(double factor) {
    if (m_loop)
        m_loop->setRealTimeFactor(factor);
}

void RunController::setDurationMs(double ms) {
    m_durationMs = ms;
    if (m_loop) {
        const double dt = m_layout.dtMs > 0 ? m_layout.dtMs : 1.0;
        m_loop->setStopStep(ms > 0 ? static_cast<std::int64_t>(std::llround(ms / dt)) : -1);
    }
}

void RunController::postParameterChange(const QString& target, const QString& parameter, double value) {
    if (m_loop)
        m_loop->postParameterChange(target.toStdString(), parameter.toStdString(), value);
}

int RunController::drain() {
    if (!m_loop)
        return 0;
    int count = 0;
    std::optional<core::RunSnapshot> batch;
    const std::size_t available = m_loop->queuedSnapshots();
    for (std::size_t i = 0; i < available; ++i) {
        std::optional<core::RunSnapshot> snapshot = m_loop->popSnapshot();
        if (!snapshot)
            break;
        ++count;
        if (snapshot->epoch != m_epoch) {
            // A reset happened: deliver what came before it, then clear.
            if (batch)
                Q_EMIT snapshotArrived(*batch);
            batch.reset();
            m_epoch = snapshot->epoch;
            m_history.clear();
            m_lastStep = snapshot->firstStep;
            m_totalSpikes = 0;
            m_statusStep = m_lastStep;
            m_statusSpikes = 0;
            Q_EMIT cleared();
        }
        for (const auto& change : snapshot->parameterChanges) {
            m_history.push_back(change);
            Q_EMIT parameterChanged(change);
        }
        for (const std::string& warning : snapshot->warnings)
            Q_EMIT faultReported(QString::fromStdString(warning));
        if (!snapshot->fault.empty())
            Q_EMIT faultReported(QString::fromStdString(snapshot->fault));
        m_lastStep = snapshot->endStep;
        m_totalSpikes = snapshot->totalSpikes;
        if (batch) {
            batch->merge(std::move(*snapshot));
            m_loop->recycle(std::move(*snapshot)); // its spikes were copied into the batch
        } else {
            batch = std::move(snapshot);
        }
    }
    if (batch) {
        m_drainedFinalSnapshot = batch->finished;
        Q_EMIT snapshotArrived(*batch);
        if (m_loop) // a view may have replaced the run in a slot
            m_loop->recycle(std::move(*batch));
    }
    noticeState();
    updateStatus(false);
    return count;
}

void RunController::noticeState() {
    const core::RunLoop::State now = state();
    // The engine may finish while its last snapshots still wait in the queue: report the end only once they
    // are shown, so that the forced status update carries the final time (not one up to 500 ms stale).
    if (now == core::RunLoop::State::Finished && !m_drainedFinalSnapshot)
        return;
    if (now != m_reportedState) {
        m_reportedState = now;
        if (now != core::RunLoop::State::Running)
            updateStatus(true);
        Q_EMIT stateChanged(now);
    }
}

void RunController::updateStatus(bool force) {
    const qint64 elapsed = m_statusClock.elapsed();
    if (!force && elapsed < kStatusIntervalMs)
        return;
    m_status.simulatedMs = static_cast<double>(m_lastStep) * m_layout.dtMs;
    if (elapsed > 0 && state() == core::RunLoop::State::Running) {
        const double wallSeconds = static_cast<double>(elapsed) / 1000.0;
        m_status.realTimeFactor =
            static_cast<double>(m_lastStep - m_statusStep) * m_layout.dtMs / 1000.0 / wallSeconds;
        m_status.spikesPerSecond = static_cast<double>(m_totalSpikes - m_statusSpikes) / wallSeconds;
    } else if (state() != core::RunLoop::State::Running) {
        m_status.realTimeFactor = 0.0;
        m_status.spikesPerSecond = 0.0;
    }
    m_status.progress = m_durationMs > 0 ? std::min(1.0, m_status.simulatedMs / m_durationMs) : -1.0;
    m_statusClock.restart();
    m_statusStep = m_lastStep;
    m_statusSpikes = m_totalSpikes;
    Q_EMIT statusChanged(m_status);
}

} // namespace pulselab::widgets
