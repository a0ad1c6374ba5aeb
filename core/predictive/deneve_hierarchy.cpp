#include "core/predictive/deneve_hierarchy.h"

#include "core/neurons/bayesian_neuron.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pulselab::core {

namespace {
double sigmoid(double logOdds) {
    return 1.0 / (1.0 + std::exp(-logOdds));
}
} // namespace

DeneveHierarchy::DeneveHierarchy(const HierarchicalHmmParams& params, double eta, double lLimit)
    : m_p(params), m_dtS(params.dtMs / 1000.0), m_eta(eta), m_limit(lLimit) {
    if (const std::string problem = params.problem(); !problem.empty())
        throw std::invalid_argument("Deneve hierarchy: " + problem);
    if (!(std::isfinite(eta) && eta > 0.0))
        throw std::invalid_argument("Deneve hierarchy: eta: the output spike's jump must be finite and > 0");
    if (!(std::isfinite(lLimit) && lLimit >= 1.0))
        throw std::invalid_argument("Deneve hierarchy: lLimit: must be finite and >= 1");
    for (double r : {params.lowerOnHz[0], params.lowerOnHz[1], params.lowerOffHz[0], params.lowerOffHz[1]})
        if (!(r > 0.0))
            throw std::invalid_argument(
                "Deneve hierarchy: lowerOnHz / lowerOffHz: the top neuron weighs their "
                "ratios, so they must be > 0");
    m_weight = std::log(params.qOnHz / params.qOffHz);
    m_thetaHz = params.inputsPerLower * (params.qOnHz - params.qOffHz);
    m_lowers.resize(params.lowers);
    m_topDownTrace.assign(params.lowers, 0.0);
    m_bottomUpTrace.assign(params.lowers, 0.0);
    m_lowerFired.assign(params.lowers, 0);
    m_counts.resize(params.lowers);
    m_switchOn.resize(params.lowers);
    m_switchOff.resize(params.lowers);
}

double DeneveHierarchy::topEvidence(const HierarchicalHmmParams& p, double before, double after) {
    const double dtS = p.dtMs / 1000.0, rise = std::max(after - before, 0.0),
                 fall = std::max(before - after, 0.0);
    return -(1.0 - after) * (p.lowerOnHz[1] - p.lowerOnHz[0]) * dtS -
           after * (p.lowerOffHz[1] - p.lowerOffHz[0]) * dtS +
           std::log(p.lowerOnHz[1] / p.lowerOnHz[0]) * rise +
           std::log(p.lowerOffHz[1] / p.lowerOffHz[0]) * fall;
}

