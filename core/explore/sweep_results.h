#pragma once
// What a sweep measured: per point its parameter values, the outcome of each seed, their mean and s.d.
// Written as CSV (one row per point) or JSON.
#include "core/explore/outcome_metric.h"
#include "core/io/atomic_file.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core {

struct SweepPointResult {
    std::size_t index = 0;      ///< position in the grid (first axis slowest)
    std::vector<double> values; ///< one per axis
    std::vector<std::uint64_t> seeds;
    std::vector<double> outcomes; ///< one per seed; NaN for a seed that did not finish
    std::size_t finishedSeeds = 0;
    std::string error; ///< the first failure of one of its runs, if any
    bool complete() const { return finishedSeeds == seeds.size() && error.empty(); }
    /// Mean and sample standard deviation (n - 1) of the finished seeds' outcomes; s.d. 0 for one seed,
    /// NaN for none.
    double mean() const;
    double sd() const;
};

struct SweepResults {
    std::vector<std::string> axisNames; ///< "target.parameter", one per axis
    std::vector<std::vector<double>> axisValues;
    OutcomeMetric outcome;
    std::vector<SweepPointResult> points; ///< the points asked for, in grid order
    bool cancelled = false;
    std::string error; ///< non-empty when the sweep could not start (the other fields may be empty)
    std::vector<std::size_t> completedPoints() const;
};

/// CSV: a header (axis names, mean, sd, n, error, then one column per seed "seed_<seed>"), one row per point.
std::string sweepResultsToCsv(const SweepResults& results);
std::string sweepResultsToJson(const SweepResults& results);
/// Writes CSV, or JSON when `path` ends in ".json".
WriteResult writeSweepResults(const SweepResults& results, const std::string& path);

} // namespace pulselab::core
