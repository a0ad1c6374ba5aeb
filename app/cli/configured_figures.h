#pragma once
// The figures a project configures (its "figures" field, core/model/figure_config.h), written by
// `pulselab-cli run PROJECT --out DIR` into DIR after the recording. Implemented beside export-figure
// (export_figure_command.cpp), which renders them the same way.
#include "core/model/project_file.h"
#include "core/runtime/run_overrides.h"

#include <ostream>
#include <string>
#include <vector>

namespace pulselab::cli {

/// Re-runs `ran` (the project exactly as `run` ran it: its duration, seed and the --set overrides written
/// into it, then `overrides` applied to the built run as `run` does: the same spikes) offscreen and writes
/// each figure it configures into `outDir`, naming each file on `err`; every figure embeds `ran`.
/// `projectPath` names the project in messages and resolves its relative paths. Returns an exit code of
/// cli_commands.h: kExitOk also when the project configures no figures.
int writeConfiguredFigures(const core::Project& ran, const std::string& projectPath,
                           const std::string& outDir, const std::vector<core::ParameterOverride>& overrides,
                           std::ostream& err);

} // namespace pulselab::cli
