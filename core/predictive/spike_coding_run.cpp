#include "core/predictive/spike_coding_run.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace pulselab::core {

std::optional<SpikeCodingConfig> parseSpikeCoding(const nlohmann::json& e, std::string& error) {
    SpikeCodingConfig c;
    try {
        c.neurons = e.value("neurons", c.neurons);
        c.dimensions = e.value("dimensions", c.dimensions);
        c.lambdaHz = e.value("lambda_hz", c.lambdaHz);
        c.decoderScale = e.value("decoder_scale", c.decoderScale);
        c.mu = e.value("mu", c.mu);
        c.dtMs = e.value("dt_ms", c.dtMs);
        c.signalAmplitude = e.value("signal_amplitude", c.signalAmplitude);
        c.signalFrequencyHz = e.value("signal_frequency_hz", c.signalFrequencyHz);
        c.seed = e.value("seed", c.seed);
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    if (c.neurons < 1 || c.neurons > 100000)
        error = "experiment.neurons: must be between 1 and 100000";
    else if (c.dimensions < 1 || c.dimensions > 100)
        error = "experiment.dimensions: must be between 1 and 100";
    else if (!(c.dtMs > 0 && c.dtMs <= 10))
        error = "experiment.dt_ms: must be in (0, 10]";
    else if (!(c.decoderScale > 0))
        error = "experiment.decoder_scale: must be > 0";
    if (!error.empty())
        return std::nullopt;
    return c;
}

SpikeCodingRun::SpikeCodingRun(const SpikeCodingConfig& config) : m_config(config) {
    std::mt19937_64 rng(config.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 2.0 * std::numbers::pi);
    m_gamma.resize(config.dimensions, config.neurons);
    for (int i = 0; i < config.neurons; ++i) {
        Eigen::VectorXd g(config.dimensions);
        for (int j = 0; j < config.dimensions; ++j)
            g[j] = normal(rng);
        m_gamma.col(i) = config.decoderScale * g.normalized();
    }
    for (int j = 0; j < config.dimensions; ++j)
        m_phase.push_back(unit(rng));
    m_thresholds = 0.5 * (m_gamma.colwise().squaredNorm().transpose().array() + config.mu);

    m_layout.dtMs = config.dtMs;
    m_layout.populations = {{"coding neurons", static_cast<std::uint32_t>(config.neurons), 0}};
    m_layout.links = {{0, 0, "fast recurrent (-Gamma^T Gamma)"}}; // the error lives in the membranes
    m_layout.scalarSignals.push_back({"loss ||x - x^||^2 + mu||r||^2", SignalKind::FreeEnergyTotal, 0, ""});
    for (int j = 0; j < config.dimensions; ++j) {
        m_layout.scalarSignals.push_back(
            {"x^[" + std::to_string(j) + "] readout", SignalKind::BeliefMean, j, ""});
        m_layout.scalarSignals.push_back(
            {"x[" + std::to_string(j) + "] signal", SignalKind::BeliefTruth, j, ""});
    }
    reset();
}

Eigen::VectorXd SpikeCodingRun::signalAt(double t) const {
    Eigen::VectorXd x(m_config.dimensions);
    for (int j = 0; j < m_config.dimensions; ++j)
        x[j] = m_config.signalAmplitude *
               std::sin(2.0 * std::numbers::pi * m_config.signalFrequencyHz * (1.0 + 0.37 * j) * t +
                        m_phase[static_cast<std::size_t>(j)]);
    return x;
}

void SpikeCodingRun::reset() {
    m_step = 0;
    m_x = signalAt(0.0);
    m_xHat = Eigen::VectorXd::Zero(m_config.dimensions);
    m_rates = Eigen::VectorXd::Zero(m_config.neurons);
}

double SpikeCodingRun::loss() const {
    return (m_x - m_xHat).squaredNorm() + m_config.mu * m_rates.squaredNorm();
}

void SpikeCodingRun::advance(std::int64_t steps, RunSnapshot& out) {
    const double dtS = m_config.dtMs / 1000.0;
    const double decay = std::exp(-m_config.lambdaHz * dtS);
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        m_x = signalAt(static_cast<double>(m_step + 1) * dtS);
        m_xHat *= decay;
        m_rates *= decay;
        // Membrane potentials are the coding error seen through each decoder; the greedy spike (Boerlin
        // 2013).
        const Eigen::VectorXd v = m_gamma.transpose() * (m_x - m_xHat) - m_config.mu * m_rates;
        Eigen::Index best = 0;
        const double excess = (v - m_thresholds).maxCoeff(&best);
        if (excess > 0.0) {
            m_xHat += m_gamma.col(best);
            m_rates[best] += 1.0;
            out.spikes.push_back({m_step, static_cast<std::uint32_t>(best)});
        }
        std::size_t signal = 0;
        auto sample = [&](double value) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(value);
        };
        sample(loss());
        for (int j = 0; j < m_config.dimensions; ++j) {
            sample(m_xHat[j]);
            sample(m_x[j]);
        }
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
}

double SpikeCodingRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    if (target == "signal" && parameter == "amplitude") {
        if (!(value >= 0 && value <= 100))
            throw std::invalid_argument("'signal.amplitude': must be in [0, 100]");
        return std::exchange(m_config.signalAmplitude, value);
    }
    if (target == "network" && parameter == "lambda_hz") {
        if (!(value > 0 && value <= 1000))
            throw std::invalid_argument("'network.lambda_hz': must be in (0, 1000]");
        return std::exchange(m_config.lambdaHz, value);
    }
    throw std::invalid_argument("'" + target + "." + parameter +
                                "': the spike-coding network has signal.amplitude and network.lambda_hz");
}

} // namespace pulselab::core
