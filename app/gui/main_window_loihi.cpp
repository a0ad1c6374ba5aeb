// MainWindow: the Loihi 2 view of the open network - its mapping, the energy of the recorded run, the live
// traffic while it runs, and the selection linked between floorplan, raster and node editor.
#include "app/gui/main_window.h"

#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include <QElapsedTimer>
#include <QTimer>

namespace pulselab::app {

void MainWindow::remapOnLoihi(const core::NetworkSpec& network) {
    m_mappingProblem = std::make_unique<core::loihi::MappingProblem>(core::loihi::mappingProblemFor(network));
    m_spikeCounts.assign(m_controller->layout().neuronCount(), 0);
    m_countedSteps = 0;
    m_liveBaseCounts.assign(m_spikeCounts.size(), 0);
    m_liveBaseStep = 0;
    const auto result = core::loihi::mapNetwork(*m_mappingProblem, core::loihi::loihi2());
    if (const auto* failure = std::get_if<core::loihi::MappingFailure>(&result)) {
        m_mapping.reset();
        m_loihiPanel->setMappingFailure(*failure);
        return;
    }
    m_mapping = std::make_unique<core::loihi::Mapping>(std::get<core::loihi::Mapping>(result));
    m_loihiPanel->setMapping(*m_mappingProblem, *m_mapping);
}

core::loihi::RecordedActivity MainWindow::loihiActivity(std::span<const std::uint64_t> base,
                                                        std::int64_t fromStep) const {
    // Spike counts per population, in the mapping problem's order (populations, then inputs: as the run's
    // layout orders global neuron ids), less those already counted at `fromStep`.
    core::loihi::RecordedActivity activity;
    for (const auto& pop : m_controller->layout().populations) {
        std::vector<std::uint64_t>& counts = activity.spikesPerNeuron.emplace_back(
            m_spikeCounts.begin() + pop.firstNeuron, m_spikeCounts.begin() + pop.firstNeuron + pop.size);
        if (!base.empty())
            for (std::uint32_t i = 0; i < pop.size; ++i)
                counts[i] -= std::min(counts[i], base[pop.firstNeuron + i]);
    }
    activity.steps = m_countedSteps - fromStep;
    activity.dtMs = m_controller->layout().dtMs;
    activity.cpuWallSeconds = m_engineSeconds;
    return activity;
}

void MainWindow::updateLoihiLive() {
    if (!m_mapping || !m_mappingProblem || m_countedSteps <= m_liveBaseStep ||
        m_liveBaseCounts.size() != m_spikeCounts.size())
        return;
    QElapsedTimer timer;
    timer.start();
    core::loihi::RecordedActivity activity = loihiActivity(m_liveBaseCounts, m_liveBaseStep);
    // The engine time of the window is not measured; the CPU estimate scales the run's by the window's steps.
    activity.cpuWallSeconds =
        m_countedSteps > 0 ? m_engineSeconds * static_cast<double>(activity.steps) / double(m_countedSteps)
                           : 0.0;
    m_loihiPanel->setLiveTrafficReport(
        core::loihi::accountTraffic(*m_mappingProblem, *m_mapping, core::loihi::loihi2(), activity),
        static_cast<double>(activity.steps) * activity.dtMs);
    m_liveBaseCounts = m_spikeCounts;
    m_liveBaseStep = m_countedSteps;
    // Keep this GUI-thread work under a tenth of the time: a big mapping refreshes less often.
    m_loihiLiveTimer->setInterval(
        std::max<int>(kLoihiLiveIntervalMs, static_cast<int>(timer.elapsed() * 10)));
}

void MainWindow::wireLoihiViews() {
    using widgets::RunController;
    m_loihiLiveTimer = new QTimer(this);
    m_loihiLiveTimer->setInterval(kLoihiLiveIntervalMs);
    connect(m_loihiLiveTimer, &QTimer::timeout, this, &MainWindow::updateLoihiLive);
    connect(m_controller, &RunController::stateChanged, this, [this](core::RunLoop::State state) {
        if (state == core::RunLoop::State::Running) {
            m_liveBaseCounts = m_spikeCounts;
            m_liveBaseStep = m_countedSteps;
            m_loihiLiveTimer->start();
        } else {
            m_loihiLiveTimer->stop();
            // The engine may finish between a drain and the state check: take what it queued since, so the
            // whole run's energy counts every step (seen as 0.89 s of a 1 s CUBA run without this).
            if (m_controller->drain() > 0)
                updateLoihiEnergy();
        }
    });
    connect(m_controller, &RunController::cleared, this, [this] {
        std::fill(m_liveBaseCounts.begin(), m_liveBaseCounts.end(), 0);
        m_liveBaseStep = 0;
    });

    // A core clicked on the floorplan: its neurons shown and selected in the raster (unless the raster's
    // selection is already one of them, e.g. when the click came from the raster), its population selected
    // in the node editor.
    connect(m_loihiPanel, &widgets::LoihiPanel::coreNeuronsSelected, this,
            [this](const QString& population, quint32 first, quint32 count) {
                if (population.isEmpty())
                    return;
                const auto& layout = m_controller->layout();
                for (const auto& info : layout.populations) {
                    if (info.name != population.toStdString())
                        continue;
                    const std::uint32_t global = info.firstNeuron + first;
                    const int selected = m_raster->selectedNeuron();
                    if (selected < static_cast<int>(global) || selected >= static_cast<int>(global + count)) {
                        m_raster->setNeuronRange(global, count);
                        m_raster->selectNeuron(static_cast<int>(global));
                    }
                }
                if (!m_editorScene->selectedNodeIds().contains(population))
                    m_editorScene->selectNodes({population});
            });
    // A population selected in the editor: its cores outlined on the floorplan.
    connect(m_editorScene, &widgets::EditorScene::currentChanged, this,
            [this](const QString& kind, const QString& id) {
                m_loihiPanel->highlightPopulation(kind == QLatin1String("node") ? id : QString());
            });
}

void MainWindow::updateLoihiEnergy() {
    if (!m_mapping || !m_mappingProblem || m_countedSteps == 0)
        return;
    const core::loihi::RecordedActivity activity = loihiActivity({}, 0);
    m_loihiPanel->setTrafficReport(
        core::loihi::accountTraffic(*m_mappingProblem, *m_mapping, core::loihi::loihi2(), activity));
}

} // namespace pulselab::app
