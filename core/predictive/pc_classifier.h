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
    double learningRate =
        0.005; // best of 0.02 / 0.01 / 0.005 on the 7,996/2,004 split (bench/run_pc_bench.sh)
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

/// `progress` (optional) is told the epoch and the samples done.
PcClassifierResult trainAndEvaluatePc(const MnistSplit& data, const PcClassifierConfig& config,
                                      const std::function<void(int, int)>& progress = {});

} // namespace pulselab::core
