// pulselab-cli map PROJECT [--json | --csv] [--run] [--no-run] [--duration S] [--inference-ms MS]
// [--max-chips N]
//                         [--no-metis]
// Maps a project's network onto Loihi 2 (core/loihi) and prints a report: per core the population range,
// neurons, SRAM use, input axons and fan-out, then totals. After a simulated run (with --run, or by default
// when the project is a spiking network small enough to run in a few seconds) it adds the inter-core spike
// traffic and the energy from Davies et al. 2018 Table 2 (see resources/chips/loihi2.json), per run and per
// inference (--inference-ms: the length of one stimulus presentation; default the whole run). Exit code 1
// with the explanation (limit, population, by how much) when the network cannot be mapped. --csv prints the
// per-core table as CSV (core/loihi/mapping_report.h), --json everything as one object.
#include "app/cli/cli_commands.h"

#include "core/loihi/loihi_mapper.h"
#include "core/loihi/mapping_report.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/model/project_file.h"
#include "core/runtime/project_run.h"
#include "core/runtime/seconds_since.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>

namespace pulselab::cli {

namespace {

namespace loihi = core::loihi;

struct MapOptions {
    std::string project;
    bool json = false;
    bool csv = false;
    std::optional<bool> run; ///< unset: run when the network is small (autoRunBudget)
    std::optional<double> durationS;
    std::optional<double> inferenceMs; ///< unset: one inference is the whole run
    loihi::MapperOptions mapper;
};

/// Neuron updates plus expected synaptic events a run may cost before `map` runs it unasked. CUBA
/// (examples/cuba.pulselab, 1 s at dt = 0.1 ms) is 7e7 of these and ran in 0.03 s of engine time here, so
/// 2e8 keeps an unasked run to well under a second.
constexpr double kAutoRunBudget = 2e8;

std::optional<MapOptions> parse(std::span<const std::string> args, std::ostream& err) {
    MapOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                err << "pulselab-cli map: " << a << " needs a value\n";
                return std::nullopt;
            }
            return args[++i];
        };
        try {
            if (a == "--json") {
                o.json = true;
            } else if (a == "--csv") {
                o.csv = true;
            } else if (a == "--run") {
                o.run = true;
            } else if (a == "--no-run") {
                o.run = false;
            } else if (a == "--no-metis") {
                o.mapper.useMetis = false;
            } else if (a == "--duration") {
                const auto v = value();
                if (!v)
                    return std::nullopt;
                o.durationS = std::stod(*v);
                if (!(*o.durationS > 0.0)) {
                    err << "pulselab-cli map: --duration must be > 0 seconds\n";
                    return std::nullopt;
                }
            } else if (a == "--inference-ms") {
                const auto v = value();
                if (!v)
                    return std::nullopt;
                o.inferenceMs = std::stod(*v);
                if (!(*o.inferenceMs > 0.0)) {
                    err << "pulselab-cli map: --inference-ms must be > 0 milliseconds\n";
                    return std::nullopt;
                }
            } else if (a == "--max-chips") {
                const auto v = value();
                if (!v)
                    return std::nullopt;
                o.mapper.maxChips = std::stoi(*v);
                if (o.mapper.maxChips < 1) {
                    err << "pulselab-cli map: --max-chips must be at least 1\n";
                    return std::nullopt;
                }
            } else if (!a.empty() && a[0] == '-') {
                err << "pulselab-cli map: unknown option " << a << "\n";
                return std::nullopt;
            } else if (o.project.empty()) {
                o.project = a;
            } else {
                err << "pulselab-cli map: one project at a time\n";
                return std::nullopt;
            }
        } catch (const std::exception&) {
            err << "pulselab-cli map: " << a << ": '" << args[i] << "' is not a valid number\n";
            return std::nullopt;
        }
    }
    if (o.json && o.csv) {
        err << "pulselab-cli map: --json and --csv are exclusive\n";
        return std::nullopt;
    }
    if (o.project.empty()) {
        err << "usage: pulselab-cli map PROJECT [--json | --csv] [--run | --no-run] [--duration S] "
               "[--max-chips N] "
               "[--no-metis]\n";
        return std::nullopt;
    }
    return o;
}

/// Runs the spiking network and returns its spike counts in the mapping problem's order (populations, then
/// inputs, as mappingProblemFor() lists them).
std::optional<loihi::RecordedActivity> simulate(const core::NetworkSpec& network, std::ostream& err,
                                                const std::string& origin,
                                                std::optional<double> inferenceMs) {
    std::string error;
    auto sim = core::Simulation::build(network, error);
    if (!sim) {
        err << origin << ": " << error << "\n";
        return std::nullopt;
    }
    loihi::RecordedActivity activity;
    activity.steps = static_cast<std::int64_t>(std::llround(network.run.durationMs / network.run.dtMs));
    activity.dtMs = network.run.dtMs;
    // A spiking project has no notion of a sample: unless told its length, one inference is the whole run.
    activity.stepsPerInference =
        inferenceMs ? std::max<std::int64_t>(1, std::llround(*inferenceMs / network.run.dtMs))
                    : activity.steps;
    const auto start = std::chrono::steady_clock::now();
    try {
        sim->advance(activity.steps, nullptr);
    } catch (const core::RunFault& fault) {
        err << origin << ": " << fault.what() << "\n";
        return std::nullopt;
    }
    activity.cpuWallSeconds = core::secondsSince(start);
    for (const auto& pop : network.populations)
        activity.spikesPerNeuron.push_back(sim->spikeCounts(pop.name));
    for (const auto& in : network.inputs)
        activity.spikesPerNeuron.push_back(sim->spikeCounts(in.name));
    return activity;
}

