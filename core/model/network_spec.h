#pragma once
// The network as a document: what the node editor edits, what a project file stores and what the engine
// compiles. Plain data; validation returns every problem with the node, the field and the reason.
#include "core/neurons/parameter_schema.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core {

/// Initialisation of weights or delays: constant a, uniform in [a, b], or normal with mean a and s.d. b.
struct Distribution {
    std::string kind = "constant";
    double a = 0.0;
    double b = 0.0;
};

struct PopulationSpec {
    std::string name;
    std::string model = "lif_cuba";
    std::uint32_t size = 1;
    ParameterMap parameters;
};

/// Generators of input spikes: "poisson" (rate_hz per neuron) or "spike_times" (listed times per neuron).
struct InputSpec {
    std::string name;
    std::string kind = "poisson";
    std::uint32_t size = 1;
    ParameterMap parameters;                       ///< poisson: rate_hz, start_ms, stop_ms
    std::vector<std::vector<double>> spikeTimesMs; ///< spike_times: per neuron, sorted
};

struct ExplicitSynapse {
    std::uint32_t source = 0;
    std::uint32_t target = 0;
    double weight = 0.0;
    std::uint32_t delaySteps = 0;
};

struct ProjectionSpec {
    std::string name;
    std::string source; ///< a population or an input
    std::string target; ///< a population
    std::string connectivity =
        "all_to_all"; ///< all_to_all, one_to_one, fixed_probability, fixed_indegree, explicit
    double probability = 0.1;
    std::uint32_t indegree = 10;
    bool allowSelfConnections = true;
    std::string receptor = "excitatory"; ///< excitatory or inhibitory input of the target model
    Distribution weight{"constant", 1.0, 0.0};
    Distribution delaySteps{"constant", 0.0, 0.0};
    std::vector<ExplicitSynapse> synapses; ///< for connectivity "explicit"
    std::string plasticity;                ///< empty, "stdp" or "deneve_em" (onto bayesian_deneve)
    /// How the engine stores the synapses: "sparse" (compressed rows, 8 bytes per synapse, any delays),
    /// "dense" (an Eigen matrix, 4 bytes per source x target pair, one constant delay, no plasticity), or
    /// "auto" (dense when at least half of the pairs are connected and it is allowed).
    std::string storage = "auto";
    ParameterMap plasticityParameters;
};

/// An external current into a population: "step" (amplitude from start to stop) or "ramp" (linear from
/// amplitude to amplitude_end between start and stop), in the target model's input units.
struct CurrentSpec {
    std::string name;
    std::string kind = "step";
    std::string target;
    ParameterMap parameters; ///< amplitude, amplitude_end, start_ms, stop_ms
};

/// What to record: "spikes" of a population, a state "variable" of chosen neurons, or its "rate".
struct ProbeSpec {
    std::string name;
    std::string kind = "spikes";
    std::string target;
    std::string variable;
    std::vector<std::uint32_t> neurons;
};

struct RunSettings {
    double dtMs = 0.1;
    double durationMs = 1000.0;
    std::uint64_t seed = 1;
    int threads = 1;
};

struct NetworkSpec {
    std::vector<PopulationSpec> populations;
    std::vector<InputSpec> inputs;
    std::vector<ProjectionSpec> projections;
    std::vector<CurrentSpec> currents;
    std::vector<ProbeSpec> probes;
    RunSettings run;

    const PopulationSpec* population(const std::string& name) const;
    const InputSpec* input(const std::string& name) const;
    /// Size of a population or input of that name, or 0.
    std::uint32_t sizeOf(const std::string& name) const;
};

struct Problem {
    std::string node; ///< population, input, projection, current, probe or "run"
    std::string field;
    std::string reason;
    std::string message() const { return node + "." + field + ": " + reason; }
};

std::vector<Problem> validate(const NetworkSpec& network);

/// Schemas of the input generators and currents (for the inspector and validation).
const std::vector<ParameterSpec>& poissonInputSchema();
const std::vector<ParameterSpec>& currentSchema();
const std::vector<ParameterSpec>& stdpSchema();
/// Online EM learning of a Bayesian neuron's input model (Deneve 2008 part II;
/// core/predictive/deneve_learning.h).
const std::vector<ParameterSpec>& deneveEmSchema();

} // namespace pulselab::core
