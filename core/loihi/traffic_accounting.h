#pragma once
// Traffic and energy of a recorded run as Loihi would execute it: per core the synaptic operations, neuron
// updates, spike messages sent and mesh hops, per router the messages passing through (dimension-order
// X-then-Y routing), and energy from the per-operation figures of the chip description, next to CPU and GPU
// estimates whose assumptions are listed with the result; and the messages over every mesh and chip link.
#include "core/loihi/chip_description.h"
#include "core/loihi/loihi_mapper.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core::loihi {

struct CoreActivity {
    double synapticOps = 0.0;
    double neuronUpdatesActive = 0.0;
    double neuronUpdatesInactive = 0.0;
    double spikesOut = 0.0;      ///< spikes of this core's neurons
    double messagesOut = 0.0;    ///< spike messages sent to destination cores
    double routedMessages = 0.0; ///< messages passing through this core's router (incl. own)
    double hopsEastWest = 0.0;   ///< hops of messages sent from here
    double hopsNorthSouth = 0.0;
    double chipCrossings = 0.0;
    double messagesToOtherCores = 0.0; ///< messagesOut less those to the sending core itself
    double energyJoules = 0.0;
};

/// Messages over one directed mesh link between neighbouring cores of one chip.
struct MeshLinkTraffic {
    int chip = 0;
    int fromCore = 0;
    int toCore = 0;
    double messages = 0.0;
};

/// Messages over one directed chip-to-chip link. Chips are taken as a chain (chip c links to c - 1 and
/// c + 1), as in hopDistance(); the real board topology of Kapoho Point is not published.
struct ChipLinkTraffic {
    int fromChip = 0;
    int toChip = 0;
    double messages = 0.0;
};

struct EnergyEstimate {
    std::string platform;
    double joules = 0.0;
    std::string assumptions;
};

struct TrafficReport {
    std::vector<CoreActivity> perPartition; ///< aligned with Mapping::partitions
    CoreActivity total;
    double simulatedSeconds = 0.0;
    double loihiJoules = 0.0;
    double loihiWatts = 0.0;                 ///< energy per simulated second
    double joulesPerInference = 0.0;         ///< when an inference length was given
    std::vector<EnergyEstimate> comparisons; ///< CPU and GPU
    std::vector<std::string> assumptions;    ///< every assumption the Loihi figures rest on
    /// Per-link traffic, links with messages only, ordered by (chip, fromCore, toCore) / (fromChip, toChip).
    /// Dimension-order routing: X first, then Y, on the source chip to the destination's mesh position,
    /// then along the chip chain. So the mesh-link messages sum to total hopsEastWest + hopsNorthSouth and
    /// the chip-link messages to total chipCrossings.
    std::vector<MeshLinkTraffic> meshLinks;
    std::vector<ChipLinkTraffic> chipLinks;
};

struct RecordedActivity {
    /// Spike count of every neuron, per population (same order as MappingProblem::populations).
    std::vector<std::vector<std::uint64_t>> spikesPerNeuron;
    std::int64_t steps = 0;
    double dtMs = 1.0;
    std::int64_t stepsPerInference = 0; ///< 0 = no per-inference figure
    double cpuWallSeconds = 0.0;        ///< measured engine time of the run, for the CPU estimate
};

struct ComparisonAssumptions {
    double cpuWatts = 15.0;                ///< one x86 core under load, package share (assumed)
    double gpuWatts = 250.0;               ///< a data-centre GPU board (assumed)
    double gpuSynapticOpsPerSecond = 1e10; ///< effective sparse event throughput (assumed)
    double gpuNeuronUpdatesPerSecond = 1e11;
    double gpuMinSecondsPerStep = 5e-6; ///< kernel launch floor per time step (assumed)
};

TrafficReport accountTraffic(const MappingProblem& problem, const Mapping& mapping,
                             const ChipDescription& chip, const RecordedActivity& activity,
                             const MapperOptions& options = {}, const ComparisonAssumptions& comparison = {});

} // namespace pulselab::core::loihi
