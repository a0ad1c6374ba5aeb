#pragma once
// What the Loihi mapper needs to know about a network, independent of how the network is simulated:
// population sizes and per-neuron state, and for each projection how many synapses it has (the connection
// probability follows from it). Built from a network model by the caller.
#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core::loihi {

struct MappingPopulation {
    std::string name;
    std::uint32_t neurons = 0;
    /// Bytes of neuron state per neuron on a core. Assumed 8 for CUBA-LIF (two 24-bit state words plus
    /// flags); no published Loihi 2 figure.
    std::uint32_t stateBytesPerNeuron = 8;
    /// Expected spikes per neuron per step, used to weight traffic before a run has been recorded.
    double expectedRatePerStep = 0.01;
};

struct MappingProjection {
    int source = 0; ///< index into populations
    int target = 0;
    std::uint64_t synapses = 0;
    /// Bytes of synaptic memory per synapse. Assumed 2 (8-bit weight plus a compressed index); Loihi
    /// supports 1-9-bit weights with several compression formats, none documented per byte for Loihi 2.
    std::uint32_t bytesPerSynapse = 2;
};

struct MappingProblem {
    std::vector<MappingPopulation> populations;
    std::vector<MappingProjection> projections;
};

} // namespace pulselab::core::loihi
