#include "core/predictive/bars_pc_run.h"

#include "core/predictive/spiking_error_pc_readouts.h"

#include <stdexcept>
#include <utility>

namespace pulselab::core {

std::optional<BarsPcConfig> parseBarsPc(const nlohmann::json& e, std::string& error) {
    BarsPcConfig c;
    c.network.latents = 20;
    c.network.learningRate = 0.001;
    try {
        c.width = e.value("width", c.width);
        c.barProbability = e.value("bar_probability", c.barProbability);
        c.presentationSteps = e.value("presentation_steps", c.presentationSteps);
        c.learn = e.value("learn", c.learn);
        c.network.latents = e.value("latents", c.network.latents);
        c.network.learningRate = e.value("learning_rate", c.network.learningRate);
        c.network.sparsity = e.value("sparsity", c.network.sparsity);
        c.network.maxRateHz = e.value("max_rate_hz", c.network.maxRateHz);
        c.network.errorRateHz = e.value("error_rate_hz", c.network.errorRateHz);
        c.network.traceMs = e.value("trace_ms", c.network.traceMs);
        c.network.seed = e.value("seed", c.network.seed);
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    c.network.inputs = c.width * c.width;
    if (c.width < 2 || c.width > 64)
        error = "experiment.width: must be between 2 and 64";
    else if (c.network.latents < 1 || c.network.latents > 4096)
        error = "experiment.latents: must be between 1 and 4096";
    else if (!(c.barProbability >= 0 && c.barProbability <= 1))
        error = "experiment.bar_probability: must be in [0, 1]";
    else if (c.presentationSteps < 2 || c.presentationSteps > 100000)
        error = "experiment.presentation_steps: must be between 2 and 100000";
    else if (!(c.network.learningRate >= 0 && c.network.learningRate < 1))
        error = "experiment.learning_rate: must be in [0, 1)";
    else if (!(c.network.sparsity >= 0))
        error = "experiment.sparsity: must be >= 0";
    else if (!(c.network.maxRateHz > 0 && c.network.maxRateHz <= 1000) ||
             !(c.network.errorRateHz > 0 && c.network.errorRateHz <= 1000))
        error = "experiment.max_rate_hz and error_rate_hz: must be in (0, 1000] (at most one spike per step)";
    else if (!(c.network.traceMs > 0))
        error = "experiment.trace_ms: must be > 0";
    if (!error.empty())
        return std::nullopt;
    return c;
}

BarsPcRun::BarsPcRun(const BarsPcConfig& config) : m_config(config), m_pc(config.network) {
    const auto pixels = static_cast<std::uint32_t>(config.network.inputs);
    const auto latents = static_cast<std::uint32_t>(config.network.latents);
    m_layout.dtMs = config.network.dtMs;
    m_layout.populations = spikingErrorPcPopulations("input pixels", pixels, latents);
    m_layout.links = spikingErrorPcLinks();
    m_layout.scalarSignals.push_back({"F (mean over each image)", SignalKind::FreeEnergyTotal, 0, ""});
    m_layout.scalarSignals.push_back(
        {"reconstruction error (MSE, end of image)", SignalKind::PredictionError, 0, ""});
    for (std::uint32_t j = 0; j < latents; ++j)
        m_layout.scalarSignals.push_back(
            {"cause " + std::to_string(j), SignalKind::BeliefMean, static_cast<int>(j), ""});
    reset();
}

void BarsPcRun::reset() {
    m_pc = SpikingErrorPc(m_config.network);
    m_data = std::mt19937_64(m_config.network.seed + 1000);
    m_step = 0;
    m_freeEnergySum = 0.0;
}

void BarsPcRun::advance(std::int64_t steps, RunSnapshot& out) {
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    const auto pixels = static_cast<std::uint32_t>(m_config.network.inputs);
    const auto latents = static_cast<std::uint32_t>(m_config.network.latents);
    SpikingErrorPcStep spikes;
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        const std::int64_t within = m_step % m_config.presentationSteps;
        if (within == 0) {
            BarsSample sample = drawBars(m_config.width, m_config.barProbability, m_data);
            m_image = Eigen::Map<Eigen::VectorXf>(sample.pixels.data(), pixels);
            m_pc.resetState();
        }
        spikes = {};
        m_pc.step(m_image, m_config.learn && within >= m_config.presentationSteps / 2, &spikes);
        appendSpikingErrorPcSpikes(spikes, m_step, pixels, latents, out.spikes);
        m_freeEnergySum += m_pc.freeEnergy();
        if (within + 1 < m_config.presentationSteps)
            continue;
        // One sample per image, at its end: the learning curve, not the within-image transient.
        std::size_t signal = 0;
        auto sample = [&](double value) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(value);
        };
        sample(m_freeEnergySum / static_cast<double>(m_config.presentationSteps));
        m_freeEnergySum = 0.0;
        sample(m_pc.reconstructionError(m_image));
        for (std::uint32_t j = 0; j < latents; ++j)
            sample(static_cast<double>(m_pc.beliefs()[j]));
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
    // Once per chunk: views show the latest.
    out.features = causeFeatures(m_pc, m_config.width, m_config.width, m_step);
}

double BarsPcRun::barMatch() const {
    double total = 0.0;
    for (const BarMatch& m : matchBars(m_pc.weights().cast<double>(), m_config.width))
        total += m.cosine;
    return total / (2 * m_config.width);
}

double BarsPcRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    auto check = [&](bool ok, const char* range) {
        if (!ok)
            throw std::invalid_argument("'" + target + "." + parameter + "': must be " + range);
    };
    if (target == "input" && parameter == "bar_probability") {
        check(value >= 0 && value <= 1, "in [0, 1]");
        return std::exchange(m_config.barProbability, value);
    }
    if (target == "network" && parameter == "learning_rate") {
        check(value >= 0 && value < 1, "in [0, 1)");
        m_config.network.learningRate = value;
        return m_pc.setLearningRate(value);
    }
    if (target == "network" && parameter == "sparsity") {
        check(value >= 0 && value <= 10, "in [0, 10]");
        m_config.network.sparsity = value;
        return m_pc.setSparsity(value);
    }
    throw std::invalid_argument("'" + target + "." + parameter +
                                "': this run has input.bar_probability, network.learning_rate and "
                                "network.sparsity");
}

} // namespace pulselab::core
