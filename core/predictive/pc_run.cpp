#include "core/predictive/pc_run.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace pulselab::core {

std::optional<PcExperimentConfig> parsePcExperiment(const nlohmann::json& e, std::string& error) {
    PcExperimentConfig c;
    try {
        if (e.value("kind", "") != "rate_pc") {
            error = "experiment.kind: expected \"rate_pc\"";
            return std::nullopt;
        }
        c.network.layerSizes = e.at("layers").get<std::vector<int>>();
        if (c.network.layerSizes.size() < 2) {
            error = "experiment.layers: needs at least an input and a latent layer";
            return std::nullopt;
        }
        for (int n : c.network.layerSizes)
            if (n < 1 || n > 100000) {
                error = "experiment.layers: sizes must be between 1 and 100000";
                return std::nullopt;
            }
        const std::string activation = e.value("activation", "identity");
        if (activation == "identity")
            c.network.activation = Activation::Identity;
        else if (activation == "tanh")
            c.network.activation = Activation::Tanh;
        else {
            error = "experiment.activation: '" + activation + "' is not identity or tanh";
            return std::nullopt;
        }
        c.network.inferenceRate = e.value("inference_rate", 0.05);
        c.network.learningRate = e.value("learning_rate", 0.005);
        c.network.varianceLearningRate = e.value("variance_learning_rate", 0.0);
        c.network.initialWeightScale = e.value("initial_weight_scale", 0.3);
        c.network.seed = e.value("seed", std::uint64_t{1});
        c.stepsPerSample = e.value("steps_per_sample", 100);
        c.dtMs = e.value("dt_ms", 1.0);
        c.noiseSd = e.value("noise_sd", 0.3);
        c.switchAtSample = e.value("switch_at_sample", -1);
        c.taskSeed = e.value("task_seed", std::uint64_t{7});
        c.network.initialVariance = c.noiseSd * c.noiseSd;
        if (!(c.network.inferenceRate > 0 && c.network.inferenceRate < 1)) {
            error = "experiment.inference_rate: must be in (0, 1)";
            return std::nullopt;
        }
        if (c.stepsPerSample < 1) {
            error = "experiment.steps_per_sample: must be at least 1";
            return std::nullopt;
        }
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    return c;
}

PcRun::PcRun(const PcExperimentConfig& config) : m_config(config) {
    buildLayout();
    reset();
}

void PcRun::buildLayout() {
    const int L = static_cast<int>(m_config.network.layerSizes.size());
    m_layout = RunLayout{};
    m_layout.dtMs = m_config.dtMs;
    m_display = RatePcDisplay{};
    const auto& sizes = m_config.network.layerSizes;
    using Units = RatePcDisplay::Units;
    m_display.add(m_layout, "input", sizes[0], 0, Units::Values);
    for (int l = 0; l < L; ++l) {
        const auto size = sizes[static_cast<std::size_t>(l)];
        if (l > 0)
            m_display.add(m_layout, "layer " + std::to_string(l) + " values", size, l, Units::Values);
        if (l + 1 < L)
            m_display.add(m_layout, "layer " + std::to_string(l) + " errors", size, l, Units::Errors);
    }
    addFreeEnergySignals(m_layout, L);
    auto& s = m_layout.scalarSignals;
    const int top = sizes.back();
    for (int i = 0; i < top; ++i) {
        s.push_back({"top[" + std::to_string(i) + "] belief", SignalKind::BeliefMean, i, ""});
        s.push_back({"top[" + std::to_string(i) + "] exact s.d.", SignalKind::BeliefSd, i, ""});
        s.push_back({"top[" + std::to_string(i) + "] exact posterior", SignalKind::BeliefTruth, i, ""});
    }
}

void PcRun::randomiseTask() {
    std::normal_distribution<double> normal(0.0, 1.0);
    m_taskWeights.clear();
    const auto& sizes = m_config.network.layerSizes;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        Eigen::MatrixXd w(sizes[l], sizes[l + 1]);
        for (Eigen::Index i = 0; i < w.size(); ++i)
            w.data()[i] = normal(m_taskRng) / std::sqrt(static_cast<double>(sizes[l + 1]));
        m_taskWeights.push_back(w);
    }
}

Eigen::VectorXd PcRun::sampleInput() {
    // Ancestral sampling through the task's linear Gaussian hierarchy.
    std::normal_distribution<double> normal(0.0, 1.0);
    const auto& sizes = m_config.network.layerSizes;
    Eigen::VectorXd x(sizes.back());
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x[i] = normal(m_taskRng);
    for (int l = static_cast<int>(sizes.size()) - 2; l >= 0; --l) {
        Eigen::VectorXd below = m_taskWeights[static_cast<std::size_t>(l)] * x;
        for (Eigen::Index i = 0; i < below.size(); ++i)
            below[i] += m_config.noiseSd * normal(m_taskRng);
        x = below;
    }
    return x;
}

