#pragma once
// An in-memory EditorGraphModel for editor tests: nodes with typed ports, snapshot undo. "spikes" outputs
// connect to "spikes" inputs only; a node may not connect to itself; names are unique.
#include "widgets/editor/editor_graph_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUndoStack>

#include <map>

namespace pulselab::tests {

class SimpleGraphModel : public widgets::EditorGraphModel {
public:
    struct State {
        std::map<QString, widgets::NodeInfo> nodes;
        std::map<QString, widgets::ConnectionInfo> edges;
        int nextEdge = 0;
    };

    SimpleGraphModel() {
        m_types = {"population/lif", "population/bayesian", "input/poisson", "input/current",
                   "probe/voltage"};
    }

    QStringList nodeIds() const override {
        QStringList ids;
        for (const auto& [id, n] : m_state.nodes)
            ids << id;
        return ids;
    }
    widgets::NodeInfo node(const QString& id) const override {
        auto it = m_state.nodes.find(id);
        if (it == m_state.nodes.end())
            return {};
        widgets::NodeInfo info = it->second;
        // A population without any input is a validation problem, as a model would report.
        if (info.kind == QLatin1String("population")) {
            bool fed = false;
            for (const auto& [eid, e] : m_state.edges)
                fed = fed || e.toNode == id;
            if (!fed)
                info.problems << QStringLiteral("%1: no input reaches this population").arg(id);
        }
        return info;
    }
    QList<widgets::ConnectionInfo> connections() const override {
        QList<widgets::ConnectionInfo> list;
        for (const auto& [id, e] : m_state.edges)
            list << e;
        return list;
    }
    bool canConnect(const QString& from, int fromPort, const QString& to, int toPort,
                    QString* reason) const override {
        auto a = m_state.nodes.find(from);
        auto b = m_state.nodes.find(to);
        auto fail = [&](const QString& why) {
            if (reason)
                *reason = why;
            return false;
        };
        if (a == m_state.nodes.end() || b == m_state.nodes.end())
            return fail(QStringLiteral("no such node"));
        if (from == to)
            return fail(QStringLiteral("%1 cannot project onto itself here").arg(from));
        if (fromPort >= a->second.outputs.size() || toPort >= b->second.inputs.size())
            return fail(QStringLiteral("no such port"));
        if (a->second.outputs[fromPort].type != b->second.inputs[toPort].type)
            return fail(QStringLiteral("%1 carries %2 but %3.%4 takes %5")
                            .arg(from, a->second.outputs[fromPort].type, to, b->second.inputs[toPort].name,
                                 b->second.inputs[toPort].type));
        return true;
    }
    QString connect(const QString& from, int fromPort, const QString& to, int toPort) override {
        if (!canConnect(from, fromPort, to, toPort, nullptr))
            return {};
        const QString id = QStringLiteral("e%1").arg(m_state.nextEdge);
        edit(QStringLiteral("Connect"), [&](State& s) {
            s.edges[id] = widgets::ConnectionInfo{id, from, fromPort, to, toPort, from + " -> " + to, {}};
            ++s.nextEdge;
        });
        return id;
    }
    void removeConnection(const QString& id) override {
        edit(QStringLiteral("Disconnect"), [&](State& s) { s.edges.erase(id); });
    }
    QStringList creatableTypes() const override { return m_types; }
    QString createNode(const QString& type, const QPointF& position) override {
        const QString kind = type.section('/', 0, 0);
        const QString model = type.section('/', 1);
        QString id = model;
        for (int i = 2; m_state.nodes.count(id); ++i)
            id = model + QString::number(i);
        widgets::NodeInfo info{id, kind, model, {}, {}, {}, position, {}};
        if (kind != QLatin1String("input"))
            info.inputs = {{"in", "spikes"}};
        if (kind == QLatin1String("input") && model == QLatin1String("current"))
            info.outputs = {{"I", "current"}};
        else if (kind != QLatin1String("probe"))
            info.outputs = {{"out", "spikes"}};
        edit(QStringLiteral("Add %1").arg(id), [&](State& s) { s.nodes[id] = info; });
        return id;
    }
    void removeNodes(const QStringList& ids) override {
        edit(QStringLiteral("Delete"), [&](State& s) {
            for (const QString& id : ids) {
                s.nodes.erase(id);
                std::erase_if(
                    s.edges, [&](const auto& e) { return e.second.fromNode == id || e.second.toNode == id; });
            }
        });
    }
    bool renameNode(const QString& id, const QString& newId, QString* reason) override {
        if (m_state.nodes.count(newId)) {
            if (reason)
                *reason = QStringLiteral("'%1' is taken").arg(newId);
            return false;
        }
        edit(QStringLiteral("Rename"), [&](State& s) {
            auto n = s.nodes.extract(id);
            n.key() = newId;
            n.mapped().id = newId;
            s.nodes.insert(std::move(n));
            for (auto& [eid, e] : s.edges) {
                e.fromNode = e.fromNode == id ? newId : e.fromNode;
                e.toNode = e.toNode == id ? newId : e.toNode;
            }
        });
        return true;
    }
    void moveNodes(const QHash<QString, QPointF>& positions, bool final) override {
        if (!final)
            return;
        edit(QStringLiteral("Move"), [&](State& s) {
            for (auto it = positions.begin(); it != positions.end(); ++it)
                if (s.nodes.count(it.key()))
                    s.nodes[it.key()].position = it.value();
        });
    }
    QByteArray copyNodes(const QStringList& ids) const override {
        QJsonArray nodes, edges;
        for (const QString& id : ids) {
            const auto& n = m_state.nodes.at(id);
            nodes.append(QJsonObject{
                {"id", id}, {"type", n.kind + "/" + n.model}, {"x", n.position.x()}, {"y", n.position.y()}});
        }
        for (const auto& [eid, e] : m_state.edges)
            if (ids.contains(e.fromNode) && ids.contains(e.toNode))
                edges.append(QJsonObject{
                    {"from", e.fromNode}, {"fp", e.fromPort}, {"to", e.toNode}, {"tp", e.toPort}});
        return QJsonDocument(QJsonObject{{"nodes", nodes}, {"edges", edges}}).toJson();
    }
    QStringList pasteNodes(const QByteArray& data, const QPointF& at) override {
        const QJsonObject root = QJsonDocument::fromJson(data).object();
        QStringList created;
        QHash<QString, QString> rename;
        double minX = 1e18, minY = 1e18;
        for (const auto& v : root["nodes"].toArray()) {
            minX = std::min(minX, v.toObject()["x"].toDouble());
            minY = std::min(minY, v.toObject()["y"].toDouble());
        }
        m_undo.beginMacro(QStringLiteral("Paste"));
        for (const auto& v : root["nodes"].toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = createNode(o["type"].toString(),
                                          at + QPointF(o["x"].toDouble() - minX, o["y"].toDouble() - minY));
            rename.insert(o["id"].toString(), id);
            created << id;
        }
        for (const auto& v : root["edges"].toArray()) {
            const QJsonObject o = v.toObject();
            connect(rename[o["from"].toString()], o["fp"].toInt(), rename[o["to"].toString()],
                    o["tp"].toInt());
        }
        m_undo.endMacro();
        return created;
    }
    QUndoStack* undoStack() override { return &m_undo; }

    const State& state() const { return m_state; }

private:
    class SnapshotCommand : public QUndoCommand {
    public:
        SnapshotCommand(SimpleGraphModel* model, const QString& text, State before, State after)
            : QUndoCommand(text), m_model(model), m_before(std::move(before)), m_after(std::move(after)) {}
        void undo() override { m_model->restore(m_before); }
        void redo() override { m_model->restore(m_after); }

    private:
        SimpleGraphModel* m_model;
        State m_before, m_after;
    };

    template <typename F> void edit(const QString& text, F&& change) {
        State after = m_state;
        change(after);
        m_undo.push(new SnapshotCommand(this, text, m_state, std::move(after)));
    }
    void restore(const State& state) {
        m_state = state;
        Q_EMIT modelReset();
    }

    State m_state;
    QStringList m_types;
    QUndoStack m_undo;
};

} // namespace pulselab::tests
