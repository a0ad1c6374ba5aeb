#pragma once
// The editor canvas: owns one NodeItem per node and one ConnectionItem per connection of an
// EditorGraphModel, follows the model's signals, and turns mouse gestures into model edits: drag from an
// output port to an input port to connect (ports show while dragging whether they accept), drag nodes to move
// them (one undo step per drag), delete, copy/paste/duplicate, automatic layout.
#include "widgets/editor/editor_graph_model.h"

#include <QGraphicsScene>
#include <QHash>

class QGraphicsPathItem;

namespace pulselab::widgets {

class NodeItem;
class ConnectionItem;
class GroupItem;

class EditorScene : public QGraphicsScene {
    Q_OBJECT
public:
    static constexpr const char* kClipboardMime = "application/x-pulselab-nodes";

    explicit EditorScene(EditorGraphModel* model, QObject* parent = nullptr);
    /// Removes the items while this is still an EditorScene: QGraphicsScene's own destructor would emit
    /// selectionChanged into our handlers after our part of the object is gone (found by UBSan).
    ~EditorScene() override;

    EditorGraphModel* model() const { return m_model; }
    NodeItem* nodeItem(const QString& id) const { return m_nodes.value(id); }
    ConnectionItem* connectionItem(const QString& id) const { return m_connections.value(id); }
    GroupItem* groupItem(const QString& name) const { return m_groups.value(name); }
    QStringList groupNames() const { return m_groups.keys(); }
    QStringList selectedNodeIds() const;
    QStringList selectedConnectionIds() const;
    void selectNodes(const QStringList& ids);

    void deleteSelection();
    void copySelection();
    /// Pastes the clipboard's nodes so that their top-left lands at `at`; selects them.
    void pasteAt(const QPointF& at);
    void duplicateSelection();
    /// Lays every node out in layers, left to right (one undo step).
    void autoLayout();
    /// Groups the selected nodes under a named frame (Ctrl+G); returns the group's name.
    QString groupSelection();
    /// Removes the selected groups, and those of the selected nodes (Ctrl+Shift+G).
    void ungroupSelection();
    /// Expands the selected compound nodes (a predictive-coding layer into its value and error units) and
    /// collapses expanded ones; false if none of the selection can expand.
    bool toggleExpandedSelection();

    /// While a connection is being dragged: why the port under the cursor refuses it (empty if it accepts).
    QString dragVerdict() const { return m_dragVerdict; }

    /// The canvas's grey background and grid; figures turn them off while drawing (paper stays white).
    void setBackgroundGridVisible(bool visible) { m_backgroundGrid = visible; }
    bool backgroundGridVisible() const { return m_backgroundGrid; }

Q_SIGNALS:
    /// The single selected node or connection id, or empty.
    void currentChanged(const QString& kind, const QString& id);
    void statusMessage(const QString& message);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    void emitCurrent();
    void addNode(const QString& id);
    void addConnection(const ConnectionInfo& info);
    void refreshConnection(ConnectionItem* item);
    void refreshConnectionsOf(const QString& nodeId);
    void refreshProblems();
    void refreshGroups();
    NodeItem* nodeAt(const QPointF& scenePos) const;
    void clearDragHighlight();

    EditorGraphModel* m_model;
    QHash<QString, NodeItem*> m_nodes;
    QHash<QString, ConnectionItem*> m_connections;
    QHash<QString, GroupItem*> m_groups;
    bool m_rebuilding = false;

    // Connection being dragged from an output port.
    NodeItem* m_dragFrom = nullptr;
    int m_dragPort = -1;
    QGraphicsPathItem* m_dragPath = nullptr;
    NodeItem* m_dragHover = nullptr;
    QString m_dragVerdict;
    // Nodes being moved: their positions when the drag began.
    QHash<QString, QPointF> m_moveStart;
    // Group frame being dragged: where the press was.
    GroupItem* m_groupDrag = nullptr;
    QPointF m_groupDragFrom;
    bool m_backgroundGrid = true;
};

} // namespace pulselab::widgets
