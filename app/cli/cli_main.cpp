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
        {"export-nir", pulselab::cli::exportNirCommand},
        {"import-nir", pulselab::cli::importNirCommand},
        {"map", pulselab::cli::mapCommand},
        {"export-figure", pulselab::cli::exportFigureCommand},
        {"sweep", pulselab::cli::sweepCommand},
    };
    return table;
}

void printHelp(std::ostream& out) {
    out << "pulselab-cli " << pulselab::kVersion
        << " - run PulseLab projects without a display\n\n"
           "Usage:\n"
           "  pulselab-cli run PROJECT [--duration S] [--seed N] [--threads N] [--set TARGET.PARAM=VALUE "
           "...]\n"
           "                          [--json] [--out DIR [--no-figures] [--record-budget-mb MB]]\n"
           "      Simulate a project file (.pulselab) headless. --json prints one JSON object of results.\n"
           "      --out DIR writes the recording to DIR/recording.h5, DIR/spikes.csv and DIR/signals.csv,\n"
           "      and the project's configured figures (--no-figures skips them).\n"
           "      The recording holds at most --record-budget-mb MB (default 2048) in memory: past it, "
           "signals\n"
           "      are thinned and then spikes stop being recorded, each with a notice.\n"
           "  pulselab-cli validate PROJECT\n"
           "      Check a project file; prints every problem with its node, field and reason.\n"
           "  pulselab-cli map PROJECT [--json | --csv] [--run | --no-run] [--duration S]\n"
           "                          [--inference-ms MS] [--max-chips N] [--no-metis]\n"
           "      Map the network onto Loihi 2 cores: per-core use, traffic and energy (after a run), per\n"
           "      run and per inference (MS: one stimulus presentation; default the whole run). --csv\n"
           "      prints the per-core table as CSV.\n"
           "  pulselab-cli export-figure PROJECT --view "
           "raster|free-energy|beliefs|traces|receptive-fields|floorplan|editor[,...]\n"
           "                            --out FILE.(svg|pdf|png) [--duration S] [--seed N]\n"
           "                            [--preset single|double|slide] [--dpi N] [--columns N]\n"
           "                            [--set TARGET.PARAM=VALUE ...]\n"
           "      Run a project headless and write a figure of its views (no display needed); the figure\n"
           "      embeds the project as run (seed, duration and --set values written in).\n"
           "  pulselab-cli sweep SPEC [--jobs N] [--point K] [--out results.csv|results.json] [--list]\n"
           "      Run a parameter sweep (.pulselab-sweep): every point x seed on N workers, or only point K\n"
           "      (one process per point on a cluster; --list prints the number of points).\n"
           "  pulselab-cli export-nir PROJECT OUT.nir\n"
           "      Write the network as a NIR graph (HDF5); warns about every inexact part, exit 1 if NIR\n"
           "      cannot express it.\n"
           "  pulselab-cli import-nir IN.nir OUT.pulselab\n"
           "      Convert a NIR graph into a project file; exit 3 if the NIR file is unreadable.\n"
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
