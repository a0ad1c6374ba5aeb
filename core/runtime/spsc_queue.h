#pragma once
// A bounded lock-free single-producer/single-consumer queue: the engine thread pushes run snapshots, the GUI
// thread pops them. Neither side ever blocks; a full queue makes tryPush fail so the producer can merge the
// item into its next one instead of waiting for the consumer.
#include <atomic>
#include <bit>
#include <cstddef>
#include <memory>
#include <new>
#include <optional>
#include <utility>

namespace pulselab::core {

template <typename T> class SpscQueue {
public:
    /// Capacity is rounded up to a power of two.
    explicit SpscQueue(std::size_t capacity)
        : m_capacity(std::bit_ceil(capacity < 2 ? std::size_t{2} : capacity)), m_mask(m_capacity - 1),
          m_slots(std::make_unique<std::optional<T>[]>(m_capacity)) {}

    SpscQueue(const SpscQueue&) = delete;
    SpscQueue& operator=(const SpscQueue&) = delete;

    /// Producer side. Returns false (and leaves `item` untouched) when the queue is full.
    bool tryPush(T& item) {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        if (head - m_tailCache == m_capacity) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (head - m_tailCache == m_capacity)
                return false;
        }
        m_slots[head & m_mask].emplace(std::move(item));
        m_head.store(head + 1, std::memory_order_release);
        return true;
    }

    /// Consumer side. Returns the oldest item, or nothing when the queue is empty.
    std::optional<T> tryPop() {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        if (tail == m_headCache) {
            m_headCache = m_head.load(std::memory_order_acquire);
            if (tail == m_headCache)
                return std::nullopt;
        }
        std::optional<T> item = std::move(m_slots[tail & m_mask]);
        m_slots[tail & m_mask].reset();
        m_tail.store(tail + 1, std::memory_order_release);
        return item;
    }

    /// Approximate (exact when called from either side while the other is idle).
    std::size_t size() const {
        return m_head.load(std::memory_order_acquire) - m_tail.load(std::memory_order_acquire);
    }
    std::size_t capacity() const { return m_capacity; }

private:
    // Head and tail on separate cache lines so producer and consumer do not false-share.
    static constexpr std::size_t kCacheLine = 64;
    const std::size_t m_capacity;
    const std::size_t m_mask;
    std::unique_ptr<std::optional<T>[]> m_slots;
    alignas(kCacheLine) std::atomic<std::size_t> m_head{0};
    std::size_t m_tailCache = 0; // producer's last view of m_tail
    alignas(kCacheLine) std::atomic<std::size_t> m_tail{0};
    std::size_t m_headCache = 0; // consumer's last view of m_head
};

} // namespace pulselab::core
