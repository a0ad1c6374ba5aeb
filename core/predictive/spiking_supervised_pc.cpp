#include "core/predictive/spiking_supervised_pc.h"

#include "core/runtime/seconds_since.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace pulselab::core {

namespace {
constexpr int kCurveBlock = 500;

/// A positive and a negative integrate-and-fire error neuron (number `index`) on `e`; returns how many fired
/// and, with `pos`/`neg`, appends `index` to the list of the one that fired.
int errorPair(float e, float rate, float jump, float& phasePos, float& phaseNeg, float& tracePos,
              float& traceNeg, int index, std::vector<std::uint32_t>* pos, std::vector<std::uint32_t>* neg) {
    int spikes = 0;
    phasePos += std::max(e, 0.0f) * rate;
    phaseNeg += std::max(-e, 0.0f) * rate;
    if (phasePos >= 1.0f) {
        phasePos -= 1.0f;
        tracePos += jump / rate;
        ++spikes;
        if (pos)
            pos->push_back(static_cast<std::uint32_t>(index));
    }
    if (phaseNeg >= 1.0f) {
        phaseNeg -= 1.0f;
        traceNeg += jump / rate;
        ++spikes;
        if (neg)
            neg->push_back(static_cast<std::uint32_t>(index));
    }
    return spikes;
}
} // namespace

SpikingSupervisedPc::SpikingSupervisedPc(const SpikingSupervisedPcConfig& config)
    : m_config(config), m_rng(config.seed) {
    // As rate PC's classifier: weights ~ N(0, 1/fan-in), biases 0.
    std::normal_distribution<float> normal(0.0f, 1.0f);
    m_theta1.resize(config.hidden, config.pixels);
    for (Eigen::Index k = 0; k < m_theta1.size(); ++k)
        m_theta1.data()[k] = normal(m_rng) / std::sqrt(static_cast<float>(config.pixels));
    m_theta0.resize(config.labels, config.hidden);
    for (Eigen::Index k = 0; k < m_theta0.size(); ++k)
        m_theta0.data()[k] = normal(m_rng) / std::sqrt(static_cast<float>(config.hidden));
    if (config.randomFeedback) {
        m_feedback.resize(config.labels, config.hidden);
        for (Eigen::Index k = 0; k < m_feedback.size(); ++k)
            m_feedback.data()[k] = normal(m_rng) / std::sqrt(static_cast<float>(config.hidden));
    } else {
        m_feedback = m_theta0;
    }
    m_b1 = Eigen::VectorXf::Zero(config.hidden);
    m_b0 = Eigen::VectorXf::Zero(config.labels);
    resetState();
}

void SpikingSupervisedPc::resetState() {
    const int n = m_config.pixels, k = m_config.hidden, c = m_config.labels;
    m_xbar = Eigen::VectorXf::Zero(n);
    m_v = m_m = m_phase = m_zbar = m_hPos = m_hNeg = m_hPhasePos = m_hPhaseNeg = Eigen::VectorXf::Zero(k);
    m_ybar = m_yPos = m_yNeg = m_yPhasePos = m_yPhaseNeg = Eigen::VectorXf::Zero(c);
    m_hiddenErrorSpikes = m_labelErrorSpikes = 0;
}

