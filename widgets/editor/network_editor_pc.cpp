// NetworkEditorModel over a rate predictive-coding experiment (kind "rate_pc", core/predictive/pc_run.h):
// one "pc-layer" node per entry of experiment.layers (layer 0 is the input, clamped to the data; the last is
// the top, under its prior). Adjacent layers are joined by two edges: bottom-up errors (error units of the
// lower layer drive the value units above) and top-down predictions (value units above predict the layer
// below). An expanded layer shows as its value units and its error units, joined by the value -> error edge.
// Its parameters are the experiment settings: the layer's size, and the settings every layer shares (the
// input layer also holds the generative task's). Groups live in the editor section as
// {"groups": [{"name": ..., "nodes": [...]}]} with collapsed-layer ids, so they survive expanding.
#include "widgets/editor/network_editor_model.h"

#include "core/predictive/pc_run.h"

#include <QRegularExpression>

#include <algorithm>
#include <set>

namespace pulselab::widgets {

namespace {

const QString kPcError = QStringLiteral("pc-error");
const QString kPcPrediction = QStringLiteral("pc-prediction");
const QString kPcValue = QStringLiteral("pc-value");

/// The experiment a new hierarchy starts from (the settings of the default three-layer example).
nlohmann::json defaultRatePcExperiment() {
    return {{"kind", "rate_pc"},
            {"layers", nlohmann::json::array()},
            {"activation", "identity"},
            {"inference_rate", 0.02},
            {"learning_rate", 0.02},
            {"steps_per_sample", 100},
            {"noise_sd", 0.5},
            {"switch_at_sample", -1},
            {"seed", 1},
            {"task_seed", 7},
            {"dt_ms", 1.0}};
}

double experimentNumber(const nlohmann::json& e, const char* key, double fallback) {
    const auto it = e.find(key);
    return it != e.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string canonicalPcId(const std::string& id) {
    static const QRegularExpression unit(QStringLiteral("^(layer \\d+) (values|errors)$"));
    const auto match = unit.match(QString::fromStdString(id));
    return match.hasMatch() ? match.captured(1).toStdString() : id;
}

} // namespace

QString NetworkEditorModel::pcLayerId(int layer) {
    return QStringLiteral("layer %1").arg(layer);
}
QString NetworkEditorModel::pcValuesId(int layer) {
    return QStringLiteral("layer %1 values").arg(layer);
}
QString NetworkEditorModel::pcErrorsId(int layer) {
    return QStringLiteral("layer %1 errors").arg(layer);
}

bool NetworkEditorModel::isRatePc() const {
    return m_project.experiment.is_object() && m_project.experiment.value("kind", "") == "rate_pc";
}

int NetworkEditorModel::pcLayerCount() const {
    if (!isRatePc())
        return 0;
    const auto it = m_project.experiment.find("layers");
    return it != m_project.experiment.end() && it->is_array() ? static_cast<int>(it->size()) : 0;
}

int NetworkEditorModel::pcLayerOf(const QString& id) const {
    static const QRegularExpression pattern(QStringLiteral("^layer (\\d+)( values| errors)?$"));
    const auto match = pattern.match(id);
    if (!match.hasMatch())
        return -1;
    const int layer = match.captured(1).toInt();
    if (layer >= pcLayerCount())
        return -1;
    const bool unit = !match.captured(2).isEmpty();
    return unit == isPcLayerExpanded(layer) ? layer : -1; // only the ids that are on the canvas now
}

bool NetworkEditorModel::isPcLayerExpanded(int layer) const {
    const auto it = m_project.editor.find("pc_expanded");
    if (it == m_project.editor.end() || !it->is_array())
        return false;
    return std::any_of(it->begin(), it->end(), [&](const nlohmann::json& v) {
        return v.is_number_integer() && v.get<int>() == layer;
    });
}

QStringList NetworkEditorModel::pcNodeIds() const {
    QStringList ids;
    for (int l = 0; l < pcLayerCount(); ++l) {
        if (isPcLayerExpanded(l))
            ids << pcValuesId(l) << pcErrorsId(l);
        else
            ids << pcLayerId(l);
    }
    return ids;
}

NodeInfo NetworkEditorModel::pcNode(const QString& id) const {
    const int layer = pcLayerOf(id);
    const int count = pcLayerCount();
    const auto& layers = m_project.experiment["layers"];
    const auto& size = layers[static_cast<std::size_t>(layer)];
    const QString units =
        size.is_number_integer() ? QString::number(size.get<long long>()) : QStringLiteral("?");
    const QString role = layer == 0           ? tr("input, clamped to the data")
                         : layer + 1 == count ? tr("top, under its prior")
                                              : tr("hidden");
    NodeInfo info;
    info.id = id;
    info.position = positionOf(id);
    if (id == pcLayerId(layer)) {
        info.kind = QStringLiteral("pc-layer");
        info.model = tr("PC layer");
        info.detail = tr("%1 units · %2").arg(units, role);
        info.inputs = {{tr("errors in"), kPcError}, {tr("prediction in"), kPcPrediction}};
        info.outputs = {{tr("errors up"), kPcError}, {tr("predict down"), kPcPrediction}};
    } else if (id == pcValuesId(layer)) {
        info.kind = QStringLiteral("pc-unit");
        info.model = tr("values φ");
        info.detail = tr("%1 · %2").arg(units, role);
        info.inputs = {{tr("errors in"), kPcError}};
        info.outputs = {{tr("value"), kPcValue}, {tr("predict down"), kPcPrediction}};
    } else {
        info.kind = QStringLiteral("pc-unit");
        info.model = tr("errors ε");
        info.detail = layer + 1 == count ? tr("%1 · against the prior").arg(units)
                                         : tr("%1 · against layer %2's prediction").arg(units).arg(layer + 1);
        info.inputs = {{tr("value"), kPcValue}, {tr("prediction in"), kPcPrediction}};
        info.outputs = {{tr("errors up"), kPcError}};
    }
    std::string error;
    if (!core::parsePcExperiment(m_project.experiment, error))
        info.problems << QString::fromStdString(error);
    return info;
}

QList<ConnectionInfo> NetworkEditorModel::pcConnections() const {
    QList<ConnectionInfo> list;
    const int count = pcLayerCount();
    for (int l = 0; l < count; ++l) {
        const bool open = isPcLayerExpanded(l);
        if (open)
            list << ConnectionInfo{QStringLiteral("pc:own:%1").arg(l),
                                   pcValuesId(l),
                                   0,
                                   pcErrorsId(l),
                                   0,
                                   tr("layer %1: its values into its error units").arg(l),
                                   {}};
        if (l + 1 >= count)
            continue;
        const bool above = isPcLayerExpanded(l + 1);
        list << ConnectionInfo{QStringLiteral("pc:up:%1").arg(l),
                               open ? pcErrorsId(l) : pcLayerId(l),
                               0,
                               above ? pcValuesId(l + 1) : pcLayerId(l + 1),
                               0,
                               tr("bottom-up errors, layer %1 → layer %2").arg(l).arg(l + 1),
                               {}};
        list << ConnectionInfo{
            QStringLiteral("pc:down:%1").arg(l),
            above ? pcValuesId(l + 1) : pcLayerId(l + 1),
            1,
            open ? pcErrorsId(l) : pcLayerId(l),
            1,
            tr("top-down predictions, layer %1 → layer %2 (weights learned locally)").arg(l + 1).arg(l),
            {}};
    }
    return list;
}

QList<NetworkEditorModel::Field> NetworkEditorModel::pcFields(int layer) const {
    // Bounds as parsePcExperiment and PcRun::setParameter enforce them (core/predictive/pc_run.cpp).
    const nlohmann::json& e = m_project.experiment;
    const auto& size = e["layers"][static_cast<std::size_t>(layer)];
    QList<Field> list;
    list << Field{QStringLiteral("size"),
                  tr("units"),
                  tr("value units (and as many error units) in this layer"),
                  1,
                  100000,
                  layer == 0 ? 12.0 : 2.0,
                  size.is_number() ? size.get<double>() : 0.0,
                  true};
    if (layer == 0) {
        list << Field{QStringLiteral("noise_sd"),
                      QString(),
                      tr("observation noise of the generative task; its square is every layer's initial "
                         "variance (inverse precision)"),
                      0,
                      99.9,
                      0.3,
                      experimentNumber(e, "noise_sd", 0.3),
                      false};
        list << Field{QStringLiteral("steps_per_sample"),
                      tr("steps"),
                      tr("inference steps on each sample before learning and the next sample"),
                      1,
                      1e6,
                      100,
                      experimentNumber(e, "steps_per_sample", 100),
                      true};
        list << Field{QStringLiteral("switch_at_sample"),
                      QString(),
                      tr("sample at which the task's weights change (-1: never)"),
                      -1,
                      1e9,
                      -1,
                      experimentNumber(e, "switch_at_sample", -1),
                      true};
        list << Field{
            QStringLiteral("task_seed"),         QString(), tr("seed of the generative task"), 0, 1e9, 7,
            experimentNumber(e, "task_seed", 7), true};
        list << Field{QStringLiteral("dt_ms"),
                      QStringLiteral("ms"),
                      tr("time of one inference step"),
                      0.001,
                      1000,
                      1,
                      experimentNumber(e, "dt_ms", 1),
                      false};
    }
    const QString shared = tr(" (shared by every layer)");
    list << Field{QStringLiteral("tanh"),
                  QString(),
                  tr("activation of the predictions: 0 identity, 1 tanh") + shared,
                  0,
                  1,
                  0,
                  e.value("activation", std::string("identity")) == "tanh" ? 1.0 : 0.0,
                  true};
    list << Field{QStringLiteral("inference_rate"),
                  QString(),
                  tr("step size of inference on the value units") + shared,
                  1e-6,
                  0.999999,
                  0.05,
                  experimentNumber(e, "inference_rate", 0.05),
                  false};
    list << Field{QStringLiteral("learning_rate"),
                  QString(),
                  tr("local (Hebbian) learning rate of the weights") + shared,
                  0,
                  0.999999,
                  0.005,
                  experimentNumber(e, "learning_rate", 0.005),
                  false};
    list << Field{QStringLiteral("variance_learning_rate"),
                  QString(),
                  tr("learning rate of the error variances (precision); 0 keeps them fixed") + shared,
                  0,
                  0.999999,
                  0,
                  experimentNumber(e, "variance_learning_rate", 0),
                  false};
    list << Field{QStringLiteral("initial_weight_scale"),
                  QString(),
                  tr("scale of the random initial weights") + shared,
                  0,
                  100,
                  0.3,
                  experimentNumber(e, "initial_weight_scale", 0.3),
                  false};
    list << Field{
        QStringLiteral("seed"),         QString(), tr("seed of the initial weights") + shared, 0, 1e9, 1,
        experimentNumber(e, "seed", 1), true};
    return list;
}

void NetworkEditorModel::setPcParameter(core::Project& p, int layer, const Field& field, double value) {
    auto& e = p.experiment;
    const std::string name = field.name.toStdString();
    if (name == "size")
        e["layers"][static_cast<std::size_t>(layer)] = static_cast<long long>(value);
    else if (name == "tanh")
        e["activation"] = value > 0.5 ? "tanh" : "identity";
    else if (field.integer)
        e[name] = static_cast<long long>(value);
    else
        e[name] = value;
}

QString NetworkEditorModel::addPcLayer(const QPointF& position) {
    const bool fresh = !isRatePc();
    if (fresh &&
        (!nodeIds().isEmpty() || (m_project.experiment.is_object() && m_project.experiment.contains("kind"))))
        return {}; // a spiking network or another experiment: a PC hierarchy does not mix with it
    const int layer = pcLayerCount();
    const QString id = pcLayerId(layer);
    edit(tr("Add %1").arg(id), [&](core::Project& p) {
        if (fresh)
            p.experiment = defaultRatePcExperiment();
        auto& layers = p.experiment["layers"];
        // A new top layer: half the units of the layer below (12 for the input).
        long long size = 12;
        if (!layers.empty() && layers.back().is_number_integer())
            size = std::max<long long>(1, layers.back().get<long long>() / 2);
        layers.push_back(size);
        p.editor["positions"][id.toStdString()] = {position.x(), position.y()};
    });
    return id;
}

void NetworkEditorModel::removePcLayers(core::Project& p, const std::vector<int>& removed) {
    auto& layers = p.experiment["layers"];
    const int count = static_cast<int>(layers.size());
    std::vector<int> newIndex(static_cast<std::size_t>(count), -1);
    nlohmann::json kept = nlohmann::json::array();
    for (int l = 0, next = 0; l < count; ++l)
        if (std::find(removed.begin(), removed.end(), l) == removed.end()) {
            newIndex[static_cast<std::size_t>(l)] = next++;
            kept.push_back(layers[static_cast<std::size_t>(l)]);
        }
    if (kept.empty()) {
        p.experiment = nlohmann::json::object(); // the last layer went: an empty project again
    } else {
        layers = kept;
    }
    // Renumber what the editor section keeps per layer id.
    auto renumber = [&](const std::string& id) -> std::string {
        for (int l = 0; l < count; ++l)
            for (const QString& form : {pcLayerId(l), pcValuesId(l), pcErrorsId(l)})
                if (form.toStdString() == id) {
                    const int to = newIndex[static_cast<std::size_t>(l)];
                    if (to < 0)
                        return {};
                    return QString(form)
                        .replace(QStringLiteral("layer %1").arg(l), QStringLiteral("layer %1").arg(to))
                        .toStdString();
                }
        return id;
    };
    if (p.editor.contains("positions") && p.editor["positions"].is_object()) {
        nlohmann::json positions = nlohmann::json::object();
        for (auto it = p.editor["positions"].begin(); it != p.editor["positions"].end(); ++it)
            if (const std::string to = renumber(it.key()); !to.empty())
                positions[to] = it.value();
        p.editor["positions"] = positions;
    }
    if (p.editor.contains("pc_expanded") && p.editor["pc_expanded"].is_array()) {
        nlohmann::json expanded = nlohmann::json::array();
        for (const auto& v : p.editor["pc_expanded"])
            if (v.is_number_integer() && v.get<int>() >= 0 && v.get<int>() < count &&
                newIndex[static_cast<std::size_t>(v.get<int>())] >= 0)
                expanded.push_back(newIndex[static_cast<std::size_t>(v.get<int>())]);
        p.editor["pc_expanded"] = expanded;
    }
    if (p.editor.contains("groups") && p.editor["groups"].is_array())
        for (auto& group : p.editor["groups"]) {
            if (!group.is_object() || !group.contains("nodes") || !group["nodes"].is_array())
                continue;
            nlohmann::json nodes = nlohmann::json::array();
            for (const auto& n : group["nodes"])
                if (n.is_string())
                    if (const std::string to = renumber(n.get<std::string>()); !to.empty())
                        nodes.push_back(to);
            group["nodes"] = nodes;
        }
}

void NetworkEditorModel::toggleExpanded(const QStringList& ids) {
    std::set<int> layers;
    for (const QString& id : ids)
        if (const int l = pcLayerOf(id); l >= 0)
            layers.insert(l);
    if (layers.empty())
        return;
    edit(tr("Expand or collapse"), [&](core::Project& p) {
        nlohmann::json& expanded = p.editor["pc_expanded"];
        if (!expanded.is_array())
            expanded = nlohmann::json::array();
        auto& positions = p.editor["positions"];
        for (const int l : layers) {
            if (isPcLayerExpanded(l)) {
                const QPointF at = positionOf(pcValuesId(l));
                expanded.erase(std::remove(expanded.begin(), expanded.end(), nlohmann::json(l)),
                               expanded.end());
                positions[pcLayerId(l).toStdString()] = {at.x(), at.y()};
                positions.erase(pcValuesId(l).toStdString());
                positions.erase(pcErrorsId(l).toStdString());
            } else {
                const QPointF at = positionOf(pcLayerId(l));
                expanded.push_back(l);
                positions[pcValuesId(l).toStdString()] = {at.x(), at.y()};
                positions[pcErrorsId(l).toStdString()] = {at.x(), at.y() + 120.0};
                positions.erase(pcLayerId(l).toStdString());
            }
        }
        std::vector<int> sorted;
        for (const auto& v : expanded)
            if (v.is_number_integer())
                sorted.push_back(v.get<int>());
        std::sort(sorted.begin(), sorted.end());
        expanded = sorted;
    });
}

QList<GroupInfo> NetworkEditorModel::groups() const {
    QList<GroupInfo> list;
    const auto it = m_project.editor.find("groups");
    if (it == m_project.editor.end() || !it->is_array())
        return list;
    const QStringList present = nodeIds();
    for (const auto& group : *it) {
        if (!group.is_object() || !group.contains("name") || !group["name"].is_string())
            continue;
        GroupInfo info{QString::fromStdString(group["name"].get<std::string>()), {}};
        if (group.contains("nodes") && group["nodes"].is_array())
            for (const auto& n : group["nodes"]) {
                if (!n.is_string())
                    continue;
                const QString id = QString::fromStdString(n.get<std::string>());
                // A grouped layer shows as its two units while expanded.
                for (const QString& shown :
                     QStringList{id, id + QStringLiteral(" values"), id + QStringLiteral(" errors")})
                    if (present.contains(shown) && !info.nodes.contains(shown))
                        info.nodes << shown;
            }
        list << info;
    }
    return list;
}

QString NetworkEditorModel::groupNodes(const QStringList& ids) {
    std::vector<std::string> members;
    for (const QString& id : ids) {
        const std::string canonical = pcLayerOf(id) >= 0 ? canonicalPcId(id.toStdString()) : id.toStdString();
        if (nodeIds().contains(id) && std::find(members.begin(), members.end(), canonical) == members.end())
            members.push_back(canonical);
    }
    if (members.empty())
        return {};
    QStringList taken;
    for (const GroupInfo& g : groups())
        taken << g.name;
    QString name;
    for (int i = 1; name.isEmpty() || taken.contains(name); ++i)
        name = tr("group %1").arg(i);
    edit(tr("Group as %1").arg(name), [&](core::Project& p) {
        nlohmann::json& all = p.editor["groups"];
        if (!all.is_array())
            all = nlohmann::json::array();
        // A node is in at most one group: it leaves its old one.
        for (auto& group : all)
            if (group.is_object() && group.contains("nodes") && group["nodes"].is_array()) {
                auto& nodes = group["nodes"];
                nodes.erase(std::remove_if(nodes.begin(), nodes.end(),
                                           [&](const nlohmann::json& n) {
                                               return n.is_string() &&
                                                      std::find(members.begin(), members.end(),
                                                                n.get<std::string>()) != members.end();
                                           }),
                            nodes.end());
            }
        all.push_back({{"name", name.toStdString()}, {"nodes", members}});
    });
    return name;
}

void NetworkEditorModel::ungroup(const QStringList& names) {
    if (names.isEmpty())
        return;
    edit(tr("Ungroup %1").arg(names.join(QStringLiteral(", "))), [&](core::Project& p) {
        nlohmann::json& all = p.editor["groups"];
        if (!all.is_array())
            return;
        all.erase(std::remove_if(all.begin(), all.end(),
                                 [&](const nlohmann::json& g) {
                                     return g.is_object() && g.contains("name") && g["name"].is_string() &&
                                            names.contains(
                                                QString::fromStdString(g["name"].get<std::string>()));
                                 }),
                  all.end());
    });
}

QStringList NetworkEditorModel::liveParameter(const QString& id, const QString& name) const {
    if (pcLayerOf(id) >= 0) {
        // What PcRun::setParameter takes at the next step; everything else rebuilds the run.
        if (name == QLatin1String("inference_rate") || name == QLatin1String("learning_rate"))
            return {QStringLiteral("pc"), name};
        if (name == QLatin1String("noise_sd"))
            return {QStringLiteral("task"), name};
        return {};
    }
    const bool structural = name == QLatin1String("size") || name == QLatin1String("weight") ||
                            name == QLatin1String("probability") || name == QLatin1String("delay_steps");
    if (structural)
        return {};
    return {id, name};
}

} // namespace pulselab::widgets
