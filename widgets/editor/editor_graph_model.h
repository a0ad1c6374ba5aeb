#pragma once
// What the node editor edits, seen through plain ids (the QtNodes split: model / scene / view). The scene
// reads nodes and connections through this interface and follows its signals; every edit goes through it,
// so an adapter over the core's network model (or any other graph) is all the editor needs.
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

class QUndoStack;

namespace pulselab::widgets {

struct PortInfo {
    QString name;
    QString type; ///< compatibility class, e.g. "spikes", "current", "error", "prediction"
};

struct NodeInfo {
    QString id;    ///< stable, unique, shown as the node's name
    QString kind;  ///< "population", "input", "probe", "pc-layer" ... (colour and palette group)
    QString model; ///< e.g. "lif_cuba", "poisson"
    QString detail;
    QList<PortInfo> inputs;
    QList<PortInfo> outputs;
    QPointF position;
    QStringList problems; ///< validation messages; the node is marked when non-empty
};

/// A named frame around nodes that move together (Ctrl+G / Ctrl+Shift+G).
struct GroupInfo {
    QString name;
    QStringList nodes;
};

struct ConnectionInfo {
    QString id;
    QString fromNode;
    int fromPort = 0;
    QString toNode;
    int toPort = 0;
    QString label;
    QStringList problems;
};

class EditorGraphModel : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QStringList nodeIds() const = 0;
    virtual NodeInfo node(const QString& id) const = 0;
    virtual QList<ConnectionInfo> connections() const = 0;

    /// Whether an edge may go from an output port to an input port; `reason` says why not.
    virtual bool canConnect(const QString& fromNode, int fromPort, const QString& toNode, int toPort,
                            QString* reason) const = 0;
    /// Adds the edge; returns its id (empty when refused).
    virtual QString connect(const QString& fromNode, int fromPort, const QString& toNode, int toPort) = 0;
    virtual void removeConnection(const QString& id) = 0;

    /// Node kinds and models that can be created (for the palette and quick-add box), as "kind/model".
    virtual QStringList creatableTypes() const = 0;
    /// Creates a node of "kind/model" at `position`; returns its id (empty when refused).
    virtual QString createNode(const QString& type, const QPointF& position) = 0;
    /// Why createNode(type) would be refused now (empty when it would not): shown to the user on a refused
    /// drop, quick-add or palette double-click.
    virtual QString whyCannotCreate(const QString& type) const {
        (void)type;
        return {};
    }
    virtual void removeNodes(const QStringList& ids) = 0;
    virtual bool renameNode(const QString& id, const QString& newId, QString* reason) = 0;
    /// Moves nodes; `final` is false while a drag is in progress (no undo step per mouse move).
    virtual void moveNodes(const QHash<QString, QPointF>& positions, bool final) = 0;

    /// Serialises the nodes `ids` and the connections among them (for copy, duplicate).
    virtual QByteArray copyNodes(const QStringList& ids) const = 0;
    /// Adds nodes from copyNodes() output, renamed where names are taken, shifted by `offset`; returns new
    /// ids.
    virtual QStringList pasteNodes(const QByteArray& data, const QPointF& offset) = 0;

    /// Named groups of nodes (each node in at most one); ids are the current node ids.
    virtual QList<GroupInfo> groups() const { return {}; }
    /// Groups `ids` under a fresh name (one undo step); returns the name, empty if nothing was grouped.
    virtual QString groupNodes(const QStringList& ids) {
        Q_UNUSED(ids);
        return {};
    }
    /// Removes the named groups (their nodes stay), as one undo step.
    virtual void ungroup(const QStringList& names) { Q_UNUSED(names); }

    /// Whether a node stands for a compound that can be expanded into its parts (or collapsed back).
    virtual bool isExpandable(const QString& id) const {
        Q_UNUSED(id);
        return false;
    }
    /// Expands collapsed nodes and collapses expanded ones among `ids` (one undo step).
    virtual void toggleExpanded(const QStringList& ids) { Q_UNUSED(ids); }

    /// Undo history of every edit made through this model.
    virtual QUndoStack* undoStack() = 0;

Q_SIGNALS:
    void nodeCreated(const QString& id);
    void nodeDeleted(const QString& id);
    void nodeUpdated(const QString& id);
    void nodeMoved(const QString& id);
    void connectionCreated(const QString& id);
    void connectionDeleted(const QString& id);
    /// Everything may have changed (undo, load, paste): the scene rebuilds.
    void modelReset();
};

} // namespace pulselab::widgets
