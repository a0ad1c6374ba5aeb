#include "core/runtime/project_run.h"

#include "core/predictive/bars_pc_run.h"
#include "core/predictive/bars_rate_pc_run.h"
#include "core/predictive/mnist_pc_run.h"
#include "core/predictive/mnist_spiking_run.h"
#include "core/predictive/mnist_supervised_spiking_run.h"
#include "core/predictive/pc_run.h"
#include "core/predictive/spike_coding_run.h"
#include "core/sim/network_run.h"

namespace pulselab::core {

namespace {
/// The live MNIST runs' held-out test: every `test_every` training digits, on `test_digits` test digits.
bool parseTestSchedule(const nlohmann::json& experiment, int& testEvery, int& testDigits,
                       std::string& error) {
    try {
        testEvery = experiment.value("test_every", testEvery);
        testDigits = experiment.value("test_digits", testDigits);
    } catch (const nlohmann::json::exception& e) {
        error = std::string("experiment.test_every or test_digits: ") + e.what();
        return false;
    }
    if (testEvery >= 1 && testDigits >= 1)
        return true;
    error = "experiment.test_every and test_digits: must be at least 1";
    return false;
}
} // namespace

bool isPredictiveCodingProject(const Project& project) {
    if (!project.experiment.is_object())
        return false;
    const std::string kind = project.experiment.value("kind", "");
    return kind == "rate_pc" || kind == "spike_coding" || kind == "rate_pc_mnist" ||
           kind == "spiking_pc_bars" || kind == "spiking_pc_mnist" || kind == "rate_pc_bars" ||
           kind == "spiking_supervised_pc_mnist";
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
        if (!parseTestSchedule(project.experiment, config.testEvery, config.testDigits, error))
            return nullptr;
        return MnistSpikingRun::create(config, error);
    }
    if (kind == "spiking_supervised_pc_mnist") {
        MnistSupervisedSpikingConfig config;
        const auto network = parseSpikingSupervisedPc(project.experiment, error);
        if (!network)
            return nullptr;
        config.network = *network;
        if (!parseTestSchedule(project.experiment, config.testEvery, config.testDigits, error))
            return nullptr;
        return MnistSupervisedSpikingRun::create(config, error);
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
