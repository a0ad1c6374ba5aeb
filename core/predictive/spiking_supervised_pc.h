#pragma once
// Supervised spiking predictive coding on MNIST: the spiking counterpart of pc_classifier.h (Whittington &
// Bogacz 2017), with explicit error populations (the first family of SCIENCE.md section 5). The image is at
// the top and predicts the hidden layer; the hidden layer predicts the label; during learning the label is
// clamped and its error, flowing back as spikes, moves the hidden layer a little; every weight learns from
// its own pre-synaptic trace and its own post-synaptic error neuron. At test the label is free and its
// prediction is the answer.
//   pixels     Poisson spikes at x_i x max rate; trace xbar_i estimates x_i.
//   hidden     K value neurons. Membrane tau_v dv_j/dt = -v_j + mu_j + g (B^T ebar_y)_j phi'(v_j), with the
//              bottom-up prediction mu = Theta1 xbar + b1 (synaptic current from the pixel spikes) and the
//              label errors through feedback synapses B; they fire at max rate x phi(v), phi = clip(., 0, 1),
//              phi' = 1 inside (0, 1) (the neuron's own operating range), else 0; trace zbar_j.
//   hidden err per hidden unit a positive and a negative integrate-and-fire error neuron on
//              e_j = phi'(v_j) (v_j - m_j): its value neuron's membrane potential (a one-to-one, non-spiking
//              coupling) minus m_j, the error neuron's own leaky integral (same tau_v) of the same
//              bottom-up current mu_j (its own copy of the pixel synapses, same update). With the label free
//              e_j = 0 and they stay silent; clamped, e_j is the filtered top-down push (rate PC's e = h -
//              mu).
//   label err  per class a positive and a negative error neuron on e_y = ybar - (Theta0 zbar + b0): ybar the
//              trace of the clamped label unit (it fires every step: 1 for the label, 0 for the others),
//              the prediction the hidden spikes through Theta0.
//   learning   dTheta1 = eta1 ebar_h xbar^T, db1 = eta1 ebar_h; dTheta0 = eta0 ebar_y zbar^T,
//              db0 = eta0 ebar_y: each synapse reads its pre-synaptic trace and the trace of the error neuron
//              it serves. The feedback synapses B are separate from Theta0 and receive the same local update
//              (each reads the traces of the label error neuron it comes from and the hidden neuron it
//              reaches); they start as a copy of Theta0 (the convention of spiking_error_pc.h) or, with
//              randomFeedback, drawn independently, so that nothing is ever transported (feedback alignment:
//              on MNIST as accurate; bench/run_pc_bench.sh). No backward pass. Learning in the second half of
//              each digit, spread over those steps. eta0 = learning rate, eta1 = learning rate / g (the
//              hidden errors are g x the label errors' size), as in rate PC with label variance 1/g.
#include "core/data/mnist_digits.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace pulselab::core {

struct SpikingSupervisedPcConfig {
    int pixels = 784;
    int hidden = 128;
    int labels = 10;
    double dtMs = 1.0;
    double inputRateHz = 200.0;  ///< pixel rate at intensity 1 (and the clamped label's rate)
    double hiddenRateHz = 500.0; ///< hidden rate at phi = 1
    double errorRateHz = 400.0;  ///< error neuron rate per unit of error
    double traceMs = 20.0;       ///< time constant of every spike trace
    double tauVMs = 5.0;         ///< hidden membrane (and hidden error neuron) time constant
    double feedbackGain = 1.0;   ///< g: strength of the label errors' push on the hidden layer
    double learningRate = 0.02;  ///< per digit, per unit of label error (bench/'s backprop MLP uses the same)
    /// The feedback synapses B start as a copy of the forward label weights (false), or drawn independently
    /// (true; then only the shared local update and the decay below bring them into line).
    bool randomFeedback = false;
    /// Kolen-Pollack decay: every label weight and feedback synapse shrinks by this fraction per digit, so
    /// the difference between B and the forward weights (which get the same updates) decays to 0.
    double weightDecay = 0.0;
    int stepsPerDigit = 50;
    int epochs = 3;
    std::uint64_t seed = 1;
};

/// Settings from a project's experiment section (kind "spiking_supervised_pc_mnist"); `error` names the
/// field and what is wrong.
std::optional<SpikingSupervisedPcConfig> parseSpikingSupervisedPc(const nlohmann::json& experiment,
                                                                  std::string& error);

