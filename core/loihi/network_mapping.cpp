#include "core/loihi/network_mapping.h"

#include "core/sim/connectivity_builder.h"

#include <cmath>

namespace pulselab::core::loihi {

MappingProblem mappingProblemFor(const NetworkSpec& network) {
    MappingProblem problem;
    auto indexOf = [&](const std::string& name) {
        for (std::size_t i = 0; i < problem.populations.size(); ++i)
            if (problem.populations[i].name == name)
                return static_cast<int>(i);
        return -1;
    };
    for (const auto& p : network.populations) {
        MappingPopulation pop;
        pop.name = p.name;
        pop.neurons = p.size;
        // The Bayesian neuron keeps two state words of 24 bits like CUBA-LIF; all models are assumed 8 bytes.
        pop.stateBytesPerNeuron = 8;
        problem.populations.push_back(pop);
    }
    for (const auto& in : network.inputs) {
        MappingPopulation pop;
        pop.name = in.name;
        pop.neurons = in.size;
        pop.stateBytesPerNeuron = 4; // a spike generator: a counter per neuron (assumed)
        pop.expectedRatePerStep =
            in.parameters.count("rate_hz") ? in.parameters.at("rate_hz") * network.run.dtMs / 1000.0 : 0.01;
        problem.populations.push_back(pop);
    }
    for (const auto& pr : network.projections) {
        const int source = indexOf(pr.source), target = indexOf(pr.target);
        if (source < 0 || target < 0)
            continue;
        MappingProjection projection;
        projection.source = source;
        projection.target = target;
        projection.synapses = static_cast<std::uint64_t>(
            std::llround(expectedSynapses(pr, network.sizeOf(pr.source), network.sizeOf(pr.target))));
        problem.projections.push_back(projection);
    }
    return problem;
}

} // namespace pulselab::core::loihi
