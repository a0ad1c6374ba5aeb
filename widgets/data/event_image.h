#pragma once
// Pictures of recorded sensor events for the event browser: the accumulated event image of a 2-D sensor
// (ON and OFF events in two colour-blind-safe colours, brightness by count) and a time x neuron raster for
// any sensor (one-dimensional ones such as the Heidelberg digits' cochlea included).
#include "core/data/event_stream.h"

#include <QImage>

namespace pulselab::widgets {

/// width x height pixels, one per sensor pixel; black where nothing fired. Null for 1-D sensors.
QImage eventCountImage(const core::EventStream& stream);

/// columns x rows: time runs left to right over the stream's duration, neurons (as the replaying input
/// numbers them) top to bottom; a pixel is lit where at least one event falls.
QImage eventRasterImage(const core::EventStream& stream, int columns, int rows);

} // namespace pulselab::widgets
