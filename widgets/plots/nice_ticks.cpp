#include "widgets/plots/nice_ticks.h"

#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

void setNiceRange(QValueAxis* axis, double lo, double hi, int maxIntervals) {
    if (!axis || !std::isfinite(lo) || !std::isfinite(hi))
        return;
    if (hi <= lo)
        hi = lo + std::max(1e-9, std::abs(lo) * 0.1);
    const int fit = std::max(1, maxIntervals);
    double step = std::pow(10.0, std::floor(std::log10((hi - lo) / fit)));
    // 1, 2, 5, 10, 20 x 10^k: at most four steps up reach a step that fits.
    for (int i = 0; i < 4 && std::ceil(hi / step - 1e-9) - std::floor(lo / step + 1e-9) > fit; ++i)
        step *= i % 3 == 1 ? 2.5 : 2.0;
    const double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
    axis->setRange(first * step, last * step);
    axis->setTickCount(static_cast<int>(last - first) + 1);
}

} // namespace pulselab::widgets
