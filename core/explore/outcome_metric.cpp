#include "core/explore/outcome_metric.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace pulselab::core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Spikes of a set of neuron ranges, divided by their neurons and the simulated time.
class MeanRate : public OutcomeAccumulator {
public:
    MeanRate(std::vector<PopulationInfo> counted, double dtMs) : m_counted(std::move(counted)), m_dtMs(dtMs) {
        for (const auto& p : m_counted)
            m_neurons += p.size;
    }
    void add(const RunSnapshot& chunk) override {
        for (const auto& s : chunk.spikes)
            for (const auto& p : m_counted)
                if (s.neuron >= p.firstNeuron && s.neuron < p.firstNeuron + p.size) {
                    ++m_spikes;
                    break;
                }
    }
    double value(std::int64_t steps) const override {
        // Same operations, in the same order, as `pulselab-cli run`'s mean_rate_hz, so the two agree exactly.
        const double simulated = static_cast<double>(steps) * m_dtMs / 1000.0;
        const double neurons = static_cast<double>(m_neurons);
        return neurons > 0 && simulated > 0 ? static_cast<double>(m_spikes) / neurons / simulated : 0.0;
    }

private:
    std::vector<PopulationInfo> m_counted;
    double m_dtMs;
    std::uint64_t m_neurons = 0;
    std::uint64_t m_spikes = 0;
};

/// The last sample of one signal.
class LastSample : public OutcomeAccumulator {
public:
    explicit LastSample(int signal) : m_signal(signal) {}
    void add(const RunSnapshot& chunk) override {
        for (const auto& block : chunk.samples)
            if (block.signal == m_signal && !block.values.empty())
                m_last = block.values.back();
    }
    double value(std::int64_t) const override { return m_last; }

private:
    int m_signal;
    double m_last = kNaN;
};

struct BeliefPair {
    int belief = -1;
    int truth = -1;
};

const SignalSamples* samplesOf(const RunSnapshot& chunk, int signal) {
    for (const auto& block : chunk.samples)
        if (block.signal == signal)
            return &block;
    return nullptr;
}

/// Walks the steps where both signals of each pair were sampled.
class BeliefTruthWalk : public OutcomeAccumulator {
public:
    explicit BeliefTruthWalk(std::vector<BeliefPair> pairs)
        : m_pairs(std::move(pairs)), m_state(m_pairs.size()) {}
    void add(const RunSnapshot& chunk) override {
        for (std::size_t p = 0; p < m_pairs.size(); ++p) {
            const SignalSamples* belief = samplesOf(chunk, m_pairs[p].belief);
            const SignalSamples* truth = samplesOf(chunk, m_pairs[p].truth);
            if (!belief || !truth)
                continue;
            std::size_t i = 0, j = 0;
            while (i < belief->steps.size() && j < truth->steps.size()) {
                if (belief->steps[i] < truth->steps[j]) {
                    ++i;
                } else if (truth->steps[j] < belief->steps[i]) {
                    ++j;
                } else {
                    visit(m_state[p], belief->steps[i], belief->values[i], truth->values[j]);
                    ++i;
                    ++j;
                }
            }
        }
    }

protected:
    struct PairState {
        bool seen = false;
        double truth = 0.0;
        std::int64_t switchStep = -1; ///< step of the last switch not yet re-converged, or -1
    };
    virtual void visit(PairState& state, std::int64_t step, double belief, double truth) = 0;

private:
    std::vector<BeliefPair> m_pairs;
    std::vector<PairState> m_state;
};

class BeliefError : public BeliefTruthWalk {
public:
    using BeliefTruthWalk::BeliefTruthWalk;
    double value(std::int64_t) const override {
        return m_count ? m_sum / static_cast<double>(m_count) : kNaN;
    }

private:
    void visit(PairState&, std::int64_t, double belief, double truth) override {
        m_sum += std::abs(belief - truth);
        ++m_count;
    }
    double m_sum = 0.0;
    std::uint64_t m_count = 0;
};

class Reconvergence : public BeliefTruthWalk {
public:
    Reconvergence(std::vector<BeliefPair> pairs, double dtMs)
        : BeliefTruthWalk(std::move(pairs)), m_dtMs(dtMs) {}
    double value(std::int64_t) const override {
        return m_count ? m_sumSteps * m_dtMs / static_cast<double>(m_count) : kNaN;
    }

private:
    // Within 0.5 of the truth: on the right side of the decision boundary for a binary cause.
    static constexpr double kTolerance = 0.5;
    void visit(PairState& s, std::int64_t step, double belief, double truth) override {
        // A switch is a jump of the truth by at least the tolerance (a binary cause flipping), not the drift
        // of a continuous truth such as an exact posterior. A switch before re-converging restarts the clock.
        if (s.seen && std::abs(truth - s.truth) >= kTolerance)
            s.switchStep = step;
        s.seen = true;
        s.truth = truth;
        if (s.switchStep >= 0 && std::abs(belief - truth) < kTolerance) {
            m_sumSteps += static_cast<double>(step - s.switchStep);
            ++m_count;
            s.switchStep = -1;
        }
    }
    double m_dtMs;
    double m_sumSteps = 0.0;
    std::uint64_t m_count = 0;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<BeliefPair> beliefPairs(const RunLayout& layout) {
    std::vector<BeliefPair> pairs;
    for (std::size_t b = 0; b < layout.scalarSignals.size(); ++b) {
        if (layout.scalarSignals[b].kind != SignalKind::BeliefMean)
            continue;
        for (std::size_t t = 0; t < layout.scalarSignals.size(); ++t)
            if (layout.scalarSignals[t].kind == SignalKind::BeliefTruth &&
                layout.scalarSignals[t].group == layout.scalarSignals[b].group) {
                pairs.push_back({static_cast<int>(b), static_cast<int>(t)});
                break;
            }
    }
    return pairs;
}

} // namespace

