#include "widgets/editor/connection_item.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace pulselab::widgets {

ConnectionItem::ConnectionItem(const ConnectionInfo& info) : m_info(info) {
    setFlags(ItemIsSelectable);
    setZValue(0.0);
    setInfo(info);
}

void ConnectionItem::setInfo(const ConnectionInfo& info) {
    m_info = info;
    QString tip =
        info.label.isEmpty() ? QStringLiteral("%1 → %2").arg(info.fromNode, info.toNode) : info.label;
    if (!info.problems.isEmpty())
        tip += QLatin1Char('\n') + info.problems.join(QLatin1Char('\n'));
    setToolTip(tip);
    update();
}

QPainterPath ConnectionItem::curve(const QPointF& from, const QPointF& to) {
    if (to.x() < from.x() - 20.0) {
        // A backward edge (e.g. a top-down prediction) loops below both ends instead of through the nodes.
        const QPointF low((from.x() + to.x()) / 2, std::max(from.y(), to.y()) + 60.0);
        QPainterPath path(from);
        path.cubicTo(from + QPointF(60, 0), QPointF(from.x() + 60, low.y()), low);
        path.cubicTo(QPointF(to.x() - 60, low.y()), to - QPointF(60, 0), to);
        return path;
    }
    const double dx = std::max(40.0, std::abs(to.x() - from.x()) * 0.5);
    QPainterPath path(from);
    path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    return path;
}

void ConnectionItem::setEnds(const QPointF& from, const QPointF& to) {
    m_to = to;
    setPath(curve(from, to));
}

QPainterPath ConnectionItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(10.0);
    return stroker.createStroke(path());
}

void ConnectionItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    const bool problem = !m_info.problems.isEmpty();
    QColor colour = problem ? QColor(213, 94, 0) : QColor(70, 70, 70);
    if (isSelected())
        colour = QColor(0, 114, 178);
    QPen pen(colour, isSelected() ? 2.6 : 1.6, problem ? Qt::DashLine : Qt::SolidLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    // Arrow head just before the input port.
    const QPointF tip = m_to - QPointF(kArrowInset, 0);
    QPolygonF head;
    head << tip << tip + QPointF(-9, -4.5) << tip + QPointF(-9, 4.5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(head);
}

} // namespace pulselab::widgets
