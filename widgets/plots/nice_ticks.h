#pragma once
// Round axis ticks for the charts: steps of 1, 2 or 5 x 10^k, as many as fit, the range extended only to
// the next tick (Qt's applyNiceNumbers may stretch 0-12 s to 0-15 s and pick more ticks than fit).
class QValueAxis;

namespace pulselab::widgets {

/// Sets `axis` to cover [lo, hi] with round ticks, at most `maxIntervals` (>= 1) intervals.
void setNiceRange(QValueAxis* axis, double lo, double hi, int maxIntervals);

} // namespace pulselab::widgets
