#pragma once
// A two-layer network of Bayesian spiking neurons (Denève 2008) for the world of hierarchical_hmm.h, where
// spikes are the only messages between neurons:
// - lower neuron j holds the log-odds L_j of its cause x_j from its own Poisson inputs (w = log(q_on/q_off),
//   theta = inputs x (q_on - q_off)), with a switching prior set top-down: it decodes the top neuron's belief
//   p_y from the top's output spikes (a trace G_y that follows the top's leak and jumps by eta per spike) and
//   uses the mean-field rates r_on = p_y lowerOnHz[1] + (1 - p_y) lowerOnHz[0] (and alike for r_off);
// - the top neuron holds the log-odds of y. It decodes each lower belief p_j from that neuron's output spikes
//   (its own trace of G_j) and integrates the log-likelihood ratio of the lower cause's path under y = 1 vs
//   y = 0. For a two-state Markov chain with rates r_on(y), r_off(y) that path log-likelihood is
//   -integral of r_on(y) over time off - integral of r_off(y) over time on + sum of log r(y) over switches,
//   so with x_j replaced by its decoded belief (mean field) the top's evidence per step is
//     sum_j -(1 - p_j)(r_on(1) - r_on(0)) dt - p_j (r_off(1) - r_off(0)) dt
//           + log(r_on(1)/r_on(0)) max(dp_j, 0) + log(r_off(1)/r_off(0)) max(-dp_j, 0),
//   the rises and falls of the decoded belief standing for the expected switches.
// Each neuron fires when L - G > eta / 2 (it reports only what its readers do not yet know). What this costs
// against the exact joint filter: the lower neurons use the top's decoded belief instead of the joint
// posterior (their uncertainty about y and x is not correlated), the top sees the lower causes only through
// their decoded beliefs, and the messages travel with one step of delay.
#include "core/predictive/hierarchical_hmm.h"

#include <cstdint>
#include <vector>

namespace pulselab::core {

class DeneveHierarchy {
public:
    /// Throws std::invalid_argument with a message naming the field when params or eta are unusable.
    explicit DeneveHierarchy(const HierarchicalHmmParams& params, double eta = 2.0, double lLimit = 30.0);

    /// One step: `spikes` are the input spikes of hierarchical_hmm.h's numbering (j * inputsPerLower + i).
    void step(const std::vector<std::uint32_t>& spikes);

    double topProbability() const;                  ///< the top neuron's own belief P(y = 1)
    double lowerProbability(std::uint32_t j) const; ///< lower neuron j's own belief P(x_j = 1)
    /// Off: the lower neurons ignore the top's spikes and take the top cause's stationary probability
    /// topOnHz / (topOnHz + topOffHz) for p_y (an ablation: what the top-down predictions are worth).
    void setTopDown(bool on) { m_topDown = on; }
    bool lowerFired(std::uint32_t j) const { return m_lowerFired[j] != 0; }
    bool topFired() const { return m_topFired; }
    std::uint64_t lowerSpikes() const { return m_lowerSpikeCount; }
    std::uint64_t topSpikes() const { return m_topSpikeCount; }

    /// The top neuron's evidence about y over one step from one lower neuron, given that neuron's decoded
    /// belief before and after the step (see the header comment).
    static double topEvidence(const HierarchicalHmmParams& params, double decodedBefore, double decodedAfter);

private:
    struct Unit {
        double l = 0.0, g = 0.0;
    };

    HierarchicalHmmParams m_p;
    double m_dtS, m_eta, m_limit, m_weight, m_thetaHz;
    std::vector<Unit> m_lowers;
    Unit m_top;
    std::vector<double> m_topDownTrace;  ///< per lower neuron: its decoding G_y of the top's spikes
    std::vector<double> m_bottomUpTrace; ///< per lower neuron: the top's decoding G_j of its spikes
    std::vector<char> m_lowerFired;
    std::vector<std::uint32_t> m_counts;
    std::vector<double> m_switchOn, m_switchOff; ///< per lower neuron, this step (scratch)
    bool m_topFired = false;
    bool m_topDown = true;
    std::uint64_t m_lowerSpikeCount = 0, m_topSpikeCount = 0;
};

/// The network against the exact joint filter on one drawn input: mean absolute errors of the beliefs.
struct DeneveHierarchyScore {
    double topMae = 0.0;          ///< |top neuron's P(y=1) - exact marginal|, mean over steps
    double lowerMae = 0.0;        ///< the same for the lower neurons, mean over neurons and steps
    double exactTopVsTruth = 0.0; ///< |exact P(y=1) - y|: how inferable the top cause is at all
    int topSwitches = 0;          ///< switches of the true top cause
    std::uint64_t topSpikes = 0, lowerSpikes = 0;
};
DeneveHierarchyScore scoreDeneveHierarchy(const HierarchicalHmmParams& params, std::uint64_t seed,
                                          std::int64_t steps, double eta = 2.0, bool topDown = true);

} // namespace pulselab::core
