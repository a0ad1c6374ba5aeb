// pulselab-cli: the headless runner. Dispatches to one subcommand per file (see cli_commands.h).
#include "app/cli/cli_commands.h"

#include <pulselab/version.h>

#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using Command = std::function<int(std::span<const std::string>, std::ostream&, std::ostream&)>;

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"run", pulselab::cli::runCommand},
        {"validate", pulselab::cli::validateCommand},
    };
    return table;
}

void printHelp(std::ostream& out) {
    out << "pulselab-cli " << pulselab::kVersion
        << " - run PulseLab projects without a display\n\n"
           "Usage:\n"
           "  pulselab-cli run PROJECT [--duration S] [--seed N] [--threads N] [--json]\n"
           "      Simulate a project file (.pulselab) headless. --json prints one JSON object of results.\n"
           "  pulselab-cli validate PROJECT\n"
           "      Check a project file; prints every problem with its node, field and reason.\n"
           "  pulselab-cli --help | --version\n\n"
           "Exit codes: 0 success, 1 run failed, 2 bad command line, 3 invalid or unreadable project.\n";
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp(std::cout);
        return args.empty() ? pulselab::cli::kExitUsage : pulselab::cli::kExitOk;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << "pulselab-cli " << pulselab::kVersion << "\n";
        return pulselab::cli::kExitOk;
    }
    const auto it = commands().find(args[0]);
    if (it == commands().end()) {
        std::cerr << "pulselab-cli: unknown command '" << args[0] << "' (try --help)\n";
        return pulselab::cli::kExitUsage;
    }
    return it->second(std::span<const std::string>(args).subspan(1), std::cout, std::cerr);
}
