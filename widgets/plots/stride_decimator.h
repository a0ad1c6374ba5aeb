#pragma once
// Keeps the samples whose step is a multiple of a stride, doubling the stride (and dropping stored samples
// that are off it) whenever a series would exceed its bound. Series sampled at the same steps stay aligned,
// which a band (mean +- sd) needs.
#include <cstddef>
#include <cstdint>
#include <map>

namespace pulselab::widgets {

class StrideDecimator {
public:
    explicit StrideDecimator(std::size_t maxPoints = 2048) : m_max(maxPoints < 4 ? 4 : maxPoints) {}

    bool keeps(std::int64_t step) const { return step % m_stride == 0; }
    /// After storing; returns true when the stride doubled and stored series must be thinned with thin().
    bool grow(std::size_t storedCount) {
        if (storedCount <= m_max)
            return false;
        m_stride *= 2;
        return true;
    }
    template <typename V> void thin(std::map<std::int64_t, V>& series) const {
        for (auto it = series.begin(); it != series.end();)
            it = keeps(it->first) ? std::next(it) : series.erase(it);
    }
    std::int64_t stride() const { return m_stride; }
    void clear() { m_stride = 1; }

private:
    std::size_t m_max;
    std::int64_t m_stride = 1;
};

} // namespace pulselab::widgets
