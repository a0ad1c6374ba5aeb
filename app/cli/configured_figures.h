#pragma once
// The figures a project configures (its "figures" field, core/model/figure_config.h), written by
// `pulselab-cli run PROJECT --out DIR` into DIR after the recording. Implemented beside export-figure
// (export_figure_command.cpp), which renders them the same way.
#include "core/runtime/run_overrides.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pulselab::cli {

/// Re-runs the project offscreen (same seed, duration and --set overrides as the run: the same spikes) and
/// writes each configured figure into `outDir`, naming each file on `err`. Returns an exit code of
/// cli_commands.h: kExitOk also when the project configures no figures.
int writeConfiguredFigures(const std::string& projectPath, const std::string& outDir,
                           std::optional<double> durationS, std::optional<std::uint64_t> seed,
                           const std::vector<core::ParameterOverride>& overrides, std::ostream& err);

} // namespace pulselab::cli
