#pragma once
// Spiking predictive coding learning MNIST, live: the explicit-error network of spiking_error_pc.h sees one
// training digit per `steps_per_digit` steps (Poisson pixels; learning in the second half of each digit), its
// label units learn by the delta rule at the end of each digit, and every `test_every` digits it is tested on
// held-out digits. Readouts: free energy per digit, the class beliefs for the current digit, held-out
// accuracy as it climbs, the spikes of pixels, causes and +/- errors, and the causes' receptive fields.
#include "core/data/mnist_digits.h"
#include "core/predictive/spiking_pc_classifier.h"
#include "core/runtime/steppable_run.h"

#include <memory>
#include <random>

namespace pulselab::core {

struct MnistSpikingConfig {
    SpikingPcClassifierConfig classifier;
    int testEvery = 500;
    int testDigits = 200;
};

class MnistSpikingRun : public SteppableRun {
public:
    /// nullptr with `error` when the digits (in core::dataDirectory()) cannot be read.
    static std::unique_ptr<MnistSpikingRun> create(const MnistSpikingConfig& config, std::string& error);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    double lastTestAccuracy() const { return m_accuracy; }
    int digitsSeen() const { return m_digits; }

private:
    MnistSpikingRun(const MnistSpikingConfig& config, MnistSplit data);
    double test();

    MnistSpikingConfig m_config;
    MnistSplit m_data;
    std::unique_ptr<SpikingErrorPc> m_pc;
    std::unique_ptr<LabelReadout> m_readout;
    RunLayout m_layout;
    std::vector<int> m_order;
    std::int64_t m_step = 0;
    int m_digits = 0;
    int m_current = 0;
    double m_accuracy = 0.1;
    double m_freeEnergySum = 0.0;
};

} // namespace pulselab::core
