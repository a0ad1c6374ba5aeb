#include "core/loihi/traffic_accounting.h"

#include "core/loihi/traffic_graph.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <tuple>

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

/// Messages per router and per directed link, filled by route().
class LinkCounter {
public:
    explicit LinkCounter(const Mapping& mapping)
        : m_mapping(mapping), m_chips(std::max(1, mapping.chips)),
          m_routed(static_cast<std::size_t>(m_chips * mapping.coresPerChip), 0.0),
          m_mesh(m_routed.size() * 4, 0.0), m_chipLinks(static_cast<std::size_t>(m_chips) * 2, 0.0) {}

    /// Routes `messages` from (chip a, core a) to (chip b, core b): X then Y on chip a to b's mesh position,
    /// then chip by chip along the chain. Every router passed (both ends included) counts them.
    void route(int chipA, int coreA, int chipB, int coreB, double messages) {
        const int cols = m_mapping.meshColumns;
        int x = coreA % cols;
        int y = coreA / cols;
        const int bx = coreB % cols;
        const int by = coreB / cols;
        routed(chipA, y * cols + x) += messages;
        auto step = [&](int dx, int dy, int direction) {
            m_mesh[static_cast<std::size_t>(slot(chipA, y * cols + x) * 4 + direction)] += messages;
            x += dx;
            y += dy;
            routed(chipA, y * cols + x) += messages;
        };
        while (x != bx)
            step(bx > x ? 1 : -1, 0, bx > x ? kEast : kWest);
        while (y != by)
            step(0, by > y ? 1 : -1, by > y ? kSouth : kNorth);
        for (int c = chipA; c != chipB; c += chipB > c ? 1 : -1)
            m_chipLinks[static_cast<std::size_t>(c * 2 + (chipB > c ? 0 : 1))] += messages;
        if (chipB != chipA)
            routed(chipB, coreB) += messages;
    }

    double routedAt(int chip, int core) const { return m_routed[static_cast<std::size_t>(slot(chip, core))]; }

    std::vector<MeshLinkTraffic> meshLinks() const {
        std::vector<MeshLinkTraffic> links;
        const int cols = m_mapping.meshColumns;
        for (std::size_t i = 0; i < m_mesh.size(); ++i) {
            if (m_mesh[i] <= 0.0)
                continue;
            const int s = static_cast<int>(i / 4);
            const int direction = static_cast<int>(i % 4);
            const int core = s % m_mapping.coresPerChip;
            const int offset[4] = {1, -1, cols, -cols}; // east, west, south, north
            links.push_back({s / m_mapping.coresPerChip, core, core + offset[direction], m_mesh[i]});
        }
        std::sort(links.begin(), links.end(), [](const MeshLinkTraffic& a, const MeshLinkTraffic& b) {
            return std::tie(a.chip, a.fromCore, a.toCore) < std::tie(b.chip, b.fromCore, b.toCore);
        });
        return links;
    }

    std::vector<ChipLinkTraffic> chipLinks() const {
        std::vector<ChipLinkTraffic> links;
        for (int c = 0; c < m_chips; ++c) {
            if (m_chipLinks[static_cast<std::size_t>(c * 2)] > 0.0)
                links.push_back({c, c + 1, m_chipLinks[static_cast<std::size_t>(c * 2)]});
            if (m_chipLinks[static_cast<std::size_t>(c * 2 + 1)] > 0.0)
                links.push_back({c, c - 1, m_chipLinks[static_cast<std::size_t>(c * 2 + 1)]});
        }
        std::sort(links.begin(), links.end(), [](const ChipLinkTraffic& a, const ChipLinkTraffic& b) {
            return std::tie(a.fromChip, a.toChip) < std::tie(b.fromChip, b.toChip);
        });
        return links;
    }

private:
    static constexpr int kEast = 0, kWest = 1, kSouth = 2, kNorth = 3;
    int slot(int chip, int core) const { return chip * m_mapping.coresPerChip + core; }
    double& routed(int chip, int core) { return m_routed[static_cast<std::size_t>(slot(chip, core))]; }

    const Mapping& m_mapping;
    int m_chips;
    std::vector<double> m_routed;
    std::vector<double> m_mesh;      ///< slot * 4 + direction
    std::vector<double> m_chipLinks; ///< chip * 2 + (0: to chip + 1, 1: to chip - 1)
};

} // namespace

TrafficReport accountTraffic(const MappingProblem& problem, const Mapping& mapping,
                             const ChipDescription& chip, const RecordedActivity& activity,
                             const MapperOptions& options, const ComparisonAssumptions& comparison) {
    TrafficReport report;
    const std::size_t n = mapping.partitions.size();
    report.perPartition.assign(n, CoreActivity{});
    LinkCounter links(mapping);
    const auto steps = static_cast<double>(activity.steps);
    report.simulatedSeconds = steps * activity.dtMs / 1000.0;

    std::vector<double> spikes(n);
    for (std::size_t i = 0; i < n; ++i) {
        spikes[i] = spikesOf(mapping.partitions[i], activity);
        report.perPartition[i].spikesOut = spikes[i];
    }

    // Projection by projection over the partitions of its two populations (not all partition pairs).
    const auto byPopulation = partitionsByPopulation(problem, mapping);
    for (const MappingProjection& projection : problem.projections) {
        const double sourceSize = problem.populations[static_cast<std::size_t>(projection.source)].neurons;
        const double targetSize = problem.populations[static_cast<std::size_t>(projection.target)].neurons;
        if (sourceSize <= 0 || targetSize <= 0)
            continue;
        const double p = std::min(1.0, static_cast<double>(projection.synapses) / (sourceSize * targetSize));
        for (const int i : byPopulation[static_cast<std::size_t>(projection.source)]) {
            const Partition& from = mapping.partitions[static_cast<std::size_t>(i)];
            CoreActivity& source = report.perPartition[static_cast<std::size_t>(i)];
            const double s = spikes[static_cast<std::size_t>(i)];
            if (s <= 0.0)
                continue;
            for (const int j : byPopulation[static_cast<std::size_t>(projection.target)]) {
                const Partition& to = mapping.partitions[static_cast<std::size_t>(j)];
                // Each source spike reaches a core holding at least one of its targets once, then fans out to
                // its synapses there (p x partition size of them on average).
                const double messages = s * reachProbability(problem, projection, to.neurons);
                report.perPartition[static_cast<std::size_t>(j)].synapticOps += s * p * to.neurons;
                source.messagesOut += messages;
                if (i != j)
                    source.messagesToOtherCores += messages;
                const int cols = mapping.meshColumns;
                source.hopsEastWest += messages * std::abs(from.core % cols - to.core % cols);
                source.hopsNorthSouth += messages * std::abs(from.core / cols - to.core / cols);
                source.chipCrossings += messages * std::abs(from.chip - to.chip);
                links.route(from.chip, from.core, to.chip, to.core, messages);
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
        a.routedMessages = links.routedAt(part.chip, part.core);
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
        t.messagesToOtherCores += a.messagesToOtherCores;
        t.routedMessages += a.routedMessages;
        t.energyJoules += a.energyJoules;
    }
    report.meshLinks = links.meshLinks();
    report.chipLinks = links.chipLinks();
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
        "Static power and barrier synchronisation are not included",
        "Per-link traffic: X-then-Y routing on the source chip to the destination's mesh position, "
        "then a chain of chip-to-chip links (the board topology is not published)"};

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