std::optional<SpikingSupervisedPcConfig> parseSpikingSupervisedPc(const nlohmann::json& e,
                                                                  std::string& error) {
    SpikingSupervisedPcConfig c;
    try {
        c.hidden = e.value("hidden", c.hidden);
        c.inputRateHz = e.value("input_rate_hz", c.inputRateHz);
        c.hiddenRateHz = e.value("hidden_rate_hz", c.hiddenRateHz);
        c.errorRateHz = e.value("error_rate_hz", c.errorRateHz);
        c.traceMs = e.value("trace_ms", c.traceMs);
        c.tauVMs = e.value("tau_v_ms", c.tauVMs);
        c.feedbackGain = e.value("feedback_gain", c.feedbackGain);
        c.learningRate = e.value("learning_rate", c.learningRate);
        c.randomFeedback = e.value("feedback_start", std::string("copy")) == "random";
        if (const std::string start = e.value("feedback_start", std::string("copy"));
            start != "copy" && start != "random") {
            error = "experiment.feedback_start: must be \"copy\" or \"random\", not \"" + start + "\"";
            return std::nullopt;
        }
        c.weightDecay = e.value("weight_decay", c.weightDecay);
        c.stepsPerDigit = e.value("steps_per_digit", c.stepsPerDigit);
        c.epochs = e.value("epochs", c.epochs);
        c.seed = e.value("seed", c.seed);
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    const auto rateOk = [](double hz) { return hz > 0 && hz <= 1000; }; // at most one spike per 1 ms step
    if (c.hidden < 1 || c.hidden > 10000)
        error = "experiment.hidden: must be between 1 and 10000";
    else if (c.stepsPerDigit < 2 || c.stepsPerDigit > 10000)
        error = "experiment.steps_per_digit: must be between 2 and 10000";
    else if (c.epochs < 1 || c.epochs > 1000)
        error = "experiment.epochs: must be between 1 and 1000";
    else if (!(c.learningRate >= 0 && c.learningRate < 1))
        error = "experiment.learning_rate: must be in [0, 1)";
    else if (!(c.weightDecay >= 0 && c.weightDecay < 1))
        error = "experiment.weight_decay: must be in [0, 1)";
    else if (!(c.feedbackGain > 0 && c.feedbackGain <= 100))
        error = "experiment.feedback_gain: must be in (0, 100]";
    else if (!rateOk(c.inputRateHz) || !rateOk(c.hiddenRateHz) || !rateOk(c.errorRateHz))
        error =
            "experiment.input_rate_hz, hidden_rate_hz and error_rate_hz: must be in (0, 1000] (at most one "
            "spike per 1 ms step)";
    else if (!(c.traceMs >= 1 && c.traceMs <= 10000) || !(c.tauVMs >= 1 && c.tauVMs <= 10000))
        error = "experiment.trace_ms and tau_v_ms: must be between 1 and 10000 ms";
    if (!error.empty())
        return std::nullopt;
    return c;
}

double SpikingSupervisedPc::freeEnergy() const {
    return 0.5 * static_cast<double>((m_hPos - m_hNeg).squaredNorm()) +
           0.5 * m_config.feedbackGain * static_cast<double>((m_yPos - m_yNeg).squaredNorm());
}

Eigen::VectorXf SpikingSupervisedPc::answer(const Eigen::VectorXf& x) {
    resetState();
    const int steps = m_config.stepsPerDigit;
    Eigen::VectorXf sum = Eigen::VectorXf::Zero(m_config.labels);
    for (int t = 0; t < steps; ++t) {
        step(x, -1, false);
        if (t >= steps / 2)
            sum += labelPrediction();
    }
    return sum / static_cast<float>(steps - steps / 2);
}

void SpikingSupervisedPc::step(const Eigen::VectorXf& x, int label, bool learn,
                               SpikingSupervisedPcSpikes* spikes) {
    const int n = m_config.pixels, k = m_config.hidden, c = m_config.labels;
    const auto dt = static_cast<float>(m_config.dtMs);
    const float decay = std::exp(-dt / static_cast<float>(m_config.traceMs));
    const float jump = 1.0f - decay; // a train at q x rate settles its trace at q
    const auto pIn = static_cast<float>(m_config.inputRateHz * m_config.dtMs / 1000.0);
    const auto pHidden = static_cast<float>(m_config.hiddenRateHz * m_config.dtMs / 1000.0);
    const auto pErr = static_cast<float>(m_config.errorRateHz * m_config.dtMs / 1000.0);
    const float a = dt / static_cast<float>(m_config.tauVMs);
    const bool clamped = label >= 0 && label < c;
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);

    // Pixels: Poisson spikes to every hidden value neuron and its error neuron.
    m_xbar *= decay;
    for (int i = 0; i < n; ++i)
        if (unit(m_rng) < std::clamp(x[i], 0.0f, 1.0f) * pIn) {
            m_xbar[i] += jump / pIn;
            m_synapticEvents += 2u * static_cast<std::uint64_t>(k);
            if (spikes)
                spikes->pixels.push_back(static_cast<std::uint32_t>(i));
        }
    const Eigen::VectorXf mu = m_theta1 * m_xbar + m_b1;

    // Label error neurons (clamped only): the label's spike train against the hidden layer's prediction.
    m_ybar *= decay;
    m_yPos *= decay;
    m_yNeg *= decay;
    Eigen::VectorXf topDown = Eigen::VectorXf::Zero(k);
    if (clamped) {
        // The clamped label unit fires every step, the others are silent: their traces are 1 and 0 (the
        // clamp is held from the digit's start, so the trace is taken as settled).
        m_ybar.setZero();
        m_ybar[label] = 1.0f;
        m_synapticEvents += 2u; // to its positive and negative error neurons
        const Eigen::VectorXf e = m_ybar - labelPrediction();
        for (int j = 0; j < c; ++j) {
            const int fired = errorPair(e[j], pErr, jump, m_yPhasePos[j], m_yPhaseNeg[j], m_yPos[j],
                                        m_yNeg[j], j, spikes ? &spikes->labelErrorsPos : nullptr,
                                        spikes ? &spikes->labelErrorsNeg : nullptr);
            m_labelErrorSpikes += static_cast<std::uint64_t>(fired);
            m_synapticEvents += static_cast<std::uint64_t>(fired) * static_cast<std::uint64_t>(k);
        }
        topDown = static_cast<float>(m_config.feedbackGain) * (m_feedback.transpose() * (m_yPos - m_yNeg));
    }

    // Hidden value neurons and, per unit, the error neurons' integral of the same bottom-up current.
    for (int j = 0; j < k; ++j)
        if (m_v[j] <= 0.0f || m_v[j] >= 1.0f)
            topDown[j] = 0.0f; // outside its operating range the unit's rate does not move (phi' = 0)
    m_v += a * (-m_v + mu + topDown);
    m_m += a * (-m_m + mu);
    m_zbar *= decay;
    for (int j = 0; j < k; ++j) {
        m_phase[j] += std::clamp(m_v[j], 0.0f, 1.0f) * pHidden;
        if (m_phase[j] >= 1.0f) {
            m_phase[j] -= 1.0f;
            m_zbar[j] += jump / pHidden;
            m_synapticEvents += static_cast<std::uint64_t>(c); // to the label prediction units
            if (spikes)
                spikes->hidden.push_back(static_cast<std::uint32_t>(j));
        }
    }

    // Hidden error neurons: value membrane minus the bottom-up prediction, inside the operating range.
    m_hPos *= decay;
    m_hNeg *= decay;
    if (!clamped)
        return;
    for (int j = 0; j < k; ++j) {
        const float e = (m_v[j] > 0.0f && m_v[j] < 1.0f) ? m_v[j] - m_m[j] : 0.0f;
        const int fired = errorPair(e, pErr, jump, m_hPhasePos[j], m_hPhaseNeg[j], m_hPos[j], m_hNeg[j], j,
                                    spikes ? &spikes->hiddenErrorsPos : nullptr,
                                    spikes ? &spikes->hiddenErrorsNeg : nullptr);
        m_hiddenErrorSpikes += static_cast<std::uint64_t>(fired);
    }
    if (!learn)
        return;
    const float perStep =
        1.0f / static_cast<float>(std::max(1, m_config.stepsPerDigit - m_config.stepsPerDigit / 2));
    const auto eta0 = static_cast<float>(m_config.learningRate) * perStep;
    const float eta1 = eta0 / static_cast<float>(m_config.feedbackGain);
    const Eigen::VectorXf eh = m_hPos - m_hNeg, ey = m_yPos - m_yNeg;
    m_theta1.noalias() += eta1 * eh * m_xbar.transpose();
    m_b1 += eta1 * eh;
    if (m_config.weightDecay > 0) {
        const float keep = 1.0f - static_cast<float>(m_config.weightDecay) * perStep;
        m_theta0 *= keep;
        m_feedback *= keep;
    }
    m_theta0.noalias() += eta0 * ey * m_zbar.transpose();
    m_feedback.noalias() += eta0 * ey * m_zbar.transpose();
    m_b0 += eta0 * ey;
}