std::string formatMs(double ms) {
    std::ostringstream text;
    text << ms << " ms";
    return text.str();
}

} // namespace

int mapCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const auto options = parse(args, err);
    if (!options)
        return kExitUsage;
    const core::ProjectLoad load = core::loadProjectFile(options->project);
    if (!load.project) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    core::NetworkSpec network = load.project->network;
    if (options->durationS)
        network.run.durationMs = *options->durationS * 1000.0;
    const loihi::MappingProblem problem = loihi::mappingProblemFor(network);
    if (problem.populations.empty()) {
        err << options->project << ": the project has no spiking network to map\n";
        return kExitInvalidProject;
    }

    const auto start = std::chrono::steady_clock::now();
    const loihi::MapResult result = loihi::mapNetwork(problem, loihi::loihi2(), options->mapper);
    const double mappingSeconds = core::secondsSince(start);
    if (const auto* failure = std::get_if<loihi::MappingFailure>(&result)) {
        err << options->project << ": cannot be mapped onto Loihi 2: " << failure->message << "\n";
        if (options->json)
            out << nlohmann::json{{"project", options->project},       {"mapped", false},
                                  {"population", failure->population}, {"limit", failure->limit},
                                  {"needed", failure->needed},         {"available", failure->available},
                                  {"explanation", failure->message},   {"mapping_seconds", mappingSeconds}}
                       .dump()
                << "\n";
        return kExitRunFailed;
    }
    const loihi::Mapping& mapping = std::get<loihi::Mapping>(result);

    // Run when asked, or unasked when the project is a plain spiking network whose run is cheap.
    const bool spiking = !core::isPredictiveCodingProject(*load.project);
    double work = 0.0;
    for (const auto& pop : problem.populations)
        work += pop.neurons;
    for (const auto& pr : problem.projections)
        work += static_cast<double>(pr.synapses) *
                problem.populations[static_cast<std::size_t>(pr.source)].expectedRatePerStep;
    work *= network.run.durationMs / network.run.dtMs;
    const bool run = options->run.value_or(spiking && work <= kAutoRunBudget);
    std::optional<loihi::TrafficReport> traffic;
    if (run && !spiking) {
        err << options->project << ": predictive-coding projects are mapped but not run here (no spike "
            << "counts to account)\n";
    } else if (run) {
        const auto activity = simulate(network, err, options->project, options->inferenceMs);
        if (!activity)
            return kExitRunFailed;
        traffic = loihi::accountTraffic(problem, mapping, loihi::loihi2(), *activity, options->mapper);
    }

    const loihi::Utilisation tightest = loihi::maxUtilisation(mapping);
    nlohmann::json cores = nlohmann::json::array();
    for (std::size_t i = 0; i < mapping.partitions.size(); ++i) {
        const loihi::Partition& p = mapping.partitions[i];
        const loihi::Utilisation u = loihi::utilisationOf(p, mapping.limits);
        nlohmann::json core = {
            {"chip", p.chip},
            {"core", p.core},
            {"population", problem.populations[static_cast<std::size_t>(p.population)].name},
            {"first_neuron", p.firstNeuron},
            {"neurons", p.neurons},
            {"sram_bytes", p.stateBytes + p.synapseBytes},
            {"input_axons", p.inputAxons},
            {"fanout_edges", p.fanoutEdges},
            {"utilisation", u.fraction},
        };
        if (traffic)
            core["energy_joules"] = traffic->perPartition[i].energyJoules;
        cores.push_back(std::move(core));
    }

    const loihi::TrafficReport* report = traffic ? &*traffic : nullptr;
    if (options->csv) {
        loihi::writeMappingCsv(out, problem, mapping, report);
        return kExitOk;
    }
    if (!options->json) {
        loihi::writeMappingText(out, options->project, problem, mapping, report, mappingSeconds,
                                options->inferenceMs ? formatMs(*options->inferenceMs)
                                                     : std::string("the run"));
        return kExitOk;
    }
    nlohmann::json j = {
        {"project", options->project},
        {"mapped", true},
        {"chips", mapping.chips},
        {"cores_used", mapping.coresUsed()},
        {"max_core_utilisation", tightest.fraction},
        {"tightest_limit", tightest.limit},
        {"traffic_hop_cost_per_step", mapping.trafficHopCost},
        {"metis_placement", mapping.usedMetis},
        {"mapping_seconds", mappingSeconds},
        {"cores", std::move(cores)},
        {"inter_core_spikes_per_second", nullptr},
        {"energy_joules_per_inference", nullptr},
    };
    if (traffic) {
        j["simulated_seconds"] = traffic->simulatedSeconds;
        j["inter_core_spikes_per_second"] =
            traffic->simulatedSeconds > 0 ? traffic->total.messagesToOtherCores / traffic->simulatedSeconds
                                          : 0.0;
        j["energy_joules_per_inference"] = traffic->joulesPerInference;
        j["loihi_watts"] = traffic->loihiWatts;
        j["mesh_hops"] = traffic->total.hopsEastWest + traffic->total.hopsNorthSouth;
        j["chip_crossings"] = traffic->total.chipCrossings;
    }
    out << j.dump() << "\n";
    return kExitOk;
}

} // namespace pulselab::cli
