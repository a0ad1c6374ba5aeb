#pragma once
// The GUI side of a run: owns the core RunLoop (engine on its worker thread), drains its snapshot queue on a
// ~60 Hz timer and hands each batch to the views. Views never touch the engine; they get snapshots and the
// run layout from here, and send commands (run, pause, step, reset, speed, parameter changes) through here.
#include "core/runtime/run_loop.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace pulselab::widgets {

/// Figures for the status bar, updated about once a second.
struct RunStatus {
    double simulatedMs = 0.0;
    double realTimeFactor = 0.0;  ///< simulated seconds per wall second over the last update interval
    double spikesPerSecond = 0.0; ///< simulated spikes per wall second
    double progress = -1.0;       ///< fraction of the set duration, or -1 without one
};

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    /// Replaces the current run (stopping it). The new one starts paused at its step 0.
    void setRun(std::unique_ptr<core::SteppableRun> run);
    bool hasRun() const { return m_loop != nullptr; }
    const core::RunLayout& layout() const { return m_layout; }
    core::RunLoop::State state() const;
    std::int64_t currentStep() const { return m_lastStep; }

    /// Every parameter change applied in this run (cleared by reset), for plot markers and the run history.
    const std::vector<core::AppliedParameterChange>& parameterHistory() const { return m_history; }

    void run();
    void pause();
    void step(std::int64_t steps = 1);
    void reset();
    /// 0 = as fast as possible.
    void setRealTimeFactor(double factor);
    /// Stop when simulated time reaches `ms`; <= 0 runs until paused.
    void setDurationMs(double ms);
    double durationMs() const { return m_durationMs; }
    void postParameterChange(const QString& target, const QString& parameter, double value);

    /// Drains the queue now (the timer does this ~60 times a second); returns how many snapshots it took.
    int drain();

Q_SIGNALS:
    void layoutChanged(const pulselab::core::RunLayout& layout);
    /// New data since the last batch, merged from every snapshot drained in one timer tick.
    void snapshotArrived(const pulselab::core::RunSnapshot& snapshot);
    /// The run went back to step 0 (reset, or a new run): views clear.
    void cleared();
    void stateChanged(pulselab::core::RunLoop::State state);
    void statusChanged(const pulselab::widgets::RunStatus& status);
    void parameterChanged(const pulselab::core::AppliedParameterChange& change);
    /// The engine stopped on an error, refused a command, or warns while going on (runaway firing); the
    /// message names what and where.
    void faultReported(const QString& message);

private:
    void updateStatus(bool force);
    void noticeState();

    std::unique_ptr<core::RunLoop> m_loop;
    core::RunLayout m_layout;
    QTimer m_drainTimer;
    std::vector<core::AppliedParameterChange> m_history;
    int m_epoch = 0;
    std::int64_t m_lastStep = 0;
    std::uint64_t m_totalSpikes = 0;
    double m_durationMs = 0.0;
    core::RunLoop::State m_reportedState = core::RunLoop::State::Paused;
    bool m_drainedFinalSnapshot = false; ///< the snapshot that ends a run with a set duration has been shown
    // Status-rate bookkeeping.
    QElapsedTimer m_statusClock;
    std::int64_t m_statusStep = 0;
    std::uint64_t m_statusSpikes = 0;
    RunStatus m_status;
};

} // namespace pulselab::widgets

Q_DECLARE_METATYPE(pulselab::widgets::RunStatus)
