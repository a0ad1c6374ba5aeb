#pragma once
// MNIST with spiking predictive coding (explicit error populations, spiking_error_pc.h): the spiking network
// learns its causes from the images alone with its local rule; ten label units read the causes' mean traces
// and learn by the delta rule, each from its own error (label - prediction) times the cause trace -- local
// too, and no error ever travels back into the spiking network. At test the image alone is inferred and the
// strongest label unit is the answer.
#include "core/data/mnist_digits.h"
#include "core/predictive/spiking_error_pc.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace pulselab::core {

/// Ten label units reading the causes' mean traces, learning by the delta rule from their own error.
struct LabelReadout {
    Eigen::MatrixXf weights; ///< 10 x latents
    Eigen::VectorXf bias;
    explicit LabelReadout(int latents)
        : weights(Eigen::MatrixXf::Zero(10, latents)), bias(Eigen::VectorXf::Zero(10)) {}
    Eigen::VectorXf predict(const Eigen::VectorXf& causes) const { return weights * causes + bias; }
    int classify(const Eigen::VectorXf& causes) const;
    /// One delta-rule step towards the one-hot `label`.
    void learn(const Eigen::VectorXf& causes, int label, float rate);
};

struct SpikingPcClassifierConfig {
    SpikingErrorPcConfig network; ///< inputs are set to 784
    int stepsPerDigit = 50;       ///< inference steps per digit (learning in the second half)
    double readoutLearningRate = 0.05;
    int epochs = 1;
    std::uint64_t seed = 1;
    SpikingPcClassifierConfig() {
        network.latents = 100;
        network.learningRate = 0.001;
        network.sparsity = 0.05;
        network.initialWeight = 0.01;
    }
};

struct SpikingPcClassifierResult {
    double testAccuracy = 0.0;
    double trainSeconds = 0.0;
    double testSeconds = 0.0;
    std::vector<double> freeEnergyCurve;     ///< mean end-of-digit free energy per 500 training digits
    std::vector<double> reconstructionCurve; ///< same, reconstruction MSE
    double synapticOpsPerInference = 0.0;    ///< test time: spikes x fan-out per digit
};

/// Settings from a project's experiment section (kind "spiking_pc_mnist"); `error` names the field.
std::optional<SpikingPcClassifierConfig> parseSpikingPcClassifier(const nlohmann::json& experiment,
                                                                  std::string& error);

/// `progress` (optional) is told the epoch and the digits done.
SpikingPcClassifierResult trainAndEvaluateSpikingPc(const MnistSplit& data,
                                                    const SpikingPcClassifierConfig& config,
                                                    const std::function<void(int, int)>& progress = {});

} // namespace pulselab::core
