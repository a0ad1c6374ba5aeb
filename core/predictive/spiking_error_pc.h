#pragma once
// Spiking predictive coding with explicit error populations (the first family of SCIENCE.md section 5, after
// Ororbia, "Spiking neural predictive coding", arXiv 1908.08655; the generative model and free energy of
// Bogacz 2017, section 4). Two layers over a spiking input:
//   input     s_x(t): Poisson spikes at x_i x max rate; trace xbar_i (tau_trace) estimates x_i.
//   latent    K value neurons. Membrane tau_v dv_j/dt = -v_j + gain (W^T ebar)_j - lambda; they fire as
//             integrate-and-fire units at rate max rate x clip(v_j, 0, 1); trace zbar_j estimates phi_j.
//   errors    per input pixel a positive and a negative integrate-and-fire error neuron, driven by the
//             positive and negative parts of e_i = xbar_i - (W zbar)_i (bottom-up error as spikes); their
//             traces give ebar_i = ebar+_i - ebar-_i.
//   learning  dW_ij = eta ebar_i zbar_j, W >= 0: each synapse uses only its pre (latent) trace and its post
//             (error) trace; no weight transport (top-down W and bottom-up W^T are separate synapses that
//             receive the same local update), no backward pass.
// Free energy, read from the traces: F = 1/2 sum_i pi_i ebar_i^2 / sigma^2 + lambda sum_j zbar_j (Gaussian
// likelihood with precision pi_i per input, exponential sparse prior on the non-negative causes). Error
// neurons fire on the raw error; its precision weighting pi_i is the gain of their outgoing synapses.
#include <Eigen/Dense>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace pulselab::core {

struct SpikingErrorPcConfig {
    int inputs = 64;
    int latents = 16;
    double dtMs = 1.0;
    double maxRateHz = 200.0;   ///< input and latent rates at intensity 1
    double errorRateHz = 400.0; ///< error neuron rate per unit of error
    double traceMs = 20.0;      ///< time constant of every spike trace
    double tauVMs = 10.0;       ///< latent membrane time constant
    double gain = 1.0;          ///< bottom-up error gain onto latents
    double sparsity = 0.05;     ///< lambda: prior cost per unit of latent activity
    double sigma = 1.0;         ///< s.d. of the Gaussian likelihood (free energy only)
    double learningRate = 0.002;
    double initialWeight = 0.3; ///< initial weights uniform in [0, initialWeight]
    double maxWeight = 1.0;     ///< weights stay in [0, maxWeight] (a cause predicts at most full intensity)
    std::uint64_t seed = 1;
};

struct SpikingErrorPcStep {
    std::vector<std::uint32_t> inputSpikes, latentSpikes, positiveErrorSpikes, negativeErrorSpikes;
};

class SpikingErrorPc {
public:
    explicit SpikingErrorPc(const SpikingErrorPcConfig& config);

    /// Shows intensities `x` (size inputs, in [0, 1]) for one step; learns when `learn`. Spikes go to `out`.
    void step(const Eigen::VectorXf& x, bool learn, SpikingErrorPcStep* out = nullptr);
    /// Forgets the current sample's state (membranes, traces), keeping the weights.
    void resetState();

    double freeEnergy() const;
    /// Mean squared error of the prediction W zbar against the input's intensities.
    double reconstructionError(const Eigen::VectorXf& x) const;
    Eigen::VectorXf prediction() const { return m_w * m_zbar; }
    const Eigen::VectorXf& beliefs() const { return m_zbar; }
    const Eigen::VectorXf& errors() const { return m_ebar; }
    const Eigen::MatrixXf& weights() const { return m_w; }
    Eigen::MatrixXf& weights() { return m_w; }
    const SpikingErrorPcConfig& config() const { return m_config; }
    /// Changes between steps (the weights and state stay); each returns the previous value.
    double setLearningRate(double value) { return std::exchange(m_config.learningRate, value); }
    double setSparsity(double value) { return std::exchange(m_config.sparsity, value); }
    /// Precision of each input's error (Sigma^-1 of a diagonal likelihood): the gain of error neuron i's
    /// outgoing synapses, in the latents' drive and in learning. 0 makes an input unobserved (e.g. the label
    /// part of a joint image-label model at test time). Default 1.
    void setPrecision(const Eigen::VectorXf& precision) { m_precision = precision; }
    /// Mean of the latents' traces over the steps since resetState() (a steadier belief than the trace).
    Eigen::VectorXf meanBeliefs() const;
    /// Synaptic events so far (spikes x fan-out), the energy proxy.
    std::uint64_t synapticEvents() const { return m_synapticEvents; }

private:
    SpikingErrorPcConfig m_config;
    std::mt19937_64 m_rng;
    Eigen::MatrixXf m_w; // inputs x latents, non-negative
    Eigen::VectorXf m_precision, m_zsum;
    int m_stepsSinceReset = 0;
    Eigen::VectorXf m_xbar, m_zbar, m_ebarPos, m_ebarNeg, m_ebar, m_v, m_latentPhase, m_errPhasePos,
        m_errPhaseNeg;
    std::uint64_t m_synapticEvents = 0;
};

} // namespace pulselab::core
