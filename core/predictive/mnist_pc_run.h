#pragma once
// Supervised predictive coding learning MNIST, live: each step is one inference step on the current digit
// (image clamped at the top, label clamped at the bottom while learning); after `steps_per_sample` steps the
// weights learn locally and the next digit arrives. Every `test_every` digits the network is tested on
// held-out digits with the label free. Readouts: free energy (total and per layer), the current class beliefs
// (softmax of the prediction flowing down from the image), and held-out accuracy as it climbs. For the
// raster, pixels, hidden values and label errors are shown as Poisson spikes at rates proportional to their
// activity (a display encoding; the network itself is rate-based).
#include "core/data/mnist_digits.h"
#include "core/predictive/pc_classifier.h"
#include "core/runtime/steppable_run.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <random>

namespace pulselab::core {

struct MnistPcConfig {
    PcClassifierConfig classifier;
    std::string digitsDir;
    int stepsPerSample = 20;
    int testEvery = 500;
    int testDigits = 500;
    double dtMs = 1.0;
};

/// Reads experiment kind "rate_pc_mnist"; `digits_dir` is taken relative to `projectDir` when not absolute.
std::optional<MnistPcConfig> parseMnistPc(const nlohmann::json& experiment, const std::string& projectDir,
                                          std::string& error);

class MnistPcRun : public SteppableRun {
public:
    /// nullptr with `error` when the digits cannot be read.
    static std::unique_ptr<MnistPcRun> create(const MnistPcConfig& config, std::string& error);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    double lastTestAccuracy() const { return m_accuracy; }
    int samplesSeen() const { return m_samples; }

private:
    MnistPcRun(const MnistPcConfig& config, MnistSplit data);
    void nextSample();
    double test() const;
    Eigen::VectorXd classBeliefs() const;

    MnistPcConfig m_config;
    MnistSplit m_data;
    std::unique_ptr<RatePcNetwork> m_net;
    RunLayout m_layout;
    std::vector<int> m_order;
    std::mt19937_64 m_rng, m_displayRng;
    std::int64_t m_step = 0;
    int m_samples = 0;
    int m_current = 0;
    double m_accuracy = 0.1;
};

} // namespace pulselab::core
