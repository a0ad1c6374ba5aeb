#pragma once
// Simulation's internal parts (one population's state and ring buffers, an input generator, a compiled
// projection), shared by its build (simulation_build.cpp) and its stepping (simulation.cpp). Not for use
// outside core/sim.
#include "core/predictive/hmm_forward_filter.h"
#include "core/sim/simulation.h"

#include <Eigen/Core>

#include <optional>
#include <random>

namespace pulselab::core {

struct Simulation::Population {
    const PopulationSpec* spec = nullptr;
    std::unique_ptr<NeuronKernel> kernel;
    std::uint32_t size = 0;
    std::uint32_t firstNeuron = 0;
    std::vector<float> ringExcitatory, ringInhibitory;   // [ring slot][neuron]
    std::vector<std::uint32_t> spikes;                   // this step
    std::vector<std::vector<std::uint32_t>> shareSpikes; // this step, per thread's neuron range
    std::vector<std::uint64_t> counts;
    struct Current {
        bool ramp = false;
        double amplitude = 0, amplitudeEnd = 0, startMs = 0, stopMs = 0;
    };
    std::vector<Current> currents; // parsed once: the step loop must not allocate
    StepInput input;               // this step's input (ring slot and external current)
    std::mt19937_64 rng;
    double filteredRateHz = 0.0;
    std::int64_t allFiringSteps = 0; // consecutive steps on which every neuron fired (runaway firing)
    bool runawayReported = false;    // once per run (until reset)
};

struct Simulation::Input {
    const InputSpec* spec = nullptr;
    std::unique_ptr<InputGenerator> generator;
    std::uint32_t firstNeuron = 0;
    std::vector<std::uint32_t> spikes;
    std::vector<std::uint64_t> counts;
    std::optional<HmmForwardFilter> filter; // hmm_poisson inputs: the exact posterior, as ground truth
};

struct Simulation::Projection {
    const ProjectionSpec* spec = nullptr;
    SynapseTable table;
    bool fromInput = false;
    std::size_t source = 0;
    std::size_t target = 0;
    bool inhibitory = false;
    // Dense storage (target x source, column-major: a spike adds one contiguous column), one delay.
    bool dense = false;
    Eigen::MatrixXf denseWeights;
    std::uint32_t denseDelay = 0;
    std::uint64_t denseSynapses = 0;                // non-zero entries
    std::vector<std::uint32_t> denseColumnSynapses; // non-zero entries per source (synaptic events)
    // STDP (Song, Miller & Abbott 2000): exponential pre and post traces, local to each synapse's ends.
    bool plastic = false;
    float preDecay = 1.0f, postDecay = 1.0f, aPlus = 0.0f, aMinus = 0.0f, wMin = 0.0f, wMax = 0.0f;
    std::vector<float> preTrace, postTrace;
    std::vector<std::uint64_t> incomingStart;   // per target neuron, into incomingSynapse
    std::vector<std::uint64_t> incomingSynapse; // synapse index
    std::vector<std::uint32_t> incomingSource;  // its source neuron
    // deneve_em (Deneve 2008 part II, as DeneveLearningNeuron): per synapse the expected spike counts while
    // the target's cause was on / off; per target neuron the expected time on / off and the learned theta
    // (the silence evidence sum_i (q_on_i - q_off_i), delivered each step as input -theta dt).
    bool deneveEm = false;
    double emForget = 0.0, emFirstOnHz = 0.0, emFirstOffHz = 0.0, emPriorS = 0.0;
    std::vector<double> emCountOn, emCountOff;          // per synapse
    std::vector<double> emTimeOn, emTimeOff, emThetaHz; // per target neuron
    std::vector<std::uint32_t> emLastPre;               // last step's pre spikes (felt by the belief now)
    std::vector<double> emBelief;                       // scratch: each target's belief this step
};

} // namespace pulselab::core
