#pragma once
// A deterministic SteppableRun for view tests: its spikes, free energy and beliefs are closed-form functions
// of the step, so a test knows exactly what every view must show.
#include "core/runtime/steppable_run.h"

#include <cmath>
#include <stdexcept>

namespace pulselab::tests {

class SyntheticRun : public core::SteppableRun {
public:
    double decayPerStep =
        0.001; ///< free energy of layer l: (l + 1) * exp(-decay * step); a settable parameter

    core::RunLayout layout() const override {
        core::RunLayout l;
        l.dtMs = 1.0;
        l.populations = {{"input", 20, 0}, {"hidden", 10, 20}};
        l.scalarSignals = {
            {"F total", core::SignalKind::FreeEnergyTotal, 0, ""},
            {"F layer 0", core::SignalKind::FreeEnergyLayer, 0, ""},
            {"F layer 1", core::SignalKind::FreeEnergyLayer, 1, ""},
            {"P(x=1)", core::SignalKind::BeliefMean, 0, ""},
            {"sd", core::SignalKind::BeliefSd, 0, ""},
            {"x", core::SignalKind::BeliefTruth, 0, ""},
            {"0", core::SignalKind::ClassProbability, 0, ""},
            {"1", core::SignalKind::ClassProbability, 1, ""},
        };
        return l;
    }

    static double freeEnergy(int layer, double f) { return (layer + 1) * f; }
    double belief(std::int64_t step) const { return 1.0 - std::exp(-0.01 * static_cast<double>(step)); }

    void advance(std::int64_t steps, core::RunSnapshot& out) override {
        std::vector<core::SignalSamples> blocks(8);
        for (int i = 0; i < 8; ++i)
            blocks[static_cast<std::size_t>(i)].signal = i;
        for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
            // Neuron n fires when step % 30 == n: one spike per step, a diagonal in the raster.
            out.spikes.push_back({m_step, static_cast<std::uint32_t>(m_step % 30)});
            m_f *= std::exp(-decayPerStep);
            const double values[8] = {freeEnergy(0, m_f) + freeEnergy(1, m_f),
                                      freeEnergy(0, m_f),
                                      freeEnergy(1, m_f),
                                      belief(m_step),
                                      0.2 * std::exp(-0.01 * static_cast<double>(m_step)),
                                      1.0,
                                      0.3,
                                      0.7};
            for (std::size_t i = 0; i < 8; ++i) {
                blocks[i].steps.push_back(m_step);
                blocks[i].values.push_back(values[i]);
            }
        }
        for (auto& b : blocks)
            out.samples.push_back(std::move(b));
    }
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override {
        if (target != "hidden" || parameter != "decay")
            throw std::invalid_argument("'" + target + "." + parameter + "' is not a parameter of this run");
        if (value < 0)
            throw std::invalid_argument("'hidden.decay' must be >= 0");
        const double old = decayPerStep;
        decayPerStep = value;
        return old;
    }
    void reset() override {
        m_step = 0;
        m_f = 1.0;
    }

private:
    std::int64_t m_step = 0;
    double m_f = 1.0;
};

} // namespace pulselab::tests
