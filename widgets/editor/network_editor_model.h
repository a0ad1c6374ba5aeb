#pragma once
// The node editor's model over a PulseLab project: populations, inputs, currents and probes are nodes;
// projections (and current and probe attachments) are connections. Every edit is one undo step that
// restores the whole project document (a snapshot), so undo is exact for every kind of edit.
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
    void removeNodes(const QStringList& ids) override;
    bool renameNode(const QString& id, const QString& newId, QString* reason) override;
    void moveNodes(const QHash<QString, QPointF>& positions, bool final) override;
    QByteArray copyNodes(const QStringList& ids) const override;
    QStringList pasteNodes(const QByteArray& data, const QPointF& offset) override;
    QUndoStack* undoStack() override { return &m_undo; }

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

    core::Project m_project;
    QUndoStack m_undo;
};

} // namespace pulselab::widgets
