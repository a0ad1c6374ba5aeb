#pragma once
// The engine's worker threads: the calling thread plus (threads - 1) workers run one phase of a step
// together, each on its own share, and all are done when run() returns. Built for many short phases (two per
// time step): workers spin briefly before sleeping on an atomic, so a phase costs well under a microsecond of
// hand-over when the cores are free and no busy-waiting when they are not.
#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace pulselab::core {

class StepWorkers {
public:
    explicit StepWorkers(int threads);
    ~StepWorkers();
    StepWorkers(const StepWorkers&) = delete;
    StepWorkers& operator=(const StepWorkers&) = delete;

    int threads() const { return m_threads; }
    /// Runs task(0) on the calling thread and task(1..threads-1) on the workers; returns when all are done.
    /// An exception thrown by any share is rethrown here (the first one).
    void run(const std::function<void(int)>& task);

private:
    void workerLoop(int index);

    int m_threads;
    std::vector<std::thread> m_workers;
    const std::function<void(int)>* m_task = nullptr;
    std::atomic<std::uint64_t> m_generation{0};
    std::atomic<int> m_pending{0};
    std::atomic<bool> m_stop{false};
    std::exception_ptr m_error;
    std::atomic<bool> m_failed{false};
};

/// [begin, end) of share `index` of n items split into `shares` contiguous parts, boundaries rounded to
/// multiples of `align` (so vectorised kernels keep whole blocks).
inline std::pair<std::uint32_t, std::uint32_t> shareOf(std::uint32_t n, int shares, int index,
                                                       std::uint32_t align = 16) {
    auto boundary = [&](int k) -> std::uint32_t {
        if (k >= shares)
            return n;
        const std::uint64_t raw = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(k) /
                                  static_cast<std::uint64_t>(shares);
        const std::uint64_t aligned = raw / align * align;
        return static_cast<std::uint32_t>(aligned < n ? aligned : n);
    };
    return {boundary(index), boundary(index + 1)};
}

} // namespace pulselab::core
