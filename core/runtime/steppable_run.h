#pragma once
// The one interface the run loop drives: anything that advances in fixed steps and reports spikes and signals
// (a compiled spiking network, a rate predictive-coding network, ...). Called once per chunk of steps, never
// per neuron, so the virtual call costs nothing measurable.
#include "core/runtime/run_snapshot.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace pulselab::core {

/// Thrown by advance() when the run cannot go on (NaN/Inf state, runaway activity); the message names the
/// population, the step and the cause.
class RunFault : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SteppableRun {
public:
    virtual ~SteppableRun() = default;

    /// Populations and signals of this run; fixed until the run is rebuilt.
    virtual RunLayout layout() const = 0;

    /// Advances `steps` steps from currentStep(), appending the spikes and signal samples produced to `out`.
    /// May throw RunFault.
    virtual void advance(std::int64_t steps, RunSnapshot& out) = 0;

    virtual std::int64_t currentStep() const = 0;

    /// Changes a parameter between steps; returns the previous value. Throws std::invalid_argument whose
    /// message names the target, the parameter and what is wrong (unknown name, out of range).
    virtual double setParameter(const std::string& target, const std::string& parameter, double value) = 0;

    /// Back to step 0, same seed: the same spikes again.
    virtual void reset() = 0;
};

} // namespace pulselab::core
