#pragma once
// Runs a sweep's grid of points x seeds on a pool of worker threads. Each run is built by makeProjectRun
// from the project with the point's parameter overrides and the seed (core/runtime/run_overrides.h): the
// same run `pulselab-cli run --set ... --seed ...` makes, so a point's outcome equals a direct run's.
#include "core/explore/sweep_results.h"
#include "core/explore/sweep_spec.h"
#include "core/model/project_file.h"
#include "core/runtime/run_overrides.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

struct SweepProgress {
    std::size_t runsDone = 0; ///< runs (point x seed) finished, failed or not
    std::size_t runsTotal = 0;
    std::size_t point = 0;      ///< the point whose run just finished
    bool pointFinished = false; ///< every seed of `point` has now finished
    std::size_t seedIndex = 0;  ///< which of the point's seeds just ran
    double outcome = 0.0;       ///< its outcome (NaN when the run failed)
};

struct SweepRunOptions {
    int workers = 0;                 ///< 0: std::thread::hardware_concurrency()
    std::vector<std::size_t> points; ///< the points to run; empty: all of them
    /// Called after each run from the worker that ran it, one call at a time (never concurrently).
    std::function<void(const SweepProgress&)> progress;
    /// Checked between chunks of steps: once true, every worker stops within one chunk (~20 ms of work).
    const std::atomic<bool>* cancel = nullptr;
    std::string projectDir = "."; ///< resolves relative data paths of experiments
};

SweepResults runSweep(const SweepSpec& spec, const Project& project, const SweepRunOptions& options);

struct RunOutcome {
    std::optional<double> value; ///< nullopt when the run failed or was cancelled
    std::string error;           ///< why it failed (refused parameter, fault, unavailable outcome)
    bool cancelled = false;
};

/// One run of `project` with `overrides` and `seed` for `durationS` (default: the project's duration),
/// measured by `metric`.
RunOutcome runForOutcome(const Project& project, const std::vector<ParameterOverride>& overrides,
                         std::uint64_t seed, std::optional<double> durationS, const OutcomeMetric& metric,
                         const std::atomic<bool>* cancel = nullptr, const std::string& projectDir = ".");

/// The overrides that set point `index` of `spec`.
std::vector<ParameterOverride> pointOverrides(const SweepSpec& spec, std::size_t index);

} // namespace pulselab::core
