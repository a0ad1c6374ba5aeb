// Inference time per sample of rate PC's MNIST classifier (784-H-10, tanh), one sample at a time, measured
// here and (bench/pc_inference_numpy.py, run by bench/run_pc_inference_bench.sh) in a numpy reference of the
// same network with the same weights:
//   test:  the label free, its equilibrium is the feed-forward prediction (pcClassifierOutput)
//   relax: the label clamped, the hidden layer settles by S inference steps (as while learning)
//   batch: the test prediction for all held-out digits as one matrix product, per digit
// Usage: bench_pc_inference REFERENCE OUT.json [hidden] [inference steps] [repeats]
// Writes the weights to REFERENCE (bench/pc_reference.h) and timings (best of the repeats, microseconds per
// sample) with check values to OUT.json; the numpy side recomputes the check values and compares.
#include "core/data/mnist_digits.h"
#include "core/predictive/pc_classifier.h"
#include "pc_reference.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>

using namespace pulselab::core;

namespace {

template <typename F> double bestMicroseconds(int repeats, int samples, F&& body) {
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        body();
        const double us =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
        best = std::min(best, us / samples);
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: bench_pc_inference REFERENCE OUT.json [hidden] [inference steps] [repeats]\n");
        return 2;
    }
    PcClassifierConfig config;
    config.hidden = argc > 3 ? std::atoi(argv[3]) : 128;
    config.inferenceSteps = argc > 4 ? std::atoi(argv[4]) : config.inferenceSteps;
    config.epochs = 1;
    const int repeats = argc > 5 ? std::atoi(argv[5]) : 5;
    if (config.hidden < 1 || config.inferenceSteps < 1 || repeats < 1) {
        std::fprintf(stderr, "hidden, inference steps and repeats must be at least 1\n");
        return 2;
    }
    std::string error;
    const auto data = loadMnist(std::string(PULSELAB_SOURCE_DIR) + "/" + kMnistDigitsSubdir, error);
    if (!data) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const int pixels = static_cast<int>(data->train.images.rows());
    // A briefly trained network (500 digits), so that the hidden units are not all at their initial values.
    RatePcNetwork net = makePcClassifierNetwork(config, pixels);
    const std::vector<int> order =
        pcTrainingOrder(static_cast<int>(data->train.labels.size()), 1, config.seed);
    for (int k = 0; k < 500; ++k) {
        const int i = order[static_cast<std::size_t>(k)];
        Eigen::VectorXd label = Eigen::VectorXd::Zero(10);
        label[data->train.labels[static_cast<std::size_t>(i)]] = 1.0;
        net.clampTop(data->train.images.col(i).cast<double>());
        net.setInput(label);
        net.relax(config.inferenceSteps);
        net.learn();
    }
    if (!pulselab::bench::writePcReference(argv[1], config, net,
                                           static_cast<int>(data->train.labels.size()))) {
        std::fprintf(stderr, "%s: cannot write the reference weights\n", argv[1]);
        return 1;
    }
    const Eigen::MatrixXd test = data->test.images.cast<double>();
    const Eigen::MatrixXd train = data->train.images.leftCols(1000).cast<double>();
    const auto tests = static_cast<int>(test.cols());
    const auto relaxed = static_cast<int>(train.cols());

    int agree = 0;
    const double testUs = bestMicroseconds(repeats, tests, [&] {
        agree = 0;
        for (int i = 0; i < tests; ++i) {
            Eigen::Index best = 0;
            pcClassifierOutput(net, test.col(i)).maxCoeff(&best);
            agree += best == data->test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
        }
    });
    double relaxF = 0.0;
    Eigen::VectorXd lastHidden;
    const double relaxUs = bestMicroseconds(repeats, relaxed, [&] {
        relaxF = 0.0;
        for (int i = 0; i < relaxed; ++i) {
            Eigen::VectorXd label = Eigen::VectorXd::Zero(10);
            label[data->train.labels[static_cast<std::size_t>(i)]] = 1.0;
            net.clampTop(train.col(i));
            net.setInput(label);
            relaxF += net.relax(config.inferenceSteps);
        }
        lastHidden = net.value(1);
    });
    Eigen::MatrixXd batchOut;
    const double batchUs = bestMicroseconds(repeats, tests, [&] {
        const Eigen::MatrixXd hidden = (net.weights(1) * test.unaryExpr(&fastTanh)).colwise() + net.bias(1);
        batchOut = (net.weights(0) * hidden.unaryExpr(&fastTanh)).colwise() + net.bias(0);
    });
    nlohmann::json out;
    out["hidden"] = config.hidden;
    out["inference_steps"] = config.inferenceSteps;
    out["inference_rate"] = config.inferenceRate;
    out["label_variance"] = config.labelVariance;
    out["test_digits"] = tests;
    out["relaxed_digits"] = relaxed;
    out["test_us"] = testUs;
    out["relax_us"] = relaxUs;
    out["batch_us"] = batchUs;
    out["test_correct"] = agree;
    out["relax_free_energy_sum"] = relaxF;
    out["relax_last_hidden"] = std::vector<double>(lastHidden.data(), lastHidden.data() + lastHidden.size());
    out["batch_output_sum"] = batchOut.sum();
    std::ofstream(argv[2]) << out.dump();
    return 0;
}
