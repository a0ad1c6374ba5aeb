#pragma once
// Spiking predictive coding with the error in the membrane: the spike-coding network of Boerlin, Machens &
// Denève 2013 (PLoS Comput Biol 9(11):e1003258). N neurons encode a J-dimensional signal x(t); the readout
// obeys dx^/dt = -lambda x^ + Gamma o(t). Neuron i's membrane is its projected coding error
//   V_i = Gamma_i^T (x - x^)
// and it fires when V_i > (||Gamma_i||^2 + mu) / 2: exactly when its spike lowers the loss
// ||x - x^||^2 + mu ||r||^2 (r: filtered spike trains). At most one neuron fires per step (the one with the
// largest excess), as in the paper's simulations. Fast recurrent inhibition Gamma^T Gamma is implicit in V.
#include "core/runtime/steppable_run.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <optional>
#include <random>

namespace pulselab::core {

struct SpikeCodingConfig {
    int neurons = 40;
    int dimensions = 2;
    double lambdaHz = 10.0;    ///< readout decay
    double decoderScale = 0.1; ///< |Gamma_i|: the readout jump per spike
    double mu = 1e-4;          ///< quadratic cost on rates (spreads spikes across neurons)
    double dtMs = 0.1;
    double signalAmplitude = 1.0;
    double signalFrequencyHz = 2.0;
    std::uint64_t seed = 1;
};

std::optional<SpikeCodingConfig> parseSpikeCoding(const nlohmann::json& experiment, std::string& error);

class SpikeCodingRun : public SteppableRun {
public:
    explicit SpikeCodingRun(const SpikeCodingConfig& config);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    /// The loss ||x - x^||^2 + mu ||r||^2 now.
    double loss() const;
    const Eigen::VectorXd& signal() const { return m_x; }
    const Eigen::VectorXd& readout() const { return m_xHat; }

private:
    Eigen::VectorXd signalAt(double tSeconds) const;

    SpikeCodingConfig m_config;
    RunLayout m_layout;
    Eigen::MatrixXd m_gamma; // J x N decoders
    Eigen::VectorXd m_thresholds, m_x, m_xHat, m_rates;
    std::vector<double> m_phase;
    std::int64_t m_step = 0;
};

} // namespace pulselab::core