/// Which neurons fired in one step, each population numbered from 0.
struct SpikingSupervisedPcSpikes {
    std::vector<std::uint32_t> pixels, hidden, hiddenErrorsPos, hiddenErrorsNeg, labelErrorsPos,
        labelErrorsNeg;
};

class SpikingSupervisedPc {
public:
    explicit SpikingSupervisedPc(const SpikingSupervisedPcConfig& config);

    /// One step showing intensities `x` (size pixels, in [0, 1]); `label` in [0, labels) clamps the label,
    /// -1 leaves it free (its error neurons and the hidden ones stay silent). Learns when `learn` and
    /// clamped. With `spikes`, appends which neurons fired.
    void step(const Eigen::VectorXf& x, int label, bool learn, SpikingSupervisedPcSpikes* spikes = nullptr);
    /// The free energy the error neurons carry now: F = 1/2 |e_h|^2 + g/2 |e_y|^2 with each error decoded
    /// from its +/- pair's traces (rate PC's F with label variance 1/g). 0 while the label is free.
    double freeEnergy() const;
    /// Shows `x` with the label free for stepsPerDigit steps (from a fresh state) and returns the label
    /// prediction averaged over the second half: the network's answer is its largest entry.
    Eigen::VectorXf answer(const Eigen::VectorXf& x);
    void setLearningRate(double rate) { m_config.learningRate = rate; }
    void setFeedbackGain(double gain) { m_config.feedbackGain = gain; }
    /// Forgets the current digit (membranes, traces), keeping the weights.
    void resetState();
    /// The label layer's prediction Theta0 zbar + b0 from the hidden traces now.
    Eigen::VectorXf labelPrediction() const { return m_theta0 * m_zbar + m_b0; }
    const Eigen::VectorXf& hiddenTraces() const { return m_zbar; }
    const Eigen::MatrixXf& imageToHidden() const { return m_theta1; }
    const Eigen::MatrixXf& hiddenToLabel() const { return m_theta0; }
    /// The feedback synapses B (labels x hidden) the label errors reach the hidden layer through.
    const Eigen::MatrixXf& feedback() const { return m_feedback; }
    /// Spikes of the hidden error neurons and of the label error neurons since resetState().
    std::uint64_t hiddenErrorSpikes() const { return m_hiddenErrorSpikes; }
    std::uint64_t labelErrorSpikes() const { return m_labelErrorSpikes; }
    /// Synaptic events so far (spikes x fan-out), the energy proxy.
    std::uint64_t synapticEvents() const { return m_synapticEvents; }
    const SpikingSupervisedPcConfig& config() const { return m_config; }

private:
    SpikingSupervisedPcConfig m_config;
    std::mt19937_64 m_rng;
    Eigen::MatrixXf m_theta1, m_theta0, m_feedback; // hidden x pixels, labels x hidden, labels x hidden
    Eigen::VectorXf m_b1, m_b0;
    Eigen::VectorXf m_xbar, m_v, m_m, m_phase, m_zbar;
    Eigen::VectorXf m_hPos, m_hNeg, m_hPhasePos, m_hPhaseNeg, m_ybar, m_yPos, m_yNeg, m_yPhasePos,
        m_yPhaseNeg;
    std::uint64_t m_synapticEvents = 0, m_hiddenErrorSpikes = 0, m_labelErrorSpikes = 0;
};

struct SpikingSupervisedPcResult {
    double testAccuracy = 0.0;
    /// Mean free energy over each digit's learning half, averaged per 500 training digits.
    std::vector<double> freeEnergyCurve;
    double trainSeconds = 0.0;
    double testSeconds = 0.0;
    /// Test time: spikes x fan-out per digit (a pixel spike reaches every hidden value neuron and its error
    /// neuron, a hidden spike the label units).
    double synapticOpsPerInference = 0.0;
};

/// Trains on data.train (epochs shuffles, seeded) and tests on data.test; the answer for a test digit is the
/// largest label prediction averaged over the digit's second half. `progress` (optional): epoch, digits done.
SpikingSupervisedPcResult
trainAndEvaluateSpikingSupervisedPc(const MnistSplit& data, const SpikingSupervisedPcConfig& config,
                                    const std::function<void(int, int)>& progress = {});

} // namespace pulselab::core
