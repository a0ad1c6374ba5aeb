#include "widgets/common/colour_maps.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace pulselab::widgets {

QColor viridis(double t) {
    // Samples of viridis at t = 0, 1/8, ..., 1 (matplotlib's _viridis_data, rounded to 8 bits).
    static constexpr std::array<std::array<int, 3>, 9> kStops = {{{68, 1, 84},
                                                                  {71, 44, 122},
                                                                  {59, 81, 139},
                                                                  {44, 113, 142},
                                                                  {33, 144, 141},
                                                                  {39, 173, 129},
                                                                  {92, 200, 99},
                                                                  {170, 220, 50},
                                                                  {253, 231, 37}}};
    if (!std::isfinite(t))
        t = 0.0;
    t = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
    const auto i = std::min(static_cast<size_t>(t), kStops.size() - 2);
    const double f = t - static_cast<double>(i);
    auto mix = [&](int channel) {
        return static_cast<int>(std::lround(kStops[i][static_cast<size_t>(channel)] * (1.0 - f) +
                                            kStops[i + 1][static_cast<size_t>(channel)] * f));
    };
    return {mix(0), mix(1), mix(2)};
}

QColor categoricalColour(int index) {
    static constexpr std::array<QRgb, 7> kOkabeIto = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                      0x0072B2, 0xD55E00, 0xCC79A7};
    const auto i = static_cast<size_t>(((index % 7) + 7) % 7);
    return QColor::fromRgb(kOkabeIto[i]);
}

QColor lineColour(int index) {
    static constexpr std::array<QRgb, 6> kOnWhite = {0xE69F00, 0x56B4E9, 0x009E73,
                                                     0x0072B2, 0xD55E00, 0xCC79A7};
    const auto i = static_cast<size_t>(((index % 6) + 6) % 6);
    return QColor::fromRgb(kOnWhite[i]);
}

} // namespace pulselab::widgets