std::string outcomeName(OutcomeKind kind) {
    switch (kind) {
    case OutcomeKind::FinalFreeEnergy:
        return "final_free_energy";
    case OutcomeKind::MeanRateHz:
        return "mean_rate_hz";
    case OutcomeKind::Accuracy:
        return "accuracy";
    case OutcomeKind::BeliefError:
        return "belief_error";
    case OutcomeKind::ReconvergenceMs:
        return "reconvergence_ms";
    case OutcomeKind::EnergyPerInference:
        return "energy_per_inference_j";
    }
    return "";
}

std::string outcomeDescription(OutcomeKind kind) {
    switch (kind) {
    case OutcomeKind::FinalFreeEnergy:
        return "final free energy";
    case OutcomeKind::MeanRateHz:
        return "mean firing rate (Hz)";
    case OutcomeKind::Accuracy:
        return "accuracy (last value)";
    case OutcomeKind::BeliefError:
        return "belief error (mean |belief - truth|)";
    case OutcomeKind::ReconvergenceMs:
        return "time to re-converge after a switch (ms)";
    case OutcomeKind::EnergyPerInference:
        return "Loihi 2 energy per inference (J)";
    }
    return "";
}

const std::vector<OutcomeKind>& allOutcomeKinds() {
    static const std::vector<OutcomeKind> kinds = {
        OutcomeKind::FinalFreeEnergy, OutcomeKind::MeanRateHz,      OutcomeKind::Accuracy,
        OutcomeKind::BeliefError,     OutcomeKind::ReconvergenceMs, OutcomeKind::EnergyPerInference};
    return kinds;
}

std::optional<OutcomeKind> outcomeKindNamed(const std::string& name) {
    for (OutcomeKind kind : allOutcomeKinds())
        if (outcomeName(kind) == name)
            return kind;
    return std::nullopt;
}

std::unique_ptr<OutcomeAccumulator> makeOutcomeAccumulator(const OutcomeMetric& metric,
                                                           const RunLayout& layout,
                                                           const std::vector<std::string>& inputNames,
                                                           std::string& error, const NetworkSpec* network) {
    const std::string name = outcomeName(metric.kind);
    switch (metric.kind) {
    case OutcomeKind::MeanRateHz: {
        std::vector<PopulationInfo> counted;
        for (const auto& p : layout.populations) {
            const bool isInput = std::find(inputNames.begin(), inputNames.end(), p.name) != inputNames.end();
            if (metric.population.empty() ? !isInput : p.name == metric.population)
                counted.push_back(p);
        }
        if (counted.empty()) {
            error = metric.population.empty()
                        ? name + ": this run has no spiking population"
                        : name + ": this run has no population named '" + metric.population + "'";
            return nullptr;
        }
        return std::make_unique<MeanRate>(std::move(counted), layout.dtMs);
    }
    case OutcomeKind::FinalFreeEnergy:
    case OutcomeKind::Accuracy:
        for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
            const auto& s = layout.scalarSignals[i];
            if (metric.kind == OutcomeKind::FinalFreeEnergy
                    ? s.kind == SignalKind::FreeEnergyTotal
                    : lower(s.name).find("accuracy") != std::string::npos)
                return std::make_unique<LastSample>(static_cast<int>(i));
        }
        error = name + ": this run publishes no " +
                (metric.kind == OutcomeKind::Accuracy ? "accuracy" : "total free-energy") + " signal";
        return nullptr;
    case OutcomeKind::BeliefError:
    case OutcomeKind::ReconvergenceMs: {
        auto pairs = beliefPairs(layout);
        if (pairs.empty()) {
            error = name + ": this run publishes no belief with a ground truth to compare it with";
            return nullptr;
        }
        if (metric.kind == OutcomeKind::BeliefError)
            return std::make_unique<BeliefError>(std::move(pairs));
        return std::make_unique<Reconvergence>(std::move(pairs), layout.dtMs);
    }
    case OutcomeKind::EnergyPerInference: {
        if (!network || network->populations.empty()) {
            error = name + ": this run has no network of spiking populations to map onto Loihi 2";
            return nullptr;
        }
        auto energy = makeEnergyAccumulator(*network, layout, metric.inferenceMs, error);
        if (!energy)
            error = name + ": " + error;
        return energy;
    }
    }
    error = "unknown outcome";
    return nullptr;
}

} // namespace pulselab::core
