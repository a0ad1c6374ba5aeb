#pragma once
// Automatic layout of a directed graph in layers, left to right (Sugiyama-style): longest-path layering from
// the sources, then a few barycentre sweeps to order each layer so that edges cross less. Pure geometry.
#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace pulselab::widgets {

struct LayoutSpacing {
    double layerGap = 260.0;
    double nodeGap = 130.0;
};

/// Positions for `nodes` given `edges` (from, to). Cycles are broken by ignoring back edges.
QHash<QString, QPointF> layeredLayout(const QStringList& nodes,
                                      const std::vector<std::pair<QString, QString>>& edges,
                                      const LayoutSpacing& spacing = {});

} // namespace pulselab::widgets
