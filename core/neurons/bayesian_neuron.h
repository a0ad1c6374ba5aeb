#pragma once
// The Bayesian spiking neuron of Denève 2008 (Neural Computation 20(1):91-117). Its membrane L is the
// log-odds that a hidden binary cause is on, given the input spikes so far:
//   dL/dt = r_on (1 + e^-L) - r_off (1 + e^L) - theta + sum_i w_i s_i(t),   w_i = log(q_on_i / q_off_i)
// (synaptic weights are the w_i; theta = sum_i (q_on_i - q_off_i) is a parameter). G is the log-odds a
// downstream decoder holds from the output spikes: it follows the same leak and jumps by eta at each output
// spike, and the neuron fires when L - G > eta / 2 -- it reports only what is new (predictive coding in one
// neuron). Steps of dt (the switching term in probability space, see the .cpp); the belief is
// P(x = 1) = 1 / (1 + e^-L).
#include "core/neurons/neuron_kernel.h"

#include <memory>

namespace pulselab::core {

const std::vector<ParameterSpec>& bayesianNeuronSchema();

/// One step of the hidden cause's switching prior on a log-odds: the log-odds of
/// p (1 - switchOff) + (1 - p) switchOn, with p the probability of `logOdds` and switchOn/Off the per-step
/// switching probabilities (r dt). Taken in probability space because the log-odds form
/// r_on (1 + e^-L) - r_off (1 + e^L) is stiff for large |L|. Shared by the neuron kernel, the exact forward
/// filter and the learning and hierarchical variants, so all of them predict alike.
double deneveSwitchingStep(double logOdds, double switchOn, double switchOff);
std::unique_ptr<NeuronKernel> makeBayesianNeuron(std::uint32_t size, const ParameterMap& parameters,
                                                 double dtMs);

} // namespace pulselab::core
