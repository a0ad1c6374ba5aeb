// pulselab-cli run PROJECT [--duration S] [--seed N] [--threads N] [--set target.param=value ...] [--json]
//                         [--out DIR [--no-figures]]
// Simulates a project headless. Progress goes to stderr (a bar on a terminal, plain lines otherwise); with
// --json, stdout gets one JSON object of results; with --out, DIR receives recording.h5, spikes.csv and
// signals.csv (see core/io/recording_file.h) and the project's configured figures (configured_figures.h).
#include "app/cli/cli_commands.h"
#include "app/cli/configured_figures.h"
#include "app/cli/mnist_training.h"
#include "app/cli/peak_rss.h"

#include "core/io/recording_collector.h"
#include "core/io/recording_file.h"
#include "core/model/project_file.h"
#include "core/predictive/bars_pc_run.h"
#include "core/predictive/bars_rate_pc_run.h"
#include "core/predictive/pc_run.h"
#include "core/runtime/project_run.h"
#include "core/runtime/run_overrides.h"
#include "core/runtime/seconds_since.h"
#include "core/runtime/steppable_run.h"
#include "core/sim/simulation.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <unistd.h>

namespace pulselab::cli {

namespace {

struct RunOptions {
    std::string project;
    std::optional<double> durationS;
    std::optional<std::uint64_t> seed;
    std::optional<int> threads;
    std::vector<core::ParameterOverride> overrides;
    bool json = false;
    std::string outDir;     ///< empty: no recording files
    bool noFigures = false; ///< --no-figures: --out writes no configured figures
    /// --record-budget-mb: memory the --out recording may hold before it thins signals and stops spikes.
    std::uint64_t recordBudgetBytes = std::uint64_t{2} << 30;
};

std::optional<RunOptions> parse(std::span<const std::string> args, std::ostream& err) {
    RunOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                err << "pulselab-cli run: " << a << " needs a value\n";
                return std::nullopt;
            }
            return args[++i];
        };
        try {
            if (a == "--no-figures") {
                o.noFigures = true;
            } else if (a == "--json") {
                o.json = true;
            } else if (a == "--out") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                o.outDir = *v;
            } else if (a == "--record-budget-mb") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                const double mb = std::stod(*v);
                if (!(mb >= 1.0 && mb <= 1e7)) {
                    err << "pulselab-cli run: --record-budget-mb must be between 1 and 10000000 MB\n";
                    return std::nullopt;
                }
                o.recordBudgetBytes = static_cast<std::uint64_t>(mb * 1024.0 * 1024.0);
            } else if (a == "--duration") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                o.durationS = std::stod(*v);
                if (!(*o.durationS >= 0.0)) {
                    err << "pulselab-cli run: --duration must be >= 0 seconds\n";
                    return std::nullopt;
                }
            } else if (a == "--seed") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                o.seed = std::stoull(*v);
            } else if (a == "--threads") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                o.threads = std::stoi(*v);
            } else if (a == "--set") {
                auto v = value();
                if (!v)
                    return std::nullopt;
                std::string error;
                auto parsed = core::parseParameterOverride(*v, error);
                if (!parsed) {
                    err << "pulselab-cli run: --set " << error << "\n";
                    return std::nullopt;
                }
                o.overrides.push_back(std::move(*parsed));
            } else if (!a.empty() && a[0] == '-') {
                err << "pulselab-cli run: unknown option " << a << "\n";
                return std::nullopt;
            } else if (o.project.empty()) {
                o.project = a;
            } else {
                err << "pulselab-cli run: one project at a time (got '" << o.project << "' and '" << a
                    << "')\n";
                return std::nullopt;
            }
        } catch (const std::exception&) {
            err << "pulselab-cli run: " << a << ": '" << args[i] << "' is not a valid number\n";
            return std::nullopt;
        }
    }
    if (o.project.empty()) {
        err << "usage: pulselab-cli run PROJECT [--duration S] [--seed N] [--threads N] [--set t.p=v] "
               "[--json] [--out DIR [--no-figures] [--record-budget-mb MB]]\n";
        return std::nullopt;
    }
    return o;
}

