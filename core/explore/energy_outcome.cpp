// The energy_per_inference_j outcome: a run's spikes, counted per neuron, accounted on the network's Loihi 2
// mapping exactly as `pulselab-cli map` accounts a run (core/loihi/traffic_accounting).
#include "core/explore/outcome_metric.h"
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"

#include <cmath>
#include <variant>

namespace pulselab::core {

namespace {

class EnergyPerInference : public OutcomeAccumulator {
public:
    EnergyPerInference(loihi::MappingProblem problem, loihi::Mapping mapping, RunLayout layout,
                       double inferenceMs)
        : m_problem(std::move(problem)), m_mapping(std::move(mapping)), m_layout(std::move(layout)),
          m_inferenceMs(inferenceMs), m_counts(m_layout.neuronCount(), 0) {}

    void add(const RunSnapshot& chunk) override {
        for (const SpikeEvent& spike : chunk.spikes)
            if (spike.neuron < m_counts.size())
                ++m_counts[spike.neuron];
    }

    double value(std::int64_t steps) const override {
        // Populations, then inputs: the run's layout orders global neuron ids as the mapping problem does.
        loihi::RecordedActivity activity;
        for (const PopulationInfo& p : m_layout.populations)
            activity.spikesPerNeuron.emplace_back(m_counts.begin() + p.firstNeuron,
                                                  m_counts.begin() + p.firstNeuron + p.size);
        activity.steps = steps;
        activity.dtMs = m_layout.dtMs;
        activity.stepsPerInference =
            m_inferenceMs > 0.0 ? std::max<std::int64_t>(1, std::llround(m_inferenceMs / m_layout.dtMs))
                                : steps;
        return loihi::accountTraffic(m_problem, m_mapping, loihi::loihi2(), activity).joulesPerInference;
    }

private:
    loihi::MappingProblem m_problem;
    loihi::Mapping m_mapping;
    RunLayout m_layout;
    double m_inferenceMs;
    std::vector<std::uint64_t> m_counts;
};

} // namespace

std::unique_ptr<OutcomeAccumulator> makeEnergyAccumulator(const NetworkSpec& network, const RunLayout& layout,
                                                          double inferenceMs, std::string& error) {
    loihi::MappingProblem problem = loihi::mappingProblemFor(network);
    loihi::MapResult mapped = loihi::mapNetwork(problem, loihi::loihi2());
    if (auto* failure = std::get_if<loihi::MappingFailure>(&mapped)) {
        error = "the network does not map onto Loihi 2: " + failure->message;
        return nullptr;
    }
    return std::make_unique<EnergyPerInference>(
        std::move(problem), std::get<loihi::Mapping>(std::move(mapped)), layout, inferenceMs);
}

} // namespace pulselab::core
