#pragma once
// The subcommands of pulselab-cli. Each takes the arguments after its name and returns the process exit code.
#include <ostream>
#include <span>
#include <string>

namespace pulselab::cli {

/// Exit codes scripts can rely on (also listed by `pulselab-cli --help`).
enum ExitCode : int {
    kExitOk = 0,
    kExitRunFailed = 1,      ///< the run started but failed (numerical fault, I/O error while writing)
    kExitUsage = 2,          ///< bad command line
    kExitInvalidProject = 3, ///< the project file is unreadable or invalid
};

int runCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int validateCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
/// export-nir PROJECT OUT.nir (exit 1 when NIR cannot express the network) / import-nir IN.nir OUT.pulselab.
int exportNirCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int importNirCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int mapCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
/// export-figure PROJECT --view V[,V...] --out FILE: runs the project and writes a figure of its views.
int exportFigureCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);
/// sweep SPEC [--jobs N] [--point K] [--out FILE] [--list]: a parameter sweep (core/explore/sweep_spec.h).
int sweepCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err);

} // namespace pulselab::cli
