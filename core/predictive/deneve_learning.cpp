#include "core/predictive/deneve_learning.h"

#include "core/neurons/bayesian_neuron.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pulselab::core {

namespace {
constexpr double kMinRateHz = 1e-6;
constexpr double kMinTimeS = 1e-9;

bool finiteAtLeast(double v, double low) {
    return std::isfinite(v) && v >= low;
}
} // namespace

std::string DeneveLearningConfig::problem() const {
    if (!finiteAtLeast(rOnHz, 0.0) || !finiteAtLeast(rOffHz, 0.0))
        return "rOnHz / rOffHz: switching rates must be finite and >= 0";
    if (!(std::isfinite(dtMs) && dtMs > 0.0))
        return "dtMs: the step must be finite and > 0";
    if (initialQOnHz.empty() || initialQOnHz.size() != initialQOffHz.size())
        return "initialQOnHz / initialQOffHz: one first guess per input in each (same non-zero size)";
    for (std::size_t i = 0; i < initialQOnHz.size(); ++i)
        if (!(std::isfinite(initialQOnHz[i]) && initialQOnHz[i] > 0.0 && std::isfinite(initialQOffHz[i]) &&
              initialQOffHz[i] > 0.0))
            return "initialQOnHz[" + std::to_string(i) + "] / initialQOffHz[" + std::to_string(i) +
                   "]: input rates must be finite and > 0";
    if (!(std::isfinite(memoryS) && memoryS * 1000.0 > dtMs))
        return "memoryS: the forgetting time must be finite and longer than one step";
    if (!(std::isfinite(priorWeightS) && priorWeightS > 0.0))
        return "priorWeightS: must be finite and > 0";
    if (!(std::isfinite(eta) && eta > 0.0))
        return "eta: the output spike's jump must be finite and > 0";
    if (!(std::isfinite(lLimit) && lLimit >= 1.0))
        return "lLimit: must be finite and >= 1";
    return {};
}

DeneveLearningNeuron::DeneveLearningNeuron(const DeneveLearningConfig& config)
    : m_config(config), m_dtS(config.dtMs / 1000.0) {
    if (const std::string problem = config.problem(); !problem.empty())
        throw std::invalid_argument("Deneve learning neuron: " + problem);
    // The first guesses enter as pseudo-counts: priorWeightS seconds of each state at the guessed rates.
    m_timeOnS = m_timeOffS = config.priorWeightS;
    m_counts.resize(config.initialQOnHz.size());
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] = {config.initialQOnHz[i] * config.priorWeightS,
                       config.initialQOffHz[i] * config.priorWeightS};
    m_weight.resize(m_counts.size());
    m_fired.assign(m_counts.size(), 0);
    refreshModel();
}

DeneveLearningNeuron::SynapseCounts DeneveLearningNeuron::learnSynapse(SynapseCounts counts, bool preSpike,
                                                                       double belief, double forget) {
    const double s = preSpike ? 1.0 : 0.0;
    counts.whileOn += belief * s - forget * counts.whileOn;
    counts.whileOff += (1.0 - belief) * s - forget * counts.whileOff;
    return counts;
}

double DeneveLearningNeuron::rateHz(double count, double timeS) {
    return std::max(count / std::max(timeS, kMinTimeS), kMinRateHz);
}

double DeneveLearningNeuron::qOnHz(std::size_t i) const {
    return rateHz(m_counts[i].whileOn, m_timeOnS);
}

double DeneveLearningNeuron::qOffHz(std::size_t i) const {
    return rateHz(m_counts[i].whileOff, m_timeOffS);
}

void DeneveLearningNeuron::refreshModel() {
    m_thetaHz = 0.0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        const double on = qOnHz(i), off = qOffHz(i);
        m_weight[i] = std::log(on / off);
        m_thetaHz += on - off;
    }
}

double DeneveLearningNeuron::probability() const {
    return 1.0 / (1.0 + std::exp(-m_l));
}

double DeneveLearningNeuron::decodedProbability() const {
    return 1.0 / (1.0 + std::exp(-m_g));
}

bool DeneveLearningNeuron::step(const std::vector<std::uint32_t>& spikes) {
    // Inference (SCIENCE.md section 3): dL = switching prior - theta dt + sum_i w_i s_i; G follows the same
    // leak and jumps by eta at each output spike, fired when L - G > eta / 2.
    const double switchOn = std::min(1.0, m_config.rOnHz * m_dtS);
    const double switchOff = std::min(1.0, m_config.rOffHz * m_dtS);
    for (std::uint32_t i : spikes)
        if (i >= m_counts.size())
            throw std::out_of_range("Deneve learning neuron: input " + std::to_string(i) +
                                    " fired, but it has " + std::to_string(m_counts.size()) + " inputs");
    double evidence = -m_thetaHz * m_dtS;
    for (std::uint32_t i : spikes) {
        evidence += m_weight[i];
        m_fired[i] = 1;
    }
    const double limit = m_config.lLimit;
    m_l = std::clamp(deneveSwitchingStep(m_l, switchOn, switchOff) + evidence, -limit, limit);
    m_g = std::clamp(deneveSwitchingStep(m_g, switchOn, switchOff) - m_thetaHz * m_dtS, -limit, limit);
    const bool fired = m_l - m_g > m_config.eta / 2.0;
    if (fired)
        m_g += m_config.eta;
    if (m_config.learning) {
        // M-step on this step's belief (Denève 2008 part II: online EM with the filtered posterior).
        const double p = probability(), forget = m_dtS / m_config.memoryS;
        for (std::size_t i = 0; i < m_counts.size(); ++i)
            m_counts[i] = learnSynapse(m_counts[i], m_fired[i] != 0, p, forget);
        m_timeOnS += p * m_dtS - forget * m_timeOnS;
        m_timeOffS += (1.0 - p) * m_dtS - forget * m_timeOffS;
        refreshModel();
    }
    for (std::uint32_t i : spikes)
        m_fired[i] = 0;
    return fired;
}

} // namespace pulselab::core
