// pulselab-cli validate PROJECT: reads a project file and lists every problem with its node, field and
// reason.
#include "app/cli/cli_commands.h"

#include "core/model/project_file.h"
#include "core/runtime/project_run.h"

#include <filesystem>

namespace pulselab::cli {

int validateCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    if (args.size() != 1) {
        err << "usage: pulselab-cli validate PROJECT\n";
        return kExitUsage;
    }
    const core::ProjectLoad load = core::loadProjectFile(args[0]);
    if (!load.project) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    const auto problems = core::validate(load.project->network);
    if (!problems.empty()) {
        for (const auto& p : problems)
            err << args[0] << ": " << p.message() << "\n";
        return kExitInvalidProject;
    }
    if (core::isPredictiveCodingProject(*load.project)) {
        // An experiment's settings are checked by building its run (MNIST kinds also read the digits).
        std::string error;
        const std::string dir = std::filesystem::path(args[0]).parent_path().string();
        const auto run = core::makeProjectRun(*load.project, error, dir.empty() ? "." : dir);
        if (!run) {
            err << args[0] << ": " << error << "\n";
            return kExitInvalidProject;
        }
        const core::RunLayout layout = run->layout();
        out << args[0] << ": valid (experiment " << load.project->experiment.value("kind", "") << ": "
            << layout.populations.size() << " populations, " << layout.neuronCount() << " neurons, "
            << layout.scalarSignals.size() << " signals)\n";
        return kExitOk;
    }
    const auto& net = load.project->network;
    out << args[0] << ": valid (" << net.populations.size() << " populations, " << net.inputs.size()
        << " inputs, " << net.projections.size() << " projections)\n";
    return kExitOk;
}

} // namespace pulselab::cli
