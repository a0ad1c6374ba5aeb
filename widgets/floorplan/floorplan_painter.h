#pragma once
// The chip floorplan drawn top-down with QPainter: vector output for SVG/PDF figures and headless export,
// no OpenGL needed. Same layout as the 3-D view (mesh rows horizontal, x86 cores on the left).
#include "core/loihi/chip_description.h"

#include <QString>
#include <vector>

class QPainter;
class QRectF;

namespace pulselab::widgets {

/// Paints the chip into `target`: one square per neuromorphic core coloured by `values` (viridis, scaled to
/// the maximum; uncoloured without values), the selected core outlined, and a colour bar labelled `quantity`.
void paintFloorplan2D(QPainter& painter, const QRectF& target, const core::loihi::ChipDescription& chip,
                      const std::vector<double>& values, const QString& quantity, int selectedCore = -1);

} // namespace pulselab::widgets
