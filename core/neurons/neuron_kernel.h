#pragma once
// A neuron model's dynamics over a whole population, as structure-of-arrays state. The engine calls step()
// once per population (or per thread's share of it) per time step: one virtual call per share, never per
// neuron. Shares are disjoint neuron ranges, so a kernel must keep each neuron's update to its own state.
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

    /// Advances neurons [begin, end) one step; appends the indices of those that spiked, in increasing order.
    /// `input` arrays are indexed by neuron over the whole population.
    virtual void step(const StepInput& input, std::uint32_t begin, std::uint32_t end,
                      std::vector<std::uint32_t>& spikes) = 0;
    /// Graded spikes: the payload of each neuron's spike this step (valid for the neurons that spiked), which
    /// multiplies the weight of every synapse it crosses; nullptr for binary spikes.
    virtual const float* spikePayloads() const { return nullptr; }
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
