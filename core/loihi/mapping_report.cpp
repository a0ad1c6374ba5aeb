#include "core/loihi/mapping_report.h"

#include "core/io/csv_field.h"

#include <iomanip>
#include <limits>

namespace pulselab::core::loihi {

Utilisation utilisationOf(const Partition& p, const CoreLimits& limits) {
    Utilisation u;
    auto consider = [&](const char* name, double used, double available) {
        if (available > 0 && used / available > u.fraction) {
            u.fraction = used / available;
            u.limit = name;
        }
    };
    consider("neurons", p.neurons, limits.maxNeurons);
    consider("sram", static_cast<double>(p.stateBytes + p.synapseBytes),
             static_cast<double>(limits.sramBytes));
    consider("input_axons", p.inputAxons, limits.maxInputAxons);
    consider("fanout_edges", p.fanoutEdges, limits.maxFanoutEdges);
    return u;
}

Utilisation maxUtilisation(const Mapping& mapping) {
    Utilisation most;
    for (const Partition& p : mapping.partitions) {
        Utilisation u = utilisationOf(p, mapping.limits);
        if (u.fraction > most.fraction)
            most = std::move(u);
    }
    return most;
}

namespace {

const std::string& populationName(const MappingProblem& problem, const Partition& p) {
    return problem.populations[static_cast<std::size_t>(p.population)].name;
}

} // namespace

void writeMappingCsv(std::ostream& out, const MappingProblem& problem, const Mapping& m,
                     const TrafficReport* traffic) {
    out << "chip,core,column,row,population,first_neuron,last_neuron,neurons,sram_bytes,input_axons,"
           "fanout_edges,utilisation,tightest_limit";
    if (traffic)
        out << ",synaptic_ops,neuron_updates,spikes_out,messages_out,routed_messages,mesh_hops,energy_joules";
    out << "\n" << std::setprecision(std::numeric_limits<double>::max_digits10); // exact round trip
    for (std::size_t i = 0; i < m.partitions.size(); ++i) {
        const Partition& p = m.partitions[i];
        const Utilisation u = utilisationOf(p, m.limits);
        out << p.chip << ',' << p.core << ',' << p.core % m.meshColumns << ',' << p.core / m.meshColumns
            << ',' << csvField(populationName(problem, p)) << ',' << p.firstNeuron << ','
            << p.firstNeuron + p.neurons - 1 << ',' << p.neurons << ',' << p.stateBytes + p.synapseBytes
            << ',' << p.inputAxons << ',' << p.fanoutEdges << ',' << u.fraction << ',' << u.limit;
        if (traffic && i < traffic->perPartition.size()) {
            const CoreActivity& a = traffic->perPartition[i];
            out << ',' << a.synapticOps << ',' << a.neuronUpdatesActive + a.neuronUpdatesInactive << ','
                << a.spikesOut << ',' << a.messagesOut << ',' << a.routedMessages << ','
                << a.hopsEastWest + a.hopsNorthSouth << ',' << a.energyJoules;
        }
        out << "\n";
    }
}

void writeMappingText(std::ostream& out, const std::string& origin, const MappingProblem& problem,
                      const Mapping& m, const TrafficReport* traffic, double mappingSeconds,
                      const std::string& inferenceLabel) {
    const CoreLimits& l = m.limits;
    out << origin << ": " << m.coresUsed() << " cores on " << m.chips << " Loihi 2 chip(s), mapped in "
        << std::setprecision(3) << mappingSeconds << " s\n";
    out << "limits per core: " << l.maxNeurons << " neurons, " << l.sramBytes << " B SRAM, "
        << l.maxInputAxons << " input axons, " << l.maxFanoutEdges << " fan-out edges\n\n";
    out << std::left << std::setw(5) << "chip" << std::setw(6) << "core" << std::setw(8) << "(x,y)"
        << std::setw(28) << "population [first, last]" << std::right << std::setw(8) << "neurons"
        << std::setw(10) << "SRAM B" << std::setw(7) << "SRAM%" << std::setw(7) << "axons" << std::setw(8)
        << "fan-out" << std::setw(8) << "tight%"
        << "\n";
    std::uint64_t neurons = 0, sram = 0, axons = 0, fanout = 0;
    for (const Partition& p : m.partitions) {
        const std::string where =
            "(" + std::to_string(p.core % m.meshColumns) + "," + std::to_string(p.core / m.meshColumns) + ")";
        const std::string range = populationName(problem, p) + " [" + std::to_string(p.firstNeuron) + ", " +
                                  std::to_string(p.firstNeuron + p.neurons - 1) + "]";
        const std::uint64_t bytes = p.stateBytes + p.synapseBytes;
        out << std::left << std::setw(5) << p.chip << std::setw(6) << p.core << std::setw(8) << where
            << std::setw(28) << range << std::right << std::setw(8) << p.neurons << std::setw(10) << bytes
            << std::setw(7) << std::fixed << std::setprecision(1)
            << 100.0 * static_cast<double>(bytes) / static_cast<double>(l.sramBytes) << std::setw(7)
            << p.inputAxons << std::setw(8) << p.fanoutEdges << std::setw(8)
            << 100.0 * utilisationOf(p, l).fraction << std::defaultfloat << "\n";
        neurons += p.neurons;
        sram += bytes;
        axons += p.inputAxons;
        fanout += p.fanoutEdges;
    }
    out << "\ntotal: " << neurons << " neurons, " << sram << " B SRAM, " << axons << " input axons, "
        << fanout << " fan-out edges; tightest core at " << std::setprecision(3)
        << 100.0 * maxUtilisation(m).fraction << " % of a limit\n";
    out << "placement: expected messages x hops per step " << m.trafficHopCost << " (serpentine start "
        << m.initialTrafficHopCost << (m.usedMetis ? ", search from the METIS start kept" : "") << ")\n";
    if (traffic) {
        out << "run: " << traffic->simulatedSeconds << " s simulated, "
            << (traffic->simulatedSeconds > 0
                    ? traffic->total.messagesToOtherCores / traffic->simulatedSeconds
                    : 0.0)
            << " inter-core spike messages/s, " << traffic->total.hopsEastWest + traffic->total.hopsNorthSouth
            << " mesh hops, " << traffic->total.chipCrossings << " chip crossings\n";
        out << "energy (Loihi 1 per-operation figures, Davies et al. 2018 Table 2): " << traffic->loihiJoules
            << " J per run, " << traffic->joulesPerInference << " J per inference (" << inferenceLabel
            << "), " << traffic->loihiWatts << " W\n";
        for (const auto& c : traffic->comparisons)
            out << "  " << c.platform << ": " << c.joules << " J (" << c.assumptions << ")\n";
    } else {
        out << "no run: pass --run for traffic and energy\n";
    }
}

} // namespace pulselab::core::loihi
