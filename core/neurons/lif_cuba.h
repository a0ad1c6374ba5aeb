#pragma once
// Current-based LIF with exponential synaptic currents, the CUBA benchmark model of Brette et al. 2007
// (J Comput Neurosci 23:349-398; as in Brian2's examples/CUBA.py):
//   tau_m dv/dt = (v_rest + I - v) + g_e + g_i   (held at v_reset while refractory)
//   tau_e dg_e/dt = -g_e,  tau_i dg_i/dt = -g_i;  spike when v > v_th, then v <- v_reset.
// The equations are linear, so each step integrates them exactly (no Euler error).
//
// The adaptive-threshold variant adds a threshold that jumps by delta_theta at each spike and relaxes back
// with tau_theta (spike-frequency adaptation as in the generalised LIF models of Mensi et al. 2012,
// J Neurophysiol 107:1756, and the adaptive LIF of Bellec et al. 2018):
//   tau_theta dtheta/dt = -theta,  theta <- theta + delta_theta at a spike;  spike when v > v_th + theta.
#include "core/neurons/neuron_kernel.h"

#include <memory>

namespace pulselab::core {

const std::vector<ParameterSpec>& lifCubaSchema();
std::unique_ptr<NeuronKernel> makeLifCuba(std::uint32_t size, const ParameterMap& parameters, double dtMs);

const std::vector<ParameterSpec>& lifAdaptiveSchema();
std::unique_ptr<NeuronKernel> makeLifAdaptive(std::uint32_t size, const ParameterMap& parameters,
                                              double dtMs);

} // namespace pulselab::core
