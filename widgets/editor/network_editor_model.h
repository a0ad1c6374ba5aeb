#pragma once
// The node editor's model over a PulseLab project: populations, inputs, currents and probes are nodes;
// projections (and current and probe attachments) are connections. A rate predictive-coding experiment
// (experiment kind "rate_pc") is a chain of "pc-layer" nodes, one per layer, linked by bottom-up errors and
// top-down predictions; a layer expands into its value and error units ("pc-unit" nodes) and collapses back.
// Groups are named sets of nodes kept in the editor section. Every edit is one undo step that restores the
// whole project document (a snapshot), so undo is exact for every kind of edit.
#include "core/model/project_file.h"
#include "widgets/editor/editor_graph_model.h"

#include <QUndoStack>

namespace pulselab::widgets {

class NetworkEditorModel : public EditorGraphModel {
    Q_OBJECT
public:
    explicit NetworkEditorModel(QObject* parent = nullptr);

    void setProject(const core::Project& project);
    const core::Project& project() const { return m_project; }

    QStringList nodeIds() const override;
    NodeInfo node(const QString& id) const override;
    QList<ConnectionInfo> connections() const override;
    bool canConnect(const QString& fromNode, int fromPort, const QString& toNode, int toPort,
                    QString* reason) const override;
    QString connect(const QString& fromNode, int fromPort, const QString& toNode, int toPort) override;
    void removeConnection(const QString& id) override;
    QStringList creatableTypes() const override;
    QString createNode(const QString& type, const QPointF& position) override;
    QString whyCannotCreate(const QString& type) const override;
    void removeNodes(const QStringList& ids) override;
    bool renameNode(const QString& id, const QString& newId, QString* reason) override;
    void moveNodes(const QHash<QString, QPointF>& positions, bool final) override;
    QByteArray copyNodes(const QStringList& ids) const override;
    QStringList pasteNodes(const QByteArray& data, const QPointF& offset) override;
    QUndoStack* undoStack() override { return &m_undo; }
    QList<GroupInfo> groups() const override;
    QString groupNodes(const QStringList& ids) override;
    void ungroup(const QStringList& names) override;
    bool isExpandable(const QString& id) const override { return pcLayerOf(id) >= 0; }
    void toggleExpanded(const QStringList& ids) override;
    /// Whether predictive-coding layer `layer` (0 = input) shows as its value and error units.
    bool isPcLayerExpanded(int layer) const;
    /// The node ids of a rate-PC layer: collapsed, its value units, its error units.
    static QString pcLayerId(int layer);
    static QString pcValuesId(int layer);
    static QString pcErrorsId(int layer);

    /// Adds a ready-made input (e.g. recorded events to replay) as one undo step, renamed if its name is
    /// taken; returns the node's id.
    QString addInput(const core::InputSpec& input, const QPointF& position);
    /// Sets a numeric parameter of a node or projection (as one undo step); false with `reason` if refused.
    bool setParameter(const QString& id, const QString& name, double value, QString* reason);
    /// The parameter schema and current values of a node or projection, for the inspector.
    struct Field {
        QString name, unit, help;
        double minimum = 0, maximum = 0, defaultValue = 0, value = 0;
        bool integer = false;
    };
    QList<Field> fields(const QString& id) const;
    /// The running network's (target, parameter) for a change of `name` on node `id` that it takes at the
    /// next step; empty when the edit is structural (the run is rebuilt instead).
    QStringList liveParameter(const QString& id, const QString& name) const;
    /// Sets one key of the project's editor section (view state such as the slider panel's "sliders"): no
    /// undo step and no projectChanged, since the network is unchanged; the caller marks the session
    /// modified.
    void setEditorEntry(const QString& key, const nlohmann::json& value) {
        m_project.editor[key.toStdString()] = value;
    }

Q_SIGNALS:
    /// The project document changed (any edit, undo or redo).
    void projectChanged();

private:
    friend class ProjectSnapshotCommand;
    void edit(const QString& text, const std::function<void(core::Project&)>& change);
    void restore(const core::Project& project);
    QString kindOf(const QString& id) const;
    QString uniqueName(const QString& base) const;
    QPointF positionOf(const QString& id) const;

    // The rate predictive-coding hierarchy (network_editor_pc.cpp).
    bool isRatePc() const;
    int pcLayerCount() const;
    int pcLayerOf(const QString& id) const; ///< the layer a pc node belongs to, -1 for other nodes
    QStringList pcNodeIds() const;
    NodeInfo pcNode(const QString& id) const;
    QList<ConnectionInfo> pcConnections() const;
    QList<Field> pcFields(int layer) const;
    QString addPcLayer(const QPointF& position);
    /// Removes layers from `p`, renumbering the later layers' positions, expansion and group entries.
    static void removePcLayers(core::Project& p, const std::vector<int>& layers);
    static void setPcParameter(core::Project& p, int layer, const Field& field, double value);

    core::Project m_project;
    QUndoStack m_undo;
};

} // namespace pulselab::widgets
