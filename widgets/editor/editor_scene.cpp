#include "widgets/editor/editor_scene.h"

#include "widgets/editor/connection_item.h"
#include "widgets/editor/group_item.h"
#include "widgets/editor/layered_layout.h"
#include "widgets/editor/node_item.h"

#include <QApplication>
#include <QClipboard>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QPainter>
#include <QUndoStack>

#include <cmath>
#include <limits>

namespace pulselab::widgets {

EditorScene::EditorScene(EditorGraphModel* model, QObject* parent) : QGraphicsScene(parent), m_model(model) {
    setSceneRect(-4000, -4000, 8000, 8000);
    connect(model, &EditorGraphModel::modelReset, this, &EditorScene::rebuild);
    connect(model, &EditorGraphModel::nodeCreated, this, [this](const QString& id) {
        addNode(id);
        refreshProblems();
    });
    connect(model, &EditorGraphModel::nodeDeleted, this, [this](const QString& id) {
        delete m_nodes.take(id);
        refreshProblems();
    });
    connect(model, &EditorGraphModel::nodeUpdated, this, [this](const QString& id) {
        if (NodeItem* item = m_nodes.value(id))
            item->setInfo(m_model->node(id));
        refreshConnectionsOf(id);
        refreshProblems();
    });
    connect(model, &EditorGraphModel::nodeMoved, this, [this](const QString& id) {
        if (NodeItem* item = m_nodes.value(id)) {
            const QPointF p = m_model->node(id).position;
            if (item->pos() != p)
                item->setPos(p);
        }
    });
    connect(model, &EditorGraphModel::connectionCreated, this, [this](const QString& id) {
        for (const ConnectionInfo& c : m_model->connections()) {
            if (c.id == id)
                addConnection(c);
        }
        refreshProblems();
    });
    connect(model, &EditorGraphModel::connectionDeleted, this, [this](const QString& id) {
        delete m_connections.take(id);
        refreshProblems();
    });
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (!m_rebuilding)
            emitCurrent();
    });
    rebuild();
}

void EditorScene::emitCurrent() {
    const QStringList nodes = selectedNodeIds();
    const QStringList edges = selectedConnectionIds();
    if (nodes.size() == 1 && edges.isEmpty())
        Q_EMIT currentChanged(QStringLiteral("node"), nodes.front());
    else if (edges.size() == 1 && nodes.isEmpty())
        Q_EMIT currentChanged(QStringLiteral("connection"), edges.front());
    else
        Q_EMIT currentChanged(QString(), QString());
}

EditorScene::~EditorScene() {
    blockSignals(true);
    m_groups.clear();
    m_connections.clear();
    m_nodes.clear();
    clear();
}

void EditorScene::rebuild() {
    // What was selected stays selected where it still exists (an inspector edit keeps its node shown, with
    // the new values); the current item is announced once, after the rebuild.
    const QStringList selectedNodes = selectedNodeIds();
    const QStringList selectedEdges = selectedConnectionIds();
    m_rebuilding = true;
    clearDragHighlight();
    m_groupDrag = nullptr;
    for (GroupItem* g : std::as_const(m_groups))
        delete g;
    m_groups.clear();
    for (ConnectionItem* c : std::as_const(m_connections))
        delete c;
    for (NodeItem* n : std::as_const(m_nodes))
        delete n;
    m_connections.clear();
    m_nodes.clear();
    for (const QString& id : m_model->nodeIds())
        addNode(id);
    for (const ConnectionInfo& c : m_model->connections())
        addConnection(c);
    for (const GroupInfo& g : m_model->groups()) {
        if (g.nodes.isEmpty() || m_groups.contains(g.name))
            continue;
        auto* item = new GroupItem(g);
        addItem(item);
        m_groups.insert(g.name, item);
    }
    refreshGroups();
    for (const QString& id : selectedNodes)
        if (NodeItem* item = m_nodes.value(id))
            item->setSelected(true);
    for (const QString& id : selectedEdges)
        if (ConnectionItem* item = m_connections.value(id))
            item->setSelected(true);
    m_rebuilding = false;
    emitCurrent();
}

void EditorScene::refreshGroups() {
    for (GroupItem* group : std::as_const(m_groups)) {
        QList<NodeItem*> members;
        for (const QString& id : group->info().nodes)
            if (NodeItem* node = m_nodes.value(id))
                members << node;
        group->fitAround(members);
    }
}

void EditorScene::addNode(const QString& id) {
    if (m_nodes.contains(id))
        return;
    auto* item = new NodeItem(m_model->node(id));
    addItem(item);
    m_nodes.insert(id, item);
    connect(item, &NodeItem::moved, this, [this, id] {
        refreshConnectionsOf(id);
        refreshGroups();
    });
}

void EditorScene::addConnection(const ConnectionInfo& info) {
    if (m_connections.contains(info.id) || !m_nodes.contains(info.fromNode) || !m_nodes.contains(info.toNode))
        return;
    auto* item = new ConnectionItem(info);
    addItem(item);
    m_connections.insert(info.id, item);
    refreshConnection(item);
}

