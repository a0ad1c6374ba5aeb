// pulselab-cli export-nir PROJECT OUT.nir and import-nir IN.nir OUT.pulselab: convert between PulseLab
// projects and NIR graphs (core/io/nir_file.h). Warnings (inexact or dropped parts) go to stderr, one per
// line.
#include "app/cli/cli_commands.h"

#include "core/io/atomic_file.h"
#include "core/io/nir_file.h"
#include "core/model/project_file.h"

#include <filesystem>

namespace pulselab::cli {

int exportNirCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    if (args.size() != 2) {
        err << "usage: pulselab-cli export-nir PROJECT OUT.nir\n";
        return kExitUsage;
    }
    const core::ProjectLoad load = core::loadProjectFile(args[0]);
    if (!load.project) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    std::vector<std::string> warnings;
    const core::WriteResult result = core::exportNir(load.project->network, args[1], warnings);
    for (const std::string& warning : warnings)
        err << args[0] << ": warning: " << warning << "\n";
    if (!result.ok) {
        // The project is fine but cannot be written as NIR (a part NIR cannot express, or an I/O error).
        err << result.error << "\n";
        return kExitRunFailed;
    }
    const auto& net = load.project->network;
    out << args[1] << ": NIR graph written (" << net.populations.size() << " populations, "
        << net.inputs.size() << " inputs, " << net.projections.size() << " projections, " << warnings.size()
        << " warnings)\n";
    return kExitOk;
}

int importNirCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    if (args.size() != 2) {
        err << "usage: pulselab-cli import-nir IN.nir OUT.pulselab\n";
        return kExitUsage;
    }
    const core::NirLoad load = core::importNir(args[0]);
    if (!load.network) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    for (const std::string& warning : load.warnings)
        err << args[0] << ": warning: " << warning << "\n";
    core::Project project;
    project.title = "Imported from " + std::filesystem::path(args[0]).filename().string();
    project.description = "Converted from a NIR graph (Pedersen et al. 2024, Nature Communications).";
    project.network = *load.network;
    const core::WriteResult written = core::writeFileAtomically(args[1], core::projectToJson(project));
    if (!written.ok) {
        err << written.error << "\n";
        return kExitRunFailed;
    }
    const auto& net = project.network;
    out << args[1] << ": project written (" << net.populations.size() << " populations, " << net.inputs.size()
        << " inputs, " << net.projections.size() << " projections, " << load.warnings.size()
        << " warnings)\n";
    return kExitOk;
}

} // namespace pulselab::cli
