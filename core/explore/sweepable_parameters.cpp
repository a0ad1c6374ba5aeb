#include "core/explore/sweepable_parameters.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/dataset_input.h"
#include "core/sim/input_generators.h"

namespace pulselab::core {

namespace {

void addSchema(std::vector<SweepableParameter>& out, const std::string& target,
               const std::vector<ParameterSpec>& schema, const ParameterMap& given) {
    const ParameterMap values = withDefaults(schema, given);
    for (const auto& spec : schema)
        out.push_back({target, spec.name, spec.unit, spec.minimum, spec.maximum, values.at(spec.name)});
}

} // namespace

std::vector<SweepableParameter> sweepableParameters(const Project& project) {
    std::vector<SweepableParameter> out;
    const std::string kind = project.experiment.is_object() ? project.experiment.value("kind", "") : "";
    if (kind == "rate_pc") {
        // The bounds PcRun::setParameter enforces and the defaults parsePcExperiment uses
        // (core/predictive/pc_run.cpp).
        const auto value = [&](const char* key, double fallback) {
            const auto it = project.experiment.find(key);
            return it != project.experiment.end() && it->is_number() ? it->get<double>() : fallback;
        };
        out.push_back({"pc", "inference_rate", "", 1e-6, 0.999999, value("inference_rate", 0.05)});
        out.push_back({"pc", "learning_rate", "", 0.0, 0.999999, value("learning_rate", 0.005)});
        out.push_back({"task", "noise_sd", "", 0.0, 99.9, value("noise_sd", 0.3)});
        return out;
    }
    if (!kind.empty())
        return out; // other experiments take no run-time parameters
    for (const auto& pop : project.network.populations)
        if (const NeuronModelInfo* model = findNeuronModel(pop.model))
            addSchema(out, pop.name, model->parameters, pop.parameters);
    for (const auto& in : project.network.inputs) {
        const auto& schema = in.kind == "hmm_poisson"  ? hmmInputSchema()
                             : isDatasetInput(in.kind) ? datasetInputSchema()
                             : in.kind == "poisson"    ? poissonInputSchema()
                                                       : std::vector<ParameterSpec>{};
        addSchema(out, in.name, schema, in.parameters);
    }
    return out;
}

} // namespace pulselab::core
