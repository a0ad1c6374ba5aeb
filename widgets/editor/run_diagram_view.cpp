#include "widgets/editor/run_diagram_view.h"

#include "widgets/common/colour_maps.h"
#include "widgets/editor/layered_layout.h"

#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLineF>
#include <QMouseEvent>
#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {
constexpr double kBoxWidth = 175.0;
constexpr double kBoxHeight = 58.0;
constexpr double kLayerGap = 130.0;
constexpr double kColumnGap = 45.0;
constexpr double kPairOffset = 9.0; // two straight links between the same boxes run side by side
constexpr double kBow = 70.0;       // how far top-down links and links across layers curve aside

/// Where the segment from the centre of `box` towards `target` leaves the box.
QPointF exitPoint(const QRectF& box, const QPointF& target) {
    const QPointF c = box.center();
    const QPointF d = target - c;
    const double sx = std::abs(d.x()) > 1e-9 ? (box.width() / 2) / std::abs(d.x()) : 1e9;
    const double sy = std::abs(d.y()) > 1e-9 ? (box.height() / 2) / std::abs(d.y()) : 1e9;
    return c + std::min(sx, sy) * d;
}

QString sizeText(std::uint32_t n) {
    return n == 1 ? QObject::tr("1 neuron") : QObject::tr("%L1 neurons").arg(n);
}
} // namespace

RunDiagramView::RunDiagramView(QWidget* parent) : QGraphicsView(parent), m_scene(new QGraphicsScene(this)) {
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setBackgroundBrush(QColor(252, 252, 250));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setDragMode(QGraphicsView::NoDrag);
}

void RunDiagramView::setRunLayout(const core::RunLayout& layout) {
    m_scene->clear();
    m_boxes.clear();
    m_arrowCount = 0;
    m_selected = -1;
    const auto count = static_cast<int>(layout.populations.size());
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids << QString::number(i);
    // Layers from the bottom-up links (inputs at the bottom), side by side within a layer.
    std::vector<std::pair<QString, QString>> edges;
    for (const core::PopulationLink& link : layout.links)
        if (!link.topDown && link.from != link.to && link.from >= 0 && link.to >= 0 && link.from < count &&
            link.to < count)
            edges.emplace_back(QString::number(link.from), QString::number(link.to));
    QHash<QString, QPointF> positions = layeredLayout(ids, edges, {kLayerGap, kBoxWidth + kColumnGap});
    for (QPointF& p : positions)
        p = QPointF(p.y(), -p.x());
    QFont nameFont = font();
    nameFont.setBold(true);
    for (int i = 0; i < count; ++i) {
        const auto& pop = layout.populations[static_cast<std::size_t>(i)];
        const QPointF at = positions.value(QString::number(i));
        const QColor colour = lineColour(i);
        QPainterPath body;
        body.addRoundedRect(QRectF(0, 0, kBoxWidth, kBoxHeight), 7, 7);
        auto* box = m_scene->addPath(body, QPen(QColor(90, 90, 90), 1.2), QColor(250, 250, 248));
        box->setPos(at);
        box->setZValue(2);
        auto* strip = new QGraphicsRectItem(0, 0, 8, kBoxHeight - 10, box);
        strip->setPos(6, 5);
        strip->setBrush(colour);
        strip->setPen(Qt::NoPen);
        auto* name = new QGraphicsSimpleTextItem(QString::fromStdString(pop.name), box);
        name->setFont(nameFont);
        name->setPos(22, 9);
        auto* size = new QGraphicsSimpleTextItem(sizeText(pop.size), box);
        size->setBrush(QColor(80, 80, 80));
        size->setPos(22, 31);
        box->setToolTip(QStringLiteral("%1: %2 (neurons %3-%4 in the raster)")
                            .arg(QString::fromStdString(pop.name), sizeText(pop.size))
                            .arg(pop.firstNeuron)
                            .arg(pop.firstNeuron + pop.size - 1));
        m_boxes.push_back(box);
    }

    double middleX = 0.0;
    for (int i = 0; i < count; ++i)
        middleX += boxRect(i).center().x() / count;
    const QPen arrowPen(QColor(70, 70, 70), 1.4);
    for (const core::PopulationLink& link : layout.links) {
        if (link.from < 0 || link.to < 0 || link.from >= count || link.to >= count)
            continue;
        const QRectF a = boxRect(link.from), b = boxRect(link.to);
        QPainterPath path;
        QPointF tip, labelAt;
        double labelSide = 0.0; // -1: the label ends at labelAt, 1: starts there, 0: centred on it
        QLineF direction;
        if (link.from == link.to) { // a loop over the top of the box
            const QPointF left(a.center().x() - 30, a.top()), right(a.center().x() + 30, a.top());
            path.moveTo(left);
            path.cubicTo(left + QPointF(-20, -55), right + QPointF(20, -55), right);
            tip = right;
            direction = QLineF(right + QPointF(12, -30), right);
            labelAt = QPointF(a.center().x(), a.top() - 52);
        } else {
            const QLineF straight(a.center(), b.center());
            const bool acrossLayers = std::abs(straight.dy()) > 1.5 * kLayerGap;
            if (link.topDown || acrossLayers) {
                // Curving outwards (away from the middle of the diagram), so that it misses the boxes in
                // between and the straight links.
                const QPointF normal =
                    QPointF(-straight.dy(), straight.dx()) / std::max(1.0, straight.length());
                const double outwards = straight.center().x() - middleX;
                const QPointF side = (normal.x() * outwards >= 0 && std::abs(normal.x()) > 1e-6) ||
                                             (std::abs(outwards) < 1e-6 && normal.x() > 0)
                                         ? normal
                                         : -normal;
                const QPointF control = straight.center() + kBow * 2 * side;
                const QPointF from = exitPoint(a, control), to = exitPoint(b, control);
                path.moveTo(from);
                path.quadTo(control, to);
                tip = to;
                direction = QLineF(control, to);
                labelAt = 0.25 * from + 0.5 * control + 0.25 * to;
                labelSide = side.x() > 0.3 ? 1.0 : (side.x() < -0.3 ? -1.0 : 0.0);
            } else {
                QPointF from = exitPoint(a, b.center()), to = exitPoint(b, a.center());
                const bool pair = std::any_of(layout.links.begin(), layout.links.end(), [&](const auto& o) {
                    return o.from == link.to && o.to == link.from && !o.topDown;
                });
                if (pair) { // shift sideways, to the right of the direction of travel
                    const QLineF line(from, to);
                    const QPointF normal = QPointF(-line.dy(), line.dx()) / std::max(1.0, line.length());
                    from -= kPairOffset * normal;
                    to -= kPairOffset * normal;
                }
                path.moveTo(from);
                path.lineTo(to);
                tip = to;
                direction = QLineF(from, to);
                labelAt = from + 0.5 * (to - from);
            }
        }
        const QPen pen = link.topDown ? QPen(QColor(70, 70, 70), 1.4, Qt::DashLine) : arrowPen;
        auto* arrow = m_scene->addPath(path, pen);
        arrow->setZValue(1);
        // Arrowhead
        const double angle = std::atan2(direction.dy(), direction.dx());
        QPainterPath head;
        head.moveTo(tip);
        head.lineTo(tip - QPointF(std::cos(angle - 0.4), std::sin(angle - 0.4)) * 11);
        head.lineTo(tip - QPointF(std::cos(angle + 0.4), std::sin(angle + 0.4)) * 11);
        head.closeSubpath();
        m_scene->addPath(head, Qt::NoPen, QColor(70, 70, 70))->setZValue(1);
        if (!link.label.empty()) {
            auto* label = new QGraphicsSimpleTextItem(QString::fromStdString(link.label));
            QFont small = font();
            small.setPointSizeF(small.pointSizeF() * 0.85);
            label->setFont(small);
            label->setBrush(QColor(60, 60, 60));
            const QRectF r = label->boundingRect();
            label->setPos(labelAt -
                          QPointF((1.0 - labelSide) * (r.width() / 2) - 4.0 * labelSide, r.height() / 2));
            // A paper-coloured patch under the words keeps them readable where arrows cross.
            auto* patch = m_scene->addRect(label->mapRectToScene(r).adjusted(-3, -1, 3, 1), Qt::NoPen,
                                           QColor(252, 252, 250, 230));
            patch->setZValue(1.5);
            m_scene->addItem(label);
            label->setZValue(1.6);
        }
        ++m_arrowCount;
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-30, -30, 30, 30));
    fit();
}