void PcRun::nextSample() {
    if (m_sample == m_config.switchAtSample)
        randomiseTask();
    m_net->setInput(sampleInput());
    m_exact = exactLinearPosterior(*m_net, &m_exactSd);
    ++m_sample;
}

void PcRun::reset() {
    m_net = std::make_unique<RatePcNetwork>(m_config.network);
    m_taskRng.seed(m_config.taskSeed);
    m_displayRng.seed(m_config.taskSeed ^ 0x5eedULL);
    m_step = 0;
    m_sample = 0;
    m_settled.clear();
    m_synapticOps = 0;
    randomiseTask();
    nextSample();
}

void PcRun::advance(std::int64_t steps, RunSnapshot& out) {
    const int L = m_net->layers();
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    std::uint64_t synapsesPerStep = 0;
    for (int l = 0; l + 1 < L; ++l)
        synapsesPerStep +=
            2 * static_cast<std::uint64_t>(m_net->weights(l).size()); // predictions down, errors up
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        const double f = m_net->inferStep();
        m_synapticOps += synapsesPerStep;
        std::size_t signal = 0;
        auto sample = [&](double v) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal].values.push_back(v);
            ++signal;
        };
        sampleFreeEnergySignals(*m_net, true, sample);
        const Eigen::VectorXd& top = m_net->value(L - 1);
        for (Eigen::Index i = 0; i < top.size(); ++i) {
            sample(top[i]);
            sample(m_exactSd.back()[i]);
            sample(m_exact.back()[i]);
        }
        m_display.appendSpikes(*m_net, m_layout, m_step, m_config.dtMs, m_config.displayGainHz, m_displayRng,
                               out.spikes);
        if ((m_step + 1) % m_config.stepsPerSample == 0) {
            m_settled.push_back(f);
            m_net->learn();
            checkWeights();
            nextSample();
        }
        if (!std::isfinite(f))
            throw RunFault(
                "predictive coding network, step " + std::to_string(m_step) +
                ": free energy became NaN or infinite (inference_rate too large?); the run was stopped");
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
}

void PcRun::checkWeights() const {
    // Learned weights of a stable network stay of order one (the task's are N(0, 1/n)); growth by six orders
    // of magnitude means learning diverged (learning_rate too large for the inputs' scale). Stopping here
    // names the cause while the free energy is still finite, instead of a NaN many samples later.
    constexpr double kWeightLimit = 1e6;
    for (int l = 0; l + 1 < static_cast<int>(m_config.network.layerSizes.size()); ++l) {
        const Eigen::MatrixXd& w = m_net->weights(l);
        const bool finite = w.allFinite();
        const double largest = finite && w.size() > 0 ? w.cwiseAbs().maxCoeff() : 0.0;
        if (finite && largest <= kWeightLimit)
            continue;
        std::ostringstream message;
        message << "predictive coding network, weights from 'layer " << l + 1 << " values' to 'layer " << l
                << " errors', step " << m_step << " (sample " << m_sample << "): exploding weights: "
                << (finite ? "max |w| = " + std::to_string(largest) + " > " + std::to_string(kWeightLimit)
                           : std::string("a weight became NaN or infinite"))
                << " (learning_rate too large?); the run was stopped";
        throw RunFault(message.str());
    }
}

double PcRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    if (target == "pc" && parameter == "inference_rate") {
        if (!(value > 0 && value < 1))
            throw std::invalid_argument("'pc.inference_rate': must be in (0, 1)");
        const double old = m_net->config().inferenceRate;
        m_net->setInferenceRate(value);
        m_config.network.inferenceRate = value;
        return old;
    }
    if (target == "pc" && parameter == "learning_rate") {
        if (!(value >= 0 && value < 1))
            throw std::invalid_argument("'pc.learning_rate': must be in [0, 1)");
        const double old = m_net->config().learningRate;
        m_net->setLearningRate(value);
        m_config.network.learningRate = value;
        return old;
    }
    if (target == "task" && parameter == "noise_sd") {
        if (!(value >= 0 && value < 100))
            throw std::invalid_argument("'task.noise_sd': must be in [0, 100)");
        const double old = m_config.noiseSd;
        m_config.noiseSd = value;
        return old;
    }
    throw std::invalid_argument(
        "'" + target + "." + parameter +
        "': the predictive coding run has pc.inference_rate, pc.learning_rate, task.noise_sd");
}

} // namespace pulselab::core
