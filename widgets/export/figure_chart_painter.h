#pragma once
// Qt Charts views as they go onto paper. A chart is laid out afresh at the physical size of its panel (in
// figure_style's layout pixels, not at its size on screen) and restyled for print while it is drawn: white
// background without frame, rounded corners or shadow, the figure fonts, and a legend below the plot that
// names every series in full beside a sample of its line (wrapped into as many rows as it needs) in place
// of Qt's one-row legend, which elides names and hides line styles. Everything is restored afterwards, so
// the live view is unchanged. Vector output stays vector (the chart's scene is rendered).
#include <functional>

class QChart;
class QPainter;
class QRectF;

namespace pulselab::widgets {

/// A legend marker carrying this dynamic property (a QString) is listed in figure legends under that label,
/// even when hidden on screen (e.g. one entry for all belief bands). Such an entry stands for several
/// series: its sample keeps their line style and fill opacity, in neutral grey.
inline constexpr const char* kFigureLabelProperty = "pulselabFigureLabel";

/// Paints `chart` into `target`, a rectangle of a page with `devicePxPerMm` device pixels per millimetre.
/// `relayout` (if any) runs after the chart takes its figure size and again after it is restored: for views
/// whose axes depend on the plot's size (TimeSeriesChart keeps as many ticks as fit).
void paintChartForFigure(QChart* chart, QPainter& painter, const QRectF& target, double devicePxPerMm,
                         const std::function<void()>& relayout = {});

} // namespace pulselab::widgets
