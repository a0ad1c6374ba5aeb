#pragma once
// Colour maps shared by every view. Sequential data use viridis (perceptually uniform, colour-blind safe);
// categorical data (populations, runs) use the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
// Design").
#include <QColor>

namespace pulselab::widgets {

/// Viridis at t in [0, 1] (clamped), interpolated from 9 control points of matplotlib's viridis.
QColor viridis(double t);

/// The i-th colour of the Okabe-Ito palette (8 colours, cycling), black excluded for lines on white.
QColor categoricalColour(int index);

/// The i-th colour for thin marks on white (chart lines, raster spikes): Okabe-Ito without black and without
/// its yellow, which a thin line on white paper hides (6 colours, cycling; the same first two as
/// categoricalColour).
QColor lineColour(int index);

} // namespace pulselab::widgets
