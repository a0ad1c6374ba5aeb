#include "core/loihi/traffic_accounting.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace pulselab::core::loihi {

namespace {

double energyOf(const ChipDescription& chip, const char* key) {
    const auto it = chip.energyPj.find(key);
    return it == chip.energyPj.end() ? 0.0 : it->second.value * 1e-12;
}

/// Spikes of the neurons of `part` in the recording.
double spikesOf(const Partition& part, const RecordedActivity& activity) {
    if (static_cast<std::size_t>(part.population) >= activity.spikesPerNeuron.size())
        return 0.0;
    const auto& counts = activity.spikesPerNeuron[static_cast<std::size_t>(part.population)];
    double sum = 0.0;
    for (std::uint32_t i = part.firstNeuron; i < part.firstNeuron + part.neurons && i < counts.size(); ++i)
        sum += static_cast<double>(counts[i]);
    return sum;
}

/// Adds `messages` to every router on the X-then-Y path from core a to core b of one chip.
void routeMessages(std::vector<CoreActivity>& perCore, const Mapping& mapping, int chip, int a, int b,
                   double messages) {
    const int cols = mapping.meshColumns;
    int x = a % cols;
    int y = a / cols;
    const int bx = b % cols;
    const int by = b / cols;
    auto visit = [&] {
        perCore[static_cast<std::size_t>(chip * mapping.coresPerChip + y * cols + x)].routedMessages +=
            messages;
    };
    visit();
    while (x != bx) {
        x += bx > x ? 1 : -1;
        visit();
    }
    while (y != by) {
        y += by > y ? 1 : -1;
        visit();
    }
}

} // namespace

