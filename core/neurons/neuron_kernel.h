#pragma once
// A neuron model's dynamics over a whole population, as structure-of-arrays state. The engine calls step()
// once per population per time step (one virtual call per population, never per neuron).
#include "core/neurons/parameter_schema.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace pulselab::core {

struct StepInput {
    const float* excitatory = nullptr; ///< synaptic input arriving this step, per neuron
    const float* inhibitory = nullptr;
    float current = 0.0f; ///< external current applied to every neuron this step (model units)
};

class NeuronKernel {
public:
    virtual ~NeuronKernel() = default;

    /// Advances one step; appends the indices of the neurons that spiked, in increasing order.
    virtual void step(const StepInput& input, std::vector<std::uint32_t>& spikes) = 0;
    /// Sets the initial state (random initial values draw from `rng`).
    virtual void reset(std::mt19937_64& rng) = 0;
    /// Value of state variable `variable` of neuron `i` (for probes and readouts); NaN if unknown.
    virtual double state(const std::string& variable, std::uint32_t i) const = 0;
    /// Applies a (validated) parameter change between steps.
    virtual void setParameter(const std::string& name, double value) = 0;
    /// First neuron whose state is NaN or infinite, with the variable's name; false when all are finite.
    virtual bool findNonFinite(std::uint32_t& neuron, std::string& variable) const = 0;
    /// Bytes of state per neuron (for memory estimates).
    virtual std::size_t bytesPerNeuron() const = 0;
};

} // namespace pulselab::core
