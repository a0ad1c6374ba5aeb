#pragma once
// A spiking network as a SteppableRun: what the run loop (and so the GUI) drives.
#include "core/runtime/steppable_run.h"
#include "core/sim/simulation.h"

#include <memory>

namespace pulselab::core {

class NetworkRun : public SteppableRun {
public:
    /// Builds the simulation; nullptr with `error` when the network is invalid or too large.
    static std::unique_ptr<NetworkRun> create(const NetworkSpec& network, std::string& error);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override { m_sim->advance(steps, &out); }
    std::int64_t currentStep() const override { return m_sim->currentStep(); }
    double setParameter(const std::string& target, const std::string& parameter, double value) override {
        return m_sim->setParameter(target, parameter, value);
    }
    void reset() override;

    const Simulation& simulation() const { return *m_sim; }

private:
    explicit NetworkRun(std::unique_ptr<Simulation> sim);
    std::unique_ptr<Simulation> m_sim;
    RunLayout m_layout;
};

} // namespace pulselab::core
