#include "core/predictive/pc_classifier.h"

#include <chrono>
#include <numeric>
#include <random>

namespace pulselab::core {

PcClassifierResult trainAndEvaluatePc(const MnistSplit& data, const PcClassifierConfig& config,
                                      const std::function<void(int, int)>& progress) {
    using Clock = std::chrono::steady_clock;
    RatePcConfig net;
    const int pixels = static_cast<int>(data.train.images.rows());
    net.layerSizes = {10, config.hidden, pixels}; // layer 0: label (bottom), top: image
    net.activation = config.activation;
    net.inferenceRate = config.inferenceRate;
    net.learningRate = config.learningRate;
    net.initialWeightScale = 1.0 / std::sqrt(static_cast<double>(pixels));
    net.seed = config.seed;
    RatePcNetwork pc(net);
    // Scale the hidden-to-label weights to the hidden width too.
    pc.weights(0) *= std::sqrt(static_cast<double>(pixels) / config.hidden);

    PcClassifierResult result;
    const auto n = static_cast<int>(data.train.labels.size());
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(config.seed);
    const auto start = Clock::now();
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        double freeEnergy = 0.0;
        for (int k = 0; k < n; ++k) {
            const int i = order[static_cast<std::size_t>(k)];
            const Eigen::VectorXd image = data.train.images.col(i).cast<double>();
            Eigen::VectorXd label = Eigen::VectorXd::Zero(10);
            label[data.train.labels[static_cast<std::size_t>(i)]] = 1.0;
            pc.clampTop(image);
            pc.setInput(label); // hidden starts at the feedforward prediction from the image
            double f = pc.freeEnergy();
            for (int s = 0; s < config.inferenceSteps; ++s)
                f = pc.inferStep();
            pc.learn();
            freeEnergy += f;
            if (progress && (k + 1) % 1000 == 0)
                progress(epoch, k + 1);
        }
        result.epochFreeEnergy.push_back(freeEnergy / n);
    }
    result.trainSeconds = std::chrono::duration<double>(Clock::now() - start).count();

    const auto testStart = Clock::now();
    int correct = 0;
    const auto m = static_cast<int>(data.test.labels.size());
    for (int i = 0; i < m; ++i) {
        const Eigen::VectorXd image = data.test.images.col(i).cast<double>();
        const Eigen::VectorXd hidden = pc.weights(1) * pc.h(image) + pc.bias(1);
        const Eigen::VectorXd out = pc.weights(0) * pc.h(hidden) + pc.bias(0);
        Eigen::Index best = 0;
        out.maxCoeff(&best);
        correct += best == data.test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    result.testSeconds = std::chrono::duration<double>(Clock::now() - testStart).count();
    result.testAccuracy = static_cast<double>(correct) / std::max(1, m);
    result.synapticOpsPerInference = static_cast<double>(pc.weights(1).size() + pc.weights(0).size());
    return result;
}

} // namespace pulselab::core
