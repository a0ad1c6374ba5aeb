#include "core/runtime/run_overrides.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/dataset_input.h"
#include "core/sim/input_generators.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pulselab::core {

std::optional<std::pair<std::string, std::string>> splitParameterName(std::string_view name) {
    const auto dot = name.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size())
        return std::nullopt;
    return std::make_pair(std::string(name.substr(0, dot)), std::string(name.substr(dot + 1)));
}

std::optional<ParameterOverride> parseParameterOverride(std::string_view text, std::string& error) {
    const auto eq = text.find('=');
    const auto names = eq == std::string_view::npos ? std::nullopt : splitParameterName(text.substr(0, eq));
    if (!names) {
        error = "expected target.parameter=value, got '" + std::string(text) + "'";
        return std::nullopt;
    }
    const std::string valueText(text.substr(eq + 1));
    std::size_t used = 0;
    double value = 0.0;
    try {
        value = std::stod(valueText, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (valueText.empty() || used != valueText.size() || !std::isfinite(value)) {
        error = "'" + std::string(text) + "': '" + valueText + "' is not a valid number";
        return std::nullopt;
    }
    return ParameterOverride{names->first, names->second, value};
}

void applySeed(Project& project, std::uint64_t seed) {
    project.network.run.seed = seed;
    if (!project.experiment.is_object() || !project.experiment.contains("kind"))
        return;
    project.experiment["seed"] = seed;
    const std::string kind = project.experiment.value("kind", "");
    if (kind == "rate_pc")
        project.experiment["task_seed"] = seed;
    else if (kind == "rate_pc_bars")
        project.experiment["data_seed"] = seed; // the images as well as the initial weights
}

void applyParameterOverrides(SteppableRun& run, const std::vector<ParameterOverride>& overrides) {
    for (const auto& o : overrides)
        run.setParameter(o.target, o.parameter, o.value);
}

namespace {

/// The experiment key each run's setParameter changes (core/predictive/*_run.cpp), by kind.
std::optional<std::string> experimentKey(const std::string& kind, const ParameterOverride& o) {
    struct Entry {
        const char* kind;
        const char* target;
        const char* parameter;
        const char* key;
    };
    static constexpr Entry kKeys[] = {
        {"rate_pc", "pc", "inference_rate", "inference_rate"},
        {"rate_pc", "pc", "learning_rate", "learning_rate"},
        {"rate_pc", "task", "noise_sd", "noise_sd"},
        {"rate_pc_mnist", "pc", "inference_rate", "inference_rate"},
        {"rate_pc_mnist", "pc", "learning_rate", "learning_rate"},
        {"spike_coding", "signal", "amplitude", "signal_amplitude"},
        {"spike_coding", "network", "lambda_hz", "lambda_hz"},
        {"spiking_pc_bars", "input", "bar_probability", "bar_probability"},
        {"spiking_pc_bars", "network", "learning_rate", "learning_rate"},
        {"spiking_pc_bars", "network", "sparsity", "sparsity"},
        {"spiking_pc_mnist", "network", "learning_rate", "learning_rate"},
        {"spiking_pc_mnist", "network", "sparsity", "sparsity"},
        {"spiking_supervised_pc_mnist", "network", "learning_rate", "learning_rate"},
        {"spiking_supervised_pc_mnist", "network", "feedback_gain", "feedback_gain"},
    };
    for (const Entry& e : kKeys)
        if (kind == e.kind && o.target == e.target && o.parameter == e.parameter)
            return std::string(e.key);
    return std::nullopt;
}

/// The schema of a spiking network's population or input named `target`, with its parameter map; false
/// when there is none of that name.
bool findTarget(NetworkSpec& network, const std::string& target, const std::vector<ParameterSpec>*& schema,
                ParameterMap*& parameters, std::string& owner) {
    for (auto& pop : network.populations) {
        if (pop.name != target)
            continue;
        const NeuronModelInfo* model = findNeuronModel(pop.model);
        schema = model ? &model->parameters : nullptr;
        parameters = &pop.parameters;
        owner = pop.model;
        return true;
    }
    for (auto& in : network.inputs) {
        if (in.name != target)
            continue;
        // As Simulation::setParameter chooses it.
        schema = in.kind == "hmm_poisson"  ? &hmmInputSchema()
                 : isDatasetInput(in.kind) ? &datasetInputSchema()
                                           : &poissonInputSchema();
        parameters = &in.parameters;
        owner = "input " + in.kind;
        return true;
    }
    return false;
}

} // namespace

bool writeParameterOverrides(Project& project, const std::vector<ParameterOverride>& overrides,
                             std::string& error) {
    const std::string kind =
        project.experiment.is_object() ? project.experiment.value("kind", std::string()) : std::string();
    for (const ParameterOverride& o : overrides) {
        const std::string name = "'" + o.target + "." + o.parameter + "'";
        if (!kind.empty()) {
            const auto key = experimentKey(kind, o);
            if (!key) {
                error = name + ": the " + kind + " experiment has no such run-time parameter";
                return false;
            }
            project.experiment[*key] = o.value;
            continue;
        }
        const std::vector<ParameterSpec>* schema = nullptr;
        ParameterMap* parameters = nullptr;
        std::string owner;
        if (!findTarget(project.network, o.target, schema, parameters, owner)) {
            error = name + ": no population or input named '" + o.target + "'";
            return false;
        }
        const ParameterSpec* spec = schema ? findParameter(*schema, o.parameter) : nullptr;
        if (!spec) {
            error = name + ": " + owner + " has no such parameter";
            return false;
        }
        if (auto why = checkParameter(*spec, o.value)) {
            error = name + ": " + *why;
            return false;
        }
        (*parameters)[o.parameter] = o.value;
    }
    return true;
}

std::int64_t stepsForDuration(double durationMs, double dtMs) {
    return static_cast<std::int64_t>(std::llround(durationMs / dtMs));
}

} // namespace pulselab::core
