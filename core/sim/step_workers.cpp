#include "core/sim/step_workers.h"

#include <exception>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pulselab::core {

namespace {
constexpr int kSpinsBeforeSleep = 4000;

inline void cpuRelax() {
#if defined(__SSE2__)
    _mm_pause();
#endif
}
} // namespace

StepWorkers::StepWorkers(int threads) : m_threads(threads < 1 ? 1 : threads) {
    for (int i = 1; i < m_threads; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
}

StepWorkers::~StepWorkers() {
    m_stop.store(true, std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_generation.notify_all();
    for (auto& t : m_workers)
        t.join();
}

void StepWorkers::run(const std::function<void(int)>& task) {
    if (m_threads == 1) {
        task(0);
        return;
    }
    m_task = &task;
    m_failed.store(false, std::memory_order_relaxed);
    m_pending.store(m_threads - 1, std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_release);
    m_generation.notify_all();
    try {
        task(0);
    } catch (...) {
        if (!m_failed.exchange(true))
            m_error = std::current_exception();
    }
    for (int spin = 0;; ++spin) {
        const int pending = m_pending.load(std::memory_order_acquire);
        if (pending == 0)
            break;
        if (spin < kSpinsBeforeSleep)
            cpuRelax();
        else
            m_pending.wait(pending, std::memory_order_acquire);
    }
    m_task = nullptr;
    if (m_failed.load(std::memory_order_acquire)) {
        std::exception_ptr error = m_error;
        m_error = nullptr;
        std::rethrow_exception(error);
    }
}

void StepWorkers::workerLoop(int index) {
    std::uint64_t seen = 0;
    for (;;) {
        std::uint64_t generation = m_generation.load(std::memory_order_acquire);
        for (int spin = 0; generation == seen; ++spin) {
            if (spin < kSpinsBeforeSleep)
                cpuRelax();
            else
                m_generation.wait(generation, std::memory_order_acquire);
            generation = m_generation.load(std::memory_order_acquire);
        }
        seen = generation;
        if (m_stop.load(std::memory_order_acquire))
            return;
        try {
            (*m_task)(index);
        } catch (...) {
            if (!m_failed.exchange(true))
                m_error = std::current_exception();
        }
        if (m_pending.fetch_sub(1, std::memory_order_acq_rel) == 1)
            m_pending.notify_one();
    }
}

} // namespace pulselab::core
