#pragma once
// Loihi 2's CUBA-LIF in fixed point, bit-exact to the integer semantics of Lava's bit-accurate LIF model
// (lava-nc/lava, src/lava/proc/lif/models.py, PyLifModelBitAcc; SCIENCE.md section 2):
//   u <- sign(u * (4096 - (du + 1))) * (|u * (4096 - (du + 1))| >> 12) + (a_in << 6), wrapped to 24 bits
//   signed v <- sign(v * (4096 - dv)) * (|v * (4096 - dv)| >> 12) + u + (bias_mant << bias_exp), clipped to
//   24 bits spike when v > (vth << 6); then v <- 0.
// The current decay carries Lava's offset of 1 (ds_offset); the voltage decay none (dm_offset). Synaptic
// input a_in is the integer sum of weights arriving this step (weights x payloads for graded spikes).
// Graded spikes: with num_message_bits = b > 0 a spike carries a level, the number of whole thresholds its
// voltage reached, min(2^b - 1, v / (vth << 6)) (multi-level spikes in the sense of SCIENCE.md section 6;
// Lava's Dense processes multiply weights by the payload, and Loihi 2's neuron microcode may send any such
// value). The level is state variable "payload"; binary spikes carry 1.
#include "core/neurons/neuron_kernel.h"

#include <memory>

namespace pulselab::core {

const std::vector<ParameterSpec>& loihiLifSchema();
std::unique_ptr<NeuronKernel> makeLoihiLif(std::uint32_t size, const ParameterMap& parameters, double dtMs);

/// One step of the fixed-point dynamics for one neuron (exposed for tests and for the NIR exporter).
struct LoihiLifState {
    std::int32_t u = 0;
    std::int32_t v = 0;
};
/// Returns whether the neuron spiked; `voltageAtSpike`, when given, receives v before the reset.
bool loihiLifStep(LoihiLifState& s, std::int32_t activationIn, std::int32_t du, std::int32_t dv,
                  std::int32_t vth, std::int32_t biasMant, std::int32_t biasExp,
                  std::int32_t* voltageAtSpike = nullptr);

} // namespace pulselab::core
