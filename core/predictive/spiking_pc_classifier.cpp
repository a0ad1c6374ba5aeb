#include "core/predictive/spiking_pc_classifier.h"

#include "core/runtime/seconds_since.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

namespace pulselab::core {

namespace {
constexpr int kCurveBlock = 500;
constexpr int kLabels = 10;
} // namespace

int LabelReadout::classify(const Eigen::VectorXf& causes) const {
    Eigen::Index best = 0;
    predict(causes).maxCoeff(&best);
    return static_cast<int>(best);
}

void LabelReadout::learn(const Eigen::VectorXf& causes, int label, float rate) {
    Eigen::VectorXf target = Eigen::VectorXf::Zero(weights.rows());
    target[label] = 1.0f;
    const Eigen::VectorXf error = target - predict(causes);
    weights.noalias() += rate * error * causes.transpose();
    bias += rate * error;
}

std::optional<SpikingPcClassifierConfig> parseSpikingPcClassifier(const nlohmann::json& e,
                                                                  std::string& error) {
    SpikingPcClassifierConfig c;
    try {
        c.network.latents = e.value("latents", c.network.latents);
        c.network.learningRate = e.value("learning_rate", c.network.learningRate);
        c.network.sparsity = e.value("sparsity", c.network.sparsity);
        c.network.maxRateHz = e.value("max_rate_hz", c.network.maxRateHz);
        c.network.errorRateHz = e.value("error_rate_hz", c.network.errorRateHz);
        c.stepsPerDigit = e.value("steps_per_digit", c.stepsPerDigit);
        c.readoutLearningRate = e.value("readout_learning_rate", c.readoutLearningRate);
        c.epochs = e.value("epochs", c.epochs);
        c.seed = e.value("seed", c.seed);
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    if (c.network.latents < 1 || c.network.latents > 10000)
        error = "experiment.latents: must be between 1 and 10000";
    else if (c.stepsPerDigit < 2 || c.stepsPerDigit > 10000)
        error = "experiment.steps_per_digit: must be between 2 and 10000";
    else if (c.epochs < 1 || c.epochs > 1000)
        error = "experiment.epochs: must be between 1 and 1000";
    else if (!(c.network.learningRate >= 0 && c.network.learningRate < 1) ||
             !(c.readoutLearningRate >= 0 && c.readoutLearningRate < 1))
        error = "experiment.learning_rate and readout_learning_rate: must be in [0, 1)";
    else if (!(c.network.sparsity >= 0))
        error = "experiment.sparsity: must be >= 0";
    else if (!(c.network.maxRateHz > 0 && c.network.maxRateHz <= 1000) ||
             !(c.network.errorRateHz > 0 && c.network.errorRateHz <= 1000))
        error = "experiment.max_rate_hz and error_rate_hz: must be in (0, 1000] (at most one spike per step)";
    if (!error.empty())
        return std::nullopt;
    return c;
}

SpikingPcClassifierResult trainAndEvaluateSpikingPc(const MnistSplit& data,
                                                    const SpikingPcClassifierConfig& config,
                                                    const std::function<void(int, int)>& progress) {
    SpikingErrorPcConfig netConfig = config.network;
    netConfig.inputs = static_cast<int>(data.train.images.rows());
    netConfig.seed = config.seed;
    SpikingErrorPc pc(netConfig);
    const int latents = netConfig.latents;
    LabelReadout readout(latents);
    const auto rate = static_cast<float>(config.readoutLearningRate);
    const int steps = config.stepsPerDigit;

    SpikingPcClassifierResult result;
    std::mt19937_64 shuffle(config.seed);
    std::vector<int> order(data.train.labels.size());
    std::iota(order.begin(), order.end(), 0);
    const auto trainStart = std::chrono::steady_clock::now();
    double freeEnergy = 0.0, reconstruction = 0.0;
    int inBlock = 0;
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), shuffle);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const int i = order[k];
            const Eigen::VectorXf x = data.train.images.col(i);
            pc.resetState();
            for (int t = 0; t < steps; ++t)
                pc.step(x, t >= steps / 2);
            freeEnergy += pc.freeEnergy();
            reconstruction += pc.reconstructionError(x);
            if (++inBlock == kCurveBlock) {
                result.freeEnergyCurve.push_back(freeEnergy / kCurveBlock);
                result.reconstructionCurve.push_back(reconstruction / kCurveBlock);
                freeEnergy = reconstruction = 0.0;
                inBlock = 0;
            }
            // Label units: delta rule on their own error and the causes' mean traces.
            readout.learn(pc.meanBeliefs(), data.train.labels[static_cast<std::size_t>(i)], rate);
            if (progress && (k + 1) % 1000 == 0)
                progress(epoch, static_cast<int>(k + 1));
        }
    }
    result.trainSeconds = secondsSince(trainStart);

    const auto testStart = std::chrono::steady_clock::now();
    const std::uint64_t eventsBefore = pc.synapticEvents();
    int correct = 0;
    const auto tests = static_cast<int>(data.test.labels.size());
    for (int i = 0; i < tests; ++i) {
        pc.resetState();
        for (int t = 0; t < steps; ++t)
            pc.step(data.test.images.col(i), false);
        correct +=
            readout.classify(pc.meanBeliefs()) == data.test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    result.testSeconds = secondsSince(testStart);
    result.testAccuracy = tests > 0 ? static_cast<double>(correct) / tests : 0.0;
    // Spikes x fan-out in the network, plus the label units reading every cause once per digit.
    result.synapticOpsPerInference =
        tests > 0 ? static_cast<double>(pc.synapticEvents() - eventsBefore) / tests + kLabels * latents : 0.0;
    return result;
}

} // namespace pulselab::core
