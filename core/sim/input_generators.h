#pragma once
// Sources of input spikes, one per InputSpec: Poisson generators, listed spike times, and a hidden-Markov
// source (a binary cause switching on and off, each neuron firing at q_on or q_off) whose hidden state is the
// ground truth for Bayesian inference (Deneve 2008).
#include "core/model/network_spec.h"

#include <memory>
#include <random>

namespace pulselab::core {

class InputGenerator {
public:
    virtual ~InputGenerator() = default;
    /// Appends the neurons that fire at `step`, in increasing order.
    virtual void step(std::int64_t step, std::vector<std::uint32_t>& spikes) = 0;
    virtual void reset() = 0;
    virtual void setParameter(const std::string& name, double value) = 0;
    /// The hidden state at the last step (hmm_poisson), or -1 when the input has none.
    virtual int hiddenState() const { return -1; }
};

const std::vector<ParameterSpec>& hmmInputSchema();
std::unique_ptr<InputGenerator> makeInputGenerator(const InputSpec& spec, double dtMs, std::uint64_t seed);

} // namespace pulselab::core
