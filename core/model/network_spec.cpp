#include "core/model/network_spec.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/dataset_input.h"
#include "core/sim/input_generators.h"

#include <algorithm>
#include <set>

namespace pulselab::core {

const PopulationSpec* NetworkSpec::population(const std::string& name) const {
    for (const auto& p : populations)
        if (p.name == name)
            return &p;
    return nullptr;
}

const InputSpec* NetworkSpec::input(const std::string& name) const {
    for (const auto& i : inputs)
        if (i.name == name)
            return &i;
    return nullptr;
}

std::uint32_t NetworkSpec::sizeOf(const std::string& name) const {
    if (const auto* p = population(name))
        return p->size;
    if (const auto* i = input(name))
        return i->size;
    return 0;
}

const std::vector<ParameterSpec>& poissonInputSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"rate_hz", "Hz", 0.0, 10000.0, 10.0, "firing rate of each generator"},
        {"start_ms", "ms", 0.0, 1e9, 0.0, "first time the generators fire"},
        {"stop_ms", "ms", 0.0, 1e12, 1e12, "time after which they are silent"},
    };
    return schema;
}

const std::vector<ParameterSpec>& currentSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"amplitude", "", -1e6, 1e6, 1.0, "current (model input units, e.g. mV for lif_cuba)"},
        {"amplitude_end", "", -1e6, 1e6, 1.0, "ramp: value reached at stop_ms"},
        {"start_ms", "ms", 0.0, 1e12, 0.0, "onset"},
        {"stop_ms", "ms", 0.0, 1e12, 1e12, "offset"},
    };
    return schema;
}

const std::vector<ParameterSpec>& stdpSchema() {
    // Pair-based STDP with exponential traces (Song, Miller & Abbott 2000).
    static const std::vector<ParameterSpec> schema = {
        {"tau_plus_ms", "ms", 0.1, 1000.0, 20.0, "presynaptic trace time constant"},
        {"tau_minus_ms", "ms", 0.1, 1000.0, 20.0, "postsynaptic trace time constant"},
        {"a_plus", "", 0.0, 10.0, 0.01, "potentiation per pre-before-post pair (in weight units)"},
        {"a_minus", "", 0.0, 10.0, 0.012, "depression per post-before-pre pair"},
        {"w_min", "", -1e6, 1e6, 0.0, "lower weight bound"},
        {"w_max", "", -1e6, 1e6, 10.0, "upper weight bound"},
    };
    return schema;
}

const std::vector<ParameterSpec>& deneveEmSchema() {
    // The rule of DeneveLearningNeuron (core/predictive/deneve_learning.h) on a projection: each synapse's
    // weight becomes log(q_on / q_off) of its learned rates; the target's learned theta arrives as input.
    static const std::vector<ParameterSpec> schema = {
        {"q_on_hz", "Hz", 1e-3, 1e4, 20.0, "first guess of each input's rate while the cause is on"},
        {"q_off_hz", "Hz", 1e-3, 1e4, 15.0, "first guess of its rate while the cause is off"},
        {"memory_s", "s", 0.01, 1e6, 50.0, "forgetting time of the running sums (inverse learning rate)"},
        {"prior_s", "s", 1e-3, 1e6, 5.0, "the first guesses count as this many seconds of each state"},
    };
    return schema;
}

namespace {

void checkParameters(const std::vector<ParameterSpec>& schema, const ParameterMap& given,
                     const std::string& node, std::vector<Problem>& problems) {
    for (const auto& [name, value] : given) {
        const ParameterSpec* spec = findParameter(schema, name);
        if (!spec) {
            problems.push_back({node, "parameters." + name, "unknown parameter"});
            continue;
        }
        if (auto why = checkParameter(*spec, value))
            problems.push_back({node, "parameters." + name, *why});
    }
}

void checkDistribution(const Distribution& d, const std::string& node, const std::string& field,
                       std::vector<Problem>& problems) {
    if (d.kind != "constant" && d.kind != "uniform" && d.kind != "normal")
        problems.push_back({node, field + ".kind", "'" + d.kind + "' is not constant, uniform or normal"});
    else if (d.kind == "uniform" && d.b < d.a)
        problems.push_back({node, field, "uniform range is empty (b < a)"});
    else if (d.kind == "normal" && d.b < 0)
        problems.push_back({node, field, "normal s.d. is negative"});
}

} // namespace