void EditorScene::refreshConnection(ConnectionItem* item) {
    const NodeItem* from = m_nodes.value(item->info().fromNode);
    const NodeItem* to = m_nodes.value(item->info().toNode);
    if (from && to)
        item->setEnds(from->portScenePos(true, item->info().fromPort),
                      to->portScenePos(false, item->info().toPort));
}

void EditorScene::refreshConnectionsOf(const QString& nodeId) {
    for (ConnectionItem* c : std::as_const(m_connections)) {
        if (c->info().fromNode == nodeId || c->info().toNode == nodeId)
            refreshConnection(c);
    }
}

void EditorScene::refreshProblems() {
    // Validation depends on the whole network: refresh every node's and edge's messages.
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        const NodeInfo info = m_model->node(it.key());
        if (info.problems != it.value()->info().problems || info.detail != it.value()->info().detail)
            it.value()->setInfo(info);
    }
    for (const ConnectionInfo& c : m_model->connections()) {
        if (ConnectionItem* item = m_connections.value(c.id);
            item && (item->info().problems != c.problems || item->info().label != c.label))
            item->setInfo(c);
    }
}

QStringList EditorScene::selectedNodeIds() const {
    QStringList ids;
    for (QGraphicsItem* item : selectedItems()) {
        if (auto* node = dynamic_cast<NodeItem*>(item))
            ids << node->id();
    }
    ids.sort();
    return ids;
}

QStringList EditorScene::selectedConnectionIds() const {
    QStringList ids;
    for (QGraphicsItem* item : selectedItems()) {
        if (auto* edge = dynamic_cast<ConnectionItem*>(item))
            ids << edge->info().id;
    }
    return ids;
}

void EditorScene::selectNodes(const QStringList& ids) {
    clearSelection();
    for (const QString& id : ids) {
        if (NodeItem* item = m_nodes.value(id))
            item->setSelected(true);
    }
}

void EditorScene::deleteSelection() {
    const QStringList nodes = selectedNodeIds();
    const QStringList edges = selectedConnectionIds();
    if (nodes.isEmpty() && edges.isEmpty())
        return;
    m_model->undoStack()->beginMacro(tr("Delete"));
    for (const QString& id : edges)
        m_model->removeConnection(id);
    if (!nodes.isEmpty())
        m_model->removeNodes(nodes);
    m_model->undoStack()->endMacro();
}

void EditorScene::copySelection() {
    const QStringList nodes = selectedNodeIds();
    if (nodes.isEmpty())
        return;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kClipboardMime), m_model->copyNodes(nodes));
    QApplication::clipboard()->setMimeData(mime);
}

void EditorScene::pasteAt(const QPointF& at) {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(QString::fromLatin1(kClipboardMime)))
        return;
    const QByteArray data = mime->data(QString::fromLatin1(kClipboardMime));
    // Offset so that the copied group's top-left lands at `at`.
    const QStringList ids = m_model->pasteNodes(data, at);
    selectNodes(ids);
}