/// Progress of a run on `err` (stderr): on a terminal a bar redrawn in place, otherwise (a batch job's log) a
/// plain line "progress P% (S s simulated)" at every 10 %. Every kind of run reports through it.
class Progress {
public:
    Progress(std::ostream& err, std::int64_t totalSteps, double dtMs)
        : m_err(err), m_total(std::max<std::int64_t>(1, totalSteps)), m_dtMs(dtMs),
          m_terminal(isatty(fileno(stderr)) != 0) {}
    /// Steps per chunk: 1 % of the run (at least one step).
    std::int64_t chunk() const { return std::max<std::int64_t>(1, m_total / 100); }
    void update(std::int64_t done) {
        const int percent = static_cast<int>(100 * done / m_total);
        if (m_terminal) {
            const int bar = percent / 4;
            m_err << "\r[" << std::string(static_cast<std::size_t>(bar), '#')
                  << std::string(static_cast<std::size_t>(25 - bar), ' ') << "] " << percent << "%"
                  << std::flush;
        } else if (percent / 10 > m_lastTenth) {
            m_lastTenth = percent / 10;
            m_err << "progress " << m_lastTenth * 10 << "% (" << static_cast<double>(done) * m_dtMs / 1000.0
                  << " s simulated)\n";
        }
    }
    /// Ends the bar's line (before any other message, and at the end).
    void finish() {
        if (m_terminal && !m_finished)
            m_err << "\n";
        m_finished = true;
    }

private:
    std::ostream& m_err;
    std::int64_t m_total;
    double m_dtMs;
    bool m_terminal;
    int m_lastTenth = 0;
    bool m_finished = false;
};

/// Says on `err` what the recording budget changed (thinned signals, stopped spikes), if anything.
void reportRecordingNotices(const core::RecordingCollector& collector, const RunOptions& options,
                            std::ostream& err) {
    for (const std::string& notice : collector.notices())
        err << options.project << ": notice: " << notice << "\n";
    if (collector.droppedSpikes() > 0)
        err << options.project << ": notice: " << collector.droppedSpikes()
            << " spikes were counted but not recorded\n";
}

/// Writes DIR/recording.h5, DIR/spikes.csv and DIR/signals.csv; false with a message on `err` on failure.
bool writeRecordingFiles(core::Recording& recording, const core::Project& project, std::uint64_t seed,
                         const RunOptions& options, std::ostream& err) {
    recording.projectJson = core::projectToJson(project);
    recording.seed = seed;
    std::error_code ec;
    std::filesystem::create_directories(options.outDir, ec);
    if (ec) {
        err << options.outDir << ": cannot create the output directory: " << ec.message() << "\n";
        return false;
    }
    const std::filesystem::path dir(options.outDir);
    core::WriteResult written = core::writeRecordingHdf5(recording, (dir / "recording.h5").string());
    if (written.ok)
        written =
            core::writeRecordingCsv(recording, (dir / "spikes.csv").string(), (dir / "signals.csv").string());
    if (!written.ok)
        err << written.error << "\n";
    return written.ok;
}