SpikingSupervisedPcResult trainAndEvaluateSpikingSupervisedPc(const MnistSplit& data,
                                                              const SpikingSupervisedPcConfig& config,
                                                              const std::function<void(int, int)>& progress) {
    SpikingSupervisedPcConfig netConfig = config;
    netConfig.pixels = static_cast<int>(data.train.images.rows());
    SpikingSupervisedPc pc(netConfig);
    const int steps = config.stepsPerDigit;
    SpikingSupervisedPcResult result;
    std::mt19937_64 shuffle(config.seed);
    std::vector<int> order(data.train.labels.size());
    std::iota(order.begin(), order.end(), 0);
    double blockFreeEnergy = 0.0;
    int blockDigits = 0;
    const auto trainStart = std::chrono::steady_clock::now();
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), shuffle);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const int i = order[k];
            const int label = data.train.labels[static_cast<std::size_t>(i)];
            const Eigen::VectorXf x = data.train.images.col(i);
            pc.resetState();
            double freeEnergy = 0.0;
            for (int t = 0; t < steps; ++t) {
                pc.step(x, label, t >= steps / 2);
                if (t >= steps / 2)
                    freeEnergy += pc.freeEnergy();
            }
            blockFreeEnergy += freeEnergy / (steps - steps / 2);
            if (++blockDigits == kCurveBlock) {
                result.freeEnergyCurve.push_back(blockFreeEnergy / blockDigits);
                blockFreeEnergy = 0.0;
                blockDigits = 0;
            }
            if (progress && (k + 1) % 1000 == 0)
                progress(epoch, static_cast<int>(k + 1));
        }
    }
    if (blockDigits > 0) // the last block may be shorter
        result.freeEnergyCurve.push_back(blockFreeEnergy / blockDigits);
    result.trainSeconds = secondsSince(trainStart);

    const auto testStart = std::chrono::steady_clock::now();
    const std::uint64_t eventsBefore = pc.synapticEvents();
    int correct = 0;
    const auto tests = static_cast<int>(data.test.labels.size());
    for (int i = 0; i < tests; ++i) {
        Eigen::Index best = 0;
        pc.answer(data.test.images.col(i)).maxCoeff(&best);
        correct += best == data.test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    result.testSeconds = secondsSince(testStart);
    result.testAccuracy = tests > 0 ? static_cast<double>(correct) / tests : 0.0;
    result.synapticOpsPerInference =
        tests > 0 ? static_cast<double>(pc.synapticEvents() - eventsBefore) / tests : 0.0;
    return result;
}

} // namespace pulselab::core
