// Predictive-coding experiments as tables (core/predictive/pc_experiments.h): convergence over inference
// steps and over training samples, adaptation to a switch of the task, and stability over long runs of rate
// PC and of spiking PC with explicit error populations (bars).
// Usage: bench_pc_experiments [RATE_PC_PROJECT] [SPIKING_BARS_PROJECT] [samples] [--json]
// Defaults: examples/default.pulselab (rate PC, 12-6-2, task switch at sample 60),
// examples/bars-spiking-pc.pulselab, 300 samples.
#include "core/model/project_file.h"
#include "core/predictive/bars_pc_run.h"
#include "core/predictive/pc_experiments.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

using namespace pulselab::core;

namespace {

std::optional<nlohmann::json> experimentOf(const std::string& path) {
    const ProjectLoad load = loadProjectFile(path);
    if (!load.project) {
        std::fprintf(stderr, "%s\n", load.error.c_str());
        return std::nullopt;
    }
    return load.project->experiment;
}

} // namespace

int main(int argc, char** argv) {
    bool json = false;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--json") == 0)
            json = true;
        else
            args.emplace_back(argv[i]);
    const std::string source = PULSELAB_SOURCE_DIR;
    const std::string ratePath = args.size() > 0 ? args[0] : source + "/examples/default.pulselab";
    const std::string barsPath = args.size() > 1 ? args[1] : source + "/examples/bars-spiking-pc.pulselab";
    const int samples = args.size() > 2 ? std::atoi(args[2].c_str()) : 300;
    if (samples < 20) {
        std::fprintf(stderr, "samples: at least 20\n");
        return 2;
    }
    const auto rateJson = experimentOf(ratePath);
    const auto barsJson = experimentOf(barsPath);
    if (!rateJson || !barsJson)
        return 1;
    std::string error;
    const auto rate = parsePcExperiment(*rateJson, error);
    if (!rate) {
        std::fprintf(stderr, "%s: %s\n", ratePath.c_str(), error.c_str());
        return 1;
    }
    const auto bars = parseBarsPc(*barsJson, error);
    if (!bars) {
        std::fprintf(stderr, "%s: %s\n", barsPath.c_str(), error.c_str());
        return 1;
    }
    std::vector<ExperimentTable> tables;
    PcExperimentConfig steady = *rate;
    steady.switchAtSample = -1;
    tables.push_back(convergenceOverInference(steady, samples, 20));
    tables.push_back(convergenceOverTraining(steady, samples, samples / 10));
    tables.push_back(adaptationTable(*rate, samples, 10, 0.1));

    PcRun rateRun(steady);
    WeightNorms rateNorms;
    for (int l = 0; l + 1 < static_cast<int>(steady.network.layerSizes.size()); ++l)
        rateNorms.names.push_back("Theta_" + std::to_string(l));
    rateNorms.read = [&] {
        std::vector<double> n;
        for (int l = 0; l + 1 < rateRun.network().layers(); ++l)
            n.push_back(rateRun.network().weights(l).norm());
        return n;
    };
    tables.push_back(stabilityTable(rateRun, 10LL * samples * steady.stepsPerSample / 10, 10, rateNorms));
    tables.back().title = "Stability of rate PC (" + ratePath.substr(ratePath.rfind('/') + 1) + ", " +
                          std::to_string(10 * samples) + " samples; rates are the display encoding)";

    BarsPcRun barsRun(*bars);
    const WeightNorms barsNorms{{"W"},
                                [&] { return std::vector<double>{barsRun.network().weights().norm()}; }};
    const std::int64_t barsBlock = 200LL * bars->presentationSteps;
    tables.push_back(stabilityTable(barsRun, barsBlock, 10, barsNorms));
    tables.back().title = "Stability of spiking PC with error populations (" +
                          barsPath.substr(barsPath.rfind('/') + 1) + ", 2,000 images)";
    tables.back().notes.push_back(
        "Bar match at the end (mean best cosine of each bar with a learned cause): " +
        std::to_string(barsRun.barMatch()) + ".");
    if (json) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& t : tables)
            all.push_back(t.toJson());
        std::cout << all.dump(2) << "\n";
    } else {
        for (const auto& t : tables)
            std::cout << t.markdown() << "\n";
    }
    return 0;
}