std::vector<Problem> validate(const NetworkSpec& network) {
    std::vector<Problem> problems;
    std::set<std::string> names;
    auto unique = [&](const std::string& name, const std::string& kind) {
        if (name.empty())
            problems.push_back({kind, "name", "is empty"});
        else if (!names.insert(name).second)
            problems.push_back({name, "name", "is used by another node"});
    };
    const RunSettings& run = network.run;
    if (!(run.dtMs > 0.0 && run.dtMs <= 100.0))
        problems.push_back({"run", "dt_ms", "must be in (0, 100] ms"});
    if (!(run.durationMs >= 0.0))
        problems.push_back({"run", "duration_ms", "must be >= 0"});
    if (run.threads < 1 || run.threads > 256)
        problems.push_back({"run", "threads", "must be between 1 and 256"});

    for (const auto& p : network.populations) {
        unique(p.name, "population");
        const NeuronModelInfo* model = findNeuronModel(p.model);
        if (!model)
            problems.push_back({p.name, "model", "unknown neuron model '" + p.model + "'"});
        else
            checkParameters(model->parameters, p.parameters, p.name, problems);
        if (p.size == 0)
            problems.push_back({p.name, "size", "must be at least 1"});
    }
    for (const auto& in : network.inputs) {
        unique(in.name, "input");
        if (in.size == 0)
            problems.push_back({in.name, "size", "must be at least 1"});
        if (in.kind == "poisson")
            checkParameters(poissonInputSchema(), in.parameters, in.name, problems);
        else if (in.kind == "spike_times") {
            if (in.spikeTimesMs.size() != in.size)
                problems.push_back({in.name, "spike_times_ms",
                                    "needs one list per neuron (" + std::to_string(in.size) + ")"});
            for (const auto& times : in.spikeTimesMs)
                for (std::size_t k = 0; k < times.size(); ++k)
                    if (!(times[k] >= 0.0) || (k > 0 && times[k] < times[k - 1])) {
                        problems.push_back({in.name, "spike_times_ms", "times must be >= 0 and sorted"});
                        k = times.size();
                    }
        } else if (in.kind == "hmm_poisson")
            checkParameters(hmmInputSchema(), in.parameters, in.name, problems);
        else if (isDatasetInput(in.kind)) {
            checkParameters(datasetInputSchema(), in.parameters, in.name, problems);
            for (auto& [field, reason] : checkDatasetInput(in))
                problems.push_back({in.name, field, reason});
        } else
            problems.push_back({in.name, "kind",
                                "'" + in.kind + "' is not poisson, spike_times, hmm_poisson, bars or mnist"});
    }
    for (const auto& c : network.currents) {
        unique(c.name, "current");
        if (!network.population(c.target))
            problems.push_back({c.name, "target", "no population named '" + c.target + "'"});
        if (c.kind != "step" && c.kind != "ramp")
            problems.push_back({c.name, "kind", "'" + c.kind + "' is not step or ramp"});
        checkParameters(currentSchema(), c.parameters, c.name, problems);
    }
    for (const auto& pr : network.projections) {
        unique(pr.name, "projection");
        const std::uint32_t sourceSize = network.sizeOf(pr.source);
        const PopulationSpec* target = network.population(pr.target);
        if (sourceSize == 0)
            problems.push_back({pr.name, "source", "no population or input named '" + pr.source + "'"});
        if (!target)
            problems.push_back({pr.name, "target", "no population named '" + pr.target + "'"});
        if (pr.receptor != "excitatory" && pr.receptor != "inhibitory")
            problems.push_back({pr.name, "receptor", "must be excitatory or inhibitory"});
        const std::string& c = pr.connectivity;
        if (c == "fixed_probability" && !(pr.probability >= 0.0 && pr.probability <= 1.0))
            problems.push_back({pr.name, "probability", "must be in [0, 1]"});
        else if (c == "one_to_one" && target && sourceSize != target->size)
            problems.push_back({pr.name, "connectivity",
                                "one_to_one needs equal sizes (" + std::to_string(sourceSize) + " vs " +
                                    std::to_string(target->size) + ")"});
        else if (c == "fixed_indegree" && sourceSize > 0 && pr.indegree > sourceSize &&
                 !pr.allowSelfConnections)
            problems.push_back({pr.name, "indegree", "larger than the source population"});
        else if (c == "explicit") {
            const bool recurrent = pr.source == pr.target;
            for (std::size_t k = 0; k < pr.synapses.size(); ++k) {
                const ExplicitSynapse& s = pr.synapses[k];
                const std::string field = "synapses[" + std::to_string(k) + "]";
                if (s.source >= sourceSize || (target && s.target >= target->size)) {
                    problems.push_back({pr.name, "synapses", "an index is out of range"});
                    break;
                }
                // The ring buffers hold 256 steps (SynapseTable::kMaxDelay): a longer delay cannot arrive.
                if (s.delaySteps > 255) {
                    problems.push_back({pr.name, field,
                                        "delay of " + std::to_string(s.delaySteps) +
                                            " steps is beyond the 255-step delay buffer"});
                    break;
                }
                if (recurrent && !pr.allowSelfConnections && s.source == s.target) {
                    problems.push_back({pr.name, field,
                                        "connects neuron " + std::to_string(s.source) +
                                            " to itself, but allow_self_connections is false"});
                    break;
                }
            }
        } else if (c == "one_to_one" && pr.source == pr.target && !pr.allowSelfConnections) {
            problems.push_back({pr.name, "allow_self_connections",
                                "one_to_one onto its own population connects each neuron only to itself: "
                                "with self-connections forbidden it would connect nothing"});
        } else if (c != "all_to_all" && c != "one_to_one" && c != "fixed_probability" &&
                   c != "fixed_indegree")
            problems.push_back({pr.name, "connectivity", "'" + c + "' is not a known connectivity rule"});
        checkDistribution(pr.weight, pr.name, "weight", problems);
        checkDistribution(pr.delaySteps, pr.name, "delay_steps", problems);
        if (pr.delaySteps.a < 0 || (pr.delaySteps.kind == "uniform" && pr.delaySteps.b > 255) ||
            (pr.delaySteps.kind == "constant" && pr.delaySteps.a > 255))
            problems.push_back({pr.name, "delay_steps", "delays must be between 0 and 255 steps"});
        if (pr.storage != "auto" && pr.storage != "sparse" && pr.storage != "dense")
            problems.push_back({pr.name, "storage", "'" + pr.storage + "' is not auto, sparse or dense"});
        else if (pr.storage == "dense" && !pr.plasticity.empty())
            problems.push_back(
                {pr.name, "storage", "dense storage cannot learn: use sparse with plasticity"});
        else if (pr.storage == "dense" && (pr.delaySteps.kind != "constant" || c == "explicit"))
            problems.push_back(
                {pr.name, "storage",
                 "dense storage needs one constant delay (explicit or drawn delays: use sparse)"});
        else if (pr.storage == "dense" && target && static_cast<double>(sourceSize) * target->size > 2.5e8)
            problems.push_back({pr.name, "storage",
                                "a dense matrix of " + std::to_string(sourceSize) + " x " +
                                    std::to_string(target->size) + " is too large: use sparse"});
        if (!pr.plasticity.empty()) {
            if (pr.plasticity == "stdp")
                checkParameters(stdpSchema(), pr.plasticityParameters, pr.name, problems);
            else if (pr.plasticity == "deneve_em") {
                checkParameters(deneveEmSchema(), pr.plasticityParameters, pr.name, problems);
                if (target && target->model != "bayesian_deneve")
                    problems.push_back({pr.name, "plasticity",
                                        "deneve_em learns a Bayesian neuron's inputs: the target must be a "
                                        "bayesian_deneve population, not " +
                                            target->model});
                if (pr.delaySteps.kind != "constant" || pr.delaySteps.a != 0.0 || c == "explicit")
                    problems.push_back(
                        {pr.name, "delay_steps", "deneve_em needs a constant delay of 0 steps"});
            } else
                problems.push_back(
                    {pr.name, "plasticity", "'" + pr.plasticity + "' is not a known rule (stdp, deneve_em)"});
        }
    }
    for (const auto& probe : network.probes) {
        unique(probe.name, "probe");
        const PopulationSpec* target = network.population(probe.target);
        if (!target && !(probe.kind == "spikes" && network.input(probe.target)))
            problems.push_back({probe.name, "target", "no population named '" + probe.target + "'"});
        if (probe.kind != "spikes" && probe.kind != "variable" && probe.kind != "rate")
            problems.push_back({probe.name, "kind", "'" + probe.kind + "' is not spikes, variable or rate"});
        if (probe.kind == "variable" && target) {
            const NeuronModelInfo* model = findNeuronModel(target->model);
            if (model && std::find(model->stateVariables.begin(), model->stateVariables.end(),
                                   probe.variable) == model->stateVariables.end())
                problems.push_back(
                    {probe.name, "variable", "'" + probe.variable + "' is not a state of " + target->model});
            for (std::uint32_t n : probe.neurons)
                if (n >= target->size) {
                    problems.push_back(
                        {probe.name, "neurons", "index " + std::to_string(n) + " is out of range"});
                    break;
                }
        }
    }
    return problems;
}

} // namespace pulselab::core
