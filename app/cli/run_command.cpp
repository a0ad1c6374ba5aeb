// pulselab-cli run PROJECT: until the engine lands, refuses with a clear message.
#include "app/cli/cli_commands.h"

namespace pulselab::cli {

int runCommand(std::span<const std::string> args, std::ostream&, std::ostream& err) {
    if (args.empty()) {
        err << "usage: pulselab-cli run PROJECT [--duration S] [--seed N] [--threads N] [--json]\n";
        return kExitUsage;
    }
    err << args[0] << ": this build of pulselab-cli has no simulation engine yet\n";
    return kExitRunFailed;
}

} // namespace pulselab::cli
