#pragma once
// Supervised predictive coding on MNIST (Whittington & Bogacz 2017): the image is clamped at the top, the
// label (one-hot) at the bottom during learning; the hidden layer relaxes by inference and every weight
// learns from its local error and rate. At test the label is free: the prediction flowing down from the image
// is the answer.
#include "core/data/mnist_digits.h"
#include "core/predictive/rate_pc_network.h"

#include <functional>
#include <vector>

namespace pulselab::core {

struct PcClassifierConfig {
    int hidden = 128;
    Activation activation = Activation::Tanh;
    /// Weight step per unit of raw label error (the network's own rate is this x labelVariance, since its
    /// errors are divided by the variance): the same figure as the backprop MLP's SGD rate in bench/.
    double learningRate = 0.02;
    /// Variance of the label layer's prediction error. Large against the hidden layer's (1), the label error
    /// stays small while the hidden layer relaxes, the regime where Whittington & Bogacz (2017) show the
    /// local updates approach backprop's. With 1 the hidden layer moves far from its feed-forward value, the
    /// settled label error halves and the run had to use a 4x smaller rate (3.8 points behind backprop).
    double labelVariance = 10.0;
    double inferenceRate = 0.1;
    int inferenceSteps = 20;
    int epochs = 3;
    std::uint64_t seed = 1;
};

struct PcClassifierResult {
    double testAccuracy = 0.0;
    double trainSeconds = 0.0;
    double testSeconds = 0.0;
    std::vector<double> epochFreeEnergy;  ///< mean settled free energy per epoch (the learning curve)
    double synapticOpsPerInference = 0.0; ///< test-time: one feedforward prediction through the weights
};

/// The classifier's network before learning: layer 0 the label (variance labelVariance), layer 1 hidden,
/// top the image; weights ~ N(0, 1/fan-in), biases 0. bench/ gives the backprop MLP these same weights.
RatePcNetwork makePcClassifierNetwork(const PcClassifierConfig& config, int pixels);

/// The order in which trainAndEvaluatePc presents the training samples: `epochs` shuffles of 0..samples-1,
/// concatenated (bench/ gives the backprop MLP this same order).
std::vector<int> pcTrainingOrder(int samples, int epochs, std::uint64_t seed);

/// The classifier's answer for one image with the label free: the equilibrium of inference then is the
/// feed-forward prediction, label = Theta_0 h(Theta_1 h(image) + b_1) + b_0 (10 values; the largest wins).
Eigen::VectorXd pcClassifierOutput(const RatePcNetwork& network, const Eigen::VectorXd& image);

/// `progress` (optional) is told the epoch and the samples done.
PcClassifierResult trainAndEvaluatePc(const MnistSplit& data, const PcClassifierConfig& config,
                                      const std::function<void(int, int)>& progress = {});

} // namespace pulselab::core
