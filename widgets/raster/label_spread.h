#pragma once
// Places one line of text per band on a vertical axis: each label at the middle of its band, pushed down
// past the label above it, then pushed back up from the bottom limit, so that labels of bands thinner than a
// line of text never overlap (the raster's population names).
#include <algorithm>
#include <vector>

namespace pulselab::widgets {

/// `tops` holds each label's wanted top (ascending); returns the tops to draw at, each at least
/// `lineHeight` below the previous and none below `lowestTop` unless they do not all fit.
inline std::vector<double> spreadLabelTops(std::vector<double> tops, double lineHeight, double lowestTop) {
    for (std::size_t k = 1; k < tops.size(); ++k)
        tops[k] = std::max(tops[k], tops[k - 1] + lineHeight);
    for (std::size_t k = tops.size(); k-- > 0;) {
        const double limit = k + 1 < tops.size() ? tops[k + 1] - lineHeight : lowestTop;
        tops[k] = std::min(tops[k], limit);
    }
    return tops;
}

} // namespace pulselab::widgets
