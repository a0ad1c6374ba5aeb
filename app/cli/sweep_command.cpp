// pulselab-cli sweep SPEC [--jobs N] [--point K] [--out results.csv|results.json] [--list]
// Runs a parameter sweep (.pulselab-sweep, see core/explore/sweep_spec.h): every point of its grid times its
// seeds on N workers, or only point K, so a cluster scheduler can run one process per point (--list prints
// the number of points). Progress lines go to stderr; results (CSV, or JSON for a .json path) to --out or
// stdout. Ctrl-C stops the workers and still writes what finished.
#include "app/cli/cli_commands.h"

#include "core/explore/sweep_runner.h"

#include <csignal>
#include <filesystem>

namespace pulselab::cli {

namespace {

struct SweepOptions {
    std::string spec;
    int jobs = 0;
    std::optional<std::size_t> point;
    std::string out;
    bool list = false;
};

constexpr const char* kUsage =
    "usage: pulselab-cli sweep SPEC [--jobs N] [--point K] [--out results.csv|results.json] [--list]\n";

std::optional<SweepOptions> parse(std::span<const std::string> args, std::ostream& err) {
    SweepOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--list") {
            o.list = true;
            continue;
        }
        if (a == "--jobs" || a == "--point" || a == "--out") {
            if (i + 1 >= args.size()) {
                err << "pulselab-cli sweep: " << a << " needs a value\n";
                return std::nullopt;
            }
            const std::string& v = args[++i];
            if (a == "--out") {
                o.out = v;
                continue;
            }
            std::size_t used = 0;
            long long n = -1;
            try {
                n = std::stoll(v, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != v.size() || n < (a == "--jobs" ? 1 : 0) || n > (1 << 20)) {
                err << "pulselab-cli sweep: " << a << ": '" << v << "' is not "
                    << (a == "--jobs" ? "a number of workers >= 1" : "a point number >= 0") << "\n";
                return std::nullopt;
            }
            if (a == "--jobs")
                o.jobs = static_cast<int>(n);
            else
                o.point = static_cast<std::size_t>(n);
        } else if (!a.empty() && a[0] == '-') {
            err << "pulselab-cli sweep: unknown option " << a << "\n" << kUsage;
            return std::nullopt;
        } else if (o.spec.empty()) {
            o.spec = a;
        } else {
            err << "pulselab-cli sweep: one sweep at a time (got '" << o.spec << "' and '" << a << "')\n";
            return std::nullopt;
        }
    }
    if (o.spec.empty()) {
        err << kUsage;
        return std::nullopt;
    }
    return o;
}

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

} // namespace

int sweepCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const auto options = parse(args, err);
    if (!options)
        return kExitUsage;
    const core::SweepSpecLoad load = core::loadSweepFile(options->spec);
    if (!load.spec) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    const core::SweepSpec& spec = *load.spec;
    if (options->list) {
        out << spec.pointCount() << "\n";
        return kExitOk;
    }
    if (options->point && *options->point >= spec.pointCount()) {
        err << "pulselab-cli sweep: --point " << *options->point << " is outside the grid (0 to "
            << spec.pointCount() - 1 << ")\n";
        return kExitUsage;
    }
    const std::string projectPath = core::resolveSweepProject(spec, options->spec);
    const core::ProjectLoad project = core::loadProjectFile(projectPath);
    if (!project.project) {
        err << options->spec << ": sweep.project: " << project.error << "\n";
        return kExitInvalidProject;
    }

    core::SweepRunOptions run;
    run.workers = options->jobs;
    if (options->point)
        run.points = {*options->point};
    const std::string dir = std::filesystem::path(projectPath).parent_path().string();
    run.projectDir = dir.empty() ? "." : dir;
    run.cancel = &g_interrupted;
    run.progress = [&err](const core::SweepProgress& p) {
        err << "progress " << p.runsDone << "/" << p.runsTotal << " runs"
            << (p.pointFinished ? " (point " + std::to_string(p.point) + " done)" : std::string()) << "\n";
    };
    const auto previous = std::signal(SIGINT, onInterrupt);
    const core::SweepResults results = core::runSweep(spec, *project.project, run);
    std::signal(SIGINT, previous);
    if (!results.error.empty()) {
        err << options->spec << ": " << results.error << "\n";
        return kExitUsage;
    }
    if (options->out.empty()) {
        out << core::sweepResultsToCsv(results);
    } else if (const auto written = core::writeSweepResults(results, options->out); !written.ok) {
        err << written.error << "\n";
        return kExitRunFailed;
    }
    bool failed = results.cancelled;
    for (const auto& p : results.points)
        if (!p.error.empty()) {
            err << options->spec << ": point " << p.index << ": " << p.error << "\n";
            failed = true;
        }
    if (results.cancelled)
        err << "pulselab-cli sweep: interrupted; " << results.completedPoints().size() << " of "
            << results.points.size() << " points finished\n";
    return failed ? kExitRunFailed : kExitOk;
}

} // namespace pulselab::cli
