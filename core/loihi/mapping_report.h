#pragma once
// The mapping report: one row per used core (chip, core, mesh position, population and neuron range, use of
// each per-core limit, and with a run its activity and energy) as a table for people or CSV for scripts.
// pulselab-cli map prints it; the Loihi 2 dock saves it (Save Mapping Report...).
#include "core/loihi/mapping.h"
#include "core/loihi/mapping_problem.h"
#include "core/loihi/traffic_accounting.h"

#include <optional>
#include <ostream>
#include <string>

namespace pulselab::core::loihi {

/// Fraction of each per-core limit a partition uses; the tightest one is its utilisation (never above 1 for
/// a valid mapping) and `limit` names it ("neurons", "sram", "input_axons", "fanout_edges").
struct Utilisation {
    double fraction = 0.0;
    std::string limit;
};
Utilisation utilisationOf(const Partition& partition, const CoreLimits& limits);

/// The tightest utilisation over all partitions.
Utilisation maxUtilisation(const Mapping& mapping);

/// CSV, header first: chip,core,column,row,population,first_neuron,last_neuron,neurons,sram_bytes,
/// input_axons,fanout_edges,utilisation,tightest_limit and, with a traffic report, synaptic_ops,
/// neuron_updates,spikes_out,messages_out,routed_messages,mesh_hops,energy_joules. Population names are
/// quoted when they hold a comma or a quote.
void writeMappingCsv(std::ostream& out, const MappingProblem& problem, const Mapping& mapping,
                     const TrafficReport* traffic);

/// The report as aligned text: the limits, the core table, totals, placement cost and (with a run) traffic
/// and energy with the CPU and GPU comparisons. `inferenceLabel` says what one inference is.
void writeMappingText(std::ostream& out, const std::string& origin, const MappingProblem& problem,
                      const Mapping& mapping, const TrafficReport* traffic, double mappingSeconds,
                      const std::string& inferenceLabel);

} // namespace pulselab::core::loihi