void EditorScene::duplicateSelection() {
    const QStringList nodes = selectedNodeIds();
    if (nodes.isEmpty())
        return;
    QPointF topLeft(std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
    for (const QString& id : nodes) {
        const QPointF p = m_nodes.value(id)->pos();
        topLeft = QPointF(std::min(topLeft.x(), p.x()), std::min(topLeft.y(), p.y()));
    }
    const QStringList ids = m_model->pasteNodes(m_model->copyNodes(nodes), topLeft + QPointF(40, 40));
    selectNodes(ids);
}

void EditorScene::autoLayout() {
    std::vector<std::pair<QString, QString>> edges;
    for (const ConnectionInfo& c : m_model->connections())
        edges.emplace_back(c.fromNode, c.toNode);
    const QHash<QString, QPointF> positions = layeredLayout(m_model->nodeIds(), edges);
    m_model->moveNodes(positions, true);
}

QString EditorScene::groupSelection() {
    const QStringList nodes = selectedNodeIds();
    if (nodes.isEmpty())
        return {};
    const QString name = m_model->groupNodes(nodes);
    if (GroupItem* group = m_groups.value(name)) {
        selectNodes(group->info().nodes);
        group->setSelected(true);
        Q_EMIT statusMessage(tr("Grouped %1 node(s) as %2").arg(nodes.size()).arg(name));
    }
    return name;
}

void EditorScene::ungroupSelection() {
    QStringList names;
    const QStringList nodes = selectedNodeIds();
    for (GroupItem* group : std::as_const(m_groups)) {
        bool hit = group->isSelected();
        for (const QString& id : group->info().nodes)
            hit = hit || nodes.contains(id);
        if (hit)
            names << group->name();
    }
    names.sort();
    m_model->ungroup(names);
}

bool EditorScene::toggleExpandedSelection() {
    QStringList ids;
    for (const QString& id : selectedNodeIds())
        if (m_model->isExpandable(id))
            ids << id;
    if (ids.isEmpty())
        return false;
    m_model->toggleExpanded(ids);
    return true;
}

NodeItem* EditorScene::nodeAt(const QPointF& scenePos) const {
    for (QGraphicsItem* item : items(scenePos, Qt::IntersectsItemBoundingRect)) {
        if (auto* node = dynamic_cast<NodeItem*>(item))
            return node;
    }
    return nullptr;
}

void EditorScene::clearDragHighlight() {
    if (m_dragHover)
        m_dragHover->setPortHighlight(std::nullopt, 0);
    m_dragHover = nullptr;
}

void EditorScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        if (NodeItem* node = nodeAt(event->scenePos())) {
            const auto port = node->portAt(event->scenePos());
            if (port && port->output) {
                m_dragFrom = node;
                m_dragPort = port->index;
                m_dragPath = addPath(ConnectionItem::curve(event->scenePos(), event->scenePos()),
                                     QPen(QColor(0, 114, 178), 2.0, Qt::DashLine));
                m_dragPath->setZValue(2.0);
                event->accept();
                return;
            }
        }
        // A press on a group's frame (nothing else there) drags the whole group.
        const QList<QGraphicsItem*> under = items(event->scenePos());
        if (auto* group = under.isEmpty() ? nullptr : dynamic_cast<GroupItem*>(under.front())) {
            clearSelection();
            selectNodes(group->info().nodes);
            group->setSelected(true);
            m_groupDrag = group;
            m_groupDragFrom = event->scenePos();
            m_moveStart.clear();
            for (const QString& id : group->info().nodes)
                if (NodeItem* node = m_nodes.value(id))
                    m_moveStart.insert(id, node->pos());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_moveStart.clear();
    for (const QString& id : selectedNodeIds())
        m_moveStart.insert(id, m_nodes.value(id)->pos());
}

void EditorScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (m_groupDrag) {
        const QPointF delta = event->scenePos() - m_groupDragFrom;
        for (auto it = m_moveStart.begin(); it != m_moveStart.end(); ++it)
            if (NodeItem* node = m_nodes.value(it.key()))
                node->setPos(it.value() + delta);
        event->accept();
        return;
    }
    if (!m_dragFrom) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    const QPointF from = m_dragFrom->portScenePos(true, m_dragPort);
    m_dragPath->setPath(ConnectionItem::curve(from, event->scenePos()));
    NodeItem* node = nodeAt(event->scenePos());
    const auto port = node ? node->portAt(event->scenePos()) : std::nullopt;
    if (node != m_dragHover)
        clearDragHighlight();
    m_dragVerdict.clear();
    if (node && port && !port->output) {
        QString reason;
        const bool ok = m_model->canConnect(m_dragFrom->id(), m_dragPort, node->id(), port->index, &reason);
        node->setPortHighlight(port, ok ? 1 : -1);
        m_dragHover = node;
        m_dragVerdict = ok ? QString() : reason;
        Q_EMIT statusMessage(ok ? tr("Release to connect %1 → %2").arg(m_dragFrom->id(), node->id())
                                : reason);
    }
}

void EditorScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (m_dragFrom) {
        NodeItem* node = nodeAt(event->scenePos());
        const auto port = node ? node->portAt(event->scenePos()) : std::nullopt;
        if (node && port && !port->output) {
            QString reason;
            if (m_model->canConnect(m_dragFrom->id(), m_dragPort, node->id(), port->index, &reason))
                m_model->connect(m_dragFrom->id(), m_dragPort, node->id(), port->index);
            else
                Q_EMIT statusMessage(reason);
        }
        clearDragHighlight();
        delete m_dragPath;
        m_dragPath = nullptr;
        m_dragFrom = nullptr;
        m_dragPort = -1;
        event->accept();
        return;
    }
    if (m_groupDrag)
        m_groupDrag = nullptr;
    else
        QGraphicsScene::mouseReleaseEvent(event);
    QHash<QString, QPointF> moved;
    for (auto it = m_moveStart.begin(); it != m_moveStart.end(); ++it) {
        if (NodeItem* item = m_nodes.value(it.key()); item && item->pos() != it.value())
            moved.insert(it.key(), item->pos());
    }
    m_moveStart.clear();
    if (!moved.isEmpty())
        m_model->moveNodes(moved, true);
}

void EditorScene::drawBackground(QPainter* painter, const QRectF& rect) {
    if (!m_backgroundGrid)
        return;
    painter->fillRect(rect, QColor(244, 245, 247));
    constexpr double kGrid = 20.0;
    const double left = std::floor(rect.left() / kGrid) * kGrid;
    const double top = std::floor(rect.top() / kGrid) * kGrid;
    QVector<QLineF> minor, major;
    for (double x = left; x < rect.right(); x += kGrid)
        (std::fmod(std::abs(x), kGrid * 5) < 1e-6 ? major : minor)
            .append(QLineF(x, rect.top(), x, rect.bottom()));
    for (double y = top; y < rect.bottom(); y += kGrid)
        (std::fmod(std::abs(y), kGrid * 5) < 1e-6 ? major : minor)
            .append(QLineF(rect.left(), y, rect.right(), y));
    painter->setPen(QPen(QColor(230, 231, 234), 0));
    painter->drawLines(minor);
    painter->setPen(QPen(QColor(214, 216, 220), 0));
    painter->drawLines(major);
}

} // namespace pulselab::widgets