TrafficReport accountTraffic(const MappingProblem& problem, const Mapping& mapping,
                             const ChipDescription& chip, const RecordedActivity& activity,
                             const MapperOptions& options, const ComparisonAssumptions& comparison) {
    TrafficReport report;
    const std::size_t n = mapping.partitions.size();
    report.perPartition.assign(n, CoreActivity{});
    std::vector<CoreActivity> perCore(
        static_cast<std::size_t>(std::max(1, mapping.chips) * mapping.coresPerChip));
    const auto steps = static_cast<double>(activity.steps);
    report.simulatedSeconds = steps * activity.dtMs / 1000.0;

    std::vector<double> spikes(n);
    for (std::size_t i = 0; i < n; ++i)
        spikes[i] = spikesOf(mapping.partitions[i], activity);

    for (std::size_t i = 0; i < n; ++i) {
        const Partition& from = mapping.partitions[i];
        CoreActivity& source = report.perPartition[i];
        source.spikesOut = spikes[i];
        for (std::size_t j = 0; j < n; ++j) {
            const Partition& to = mapping.partitions[j];
            for (const MappingProjection& projection : problem.projections) {
                if (projection.source != from.population || projection.target != to.population)
                    continue;
                const double sourceSize =
                    problem.populations[static_cast<std::size_t>(from.population)].neurons;
                const double targetSize =
                    problem.populations[static_cast<std::size_t>(to.population)].neurons;
                const double p =
                    std::min(1.0, static_cast<double>(projection.synapses) / (sourceSize * targetSize));
                // Each source spike reaches a core holding at least one of its targets once, then fans out to
                // its synapses there (p x partition size of them on average).
                const double messages = spikes[i] * reachProbability(problem, projection, to.neurons);
                const double synops = spikes[i] * p * to.neurons;
                report.perPartition[j].synapticOps += synops;
                source.messagesOut += messages;
                const int cols = mapping.meshColumns;
                source.hopsEastWest += messages * std::abs(from.core % cols - to.core % cols);
                source.hopsNorthSouth += messages * std::abs(from.core / cols - to.core / cols);
                source.chipCrossings += messages * std::abs(from.chip - to.chip);
                if (from.chip == to.chip)
                    routeMessages(perCore, mapping, from.chip, from.core, to.core, messages);
            }
        }
    }

    const double eSynop = energyOf(chip, "synaptic_op_pj");
    const double eActive = energyOf(chip, "neuron_update_active_pj");
    const double eInactive = energyOf(chip, "neuron_update_inactive_pj");
    const double eTile = energyOf(chip, "spike_within_tile_pj");
    const double eEW = energyOf(chip, "mesh_hop_ew_pj");
    const double eNS = energyOf(chip, "mesh_hop_ns_pj");
    for (std::size_t i = 0; i < n; ++i) {
        CoreActivity& a = report.perPartition[i];
        const double updates = steps * mapping.partitions[i].neurons;
        // A neuron update is "active" when the neuron received input that step; bounded by the synaptic
        // events.
        a.neuronUpdatesActive = std::min(updates, a.synapticOps);
        a.neuronUpdatesInactive = updates - a.neuronUpdatesActive;
        const Partition& part = mapping.partitions[i];
        a.routedMessages =
            perCore[static_cast<std::size_t>(part.chip * mapping.coresPerChip + part.core)].routedMessages;
        a.energyJoules = a.synapticOps * eSynop + a.neuronUpdatesActive * eActive +
                         a.neuronUpdatesInactive * eInactive + a.messagesOut * eTile + a.hopsEastWest * eEW +
                         a.hopsNorthSouth * eNS + a.chipCrossings * options.chipLinkHopPenalty * eEW;
        CoreActivity& t = report.total;
        t.synapticOps += a.synapticOps;
        t.neuronUpdatesActive += a.neuronUpdatesActive;
        t.neuronUpdatesInactive += a.neuronUpdatesInactive;
        t.spikesOut += a.spikesOut;
        t.messagesOut += a.messagesOut;
        t.hopsEastWest += a.hopsEastWest;
        t.hopsNorthSouth += a.hopsNorthSouth;
        t.chipCrossings += a.chipCrossings;
        t.energyJoules += a.energyJoules;
    }
    report.loihiJoules = report.total.energyJoules;
    report.loihiWatts = report.simulatedSeconds > 0 ? report.loihiJoules / report.simulatedSeconds : 0.0;
    if (activity.stepsPerInference > 0 && activity.steps > 0)
        report.joulesPerInference =
            report.loihiJoules * static_cast<double>(activity.stepsPerInference) / steps;

    report.assumptions = {
        "Per-operation energies are Loihi 1's (Davies et al. 2018, Table 2, pre-silicon); none are published "
        "for "
        "Loihi 2",
        "Connectivity is taken at population level: a spike reaches a core with probability 1-(1-p)^k and "
        "makes "
        "p*k synaptic operations there",
        "A neuron update counts as active when the neuron received a synaptic event that step (upper bound)",
        "A chip-to-chip crossing costs as much as " +
            std::to_string(static_cast<int>(options.chipLinkHopPenalty)) +
            " east-west mesh hops (no published figure)",
        "Static power and barrier synchronisation are not included"};

    const double updates = report.total.neuronUpdatesActive + report.total.neuronUpdatesInactive;
    std::ostringstream cpuNote;
    cpuNote << "measured engine time " << activity.cpuWallSeconds << " s x " << comparison.cpuWatts
            << " W for one busy x86 core (assumed)";
    report.comparisons.push_back(
        {"CPU (this machine, one thread)", activity.cpuWallSeconds * comparison.cpuWatts, cpuNote.str()});
    const double gpuSeconds = std::max(steps * comparison.gpuMinSecondsPerStep,
                                       report.total.synapticOps / comparison.gpuSynapticOpsPerSecond +
                                           updates / comparison.gpuNeuronUpdatesPerSecond);
    std::ostringstream gpuNote;
    gpuNote << comparison.gpuWatts << " W board, " << comparison.gpuSynapticOpsPerSecond
            << " synaptic events/s, " << comparison.gpuNeuronUpdatesPerSecond
            << " neuron updates/s, at least " << comparison.gpuMinSecondsPerStep * 1e6
            << " us per step (all assumed)";
    report.comparisons.push_back({"GPU (estimate)", gpuSeconds * comparison.gpuWatts, gpuNote.str()});
    return report;
}

} // namespace pulselab::core::loihi
