#pragma once
// Keeps every stride-th sample of a series, doubling the stride (and dropping stored samples that are off it)
// whenever a series would exceed its bound. The decision depends on the step only, so series sampled at the
// same steps stay aligned, which a band (mean +- sd) needs. Steps are counted in units of the series' own
// sampling interval (learned from its first two samples), so a signal sampled once per image (every 100
// steps, at steps 99, 199, ...) thins as evenly as one sampled every step.
#include <cstddef>
#include <cstdint>
#include <map>

namespace pulselab::widgets {

class StrideDecimator {
public:
    explicit StrideDecimator(std::size_t maxPoints = 2048) : m_max(maxPoints < 4 ? 4 : maxPoints) {}

    /// Whether a sample at `step` is kept; the first two steps seen fix the series' origin and interval.
    bool keeps(std::int64_t step) {
        if (!m_hasOrigin) {
            m_origin = step;
            m_hasOrigin = true;
        } else if (m_interval == 0 && step > m_origin) {
            m_interval = step - m_origin;
        }
        return kept(step);
    }
    /// After storing; returns true when the stride doubled and stored series must be thinned with thin().
    bool grow(std::size_t storedCount) {
        if (storedCount <= m_max)
            return false;
        m_stride *= 2;
        return true;
    }
    template <typename V> void thin(std::map<std::int64_t, V>& series) const {
        for (auto it = series.begin(); it != series.end();)
            it = kept(it->first) ? std::next(it) : series.erase(it);
    }
    std::int64_t stride() const { return m_stride; }
    void clear() {
        m_stride = 1;
        m_hasOrigin = false;
        m_interval = 0;
    }

private:
    bool kept(std::int64_t step) const {
        const std::int64_t interval = m_interval > 0 ? m_interval : 1;
        const std::int64_t offset = step - m_origin;
        if (offset < 0 || offset % interval != 0)
            return offset % (interval * m_stride) == 0; // off the regular grid: keep on the coarse one only
        return (offset / interval) % m_stride == 0;
    }

    std::size_t m_max;
    std::int64_t m_stride = 1;
    bool m_hasOrigin = false;
    std::int64_t m_origin = 0;
    std::int64_t m_interval = 0;
};

} // namespace pulselab::widgets
