#include "core/predictive/mnist_pc_run.h"

#include <filesystem>
#include <numeric>
#include <stdexcept>

namespace pulselab::core {

std::optional<MnistPcConfig> parseMnistPc(const nlohmann::json& e, const std::string& projectDir,
                                          std::string& error) {
    MnistPcConfig c;
    try {
        c.classifier.hidden = e.value("hidden", c.classifier.hidden);
        c.classifier.learningRate = e.value("learning_rate", c.classifier.learningRate);
        c.classifier.inferenceRate = e.value("inference_rate", c.classifier.inferenceRate);
        c.classifier.labelVariance = e.value("label_variance", c.classifier.labelVariance);
        c.classifier.seed = e.value("seed", c.classifier.seed);
        c.stepsPerSample = e.value("steps_per_sample", c.stepsPerSample);
        c.testEvery = e.value("test_every", c.testEvery);
        c.testDigits = e.value("test_digits", c.testDigits);
        c.dtMs = e.value("dt_ms", c.dtMs);
        std::filesystem::path dir = e.value("digits_dir", std::string("../") + kMnistDigitsSubdir);
        if (dir.is_relative())
            dir = std::filesystem::path(projectDir) / dir;
        c.digitsDir = dir.lexically_normal().string();
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    if (c.classifier.hidden < 1 || c.classifier.hidden > 10000)
        error = "experiment.hidden: must be between 1 and 10000";
    else if (!(c.classifier.labelVariance > 0.0 && c.classifier.labelVariance <= 1e6))
        error = "experiment.label_variance: must be in (0, 1e6]";
    else if (!(c.classifier.learningRate >= 0.0 && c.classifier.learningRate < 1.0))
        error = "experiment.learning_rate: must be in [0, 1)";
    else if (c.stepsPerSample < 1)
        error = "experiment.steps_per_sample: must be at least 1";
    else if (c.testEvery < 1 || c.testDigits < 1)
        error = "experiment.test_every / test_digits: must be at least 1";
    if (!error.empty())
        return std::nullopt;
    return c;
}

std::unique_ptr<MnistPcRun> MnistPcRun::create(const MnistPcConfig& config, std::string& error) {
    auto data = loadMnist(config.digitsDir, error);
    if (!data)
        return nullptr;
    return std::unique_ptr<MnistPcRun>(new MnistPcRun(config, std::move(*data)));
}

MnistPcRun::MnistPcRun(const MnistPcConfig& config, MnistSplit data)
    : m_config(config), m_data(std::move(data)) {
    m_layout.dtMs = config.dtMs;
    m_layout.populations = {{"pixels", 784, 0},
                            {"hidden values", static_cast<std::uint32_t>(config.classifier.hidden), 784},
                            {"label errors", 10, 784 + static_cast<std::uint32_t>(config.classifier.hidden)}};
    // The image at the top predicts the hidden layer, which predicts the label; the label's errors push back.
    m_layout.links = {{0, 1, "prediction", false}, {1, 2, "prediction", false}, {2, 1, "error", true}};
    auto& s = m_layout.scalarSignals;
    s.push_back({"F total", SignalKind::FreeEnergyTotal, 0, ""});
    s.push_back({"F label layer", SignalKind::FreeEnergyLayer, 0, ""});
    s.push_back({"F hidden layer", SignalKind::FreeEnergyLayer, 1, ""});
    for (int c = 0; c < 10; ++c)
        s.push_back({std::to_string(c), SignalKind::ClassProbability, c, ""});
    s.push_back({"held-out accuracy", SignalKind::BeliefMean, 0, ""});
    reset();
}

void MnistPcRun::reset() {
    m_net = std::make_unique<RatePcNetwork>(makePcClassifierNetwork(m_config.classifier, 784));
    m_rng.seed(m_config.classifier.seed);
    m_displayRng.seed(m_config.classifier.seed + 1);
    m_order.resize(m_data.train.labels.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::shuffle(m_order.begin(), m_order.end(), m_rng);
    m_step = 0;
    m_samples = 0;
    m_accuracy = 0.1;
    nextSample();
}

void MnistPcRun::nextSample() {
    m_current = m_order[static_cast<std::size_t>(m_samples) % m_order.size()];
    Eigen::VectorXd label = Eigen::VectorXd::Zero(10);
    label[m_data.train.labels[static_cast<std::size_t>(m_current)]] = 1.0;
    m_net->clampTop(m_data.train.images.col(m_current).cast<double>());
    m_net->setInput(label);
}

Eigen::VectorXd MnistPcRun::classBeliefs() const {
    const Eigen::VectorXd image = m_data.train.images.col(m_current).cast<double>();
    const Eigen::VectorXd out = pcClassifierOutput(*m_net, image);
    // A softmax of the predicted label layer, with a sharpness suited to one-hot targets in [0, 1].
    const Eigen::ArrayXd e = (5.0 * (out.array() - out.maxCoeff())).exp();
    return e / e.sum();
}

double MnistPcRun::test() const {
    int correct = 0;
    const int n = std::min(m_config.testDigits, static_cast<int>(m_data.test.labels.size()));
    const int stride = std::max(1, static_cast<int>(m_data.test.labels.size()) / n);
    int counted = 0;
    for (int i = 0; i < static_cast<int>(m_data.test.labels.size()) && counted < n; i += stride, ++counted) {
        const Eigen::VectorXd image = m_data.test.images.col(i).cast<double>();
        const Eigen::VectorXd out = pcClassifierOutput(*m_net, image);
        Eigen::Index best = 0;
        out.maxCoeff(&best);
        correct += best == m_data.test.labels[static_cast<std::size_t>(i)] ? 1 : 0;
    }
    return counted ? static_cast<double>(correct) / counted : 0.0;
}

void MnistPcRun::advance(std::int64_t steps, RunSnapshot& out) {
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    const double dtS = m_config.dtMs / 1000.0;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        const double f = m_net->inferStep();
        const bool sampleDone = (m_step + 1) % m_config.stepsPerSample == 0;
        // Display spikes: pixels at up to 50 Hz, hidden values and label errors by their magnitude.
        auto emit = [&](const Eigen::VectorXd& activity, std::uint32_t first, double gainHz) {
            for (Eigen::Index i = 0; i < activity.size(); ++i)
                if (unit(m_displayRng) < std::min(1.0, gainHz * std::abs(activity[i]) * dtS))
                    out.spikes.push_back({m_step, first + static_cast<std::uint32_t>(i)});
        };
        emit(m_net->value(2), 0, 50.0);
        emit(m_net->value(1), 784, 40.0);
        emit(m_net->error(0), 784 + static_cast<std::uint32_t>(m_config.classifier.hidden), 200.0);
        std::size_t signal = 0;
        auto sample = [&](double value) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(value);
        };
        sample(f);
        sample(m_net->layerFreeEnergy(0));
        sample(m_net->layerFreeEnergy(1));
        if (sampleDone || k + 1 == steps) {
            const Eigen::VectorXd beliefs = classBeliefs();
            for (int c = 0; c < 10; ++c)
                sample(beliefs[c]);
        } else {
            signal += 10;
        }
        if (sampleDone) {
            m_net->learn();
            ++m_samples;
            if (m_samples % m_config.testEvery == 0)
                m_accuracy = test();
            nextSample();
        }
        sample(m_accuracy);
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
}

double MnistPcRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    if (target == "pc" && parameter == "learning_rate" && value >= 0 && value < 1) {
        // The network's own rate acts on variance-weighted errors: it is the classifier's x labelVariance.
        const double old = m_config.classifier.learningRate;
        m_config.classifier.learningRate = value;
        m_net->setLearningRate(value * m_config.classifier.labelVariance);
        return old;
    }
    if (target == "pc" && parameter == "inference_rate" && value > 0 && value < 1) {
        const double old = m_net->config().inferenceRate;
        m_net->setInferenceRate(value);
        return old;
    }
    throw std::invalid_argument(
        "'" + target + "." + parameter +
        "': the MNIST run has pc.learning_rate in [0, 1) and pc.inference_rate in (0, 1)");
}

} // namespace pulselab::core
