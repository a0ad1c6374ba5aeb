// MainWindow: the Loihi 2 view of the open network - its mapping and the energy of the recorded run.
#include "app/gui/main_window.h"

#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/run/run_controller.h"

namespace pulselab::app {

void MainWindow::remapOnLoihi(const core::NetworkSpec& network) {
    m_mappingProblem = std::make_unique<core::loihi::MappingProblem>(core::loihi::mappingProblemFor(network));
    m_spikeCounts.assign(m_controller->layout().neuronCount(), 0);
    m_countedSteps = 0;
    const auto result = core::loihi::mapNetwork(*m_mappingProblem, core::loihi::loihi2());
    if (const auto* failure = std::get_if<core::loihi::MappingFailure>(&result)) {
        m_mapping.reset();
        m_loihiPanel->setMappingFailure(*failure);
        return;
    }
    m_mapping = std::make_unique<core::loihi::Mapping>(std::get<core::loihi::Mapping>(result));
    m_loihiPanel->setMapping(*m_mappingProblem, *m_mapping);
}

void MainWindow::updateLoihiEnergy() {
    if (!m_mapping || !m_mappingProblem || m_countedSteps == 0)
        return;
    // Spike counts per population, in the mapping problem's order (populations, then inputs: as the run's
    // layout orders global neuron ids).
    core::loihi::RecordedActivity activity;
    for (const auto& pop : m_controller->layout().populations)
        activity.spikesPerNeuron.emplace_back(m_spikeCounts.begin() + pop.firstNeuron,
                                              m_spikeCounts.begin() + pop.firstNeuron + pop.size);
    activity.steps = m_countedSteps;
    activity.dtMs = m_controller->layout().dtMs;
    activity.cpuWallSeconds = m_engineSeconds;
    m_loihiPanel->setTrafficReport(
        core::loihi::accountTraffic(*m_mappingProblem, *m_mapping, core::loihi::loihi2(), activity));
}

} // namespace pulselab::app
