#include "widgets/editor/network_editor_model.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/dataset_input.h"
#include "core/sim/input_generators.h"

#include <QRegularExpression>
#include <QUndoCommand>

#include <algorithm>
#include <set>

namespace pulselab::widgets {

namespace {

const QString kSpikes = QStringLiteral("spikes");
const QString kCurrent = QStringLiteral("current");

QString q(const std::string& s) {
    return QString::fromStdString(s);
}
std::string s(const QString& q) {
    return q.toStdString();
}

template <typename T> T* findNamed(std::vector<T>& items, const std::string& name) {
    for (T& item : items)
        if (item.name == name)
            return &item;
    return nullptr;
}

} // namespace

class ProjectSnapshotCommand : public QUndoCommand {
public:
    ProjectSnapshotCommand(NetworkEditorModel* model, const QString& text, core::Project before,
                           core::Project after)
        : QUndoCommand(text), m_model(model), m_before(std::move(before)), m_after(std::move(after)) {}
    void undo() override { m_model->restore(m_before); }
    void redo() override { m_model->restore(m_after); }

private:
    NetworkEditorModel* m_model;
    core::Project m_before, m_after;
};

NetworkEditorModel::NetworkEditorModel(QObject* parent) : EditorGraphModel(parent) {}

void NetworkEditorModel::setProject(const core::Project& project) {
    m_undo.clear();
    restore(project);
}

void NetworkEditorModel::restore(const core::Project& project) {
    m_project = project;
    Q_EMIT modelReset();
    Q_EMIT projectChanged();
}

void NetworkEditorModel::edit(const QString& text, const std::function<void(core::Project&)>& change) {
    core::Project after = m_project;
    change(after);
    m_undo.push(new ProjectSnapshotCommand(this, text, m_project, std::move(after)));
}

QString NetworkEditorModel::kindOf(const QString& id) const {
    if (const int layer = pcLayerOf(id); layer >= 0)
        return id == pcLayerId(layer) ? QStringLiteral("pc-layer") : QStringLiteral("pc-unit");
    const auto& net = m_project.network;
    const std::string name = s(id);
    if (net.population(name))
        return QStringLiteral("population");
    if (net.input(name))
        return QStringLiteral("input");
    for (const auto& c : net.currents)
        if (c.name == name)
            return QStringLiteral("current");
    for (const auto& p : net.probes)
        if (p.name == name)
            return QStringLiteral("probe");
    return {};
}

QStringList NetworkEditorModel::nodeIds() const {
    QStringList ids = pcNodeIds();
    const auto& net = m_project.network;
    for (const auto& p : net.populations)
        ids << q(p.name);
    for (const auto& i : net.inputs)
        ids << q(i.name);
    for (const auto& c : net.currents)
        ids << q(c.name);
    for (const auto& p : net.probes)
        ids << q(p.name);
    return ids;
}

QPointF NetworkEditorModel::positionOf(const QString& id) const {
    const auto& positions = m_project.editor.value("positions", nlohmann::json::object());
    const auto it = positions.find(s(id));
    if (it != positions.end() && it->is_array() && it->size() == 2 && (*it)[0].is_number() &&
        (*it)[1].is_number())
        return {(*it)[0].get<double>(), (*it)[1].get<double>()};
    // Unplaced nodes: a column per kind so that a new project is readable before auto-layout; a PC
    // hierarchy left to right, input first.
    if (const int layer = pcLayerOf(id); layer >= 0)
        return {280.0 * layer, id == pcErrorsId(layer) ? 120.0 : 0.0};
    const QStringList ids = nodeIds();
    const int index = static_cast<int>(ids.indexOf(id));
    const QString kind = kindOf(id);
    const double x = kind == QLatin1String("input") || kind == QLatin1String("current") ? 0
                     : kind == QLatin1String("probe")                                   ? 600
                                                                                        : 300;
    return {x, 130.0 * index};
}

NodeInfo NetworkEditorModel::node(const QString& id) const {
    if (pcLayerOf(id) >= 0)
        return pcNode(id);
    NodeInfo info;
    info.id = id;
    info.kind = kindOf(id);
    info.position = positionOf(id);
    const auto& net = m_project.network;
    const std::string name = s(id);
    if (const auto* p = net.population(name)) {
        info.kind = QStringLiteral("population");
        info.model = q(p->model);
        info.detail = QStringLiteral("%1 neurons").arg(p->size);
        info.inputs = {{QStringLiteral("in"), kSpikes}, {QStringLiteral("I"), kCurrent}};
        info.outputs = {{QStringLiteral("out"), kSpikes}};
    } else if (const auto* in = net.input(name)) {
        info.model = q(in->kind);
        info.detail = QStringLiteral("%1 generators").arg(in->size);
        info.outputs = {{QStringLiteral("out"), kSpikes}};
    } else if (info.kind == QLatin1String("current")) {
        for (const auto& c : net.currents)
            if (c.name == name)
                info.model = q(c.kind) + QStringLiteral(" current");
        info.outputs = {{QStringLiteral("I"), kCurrent}};
    } else if (info.kind == QLatin1String("probe")) {
        for (const auto& probe : net.probes)
            if (probe.name == name)
                info.model = q(probe.kind) +
                             (probe.variable.empty() ? QString() : QStringLiteral(" ") + q(probe.variable));
        info.inputs = {{QStringLiteral("watch"), kSpikes}};
    }
    for (const core::Problem& problem : core::validate(net))
        if (problem.node == name)
            info.problems << q(problem.message());
    if (info.kind == QLatin1String("population")) {
        bool fed = false;
        for (const auto& pr : net.projections)
            fed = fed || pr.target == name;
        for (const auto& c : net.currents)
            fed = fed || c.target == name;
        const auto* p = net.population(name);
        const double rest = p->parameters.count("v_rest_mv") ? p->parameters.at("v_rest_mv") : -49.0;
        if (!fed && p->model == "lif_cuba" && rest <= -50.0)
            info.problems << QStringLiteral(
                                 "%1: nothing drives this population (no projection or current into it)")
                                 .arg(id);
    }
    return info;
}

QList<ConnectionInfo> NetworkEditorModel::connections() const {
    QList<ConnectionInfo> list = pcConnections();
    const auto& net = m_project.network;
    const auto problems = core::validate(net);
    for (const auto& pr : net.projections) {
        ConnectionInfo c{q(pr.name),
                         q(pr.source),
                         0,
                         q(pr.target),
                         0,
                         QStringLiteral("%1: %2, weight %3, %4")
                             .arg(q(pr.name), q(pr.connectivity))
                             .arg(pr.weight.a)
                             .arg(q(pr.receptor)),
                         {}};
        for (const auto& problem : problems)
            if (problem.node == pr.name)
                c.problems << q(problem.message());
        list << c;
    }
    for (const auto& cur : net.currents)
        list << ConnectionInfo{
            QStringLiteral("current:") + q(cur.name), q(cur.name), 0, q(cur.target), 1, q(cur.name), {}};
    for (const auto& probe : net.probes)
        list << ConnectionInfo{QStringLiteral("probe:") + q(probe.name),
                               q(probe.target),
                               0,
                               q(probe.name),
                               0,
                               q(probe.name),
                               {}};
    return list;
}

bool NetworkEditorModel::canConnect(const QString& from, int fromPort, const QString& to, int toPort,
                                    QString* reason) const {
    auto refuse = [&](const QString& why) {
        if (reason)
            *reason = why;
        return false;
    };
    const NodeInfo a = node(from), b = node(to);
    if (a.kind.isEmpty() || b.kind.isEmpty())
        return refuse(tr("no such node"));
    if (a.kind.startsWith(QLatin1String("pc-")) || b.kind.startsWith(QLatin1String("pc-")))
        return refuse(tr("predictive-coding layers are linked by their order in the hierarchy (predictions "
                         "down, errors up); add or delete layers to change it"));
    if (fromPort >= a.outputs.size() || toPort >= b.inputs.size())
        return refuse(tr("no such port"));
    const QString out = a.outputs[fromPort].type, in = b.inputs[toPort].type;
    if (out != in)
        return refuse(tr("%1 sends %2 but %3.%4 takes %5").arg(from, out, to, b.inputs[toPort].name, in));
    if (b.kind == QLatin1String("probe") && a.kind != QLatin1String("population") &&
        a.kind != QLatin1String("input"))
        return refuse(tr("a probe watches a population or an input"));
    if (a.kind == QLatin1String("current")) {
        for (const auto& c : m_project.network.currents)
            if (c.name == s(from) && !c.target.empty() && m_project.network.population(c.target))
                return refuse(tr("%1 already drives %2").arg(from, q(c.target)));
    }
    return true;
}

QString NetworkEditorModel::uniqueName(const QString& base) const {
    const QStringList taken = nodeIds();
    QStringList projections;
    for (const auto& p : m_project.network.projections)
        projections << q(p.name);
    QString name = base;
    for (int i = 2; taken.contains(name) || projections.contains(name); ++i)
        name = base + QString::number(i);
    return name;
}

QString NetworkEditorModel::connect(const QString& from, int fromPort, const QString& to, int toPort) {
    if (!canConnect(from, fromPort, to, toPort, nullptr))
        return {};
    const QString fromKind = kindOf(from), toKind = kindOf(to);
    if (fromKind == QLatin1String("current")) {
        edit(tr("Connect %1 to %2").arg(from, to), [&](core::Project& p) {
            for (auto& c : p.network.currents)
                if (c.name == s(from))
                    c.target = s(to);
        });
        return QStringLiteral("current:") + from;
    }
    if (toKind == QLatin1String("probe")) {
        edit(tr("Probe %1").arg(from), [&](core::Project& p) {
            for (auto& probe : p.network.probes)
                if (probe.name == s(to))
                    probe.target = s(from);
        });
        return QStringLiteral("probe:") + to;
    }
    const QString name = uniqueName(from + QStringLiteral("_to_") + to);
    edit(tr("Connect %1 to %2").arg(from, to), [&](core::Project& p) {
        core::ProjectionSpec projection;
        projection.name = s(name);
        projection.source = s(from);
        projection.target = s(to);
        projection.connectivity = "fixed_probability";
        projection.probability = 0.1;
        p.network.projections.push_back(projection);
    });
    return name;
}

void NetworkEditorModel::removeConnection(const QString& id) {
    if (id.startsWith(QStringLiteral("pc:")))
        return; // the links of a PC hierarchy follow its layers
    edit(tr("Remove connection"), [&](core::Project& p) {
        auto& net = p.network;
        if (id.startsWith(QStringLiteral("current:"))) {
            for (auto& c : net.currents)
                if (q(c.name) == id.mid(8))
                    c.target.clear();
        } else if (id.startsWith(QStringLiteral("probe:"))) {
            for (auto& probe : net.probes)
                if (q(probe.name) == id.mid(6))
                    probe.target.clear();
        } else {
            std::erase_if(net.projections, [&](const auto& pr) { return pr.name == s(id); });
        }
    });
}

QStringList NetworkEditorModel::creatableTypes() const {
    QStringList types;
    for (const auto& model : core::neuronModels())
        types << QStringLiteral("population/") + q(model.name);
    types << QStringLiteral("input/poisson") << QStringLiteral("input/spike_times")
          << QStringLiteral("input/hmm_poisson") << QStringLiteral("input/bars")
          << QStringLiteral("input/mnist");
    types << QStringLiteral("current/step") << QStringLiteral("current/ramp");
    types << QStringLiteral("probe/spikes") << QStringLiteral("probe/rate")
          << QStringLiteral("probe/variable");
    types << QStringLiteral("pc-layer/rate_pc");
    return types;
}

QString NetworkEditorModel::whyCannotCreate(const QString& type) const {
    const QString kind = type.section(QLatin1Char('/'), 0, 0);
    const bool otherExperiment =
        !isRatePc() && m_project.experiment.is_object() && m_project.experiment.contains("kind");
    if (kind == QLatin1String("pc-layer") && !isRatePc() && (!nodeIds().isEmpty() || otherExperiment))
        return tr("A predictive-coding layer cannot join this project: it holds %1. Start a new project "
                  "(File > New) to build a rate predictive-coding hierarchy.")
            .arg(otherExperiment ? tr("the experiment \"%1\"")
                                       .arg(QString::fromStdString(m_project.experiment.value("kind", "")))
                                 : tr("a spiking network"));
    if (kind != QLatin1String("pc-layer") && isRatePc())
        return tr("A %1 node cannot join a rate predictive-coding hierarchy, whose layers are not spiking "
                  "populations. Start a new project (File > New) for a spiking network.")
            .arg(type.section(QLatin1Char('/'), 1));
    if (kind != QLatin1String("pc-layer") && !isRatePc() && otherExperiment)
        return tr("This project runs the experiment \"%1\", defined by its settings; nodes cannot be added "
                  "to it. Start a new project (File > New) for a network of your own.")
            .arg(QString::fromStdString(m_project.experiment.value("kind", "")));
    return {};
}

QString NetworkEditorModel::createNode(const QString& type, const QPointF& position) {
    if (!whyCannotCreate(type).isEmpty())
        return {};
    const QString kind = type.section(QLatin1Char('/'), 0, 0), model = type.section(QLatin1Char('/'), 1);
    if (kind == QLatin1String("pc-layer"))
        return addPcLayer(position);
    const QString name = uniqueName(kind == QLatin1String("population") ? QStringLiteral("pop") : model);
    edit(tr("Add %1").arg(name), [&](core::Project& p) {
        auto& net = p.network;
        if (kind == QLatin1String("population"))
            net.populations.push_back({s(name), s(model), 100, {}});
        else if (kind == QLatin1String("input")) {
            // Dataset inputs start at their dataset's size: an 8 x 8 bars image, a 28 x 28 digit.
            const std::uint32_t size = model == QLatin1String("bars")    ? 64
                                       : model == QLatin1String("mnist") ? 784
                                                                         : 10;
            core::InputSpec in{s(name), s(model), size, {}, {}};
            if (model == QLatin1String("spike_times"))
                in.spikeTimesMs.assign(10, {});
            net.inputs.push_back(in);
        } else if (kind == QLatin1String("current"))
            net.currents.push_back({s(name), s(model), "", {}});
        else if (kind == QLatin1String("probe"))
            net.probes.push_back({s(name), s(model), "", model == QLatin1String("variable") ? "v" : "", {0}});
        p.editor["positions"][s(name)] = {position.x(), position.y()};
    });
    return name;
}

QString NetworkEditorModel::addInput(const core::InputSpec& input, const QPointF& position) {
    const QString name = uniqueName(q(input.name));
    edit(tr("Add %1").arg(name), [&](core::Project& p) {
        core::InputSpec copy = input;
        copy.name = s(name);
        p.network.inputs.push_back(std::move(copy));
        p.editor["positions"][s(name)] = {position.x(), position.y()};
    });
    return name;
}

void NetworkEditorModel::removeNodes(const QStringList& ids) {
    std::vector<int> layers;
    for (const QString& id : ids)
        if (const int layer = pcLayerOf(id); layer >= 0)
            layers.push_back(layer);
    edit(tr("Delete %1").arg(ids.join(QStringLiteral(", "))), [&](core::Project& p) {
        if (!layers.empty())
            removePcLayers(p, layers);
        auto& net = p.network;
        for (const QString& id : ids) {
            if (pcLayerOf(id) >= 0)
                continue; // removed above, with its editor entries renumbered
            const std::string name = s(id);
            std::erase_if(net.populations, [&](const auto& x) { return x.name == name; });
            std::erase_if(net.inputs, [&](const auto& x) { return x.name == name; });
            std::erase_if(net.currents, [&](const auto& x) { return x.name == name; });
            std::erase_if(net.probes, [&](const auto& x) { return x.name == name; });
            std::erase_if(net.projections,
                          [&](const auto& x) { return x.source == name || x.target == name; });
            for (auto& c : net.currents)
                if (c.target == name)
                    c.target.clear();
            for (auto& probe : net.probes)
                if (probe.target == name)
                    probe.target.clear();
            if (p.editor.contains("positions"))
                p.editor["positions"].erase(name);
            if (p.editor.contains("groups") && p.editor["groups"].is_array())
                for (auto& group : p.editor["groups"])
                    if (group.is_object() && group.contains("nodes") && group["nodes"].is_array())
                        group["nodes"].erase(
                            std::remove(group["nodes"].begin(), group["nodes"].end(), nlohmann::json(name)),
                            group["nodes"].end());
        }
    });
}

bool NetworkEditorModel::renameNode(const QString& id, const QString& newId, QString* reason) {
    if (pcLayerOf(id) >= 0 || pcLayerOf(newId) >= 0 ||
        QRegularExpression(QStringLiteral("^layer \\d+( values| errors)?$")).match(newId).hasMatch()) {
        if (reason)
            *reason = pcLayerOf(id) >= 0
                          ? tr("predictive-coding layers are named by their place in the hierarchy")
                          : tr("'%1' is kept for predictive-coding layers").arg(newId);
        return false;
    }
    if (newId.trimmed().isEmpty() || nodeIds().contains(newId)) {
        if (reason)
            *reason = newId.trimmed().isEmpty() ? tr("a name cannot be empty")
                                                : tr("'%1' is already used").arg(newId);
        return false;
    }
    edit(tr("Rename %1 to %2").arg(id, newId), [&](core::Project& p) {
        auto& net = p.network;
        const std::string from = s(id), to = s(newId);
        auto rename = [&](std::string& field) {
            if (field == from)
                field = to;
        };
        for (auto& x : net.populations)
            rename(x.name);
        for (auto& x : net.inputs)
            rename(x.name);
        for (auto& x : net.currents) {
            rename(x.name);
            rename(x.target);
        }
        for (auto& x : net.probes) {
            rename(x.name);
            rename(x.target);
        }
        for (auto& x : net.projections) {
            rename(x.source);
            rename(x.target);
        }
        if (p.editor.contains("groups") && p.editor["groups"].is_array())
            for (auto& group : p.editor["groups"])
                if (group.is_object() && group.contains("nodes") && group["nodes"].is_array())
                    for (auto& n : group["nodes"])
                        if (n == from)
                            n = to;
        if (p.editor.contains("positions") && p.editor["positions"].contains(from)) {
            p.editor["positions"][to] = p.editor["positions"][from];
            p.editor["positions"].erase(from);
        }
    });
    return true;
}

void NetworkEditorModel::moveNodes(const QHash<QString, QPointF>& positions, bool final) {
    if (!final || positions.isEmpty())
        return;
    edit(tr("Move"), [&](core::Project& p) {
        for (auto it = positions.begin(); it != positions.end(); ++it)
            p.editor["positions"][s(it.key())] = {it.value().x(), it.value().y()};
    });
}

QByteArray NetworkEditorModel::copyNodes(const QStringList& ids) const {
    // The selection as a small project: its nodes and the projections among them.
    core::Project part;
    const auto& net = m_project.network;
    std::set<std::string> names;
    for (const QString& id : ids)
        names.insert(s(id));
    for (const auto& x : net.populations)
        if (names.count(x.name))
            part.network.populations.push_back(x);
    for (const auto& x : net.inputs)
        if (names.count(x.name))
            part.network.inputs.push_back(x);
    for (const auto& x : net.currents)
        if (names.count(x.name))
            part.network.currents.push_back(x);
    for (const auto& x : net.probes)
        if (names.count(x.name))
            part.network.probes.push_back(x);
    for (const auto& x : net.projections)
        if (names.count(x.source) && names.count(x.target))
            part.network.projections.push_back(x);
    for (const QString& id : ids) {
        const QPointF pos = positionOf(id);
        part.editor["positions"][s(id)] = {pos.x(), pos.y()};
    }
    return QByteArray::fromStdString(core::projectToJson(part));
}

QStringList NetworkEditorModel::pasteNodes(const QByteArray& data, const QPointF& at) {
    const core::ProjectLoad load = core::parseProject(data.toStdString(), "clipboard");
    if (!load.project)
        return {};
    core::Project part = *load.project;
    // New names for every pasted node and projection; positions shifted so the group's top-left lands at
    // `at`.
    std::map<std::string, std::string> renamed;
    QStringList created;
    double minX = 1e300, minY = 1e300;
    const nlohmann::json positions =
        part.editor.contains("positions") ? part.editor["positions"] : nlohmann::json::object();
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        minX = std::min(minX, (*it)[0].get<double>());
        minY = std::min(minY, (*it)[1].get<double>());
    }
    QStringList reserved = nodeIds();
    auto fresh = [&](const std::string& old) {
        QString name = q(old);
        for (int i = 2; reserved.contains(name); ++i)
            name = q(old) + QString::number(i);
        reserved << name;
        renamed[old] = s(name);
        created << name;
        return s(name);
    };
    auto& net = part.network;
    for (auto& x : net.populations)
        x.name = fresh(x.name);
    for (auto& x : net.inputs)
        x.name = fresh(x.name);
    for (auto& x : net.currents) {
        x.name = fresh(x.name);
        x.target = renamed.count(x.target) ? renamed[x.target] : "";
    }
    for (auto& x : net.probes) {
        x.name = fresh(x.name);
        x.target = renamed.count(x.target) ? renamed[x.target] : "";
    }
    if (created.isEmpty())
        return {}; // nothing that pastes (PC layers follow the hierarchy, they are not copied)
    edit(tr("Paste"), [&](core::Project& p) {
        for (auto& x : net.projections) {
            x.source = renamed[x.source];
            x.target = renamed[x.target];
            QString name = q(x.name);
            for (int i = 2; std::any_of(p.network.projections.begin(), p.network.projections.end(),
                                        [&](const auto& y) { return y.name == s(name); });
                 ++i)
                name = q(x.name) + QString::number(i);
            x.name = s(name);
            p.network.projections.push_back(x);
        }
        p.network.populations.insert(p.network.populations.end(), net.populations.begin(),
                                     net.populations.end());
        p.network.inputs.insert(p.network.inputs.end(), net.inputs.begin(), net.inputs.end());
        p.network.currents.insert(p.network.currents.end(), net.currents.begin(), net.currents.end());
        p.network.probes.insert(p.network.probes.end(), net.probes.begin(), net.probes.end());
        for (const auto& [old, name] : renamed) {
            const auto pos = part.editor["positions"][old];
            p.editor["positions"][name] = {pos[0].get<double>() - minX + at.x(),
                                           pos[1].get<double>() - minY + at.y()};
        }
    });
    return created;
}

} // namespace pulselab::widgets
