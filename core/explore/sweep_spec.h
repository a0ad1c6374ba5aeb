#pragma once
// A parameter sweep as a document (.pulselab-sweep, JSON): which project, which 1 or 2 parameters over which
// values, what outcome to measure, how many seeds per point and how long each run lasts. Reading never
// crashes on bad input: every error names the file and the field.
#include "core/explore/outcome_metric.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pulselab::core {

inline constexpr int kSweepFormatVersion = 1;

/// One swept parameter: its values, listed or generated from start/stop/count on a linear or log scale.
struct SweepAxis {
    std::string target;    ///< population, input or layer
    std::string parameter; ///< e.g. "rate_hz"
    std::vector<double> values;
    std::string name() const { return target + "." + parameter; }
};

struct SweepSpec {
    std::string projectPath; ///< as written in the file (resolved against the file's folder when relative)
    std::vector<SweepAxis> axes; ///< 1 or 2
    OutcomeMetric outcome;
    /// Explicit seeds, or empty with `seedCount` seeds: the project's own seed, then seed + 1, ...
    std::vector<std::uint64_t> seeds;
    int seedCount = 1;
    std::optional<double> durationS; ///< default: the project's run duration

    /// Number of grid points: the product of the axes' value counts.
    std::size_t pointCount() const;
    /// The parameter values of point `index`; the first axis varies slowest (row-major grid).
    std::vector<double> pointValues(std::size_t index) const;
    /// The seeds each point runs, given the project's seed.
    std::vector<std::uint64_t> seedsFor(std::uint64_t projectSeed) const;
};

struct SweepSpecLoad {
    std::optional<SweepSpec> spec;
    std::string error; ///< "origin: sweep.field: reason"
};

/// Reads a sweep object, or an object holding one under "sweep".
SweepSpecLoad parseSweepSpec(std::string_view text, std::string_view origin);
SweepSpecLoad loadSweepFile(const std::string& path);
std::string sweepSpecToJson(const SweepSpec& spec);
/// The project path of `spec` as read from the sweep file at `sweepPath` (relative paths are relative to it).
std::string resolveSweepProject(const SweepSpec& spec, const std::string& sweepPath);

/// Values from start to stop inclusive: linear, or log-spaced (start, stop > 0). Empty when count < 1.
std::vector<double> sweepRange(double start, double stop, int count, bool logScale);

} // namespace pulselab::core
