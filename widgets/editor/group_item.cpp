#include "widgets/editor/group_item.h"

#include "widgets/editor/node_item.h"

#include <QPainter>

namespace pulselab::widgets {

GroupItem::GroupItem(const GroupInfo& info) : m_info(info) {
    setFlags(ItemIsSelectable);
    setZValue(-1.0); // behind nodes and edges
    setToolTip(tr("%1: %2 (drag the frame to move them together; Ctrl+Shift+G ungroups)")
                   .arg(info.name, info.nodes.join(QStringLiteral(", "))));
}

void GroupItem::fitAround(const QList<NodeItem*>& members) {
    QRectF bounds;
    for (const NodeItem* node : members)
        bounds = bounds.united(node->sceneBoundingRect());
    prepareGeometryChange();
    m_frame =
        bounds.isNull() ? QRectF() : bounds.adjusted(-kMargin, -kMargin - kTitleHeight, kMargin, kMargin);
    update();
}

QRectF GroupItem::boundingRect() const {
    return m_frame.adjusted(-2, -2, 2, 2);
}

void GroupItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    if (m_frame.isNull())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor edge = isSelected() ? QColor(0, 114, 178) : QColor(120, 120, 140);
    painter->setPen(QPen(edge, isSelected() ? 2.2 : 1.3, Qt::DashLine));
    painter->setBrush(QColor(86, 180, 233, 28));
    painter->drawRoundedRect(m_frame, 10, 10);
    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(9.5);
    painter->setFont(font);
    painter->setPen(edge.darker(130));
    painter->drawText(QRectF(m_frame.left() + 10, m_frame.top() + 2, m_frame.width() - 20, kTitleHeight),
                      Qt::AlignLeft | Qt::AlignVCenter, m_info.name);
}

} // namespace pulselab::widgets
