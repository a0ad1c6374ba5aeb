#include "core/predictive/pc_classifier.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

namespace pulselab::core {

RatePcNetwork makePcClassifierNetwork(const PcClassifierConfig& config, int pixels) {
    RatePcConfig net;
    net.layerSizes = {10, config.hidden, pixels}; // layer 0: label (bottom), top: image
    net.activation = config.activation;
    net.inferenceRate = config.inferenceRate;
    net.learningRate = config.learningRate * config.labelVariance;
    net.initialWeightScale = 1.0 / std::sqrt(static_cast<double>(pixels));
    net.seed = config.seed;
    RatePcNetwork pc(net);
    // Scale the hidden-to-label weights to the hidden width too.
    pc.weights(0) *= std::sqrt(static_cast<double>(pixels) / config.hidden);
    pc.setVariance(0, Eigen::VectorXd::Constant(10, config.labelVariance));
    return pc;
}

std::vector<int> pcTrainingOrder(int samples, int epochs, std::uint64_t seed) {
    std::vector<int> order(static_cast<std::size_t>(samples));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(seed);
    std::vector<int> all;
    all.reserve(static_cast<std::size_t>(samples) * static_cast<std::size_t>(std::max(0, epochs)));
    for (int epoch = 0; epoch < epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        all.insert(all.end(), order.begin(), order.end());
    }
    return all;
}

Eigen::VectorXd pcClassifierOutput(const RatePcNetwork& network, const Eigen::VectorXd& image) {
    const Eigen::VectorXd hidden = network.weights(1) * network.h(image) + network.bias(1);
    return network.weights(0) * network.h(hidden) + network.bias(0);
}

PcClassifierResult trainAndEvaluatePc(const MnistSplit& data, const PcClassifierConfig& config,
                                      const std::function<void(int, int)>& progress) {
    using Clock = std::chrono::steady_clock;
    const int pixels = static_cast<int>(data.train.images.rows());
    RatePcNetwork pc = makePcClassifierNetwork(config, pixels);

    PcClassifierResult result;
    const auto n = static_cast<int>(data.train.labels.size());
    const std::vector<int> order = pcTrainingOrder(n, config.epochs, config.seed);
    const auto start = Clock::now();
    for (int epoch = 0; epoch < config.epochs; ++epoch) {
        double freeEnergy = 0.0;
        for (int k = 0; k < n; ++k) {
            const int i = order[static_cast<std::size_t>(epoch) * static_cast<std::size_t>(n) +
                                static_cast<std::size_t>(k)];
            const Eigen::VectorXd image = data.train.images.col(i).cast<double>();
            Eigen::VectorXd label = Eigen::VectorXd::Zero(10);
            label[data.train.labels[static_cast<std::size_t>(i)]] = 1.0;
            pc.clampTop(image);
            pc.setInput(label); // hidden starts at the feedforward prediction from the image
            const double f = config.inferenceSteps > 0 ? pc.relax(config.inferenceSteps) : pc.freeEnergy();
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
        const Eigen::VectorXd out = pcClassifierOutput(pc, image);
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
