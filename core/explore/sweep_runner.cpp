#include "core/explore/sweep_runner.h"

#include "core/runtime/project_run.h"
#include "core/runtime/seconds_since.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <thread>

namespace pulselab::core {

namespace {

bool cancelled(const std::atomic<bool>* cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

/// Steps per chunk are adapted so a chunk takes about this long: short enough that cancelling is prompt,
/// long enough that checking costs nothing.
constexpr double kChunkTargetSeconds = 0.02;

} // namespace

std::vector<ParameterOverride> pointOverrides(const SweepSpec& spec, std::size_t index) {
    const std::vector<double> values = spec.pointValues(index);
    std::vector<ParameterOverride> overrides;
    for (std::size_t a = 0; a < spec.axes.size(); ++a)
        overrides.push_back({spec.axes[a].target, spec.axes[a].parameter, values[a]});
    return overrides;
}

RunOutcome runForOutcome(const Project& project, const std::vector<ParameterOverride>& overrides,
                         std::uint64_t seed, std::optional<double> durationS, const OutcomeMetric& metric,
                         const std::atomic<bool>* cancel, const std::string& projectDir) {
    RunOutcome result;
    Project configured = project;
    applySeed(configured, seed);
    configured.network.run.threads = 1; // the sweep's workers are the parallelism (spikes are the same)
    const double durationMs = durationS ? *durationS * 1000.0 : configured.network.run.durationMs;
    std::string error;
    // Built as `pulselab-cli run --set` builds it: the overrides written into the project, then set.
    if (!writeParameterOverrides(configured, overrides, error)) {
        result.error = error;
        return result;
    }
    auto run = makeProjectRun(configured, error, projectDir);
    if (!run) {
        result.error = error;
        return result;
    }
    try {
        applyParameterOverrides(*run, overrides);
    } catch (const std::invalid_argument& e) {
        result.error = e.what();
        return result;
    }
    std::vector<std::string> inputs;
    for (const auto& in : configured.network.inputs)
        inputs.push_back(in.name);
    const RunLayout layout = run->layout();
    auto accumulator = makeOutcomeAccumulator(metric, layout, inputs, error, &configured.network);
    if (!accumulator) {
        result.error = error;
        return result;
    }
    const std::int64_t steps = stepsForDuration(durationMs, layout.dtMs);
    std::int64_t chunk = 10;
    try {
        for (std::int64_t done = 0; done < steps;) {
            if (cancelled(cancel)) {
                result.cancelled = true;
                return result;
            }
            const std::int64_t n = std::min(chunk, steps - done);
            RunSnapshot snapshot;
            const auto start = std::chrono::steady_clock::now();
            run->advance(n, snapshot);
            const double seconds = secondsSince(start);
            accumulator->add(snapshot);
            done += n;
            if (seconds < kChunkTargetSeconds / 2)
                chunk = std::min<std::int64_t>(chunk * 2, std::int64_t{1} << 20);
            else if (seconds > kChunkTargetSeconds * 2)
                chunk = std::max<std::int64_t>(chunk / 2, 1);
        }
    } catch (const RunFault& fault) {
        result.error = fault.what();
        return result;
    }
    result.value = accumulator->value(steps);
    return result;
}

SweepResults runSweep(const SweepSpec& spec, const Project& project, const SweepRunOptions& options) {
    SweepResults results;
    results.outcome = spec.outcome;
    for (const auto& axis : spec.axes) {
        results.axisNames.push_back(axis.name());
        results.axisValues.push_back(axis.values);
    }
    const std::size_t pointCount = spec.pointCount();
    std::vector<std::size_t> points = options.points;
    if (points.empty())
        for (std::size_t i = 0; i < pointCount; ++i)
            points.push_back(i);
    for (std::size_t p : points)
        if (p >= pointCount) {
            results.error = "point " + std::to_string(p) + " is outside the grid of " +
                            std::to_string(pointCount) + " points (0 to " + std::to_string(pointCount - 1) +
                            ")";
            return results;
        }
    const std::vector<std::uint64_t> seeds = spec.seedsFor(project.network.run.seed);
    for (std::size_t p : points) {
        SweepPointResult r;
        r.index = p;
        r.values = spec.pointValues(p);
        r.seeds = seeds;
        r.outcomes.assign(seeds.size(), std::numeric_limits<double>::quiet_NaN());
        results.points.push_back(std::move(r));
    }

    // One task per (point, seed); workers take the next task until none is left or the sweep is cancelled.
    const std::size_t tasks = points.size() * seeds.size();
    std::atomic<std::size_t> nextTask{0};
    std::mutex resultsMutex;
    std::size_t runsDone = 0;
    std::vector<std::size_t> runsOfPoint(points.size(), 0);
    bool sawCancel = false;
    auto work = [&] {
        for (;;) {
            if (cancelled(options.cancel))
                return;
            const std::size_t task = nextTask.fetch_add(1);
            if (task >= tasks)
                return;
            SweepPointResult& point = results.points[task / seeds.size()];
            const std::size_t seedIndex = task % seeds.size();
            RunOutcome outcome =
                runForOutcome(project, pointOverrides(spec, point.index), seeds[seedIndex], spec.durationS,
                              spec.outcome, options.cancel, options.projectDir);
            std::lock_guard lock(resultsMutex);
            if (outcome.cancelled) {
                sawCancel = true;
                return;
            }
            if (outcome.value) {
                point.outcomes[seedIndex] = *outcome.value;
                ++point.finishedSeeds;
            } else if (point.error.empty()) {
                point.error = "seed " + std::to_string(seeds[seedIndex]) + ": " + outcome.error;
            }
            ++runsDone;
            const bool pointDone = ++runsOfPoint[task / seeds.size()] == seeds.size();
            if (options.progress)
                options.progress(
                    {runsDone, tasks, point.index, pointDone, seedIndex, point.outcomes[seedIndex]});
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>(
        tasks, options.workers > 0 ? static_cast<std::size_t>(options.workers) : hardware);
    std::vector<std::jthread> pool;
    for (std::size_t w = 1; w < workers; ++w)
        pool.emplace_back(work);
    work();
    pool.clear(); // joins
    results.cancelled = sawCancel || (cancelled(options.cancel) && runsDone < tasks);
    return results;
}

} // namespace pulselab::core