/// Predictive-coding projects built by makeProjectRun (spike-coding network, explicit error populations on
/// bars, rate PC on bars): runs the network and reports the free energy it descends (signal 0) and its
/// spikes.
int runSpikeCoding(const core::Project& project, const RunOptions& options, std::ostream& out,
                   std::ostream& err) {
    std::string error;
    const core::Project& seeded = project; // seed and overrides already written in (configuredProject)
    auto run = core::makeProjectRun(seeded, error);
    if (!run) {
        err << options.project << ": " << error << "\n";
        return kExitInvalidProject;
    }
    try {
        core::applyParameterOverrides(*run, options.overrides);
    } catch (const std::invalid_argument& e) {
        err << "pulselab-cli run: --set " << e.what() << "\n";
        return kExitUsage;
    }
    const double durationMs =
        options.durationS ? *options.durationS * 1000.0 : project.network.run.durationMs;
    const auto steps = core::stepsForDuration(durationMs, run->layout().dtMs);
    // Chunk by chunk (1 % each, for the progress bar): the recording takes every chunk; the free energy
    // (signal 0) and the spike count are gathered for the result.
    std::optional<core::RecordingCollector> collector;
    if (!options.outDir.empty())
        collector.emplace(run->layout(), std::vector<std::string>{}, options.recordBudgetBytes);
    std::vector<double> loss;
    std::size_t spikes = 0;
    const auto start = std::chrono::steady_clock::now();
    Progress progress(err, steps, run->layout().dtMs);
    for (std::int64_t done = 0; done < steps;) {
        const std::int64_t n = std::min(progress.chunk(), steps - done);
        core::RunSnapshot part;
        run->advance(n, part);
        done += n;
        spikes += part.spikes.size();
        for (const core::SignalSamples& block : part.samples)
            if (block.signal == 0)
                loss.insert(loss.end(), block.values.begin(), block.values.end());
        if (collector && !collector->add(part, error)) {
            progress.finish();
            err << options.project << ": " << error << "\n";
            return kExitRunFailed;
        }
        progress.update(done);
    }
    progress.finish();
    const double wall = core::secondsSince(start);
    if (collector)
        reportRecordingNotices(*collector, options, err);
    if (collector &&
        !writeRecordingFiles(collector->recording(), seeded, seeded.network.run.seed, options, err))
        return kExitRunFailed;
    nlohmann::json result = {{"project", options.project},
                             {"kind", project.experiment.value("kind", "")},
                             {"simulated_seconds", durationMs / 1000.0},
                             {"wall_seconds", wall},
                             {"spikes", spikes},
                             {"free_energy_first", loss.empty() ? 0.0 : loss.front()},
                             {"free_energy_last", loss.empty() ? 0.0 : loss.back()},
                             {"peak_rss_bytes", peakRssBytes()}};
    if (const auto* bars = dynamic_cast<const core::BarsPcRun*>(run.get())) {
        // One free-energy sample per image (its mean): first and last image, and the count.
        result["samples"] = loss.size();
        if (!loss.empty())
            result["synaptic_ops_per_inference"] =
                static_cast<double>(bars->network().synapticEvents()) / static_cast<double>(loss.size());
        result["bar_match"] = bars->barMatch();
    }
    if (const auto* bars = dynamic_cast<const core::BarsRatePcRun*>(run.get())) {
        // F at the end of each image's inference window: first and last image, and the count; then how
        // inference goes on 200 new images with the learned weights.
        const auto& settled = bars->settledFreeEnergy();
        result["samples"] = settled.size();
        result["free_energy_first"] = settled.empty() ? 0.0 : settled.front();
        result["free_energy_last"] = settled.empty() ? 0.0 : settled.back();
        if (!settled.empty())
            result["synaptic_ops_per_inference"] =
                static_cast<double>(bars->synapticOps()) / static_cast<double>(settled.size());
        const core::BarsInferenceCheck check = bars->checkInference(200, 12345);
        result["free_energy_window_start"] = check.freeEnergyStart;
        result["free_energy_window_end"] = check.freeEnergyEnd;
        result["free_energy_fall_in_window"] = check.freeEnergyFall;
        result["belief_agreement"] = check.beliefAgreement;
        double cosine = 0.0;
        const auto matches = bars->barMatches();
        for (const core::BarMatch& m : matches)
            cosine += m.cosine / static_cast<double>(matches.size());
        result["bar_match"] = cosine;
        result["bars_learned"] = core::barsLearned(matches, 0.9); // each by its own feature, cosine > 0.9
    }
    if (options.json)
        out << result.dump() << "\n";
    else
        out << options.project << ": " << spikes << " spikes in " << durationMs / 1000.0 << " s\n";
    return kExitOk;
}

