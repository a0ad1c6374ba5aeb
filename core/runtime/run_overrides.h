#pragma once
// What a command line or a sweep changes in a project before running it: parameter overrides
// ("target.parameter=value"), the seed and the number of steps. Shared by `pulselab-cli run` and the sweep
// runner so a sweep point and a direct run of the same settings are the same run, bit for bit.
#include "core/model/project_file.h"
#include "core/runtime/steppable_run.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pulselab::core {

struct ParameterOverride {
    std::string target;    ///< population, input or layer name
    std::string parameter; ///< e.g. "rate_hz"
    double value = 0.0;
};

/// Splits "target.parameter" at its first dot; nullopt when there is no dot or either side is empty.
std::optional<std::pair<std::string, std::string>> splitParameterName(std::string_view name);

/// Parses "target.parameter=value"; nullopt with `error` saying what is wrong.
std::optional<ParameterOverride> parseParameterOverride(std::string_view text, std::string& error);

/// Sets the seed everywhere the project's run reads one: the network's run.seed and, for predictive-coding
/// experiments, experiment.seed (and task_seed for rate_pc, data_seed for rate_pc_bars, as `pulselab-cli run
/// --seed` does).
void applySeed(Project& project, std::uint64_t seed);

/// Applies the overrides in order; throws std::invalid_argument naming the parameter when one is refused.
void applyParameterOverrides(SteppableRun& run, const std::vector<ParameterOverride>& overrides);

/// Writes the overrides into the project's own fields: a population's or input's parameters, or the
/// experiment key the run's setParameter changes (e.g. pc.inference_rate -> experiment.inference_rate), so
/// that the project alone reproduces the run (what recordings and figures embed, and what File > Open of a
/// figure rebuilds). Runs are then built from this project, so values read only at build time (initial
/// potentials) count too, and applyParameterOverrides on the built run checks each value. False with `error`
/// naming the override when the project has no such target or parameter, or the value is out of range.
bool writeParameterOverrides(Project& project, const std::vector<ParameterOverride>& overrides,
                             std::string& error);

/// Whole steps of `dtMs` in `durationMs` (rounded to nearest, as every runner counts them).
std::int64_t stepsForDuration(double durationMs, double dtMs);

} // namespace pulselab::core
