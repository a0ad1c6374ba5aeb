#pragma once
// The exact forward filter of a two-state hidden Markov model observed through N Poisson inputs, discretised
// with the simulation's dt: the ground truth a Bayesian spiking neuron (Deneve 2008) approximates.
//   predict: P(x=1) <- P(x=1)(1 - r_off dt) + P(x=0) r_on dt
//   update:  L <- logit(P) + k log(q_on / q_off) + (N - k) log((1 - q_on dt) / (1 - q_off dt)),
// with k the number of inputs that fired in the step.
#include <cstdint>

namespace pulselab::core {

class HmmForwardFilter {
public:
    HmmForwardFilter(double rOnHz, double rOffHz, double qOnHz, double qOffHz, std::uint32_t inputs,
                     double dtMs);

    /// One step with `spikes` of the inputs firing; returns P(x = 1 | inputs so far).
    double update(std::uint32_t spikes);
    double probability() const;
    double logOdds() const { return m_logOdds; }
    void reset(double logOdds = 0.0) { m_logOdds = logOdds; }

private:
    double m_switchOn, m_switchOff;
    double m_spikeEvidence, m_silenceEvidence;
    std::uint32_t m_inputs;
    double m_logOdds = 0.0;
};

} // namespace pulselab::core
