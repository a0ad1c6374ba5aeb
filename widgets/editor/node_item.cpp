#include "widgets/editor/node_item.h"

#include "widgets/common/colour_maps.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace pulselab::widgets {

namespace {
double g_snapGrid = 20.0;

QColor kindColour(const QString& kind) {
    if (kind == QLatin1String("input"))
        return categoricalColour(2);
    if (kind == QLatin1String("probe"))
        return categoricalColour(6);
    if (kind == QLatin1String("pc-layer"))
        return categoricalColour(0);
    if (kind == QLatin1String("pc-unit"))
        return categoricalColour(1);
    return categoricalColour(4); // populations
}
QColor portColour(const QString& type) {
    if (type == QLatin1String("spikes"))
        return QColor(0, 114, 178);
    if (type == QLatin1String("pc-error"))
        return QColor(213, 94, 0);
    if (type == QLatin1String("pc-prediction"))
        return QColor(204, 121, 167);
    if (type == QLatin1String("pc-value"))
        return QColor(86, 180, 233);
    return QColor(0, 158, 115); // current
}
} // namespace

NodeItem::NodeItem(const NodeInfo& info) : m_info(info) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setPos(info.position);
    setZValue(1.0);
    setAcceptHoverEvents(true);
    setInfo(info);
}

void NodeItem::setSnapGrid(double grid) {
    g_snapGrid = grid;
}

void NodeItem::setInfo(const NodeInfo& info) {
    prepareGeometryChange();
    m_info = info;
    setToolTip(info.problems.isEmpty()
                   ? QStringLiteral("%1 (%2)").arg(info.id, info.model)
                   : QStringLiteral("%1: %2").arg(info.id, info.problems.join(QStringLiteral("\n"))));
    update();
}

double NodeItem::height() const {
    const auto ports = std::max(m_info.inputs.size(), m_info.outputs.size());
    return kHeaderHeight + static_cast<double>(std::max<qsizetype>(ports, 1)) * kPortPitch + 8.0;
}

QRectF NodeItem::boundingRect() const {
    return QRectF(-kPortRadius - 2, -2, kWidth + 2 * kPortRadius + 4, height() + 4);
}

QPointF NodeItem::portScenePos(bool output, int index) const {
    return mapToScene(QPointF(output ? kWidth : 0.0, kHeaderHeight + (index + 0.5) * kPortPitch));
}

std::optional<NodeItem::PortRef> NodeItem::portAt(const QPointF& scenePos) const {
    constexpr double kReach = kPortRadius + 5.0;
    for (int output = 0; output < 2; ++output) {
        const auto& ports = output ? m_info.outputs : m_info.inputs;
        for (int i = 0; i < ports.size(); ++i) {
            const QPointF d = portScenePos(output != 0, i) - scenePos;
            if (std::hypot(d.x(), d.y()) <= kReach)
                return PortRef{output != 0, i};
        }
    }
    return std::nullopt;
}

void NodeItem::setPortHighlight(std::optional<PortRef> port, int verdict) {
    m_highlight = port;
    m_verdict = verdict;
    update();
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF body(0, 0, kWidth, height());
    const QColor accent = kindColour(m_info.kind);
    const bool problem = !m_info.problems.isEmpty();

    painter->setPen(
        QPen(problem ? QColor(213, 94, 0) : (isSelected() ? QColor(0, 114, 178) : QColor(90, 90, 90)),
             problem || isSelected() ? 2.5 : 1.0, problem ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(QColor(250, 250, 248));
    painter->drawRoundedRect(body, 7, 7);
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawRoundedRect(QRectF(0, 0, kWidth, 8), 4, 4);

    // Pixel sizes (9.5 pt and 8 pt at 96 dpi): a point size would grow with the device's DPI when the
    // scene is drawn into a 600 dpi figure and overflow the node.
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(13);
    painter->setFont(font);
    painter->setPen(Qt::black);
    painter->drawText(
        QRectF(8, 9, kWidth - 30, 16), Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(m_info.id, Qt::ElideRight, static_cast<int>(kWidth - 30)));
    font.setBold(false);
    font.setPixelSize(11);
    painter->setFont(font);
    painter->setPen(QColor(80, 80, 80));
    const QString subtitle =
        m_info.detail.isEmpty() ? m_info.model : m_info.model + QStringLiteral(" · ") + m_info.detail;
    painter->drawText(
        QRectF(8, 24, kWidth - 16, 14), Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(subtitle, Qt::ElideRight, static_cast<int>(kWidth - 16)));
    if (problem) {
        painter->setBrush(QColor(213, 94, 0));
        painter->setPen(Qt::NoPen);
        painter->drawEllipse(QPointF(kWidth - 14, 17), 8, 8);
        painter->setPen(Qt::white);
        font.setBold(true);
        painter->setFont(font);
        painter->drawText(QRectF(kWidth - 22, 9, 16, 16), Qt::AlignCenter, QStringLiteral("!"));
        font.setBold(false);
        painter->setFont(font);
    }

    for (int output = 0; output < 2; ++output) {
        const auto& ports = output ? m_info.outputs : m_info.inputs;
        for (int i = 0; i < ports.size(); ++i) {
            const QPointF at(output ? kWidth : 0.0, kHeaderHeight + (i + 0.5) * kPortPitch);
            QColor fill = portColour(ports[i].type);
            if (m_highlight && m_highlight->output == (output != 0) && m_highlight->index == i)
                fill = m_verdict > 0 ? QColor(0, 170, 0) : (m_verdict < 0 ? QColor(220, 0, 0) : fill);
            painter->setPen(QPen(Qt::white, 1.5));
            painter->setBrush(fill);
            painter->drawEllipse(at, kPortRadius, kPortRadius);
            painter->setPen(QColor(60, 60, 60));
            const QRectF label = output ? QRectF(kWidth / 2, at.y() - 8, kWidth / 2 - 10, 16)
                                        : QRectF(10, at.y() - 8, kWidth / 2 - 10, 16);
            painter->drawText(label, (output ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                              ports[i].name);
        }
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionChange && g_snapGrid > 0.0) {
        const QPointF p = value.toPointF();
        return QPointF(std::round(p.x() / g_snapGrid) * g_snapGrid,
                       std::round(p.y() / g_snapGrid) * g_snapGrid);
    }
    if (change == ItemPositionHasChanged)
        Q_EMIT moved();
    return QGraphicsObject::itemChange(change, value);
}

} // namespace pulselab::widgets
