#pragma once
// A two-level hidden Markov world for hierarchical Bayesian spiking networks, and its exact forward filter.
// A top cause y switches on at topOnHz and off at topOffHz. Each of `lowers` lower causes x_j switches on at
// lowerOnHz[y] and off at lowerOffHz[y]: the top cause sets how the lower ones behave (with the defaults,
// y = 1 keeps them mostly on). Lower cause j drives its own `inputsPerLower` Poisson inputs at qOnHz while on
// and qOffHz while off. Discretised with dt like HmmForwardFilter: in one step y flips with probability
// r dt, and each x_j flips with probability r(y before the step) dt, independently.
// The exact filter holds the joint posterior over all 2^(lowers + 1) states: the ground truth for the
// hierarchical network of Denève neurons (deneve_hierarchy.h).
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace pulselab::core {

struct HierarchicalHmmParams {
    std::uint32_t lowers = 3;
    std::uint32_t inputsPerLower = 20;
    double topOnHz = 0.5, topOffHz = 0.5;
    std::array<double, 2> lowerOnHz = {2.0, 8.0};  ///< indexed by the top cause y
    std::array<double, 2> lowerOffHz = {8.0, 2.0}; ///< indexed by the top cause y
    double qOnHz = 40.0, qOffHz = 10.0;
    double dtMs = 1.0;

    static constexpr std::uint32_t kMaxLowers = 6; ///< the exact filter holds 2^(lowers+1) states

    /// Empty when usable, else a message naming the field and why.
    std::string problem() const;
};

/// Draws the hidden causes and the input spikes, step by step.
class HierarchicalHmmSource {
public:
    /// Throws std::invalid_argument with params.problem() when unusable.
    HierarchicalHmmSource(const HierarchicalHmmParams& params, std::uint64_t seed);

    /// One step: the causes may switch, then each input fires; `spikes` gets the firing inputs, numbered
    /// j * inputsPerLower + i for input i of lower cause j, in increasing order.
    void step(std::vector<std::uint32_t>& spikes);
    int top() const { return m_top; }
    int lower(std::uint32_t j) const { return m_lower[j]; }

private:
    HierarchicalHmmParams m_p;
    double m_dtS;
    std::mt19937_64 m_rng;
    std::uniform_real_distribution<double> m_unit{0.0, 1.0};
    int m_top = 0;
    std::vector<int> m_lower;
};

/// The exact forward filter over the joint state (y, x_1..x_N), on the same input spikes.
class HierarchicalHmmFilter {
public:
    /// Throws std::invalid_argument with params.problem() when unusable. Starts from the uniform posterior.
    explicit HierarchicalHmmFilter(const HierarchicalHmmParams& params);

    /// One step given how many inputs of each lower cause fired (`counts` has `lowers` entries).
    void update(const std::vector<std::uint32_t>& counts);
    double topProbability() const;                  ///< P(y = 1 | inputs so far)
    double lowerProbability(std::uint32_t j) const; ///< P(x_j = 1 | inputs so far)

private:
    HierarchicalHmmParams m_p;
    std::uint32_t m_states;
    std::vector<double> m_transition; ///< row-major [from][to]
    std::vector<double> m_posterior, m_scratch;
    double m_spikeEvidence, m_silenceEvidence;
};

} // namespace pulselab::core
