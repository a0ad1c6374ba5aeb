#pragma once
// Supervised spiking predictive coding learning MNIST, live (spiking_supervised_pc.h). Each training digit is
// shown twice, `steps_per_digit` steps each: first the network guesses with the label free (its label
// prediction is plotted as the class beliefs; the error neurons stay silent), then the label is clamped, the
// label and hidden error neurons fire and every synapse learns from its own traces. Every `test_every`
// digits it answers `test_digits` held-out digits. Readouts: free energy per digit (while clamped), class
// beliefs, held-out accuracy and the accuracy of its guesses on the last 100 training digits, the spikes of
// all six populations, and each hidden unit's image-to-hidden weights as an image.
// pulselab-cli trains without the guesses (mnist_training.cpp), as bench/ does: the same rule, half the
// steps.
#include "core/data/mnist_digits.h"
#include "core/predictive/spiking_supervised_pc.h"
#include "core/runtime/steppable_run.h"

#include <deque>
#include <memory>

namespace pulselab::core {

struct MnistSupervisedSpikingConfig {
    SpikingSupervisedPcConfig network;
    int testEvery = 500;
    int testDigits = 200;
};

class MnistSupervisedSpikingRun : public SteppableRun {
public:
    /// nullptr with `error` when the digits (in core::dataDirectory()) cannot be read.
    static std::unique_ptr<MnistSupervisedSpikingRun> create(const MnistSupervisedSpikingConfig& config,
                                                             std::string& error);
    /// On digits already loaded (tests use a small split).
    MnistSupervisedSpikingRun(const MnistSupervisedSpikingConfig& config, MnistSplit data);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    double lastTestAccuracy() const { return m_accuracy; }
    int digitsSeen() const { return m_digits; }

private:
    double test();
    void appendSpikes(const SpikingSupervisedPcSpikes& spikes, std::vector<SpikeEvent>& out) const;
    std::shared_ptr<const FeatureImages> features() const;

    MnistSupervisedSpikingConfig m_config;
    MnistSplit m_data;
    std::unique_ptr<SpikingSupervisedPc> m_pc;
    RunLayout m_layout;
    std::vector<int> m_order;
    std::int64_t m_step = 0;
    int m_digits = 0;
    int m_current = 0;
    double m_accuracy = 0.1;
    double m_freeEnergySum = 0.0;
    Eigen::VectorXf m_guessSum;
    std::deque<bool> m_recentGuesses; ///< right or wrong, the last 100 training digits
};

} // namespace pulselab::core
