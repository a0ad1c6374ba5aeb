#pragma once
// One typographic scheme for every exported view: a single font family at fixed physical sizes (in points on
// paper, whatever the view's size on screen), laid out at a fixed density of layout pixels per millimetre
// of paper. Views are drawn in these layout pixels and scaled onto the page (PNG at its DPI, PDF, SVG), so a
// 7 pt label is 7 pt in every panel of every figure. Colours: widgets/common/colour_maps.h (Okabe-Ito for
// categories, viridis for values, greys for chrome).
#include <QFont>

namespace pulselab::widgets::figure_style {

/// Layout pixels per millimetre of paper (about 152 dpi): fine enough for whole-pixel font sizes within
/// 0.1 pt of the target, coarse enough that Qt Charts' fixed paddings stay small.
inline constexpr double kLayoutPxPerMm = 6.0;
inline constexpr double kMmPerPoint = 25.4 / 72.0;

inline constexpr double kTitlePt = 8.0;
inline constexpr double kLabelPt = 7.0; ///< axis titles, legends, population names
inline constexpr double kTickPt = 6.5;  ///< tick labels

/// The figure font at `points` on paper, as a pixel size in layout pixels (a point size would follow the
/// output device's DPI and break the layout).
inline QFont font(double points, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(static_cast<int>(points * kMmPerPoint * kLayoutPxPerMm + 0.5));
    f.setBold(bold);
    return f;
}

} // namespace pulselab::widgets::figure_style
