#pragma once
// Heights of the raster's population bands: proportional to the populations' sizes, except that no band is
// thinner than a minimum while the whole height allows it, so that ten label-error neurons under 784 pixels
// stay visible (a band's rows are then drawn taller than the others').
#include <cstdint>
#include <vector>

namespace pulselab::widgets {

/// Band heights (summing to `total`) for populations of `sizes` neurons, each at least `minimum` when
/// sizes.size() x minimum <= total (otherwise all proportional).
std::vector<double> bandHeights(const std::vector<std::uint32_t>& sizes, double total, double minimum);

} // namespace pulselab::widgets