void DeneveHierarchy::step(const std::vector<std::uint32_t>& spikes) {
    const std::uint32_t inputs = m_p.lowers * m_p.inputsPerLower;
    std::fill(m_counts.begin(), m_counts.end(), 0u);
    for (std::uint32_t s : spikes) {
        if (s >= inputs)
            throw std::out_of_range("Deneve hierarchy: input " + std::to_string(s) +
                                    " fired, but there are " + std::to_string(inputs) + " inputs");
        ++m_counts[s / m_p.inputsPerLower];
    }
    auto clampL = [&](double l) { return std::clamp(l, -m_limit, m_limit); };
    // The lower layer: switching prior from the decoded top-down belief, evidence from the own inputs.
    std::vector<double>& switchOn = m_switchOn;
    std::vector<double>& switchOff = m_switchOff;
    const double stationary =
        m_p.topOnHz + m_p.topOffHz > 0.0 ? m_p.topOnHz / (m_p.topOnHz + m_p.topOffHz) : 0.5;
    for (std::uint32_t j = 0; j < m_p.lowers; ++j) {
        const double py = m_topDown ? sigmoid(m_topDownTrace[j]) : stationary;
        switchOn[j] = (py * m_p.lowerOnHz[1] + (1.0 - py) * m_p.lowerOnHz[0]) * m_dtS;
        switchOff[j] = (py * m_p.lowerOffHz[1] + (1.0 - py) * m_p.lowerOffHz[0]) * m_dtS;
        Unit& u = m_lowers[j];
        u.l = clampL(deneveSwitchingStep(u.l, switchOn[j], switchOff[j]) - m_thetaHz * m_dtS +
                     m_weight * m_counts[j]);
        u.g = clampL(deneveSwitchingStep(u.g, switchOn[j], switchOff[j]) - m_thetaHz * m_dtS);
        m_lowerFired[j] = u.l - u.g > m_eta / 2.0;
        if (m_lowerFired[j]) {
            u.g += m_eta;
            ++m_lowerSpikeCount;
        }
    }
    // The top layer: decodes each lower belief from that neuron's spikes (the same leak, which it can
    // compute: the lower neuron's prior comes from the top's own spikes) and weighs how the lower causes
    // behave.
    double evidence = 0.0;
    for (std::uint32_t j = 0; j < m_p.lowers; ++j) {
        const double before = sigmoid(m_bottomUpTrace[j]);
        m_bottomUpTrace[j] =
            clampL(deneveSwitchingStep(m_bottomUpTrace[j], switchOn[j], switchOff[j]) - m_thetaHz * m_dtS) +
            (m_lowerFired[j] ? m_eta : 0.0);
        evidence += topEvidence(m_p, before, sigmoid(m_bottomUpTrace[j]));
    }
    const double topOn = m_p.topOnHz * m_dtS, topOff = m_p.topOffHz * m_dtS;
    m_top.l = clampL(deneveSwitchingStep(m_top.l, topOn, topOff) + evidence);
    m_top.g = clampL(deneveSwitchingStep(m_top.g, topOn, topOff));
    m_topFired = m_top.l - m_top.g > m_eta / 2.0;
    if (m_topFired) {
        m_top.g += m_eta;
        ++m_topSpikeCount;
    }
    for (double& trace : m_topDownTrace)
        trace = clampL(deneveSwitchingStep(trace, topOn, topOff)) + (m_topFired ? m_eta : 0.0);
}

double DeneveHierarchy::topProbability() const {
    return sigmoid(m_top.l);
}

double DeneveHierarchy::lowerProbability(std::uint32_t j) const {
    return sigmoid(m_lowers[j].l);
}

DeneveHierarchyScore scoreDeneveHierarchy(const HierarchicalHmmParams& p, std::uint64_t seed,
                                          std::int64_t steps, double eta, bool topDown) {
    HierarchicalHmmSource source(p, seed);
    HierarchicalHmmFilter exact(p);
    DeneveHierarchy net(p, eta);
    net.setTopDown(topDown);
    std::vector<std::uint32_t> spikes, counts(p.lowers);
    DeneveHierarchyScore score;
    int lastTop = 0;
    for (std::int64_t k = 0; k < steps; ++k) {
        spikes.clear();
        source.step(spikes);
        std::fill(counts.begin(), counts.end(), 0u);
        for (std::uint32_t s : spikes)
            ++counts[s / p.inputsPerLower];
        exact.update(counts);
        net.step(spikes);
        score.topMae += std::abs(net.topProbability() - exact.topProbability());
        for (std::uint32_t j = 0; j < p.lowers; ++j)
            score.lowerMae += std::abs(net.lowerProbability(j) - exact.lowerProbability(j)) / p.lowers;
        score.exactTopVsTruth += std::abs(exact.topProbability() - source.top());
        score.topSwitches += source.top() != lastTop ? 1 : 0;
        lastTop = source.top();
    }
    const double n = static_cast<double>(std::max<std::int64_t>(steps, 1));
    score.topMae /= n;
    score.lowerMae /= n;
    score.exactTopVsTruth /= n;
    score.topSpikes = net.topSpikes();
    score.lowerSpikes = net.lowerSpikes();
    return score;
}

} // namespace pulselab::core
