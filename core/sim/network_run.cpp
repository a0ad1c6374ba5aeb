#include "core/sim/network_run.h"

namespace pulselab::core {

NetworkRun::NetworkRun(std::unique_ptr<Simulation> sim) : m_sim(std::move(sim)), m_layout(m_sim->layout()) {}

std::unique_ptr<NetworkRun> NetworkRun::create(const NetworkSpec& network, std::string& error) {
    auto sim = Simulation::build(network, error);
    if (!sim)
        return nullptr;
    return std::unique_ptr<NetworkRun>(new NetworkRun(std::move(sim)));
}

void NetworkRun::reset() {
    // Rebuilding from the (possibly edited) parameters with the same seed gives the same synapses and spikes.
    std::string error;
    auto rebuilt = Simulation::build(m_sim->network(), error);
    if (rebuilt)
        m_sim = std::move(rebuilt);
}

} // namespace pulselab::core
