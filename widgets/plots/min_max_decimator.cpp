#include "widgets/plots/min_max_decimator.h"

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

MinMaxDecimator::MinMaxDecimator(std::size_t maxBuckets, double initialBucketWidth)
    : m_maxBuckets(std::max<std::size_t>(maxBuckets, 2)), m_initialWidth(initialBucketWidth),
      m_width(initialBucketWidth) {}

void MinMaxDecimator::clear() {
    m_buckets.clear();
    m_width = m_initialWidth;
    m_samples = 0;
}

MinMaxDecimator::Bucket MinMaxDecimator::mergeBuckets(const Bucket& a, const Bucket& b, long long index) {
    // Keep the overall min and max of both, in time order.
    const Point candidates[4] = {a.lo(), a.hi(), b.lo(), b.hi()};
    Point lo = candidates[0];
    Point hi = candidates[0];
    for (const Point& p : candidates) {
        if (p.v < lo.v)
            lo = p;
        if (p.v > hi.v)
            hi = p;
    }
    Bucket merged{index, lo, hi, false};
    if (hi.t < lo.t)
        std::swap(merged.first, merged.second);
    if (lo.t == hi.t && lo.v == hi.v)
        merged.single = true;
    return merged;
}

void MinMaxDecimator::append(double t, double v) {
    if (!std::isfinite(v))
        return; // a NaN sample would poison min/max; the run reports faults separately
    if (m_samples == 0) {
        m_min = m_max = v;
    } else {
        m_min = std::min(m_min, v);
        m_max = std::max(m_max, v);
    }
    ++m_samples;
    const auto index = static_cast<long long>(std::floor(t / m_width));
    if (!m_buckets.empty() && m_buckets.back().index == index) {
        Bucket& b = m_buckets.back();
        const Point p{t, v};
        if (b.single) {
            b.second = p;
            b.single = false;
        } else {
            // Replace whichever of the two is no longer an extreme.
            const Point lo = v < b.lo().v ? p : b.lo();
            const Point hi = v > b.hi().v ? p : b.hi();
            b.first = lo.t <= hi.t ? lo : hi;
            b.second = lo.t <= hi.t ? hi : lo;
        }
    } else {
        m_buckets.push_back({index, {t, v}, {t, v}, true});
    }
    if (m_buckets.size() > m_maxBuckets)
        coarsen();
}

void MinMaxDecimator::coarsen() {
    m_width *= 2.0;
    std::vector<Bucket> merged;
    merged.reserve(m_buckets.size() / 2 + 1);
    for (const Bucket& b : m_buckets) {
        const long long index = static_cast<long long>(std::floor(b.index / 2.0));
        if (!merged.empty() && merged.back().index == index)
            merged.back() = mergeBuckets(merged.back(), b, index);
        else
            merged.push_back({index, b.first, b.second, b.single});
    }
    m_buckets.swap(merged);
}

std::vector<MinMaxDecimator::Point> MinMaxDecimator::points() const {
    std::vector<Point> out;
    out.reserve(m_buckets.size() * 2);
    for (const Bucket& b : m_buckets) {
        out.push_back(b.first);
        if (!b.single)
            out.push_back(b.second);
    }
    return out;
}

} // namespace pulselab::widgets