QRectF RunDiagramView::boxRect(int index) const {
    if (index < 0 || index >= boxCount())
        return {};
    return m_boxes[static_cast<std::size_t>(index)]->sceneBoundingRect().adjusted(0.6, 0.6, -0.6, -0.6);
}

int RunDiagramView::populationAt(const QPoint& viewPos) const {
    const QPointF p = mapToScene(viewPos);
    for (int i = 0; i < boxCount(); ++i)
        if (boxRect(i).contains(p))
            return i;
    return -1;
}

void RunDiagramView::selectPopulation(int index) {
    m_selected = index >= 0 && index < boxCount() ? index : -1;
    paintSelection();
}

void RunDiagramView::paintSelection() {
    for (int i = 0; i < boxCount(); ++i)
        m_boxes[static_cast<std::size_t>(i)]->setPen(i == m_selected ? QPen(QColor(0, 114, 178), 3.0)
                                                                     : QPen(QColor(90, 90, 90), 1.2));
}

void RunDiagramView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QGraphicsView::mousePressEvent(event);
    selectPopulation(populationAt(event->position().toPoint()));
    Q_EMIT populationClicked(m_selected);
}

void RunDiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fit();
}

void RunDiagramView::fit() {
    // Whole diagram in view, never enlarged beyond its natural size (the text would grow with it).
    resetTransform();
    const QRectF r = sceneRect();
    if (r.isEmpty() || viewport()->width() < 10 || viewport()->height() < 10)
        return;
    const double scale = std::min({1.0, viewport()->width() / r.width(), viewport()->height() / r.height()});
    this->scale(scale, scale);
    centerOn(r.center());
}

} // namespace pulselab::widgets