/// Predictive-coding projects: runs the experiment and reports its readouts.
int runPredictiveCoding(const core::Project& project, const RunOptions& options, std::ostream& out,
                        std::ostream& err) {
    std::string error;
    const std::string kind = project.experiment.value("kind", "");
    if (kind == "spike_coding" || kind == "spiking_pc_bars" || kind == "rate_pc_bars")
        return runSpikeCoding(project, options, out, err);
    if (isMnistTrainingKind(kind))
        return runMnistTraining(
            project, {options.project, options.seed, options.json, !options.outDir.empty()}, out, err);
    auto config = core::parsePcExperiment(project.experiment, error);
    if (!config) {
        err << options.project << ": " << error << "\n";
        return kExitInvalidProject;
    }
    core::PcRun run(*config); // seed and overrides already written into the experiment
    for (const auto& [target, parameter, value] : options.overrides) {
        try {
            run.setParameter(target, parameter, value);
        } catch (const std::invalid_argument& e) {
            err << "pulselab-cli run: --set " << e.what() << "\n";
            return kExitUsage;
        }
    }
    const double durationMs =
        options.durationS ? *options.durationS * 1000.0 : project.network.run.durationMs;
    const auto steps = static_cast<std::int64_t>(std::llround(durationMs / config->dtMs));
    const auto start = std::chrono::steady_clock::now();
    std::optional<core::RecordingCollector> collector;
    if (!options.outDir.empty())
        collector.emplace(run.layout(), std::vector<std::string>{}, options.recordBudgetBytes);
    Progress progress(err, steps, config->dtMs);
    try {
        core::RunSnapshot discard;
        for (std::int64_t done = 0; done < steps;) {
            const std::int64_t n =
                std::min<std::int64_t>(steps - done, std::min<std::int64_t>(1000, progress.chunk()));
            discard = core::RunSnapshot{};
            run.advance(n, discard);
            done += n;
            if (collector && !collector->add(discard, error)) {
                progress.finish();
                err << options.project << ": " << error << "\n";
                return kExitRunFailed;
            }
            progress.update(done);
        }
    } catch (const core::RunFault& fault) {
        progress.finish();
        err << options.project << ": " << fault.what() << "\n";
        return kExitRunFailed;
    }
    progress.finish();
    const double wall = core::secondsSince(start);
    if (collector)
        reportRecordingNotices(*collector, options, err);
    if (collector &&
        !writeRecordingFiles(collector->recording(), project, config->network.seed, options, err))
        return kExitRunFailed;
    const auto& settled = run.settledFreeEnergy();
    const auto samples = settled.size();
    nlohmann::json result = {
        {"project", options.project},
        {"kind", "rate_pc"},
        {"simulated_seconds", static_cast<double>(steps) * config->dtMs / 1000.0},
        {"wall_seconds", wall},
        {"samples", samples},
        {"free_energy_first", samples ? settled.front() : 0.0},
        {"free_energy_last", samples ? settled.back() : 0.0},
        {"synaptic_ops_per_inference",
         samples ? static_cast<double>(run.synapticOps()) / static_cast<double>(samples) : 0.0},
        {"test_accuracy", nullptr},
        {"peak_rss_bytes", peakRssBytes()},
    };
    if (options.json)
        out << result.dump() << "\n";
    else
        out << options.project << ": " << samples << " samples, settled free energy "
            << result["free_energy_first"] << " -> " << result["free_energy_last"] << "\n";
    return kExitOk;
}

/// The project exactly as this run runs it: --duration, --seed, --threads and every --set written into its
/// fields, so that the recording and the figures embed a project that reproduces the run on its own.
std::optional<core::Project> configuredProject(core::Project project, const RunOptions& options,
                                               std::ostream& err) {
    if (options.durationS)
        project.network.run.durationMs = *options.durationS * 1000.0;
    if (options.seed)
        core::applySeed(project, *options.seed);
    if (options.threads)
        project.network.run.threads = *options.threads;
    std::string error;
    if (!core::writeParameterOverrides(project, options.overrides, error)) {
        err << "pulselab-cli run: --set " << error << "\n";
        return std::nullopt;
    }
    return project;
}

/// After a successful run with --out: the project's configured figures, unless --no-figures.
int writeFiguresAfterRun(const core::Project& ran, const RunOptions& options, std::ostream& err) {
    if (options.outDir.empty() || options.noFigures)
        return kExitOk;
    return writeConfiguredFigures(ran, options.project, options.outDir, options.overrides, err);
}

} // namespace

int runCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const auto options = parse(args, err);
    if (!options)
        return kExitUsage;
    core::ProjectLoad load = core::loadProjectFile(options->project);
    if (!load.project) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    const auto configured = configuredProject(*load.project, *options, err);
    if (!configured)
        return kExitUsage;
    if (core::isPredictiveCodingProject(*configured)) {
        const int code = runPredictiveCoding(*configured, *options, out, err);
        return code == kExitOk ? writeFiguresAfterRun(*configured, *options, err) : code;
    }
    const core::NetworkSpec& network = configured->network;

    using Clock = std::chrono::steady_clock;
    const auto buildStart = Clock::now();
    std::string error;
    auto sim = core::Simulation::build(network, error);
    if (!sim) {
        err << options->project << ": " << error << "\n";
        return kExitInvalidProject;
    }
    for (const auto& [target, parameter, value] : options->overrides) {
        try {
            sim->setParameter(target, parameter, value);
        } catch (const std::invalid_argument& e) {
            err << "pulselab-cli run: --set " << e.what() << "\n";
            return kExitUsage;
        }
    }
    const double buildSeconds = std::chrono::duration<double>(Clock::now() - buildStart).count();

    const auto totalSteps =
        static_cast<std::int64_t>(std::llround(network.run.durationMs / network.run.dtMs));
    Progress progress(err, totalSteps, network.run.dtMs);
    const std::int64_t chunk = progress.chunk();
    double loopSeconds = 0.0;
    // With --out, each chunk's spikes and samples go into the recording, which refuses (rather than run the
    // machine out of memory) past its limit.
    std::optional<core::RecordingCollector> collector;
    if (!options->outDir.empty()) {
        std::vector<std::string> inputs;
        for (const auto& in : network.inputs)
            inputs.push_back(in.name);
        collector.emplace(sim->layout(), inputs, options->recordBudgetBytes);
    }
    core::RunSnapshot snapshot;
    try {
        for (std::int64_t done = 0; done < totalSteps;) {
            const std::int64_t n = std::min(chunk, totalSteps - done);
            const auto start = Clock::now();
            snapshot = core::RunSnapshot{};
            sim->advance(n, collector ? &snapshot : nullptr);
            loopSeconds += std::chrono::duration<double>(Clock::now() - start).count();
            done += n;
            if (collector && !collector->add(snapshot, error)) {
                progress.finish();
                err << options->project << ": " << error << "\n";
                return kExitRunFailed;
            }
            progress.update(done);
        }
    } catch (const core::RunFault& fault) {
        progress.finish();
        err << options->project << ": " << fault.what() << "\n";
        return kExitRunFailed;
    }
    progress.finish();
    for (const std::string& warning : sim->warnings())
        err << options->project << ": warning: " << warning << "\n";
    if (collector) {
        reportRecordingNotices(*collector, *options, err);
        core::Project ran = *configured;
        ran.network = sim->network();
        if (!writeRecordingFiles(collector->recording(), ran, network.run.seed, *options, err))
            return kExitRunFailed;
    }

    const double simulated = totalSteps * network.run.dtMs / 1000.0;
    const double neurons = static_cast<double>(sim->neuronCount());
    nlohmann::json result = {
        {"project", options->project},
        {"simulated_seconds", simulated},
        {"wall_seconds", loopSeconds},
        {"build_seconds", buildSeconds},
        {"neurons", sim->neuronCount()},
        {"synapses", sim->synapseCount()},
        {"spikes", sim->totalSpikes()},
        {"synaptic_events", sim->synapticEvents()},
        {"mean_rate_hz",
         neurons > 0 && simulated > 0 ? static_cast<double>(sim->totalSpikes()) / neurons / simulated : 0.0},
        {"peak_rss_bytes", peakRssBytes()},
        {"seed", network.run.seed},
        {"dt_ms", network.run.dtMs},
        {"threads", sim->threads()}, // may be fewer than asked for a small network (same spikes)
        {"warnings", sim->warnings()},
    };
    if (options->json) {
        out << result.dump() << "\n";
    } else {
        out << options->project << ": " << simulated << " s simulated in " << loopSeconds << " s ("
            << (loopSeconds > 0 ? simulated / loopSeconds : 0.0) << " x real time), " << sim->totalSpikes()
            << " spikes, mean rate " << result["mean_rate_hz"].get<double>() << " Hz\n";
    }
    return writeFiguresAfterRun(*configured, *options, err);
}

} // namespace pulselab::cli
