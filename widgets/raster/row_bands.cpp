#include "widgets/raster/row_bands.h"

namespace pulselab::widgets {

std::vector<double> bandHeights(const std::vector<std::uint32_t>& sizes, double total, double minimum) {
    std::vector<double> heights(sizes.size(), 0.0);
    std::vector<bool> raised(sizes.size(), false);
    std::size_t bands = 0;
    for (std::uint32_t n : sizes)
        bands += n > 0 ? 1 : 0;
    const bool roomForMinimum = static_cast<double>(bands) * minimum <= total;
    // Raising a band takes height from the others, which may push another below the minimum: repeat until
    // no band changes (at most once per band).
    for (std::size_t round = 0; round <= sizes.size(); ++round) {
        double free = total, freeNeurons = 0.0;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            if (raised[i])
                free -= minimum;
            else
                freeNeurons += sizes[i];
        }
        bool changed = false;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            if (raised[i]) {
                heights[i] = minimum;
                continue;
            }
            if (sizes[i] == 0)
                continue; // no rows, no band
            heights[i] = freeNeurons > 0 ? free * sizes[i] / freeNeurons : 0.0;
            if (roomForMinimum && heights[i] < minimum) {
                raised[i] = true;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return heights;
}

} // namespace pulselab::widgets
