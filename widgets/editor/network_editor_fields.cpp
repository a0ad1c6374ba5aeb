// NetworkEditorModel as the inspector sees it: a node's editable fields (name, unit, range, value, from the
// neuron model's or input generator's schema) and the checked edit of one of them, as an undoable step.
#include "widgets/editor/network_editor_model.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/dataset_input.h"
#include "core/sim/input_generators.h"

namespace pulselab::widgets {

QList<NetworkEditorModel::Field> NetworkEditorModel::fields(const QString& id) const {
    if (const int layer = pcLayerOf(id); layer >= 0)
        return pcFields(layer);
    QList<Field> list;
    const auto& net = m_project.network;
    auto fromSchema = [&](const std::vector<core::ParameterSpec>& schema, const core::ParameterMap& values) {
        for (const auto& spec : schema) {
            const auto it = values.find(spec.name);
            list << Field{QString::fromStdString(spec.name),
                          QString::fromStdString(spec.unit),
                          QString::fromStdString(spec.help),
                          spec.minimum,
                          spec.maximum,
                          spec.defaultValue,
                          it == values.end() ? spec.defaultValue : it->second,
                          spec.integer};
        }
    };
    const std::string name = id.toStdString();
    if (const auto* p = net.population(name)) {
        list << Field{QStringLiteral("size"),       QString(), tr("number of neurons"), 1, 1e8, 100,
                      static_cast<double>(p->size), true};
        if (const auto* model = core::findNeuronModel(p->model))
            fromSchema(model->parameters, p->parameters);
    } else if (const auto* in = net.input(name)) {
        list << Field{QStringLiteral("size"),        QString(), tr("number of generators"), 1, 1e8, 10,
                      static_cast<double>(in->size), true};
        if (in->kind == "poisson")
            fromSchema(core::poissonInputSchema(), in->parameters);
        else if (in->kind == "hmm_poisson")
            fromSchema(core::hmmInputSchema(), in->parameters);
        else if (core::isDatasetInput(in->kind))
            fromSchema(core::datasetInputSchema(), in->parameters);
    } else {
        for (const auto& c : net.currents)
            if (c.name == name)
                fromSchema(core::currentSchema(), c.parameters);
        for (const auto& pr : net.projections)
            if (pr.name == name) {
                list << Field{QStringLiteral("weight"),
                              QString(),
                              tr("synaptic weight (mean for random weights)"),
                              -1e6,
                              1e6,
                              1,
                              pr.weight.a,
                              false};
                list << Field{QStringLiteral("probability"),
                              QString(),
                              tr("connection probability (fixed_probability)"),
                              0,
                              1,
                              0.1,
                              pr.probability,
                              false};
                list << Field{QStringLiteral("delay_steps"),
                              QStringLiteral("steps"),
                              tr("synaptic delay"),
                              0,
                              255,
                              0,
                              pr.delaySteps.a,
                              true};
            }
    }
    return list;
}

bool NetworkEditorModel::setParameter(const QString& id, const QString& name, double value, QString* reason) {
    for (const Field& f : fields(id)) {
        if (f.name != name)
            continue;
        core::ParameterSpec spec{f.name.toStdString(), f.unit.toStdString(), f.minimum, f.maximum,
                                 f.defaultValue,       f.help.toStdString(), f.integer};
        if (auto why = core::checkParameter(spec, value)) {
            if (reason)
                *reason = QString::fromStdString(*why);
            return false;
        }
        const int layer = pcLayerOf(id);
        edit(tr("Set %1.%2").arg(id, name), [&](core::Project& p) {
            if (layer >= 0) {
                setPcParameter(p, layer, f, value);
                return;
            }
            auto& net = p.network;
            const std::string node = id.toStdString(), param = name.toStdString();
            for (auto& x : net.populations)
                if (x.name == node)
                    (param == "size" ? void(x.size = static_cast<std::uint32_t>(value))
                                     : void(x.parameters[param] = value));
            for (auto& x : net.inputs)
                if (x.name == node) {
                    if (param == "size") {
                        x.size = static_cast<std::uint32_t>(value);
                        if (x.kind == "spike_times")
                            x.spikeTimesMs.resize(x.size);
                    } else
                        x.parameters[param] = value;
                }
            for (auto& x : net.currents)
                if (x.name == node)
                    x.parameters[param] = value;
            for (auto& x : net.projections)
                if (x.name == node) {
                    if (param == "weight")
                        x.weight.a = value;
                    else if (param == "probability")
                        x.probability = value;
                    else if (param == "delay_steps")
                        x.delaySteps.a = value;
                }
        });
        return true;
    }
    if (reason)
        *reason = tr("%1 has no parameter %2").arg(id, name);
    return false;
}

} // namespace pulselab::widgets
