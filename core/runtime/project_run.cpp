#include "core/runtime/project_run.h"

#include "core/predictive/bars_pc_run.h"
#include "core/predictive/bars_rate_pc_run.h"
#include "core/predictive/mnist_pc_run.h"
#include "core/predictive/mnist_spiking_run.h"
#include "core/predictive/pc_run.h"
#include "core/predictive/spike_coding_run.h"
#include "core/sim/network_run.h"

namespace pulselab::core {

bool isPredictiveCodingProject(const Project& project) {
    if (!project.experiment.is_object())
        return false;
    const std::string kind = project.experiment.value("kind", "");
    return kind == "rate_pc" || kind == "spike_coding" || kind == "rate_pc_mnist" ||
           kind == "spiking_pc_bars" || kind == "spiking_pc_mnist" || kind == "rate_pc_bars";
}

std::unique_ptr<SteppableRun> makeProjectRun(const Project& project, std::string& error,
                                             const std::string& projectDir) {
    const std::string kind = project.experiment.is_object() ? project.experiment.value("kind", "") : "";
    if (kind == "spike_coding") {
        const auto config = parseSpikeCoding(project.experiment, error);
        if (!config)
            return nullptr;
        return std::make_unique<SpikeCodingRun>(*config);
    }
    if (kind == "spiking_pc_bars") {
        const auto config = parseBarsPc(project.experiment, error);
        if (!config)
            return nullptr;
        return std::make_unique<BarsPcRun>(*config);
    }
    if (kind == "rate_pc_bars") {
        const auto config = parseBarsRatePc(project.experiment, error);
        if (!config)
            return nullptr;
        return std::make_unique<BarsRatePcRun>(*config);
    }
    if (kind == "spiking_pc_mnist") {
        MnistSpikingConfig config;
        const auto classifier = parseSpikingPcClassifier(project.experiment, error);
        if (!classifier)
            return nullptr;
        config.classifier = *classifier;
        config.testEvery = project.experiment.value("test_every", config.testEvery);
        config.testDigits = project.experiment.value("test_digits", config.testDigits);
        if (config.testEvery < 1 || config.testDigits < 1) {
            error = "experiment.test_every and test_digits: must be at least 1";
            return nullptr;
        }
        return MnistSpikingRun::create(config, error);
    }
    if (kind == "rate_pc_mnist") {
        const auto config = parseMnistPc(project.experiment, projectDir, error);
        if (!config)
            return nullptr;
        return MnistPcRun::create(*config, error);
    }
    if (kind == "rate_pc") {
        const auto config = parsePcExperiment(project.experiment, error);
        if (!config)
            return nullptr;
        return std::make_unique<PcRun>(*config);
    }
    return NetworkRun::create(project.network, error);
}

} // namespace pulselab::core
