#include "core/predictive/hierarchical_hmm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pulselab::core {

namespace {
bool probabilityPerStep(double rateHz, double dtS) {
    return std::isfinite(rateHz) && rateHz >= 0.0 && rateHz * dtS <= 1.0;
}
} // namespace

std::string HierarchicalHmmParams::problem() const {
    if (!(std::isfinite(dtMs) && dtMs > 0.0))
        return "dtMs: the step must be finite and > 0";
    const double dtS = dtMs / 1000.0;
    if (lowers < 1 || lowers > kMaxLowers)
        return "lowers: between 1 and " + std::to_string(kMaxLowers) +
               " lower causes (the exact filter holds 2^(lowers+1) states)";
    if (inputsPerLower < 1)
        return "inputsPerLower: each lower cause needs at least one input";
    if (!probabilityPerStep(topOnHz, dtS) || !probabilityPerStep(topOffHz, dtS))
        return "topOnHz / topOffHz: switching rates must be >= 0 and at most one switch per step";
    for (int y = 0; y < 2; ++y)
        if (!probabilityPerStep(lowerOnHz[y], dtS) || !probabilityPerStep(lowerOffHz[y], dtS))
            return "lowerOnHz[" + std::to_string(y) + "] / lowerOffHz[" + std::to_string(y) +
                   "]: switching rates must be >= 0 and at most one switch per step";
    if (!(std::isfinite(qOnHz) && std::isfinite(qOffHz) && qOnHz > 0.0 && qOffHz > 0.0 && qOnHz * dtS < 1.0 &&
          qOffHz * dtS < 1.0))
        return "qOnHz / qOffHz: input rates must be > 0 and below one spike per step";
    return {};
}

HierarchicalHmmSource::HierarchicalHmmSource(const HierarchicalHmmParams& params, std::uint64_t seed)
    : m_p(params), m_dtS(params.dtMs / 1000.0), m_rng(seed), m_lower(params.lowers, 0) {
    if (const std::string problem = params.problem(); !problem.empty())
        throw std::invalid_argument("hierarchical HMM: " + problem);
}

void HierarchicalHmmSource::step(std::vector<std::uint32_t>& spikes) {
    const int topBefore = m_top;
    if (m_unit(m_rng) < (m_top ? m_p.topOffHz : m_p.topOnHz) * m_dtS)
        m_top = 1 - m_top;
    for (int& x : m_lower)
        if (m_unit(m_rng) < (x ? m_p.lowerOffHz[topBefore] : m_p.lowerOnHz[topBefore]) * m_dtS)
            x = 1 - x;
    for (std::uint32_t j = 0; j < m_p.lowers; ++j) {
        const double q = (m_lower[j] ? m_p.qOnHz : m_p.qOffHz) * m_dtS;
        for (std::uint32_t i = 0; i < m_p.inputsPerLower; ++i)
            if (m_unit(m_rng) < q)
                spikes.push_back(j * m_p.inputsPerLower + i);
    }
}

HierarchicalHmmFilter::HierarchicalHmmFilter(const HierarchicalHmmParams& params) : m_p(params), m_states(0) {
    if (const std::string problem = params.problem(); !problem.empty())
        throw std::invalid_argument("hierarchical HMM: " + problem);
    // State bits: bit 0 is y, bit 1 + j is x_j.
    m_states = 1u << (params.lowers + 1);
    const double dtS = params.dtMs / 1000.0;
    m_transition.assign(static_cast<std::size_t>(m_states) * m_states, 0.0);
    for (std::uint32_t from = 0; from < m_states; ++from) {
        const int y = static_cast<int>(from & 1u);
        for (std::uint32_t to = 0; to < m_states; ++to) {
            const double flipTop = (y ? params.topOffHz : params.topOnHz) * dtS;
            double p = ((to ^ from) & 1u) ? flipTop : 1.0 - flipTop;
            for (std::uint32_t j = 0; j < params.lowers; ++j) {
                const std::uint32_t bit = 1u << (j + 1);
                const double flip = ((from & bit) ? params.lowerOffHz[y] : params.lowerOnHz[y]) * dtS;
                p *= ((to ^ from) & bit) ? flip : 1.0 - flip;
            }
            m_transition[static_cast<std::size_t>(from) * m_states + to] = p;
        }
    }
    m_posterior.assign(m_states, 1.0 / m_states);
    m_scratch.resize(m_states);
    m_spikeEvidence = std::log(params.qOnHz / params.qOffHz);
    m_silenceEvidence = std::log((1.0 - params.qOnHz * dtS) / (1.0 - params.qOffHz * dtS));
}

void HierarchicalHmmFilter::update(const std::vector<std::uint32_t>& counts) {
    if (counts.size() != m_p.lowers)
        throw std::invalid_argument("hierarchical HMM filter: " + std::to_string(counts.size()) +
                                    " spike counts for " + std::to_string(m_p.lowers) + " lower causes");
    // Predict: P(to) = sum_from P(from) T(from, to).
    std::fill(m_scratch.begin(), m_scratch.end(), 0.0);
    for (std::uint32_t from = 0; from < m_states; ++from) {
        const double* row = &m_transition[static_cast<std::size_t>(from) * m_states];
        for (std::uint32_t to = 0; to < m_states; ++to)
            m_scratch[to] += m_posterior[from] * row[to];
    }
    // Update: each lower cause's inputs give it log-likelihood ratio e_j (on vs off); a state's likelihood
    // relative to "all lower causes off" is exp(sum of e_j over the causes it has on).
    std::vector<double> evidence(m_p.lowers);
    for (std::uint32_t j = 0; j < m_p.lowers; ++j) {
        const std::uint32_t k = std::min(counts[j], m_p.inputsPerLower);
        evidence[j] = k * m_spikeEvidence + static_cast<double>(m_p.inputsPerLower - k) * m_silenceEvidence;
    }
    std::vector<double> logLikelihood(m_states, 0.0);
    double largest = -INFINITY;
    for (std::uint32_t s = 0; s < m_states; ++s) {
        for (std::uint32_t j = 0; j < m_p.lowers; ++j)
            if (s & (1u << (j + 1)))
                logLikelihood[s] += evidence[j];
        largest = std::max(largest, logLikelihood[s]);
    }
    double total = 0.0;
    for (std::uint32_t s = 0; s < m_states; ++s) {
        m_posterior[s] = m_scratch[s] * std::exp(logLikelihood[s] - largest);
        total += m_posterior[s];
    }
    if (!(total > 0.0 && std::isfinite(total))) { // every state ruled out (rates of 0): start over, uniform
        std::fill(m_posterior.begin(), m_posterior.end(), 1.0 / m_states);
        return;
    }
    for (double& p : m_posterior)
        p /= total;
}

double HierarchicalHmmFilter::topProbability() const {
    double p = 0.0;
    for (std::uint32_t s = 0; s < m_states; ++s)
        p += (s & 1u) ? m_posterior[s] : 0.0;
    return p;
}

double HierarchicalHmmFilter::lowerProbability(std::uint32_t j) const {
    double p = 0.0;
    for (std::uint32_t s = 0; s < m_states; ++s)
        p += (s & (1u << (j + 1))) ? m_posterior[s] : 0.0;
    return p;
}

} // namespace pulselab::core
