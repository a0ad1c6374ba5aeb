#pragma once
// Live charts redraw on a timer, and a Qt Charts redraw costs time that grows with the points and the size of
// the chart (every line segment is stroked, and its hover shape computed, on the GUI thread). So that a chart
// never takes the core the engine needs, it measures what its redraws cost and spaces them to use at most a
// fixed share of one core: a slow view decimates in time instead of slowing the run down.
#include <algorithm>

namespace pulselab::widgets {

class RefreshBudget {
public:
    /// `share`: the fraction of one core the redraws may use; redraws come at most every `minIntervalMs` and
    /// at least every `maxIntervalMs`.
    explicit RefreshBudget(double share = 0.1, int minIntervalMs = 33, int maxIntervalMs = 250)
        : m_share(share), m_minMs(minIntervalMs), m_maxMs(maxIntervalMs) {}

    /// Adds the wall time of one redraw (refreshing the series and the paint that follows it).
    void addCostMs(double ms) { m_costMs = m_samples++ == 0 ? ms : 0.5 * m_costMs + 0.5 * ms; }
    double costMs() const { return m_costMs; }
    /// The interval between redraws that keeps them within the share.
    int intervalMs() const {
        const double wanted = m_costMs / std::max(1e-3, m_share);
        return static_cast<int>(
            std::clamp(wanted, static_cast<double>(m_minMs), static_cast<double>(m_maxMs)));
    }

private:
    double m_share;
    int m_minMs;
    int m_maxMs;
    double m_costMs = 0.0;
    long m_samples = 0;
};

} // namespace pulselab::widgets
