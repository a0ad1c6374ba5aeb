#include "core/predictive/bars_rate_pc_run.h"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace pulselab::core {

namespace {

Eigen::VectorXd pixelsOf(const BarsSample& sample) {
    return Eigen::Map<const Eigen::VectorXf>(sample.pixels.data(),
                                             static_cast<Eigen::Index>(sample.pixels.size()))
        .cast<double>();
}

/// Activity of the cause standing for each bar (0 where no cause does).
std::vector<double> barBeliefs(const RatePcNetwork& net, const std::vector<BarMatch>& matches) {
    const Eigen::VectorXd causes = net.h(net.value(1));
    std::vector<double> beliefs;
    for (const BarMatch& m : matches)
        beliefs.push_back(m.feature >= 0 ? causes[m.feature] : 0.0);
    return beliefs;
}

/// Fraction of the bars whose belief (> 0.5: on) agrees with the image's truth.
double beliefAgreement(const std::vector<double>& beliefs, const BarsSample& image) {
    std::vector<bool> on(beliefs.size(), false);
    for (int bar : image.activeBars)
        on[static_cast<std::size_t>(bar)] = true;
    int agree = 0;
    for (std::size_t b = 0; b < beliefs.size(); ++b)
        agree += (beliefs[b] > 0.5) == on[b] ? 1 : 0;
    return beliefs.empty() ? 0.0 : static_cast<double>(agree) / static_cast<double>(beliefs.size());
}

std::string barName(int width, int bar) {
    return bar < width ? "row " + std::to_string(bar) : "col " + std::to_string(bar - width);
}

} // namespace

std::optional<BarsRatePcConfig> parseBarsRatePc(const nlohmann::json& e, std::string& error) {
    BarsRatePcConfig c;
    RatePcConfig& n = c.network;
    int latents = 20;
    n.activation = Activation::Relu;
    n.inferenceRate = 0.02;
    n.learningRate = 0.02;
    n.initialWeightScale = 0.1;
    try {
        c.width = e.value("width", c.width);
        latents = e.value("latents", latents);
        c.barProbability = e.value("bar_probability", c.barProbability);
        c.stepsPerImage = e.value("steps_per_image", c.stepsPerImage);
        c.pixelVariance = e.value("pixel_variance", c.pixelVariance);
        c.dtMs = e.value("dt_ms", c.dtMs);
        c.learn = e.value("learn", c.learn);
        c.dataSeed = e.value("data_seed", c.dataSeed);
        n.inferenceRate = e.value("inference_rate", n.inferenceRate);
        n.learningRate = e.value("learning_rate", n.learningRate);
        n.initialWeightScale = e.value("initial_weight", n.initialWeightScale);
        n.seed = e.value("seed", n.seed);
    } catch (const nlohmann::json::exception& ex) {
        error = std::string("experiment: ") + ex.what();
        return std::nullopt;
    }
    if (c.width < 2 || c.width > 32)
        error = "experiment.width: must be between 2 and 32";
    else if (latents < 1 || latents > 4096)
        error = "experiment.latents: must be between 1 and 4096";
    else if (!(c.barProbability >= 0 && c.barProbability <= 1))
        error = "experiment.bar_probability: must be in [0, 1]";
    else if (c.stepsPerImage < 1 || c.stepsPerImage > 100000)
        error = "experiment.steps_per_image: must be between 1 and 100000";
    else if (!(c.pixelVariance > 0 && c.pixelVariance <= 100))
        error = "experiment.pixel_variance: must be in (0, 100]";
    else if (!(c.dtMs > 0))
        error = "experiment.dt_ms: must be > 0";
    else if (!(n.inferenceRate > 0 && n.inferenceRate < 1))
        error = "experiment.inference_rate: must be in (0, 1)";
    else if (!(n.learningRate >= 0 && n.learningRate < 1))
        error = "experiment.learning_rate: must be in [0, 1)";
    else if (!(n.initialWeightScale >= 0 && n.initialWeightScale <= 1))
        error = "experiment.initial_weight: must be in [0, 1]";
    if (!error.empty())
        return std::nullopt;
    n.layerSizes = {c.width * c.width, latents};
    n.initialVariance = c.pixelVariance;
    n.topPriorMean = 0.0;
    n.topPriorVariance = 1.0;
    n.minWeight = 0.0; // non-negative causes of non-negative pixels...
    n.maxWeight = 1.0; // ...each predicting at most full intensity
    n.learnBias = false;
    return c;
}

BarsRatePcRun::BarsRatePcRun(const BarsRatePcConfig& config) : m_config(config) {
    const int pixels = config.network.layerSizes.at(0), latents = config.network.layerSizes.at(1);
    m_layout.dtMs = config.dtMs;
    using Units = RatePcDisplay::Units;
    m_display.add(m_layout, "pixels", pixels, 0, Units::Values);
    m_display.add(m_layout, "errors (up)", pixels, 0, Units::Errors);
    m_display.add(m_layout, "prediction", pixels, 0, Units::Predictions);
    m_display.add(m_layout, "causes", latents, 1, Units::Values);
    m_layout.links = {
        {0, 1, "input", false}, {2, 1, "subtracted", false}, {1, 3, "error", false}, {3, 2, "weights", true}};
    addFreeEnergySignals(m_layout, 2);
    for (int bar = 0; bar < 2 * config.width; ++bar)
        m_layout.scalarSignals.push_back({barName(config.width, bar), SignalKind::ClassProbability, bar, ""});
    m_layout.scalarSignals.push_back(
        {"bars seen right (fraction, each image)", SignalKind::BeliefMean, 0, ""});
    reset();
}

void BarsRatePcRun::reset() {
    m_net = std::make_unique<RatePcNetwork>(m_config.network);
    // Small non-negative initial weights: every cause predicts a little of everything.
    std::mt19937_64 init(m_config.network.seed);
    std::uniform_real_distribution<double> weight(0.0, m_config.network.initialWeightScale);
    Eigen::MatrixXd& w = m_net->weights(0);
    for (Eigen::Index k = 0; k < w.size(); ++k)
        w.data()[k] = weight(init);
    m_data.seed(m_config.dataSeed);
    m_displayRng.seed(m_config.dataSeed ^ 0x5eedULL);
    m_step = 0;
    m_settled.clear();
    m_synapticOps = 0;
    nextImage();
}

void BarsRatePcRun::nextImage() {
    m_image = drawBars(m_config.width, m_config.barProbability, m_data);
    m_net->setInput(pixelsOf(m_image));
    m_matches = matchBars(m_net->weights(0), m_config.width);
}

void BarsRatePcRun::advance(std::int64_t steps, RunSnapshot& out) {
    std::vector<SignalSamples> blocks(m_layout.scalarSignals.size());
    for (std::size_t i = 0; i < blocks.size(); ++i)
        blocks[i].signal = static_cast<int>(i);
    const auto synapsesPerStep = 2 * static_cast<std::uint64_t>(m_net->weights(0).size()); // down and up
    for (std::int64_t k = 0; k < steps; ++k, ++m_step) {
        // Samples show the state at the start of each step, so an image's first sample is F as it arrives.
        std::size_t signal = 0;
        auto sample = [&](double v) {
            blocks[signal].steps.push_back(m_step);
            blocks[signal++].values.push_back(v);
        };
        sampleFreeEnergySignals(*m_net, false, sample);
        for (double b : barBeliefs(*m_net, m_matches))
            sample(b);
        m_display.appendSpikes(*m_net, m_layout, m_step, m_config.dtMs, m_config.displayGainHz, m_displayRng,
                               out.spikes);
        m_net->inferStep();
        m_synapticOps += synapsesPerStep;
        const double f = m_net->errorEnergy();
        if (!std::isfinite(f))
            throw RunFault("bars predictive coding network, step " + std::to_string(m_step) +
                           ": free energy became NaN or infinite (inference_rate too large for the pixel "
                           "precision?); the run was stopped");
        if ((m_step + 1) % m_config.stepsPerImage != 0)
            continue;
        // End of the inference window: score the beliefs, learn locally, show the next image.
        m_settled.push_back(f);
        sample(beliefAgreement(barBeliefs(*m_net, m_matches), m_image));
        if (m_config.learn)
            m_net->learn();
        nextImage();
    }
    for (auto& b : blocks)
        out.samples.push_back(std::move(b));
    // Once per chunk: the receptive fields view shows the latest.
    auto features = std::make_shared<FeatureImages>();
    features->title = "What each cause predicts (top-down weights)";
    features->width = features->height = m_config.width;
    const Eigen::MatrixXf w = m_net->weights(0).cast<float>();
    features->count = static_cast<int>(w.cols());
    features->pixels.assign(w.data(), w.data() + w.size()); // column-major: one cause's image after another
    features->step = m_step;
    out.features = std::move(features);
}

std::vector<BarMatch> BarsRatePcRun::barMatches() const {
    return matchBars(m_net->weights(0), m_config.width);
}

BarsInferenceCheck BarsRatePcRun::checkInference(int images, std::uint64_t seed) const {
    RatePcNetwork net = *m_net;
    const std::vector<BarMatch> matches = barMatches();
    std::mt19937_64 data(seed);
    BarsInferenceCheck check;
    double agreement = 0.0;
    // Blank images are skipped; with no bars at all there is nothing to check.
    for (long attempts = 0; check.images < images && m_config.barProbability > 0 && attempts < 1000L * images;
         ++attempts) {
        const BarsSample image = drawBars(m_config.width, m_config.barProbability, data);
        if (image.activeBars.empty())
            continue; // nothing to infer: F starts and stays at 0
        net.setInput(pixelsOf(image));
        check.freeEnergyStart += net.errorEnergy();
        for (int t = 0; t < m_config.stepsPerImage; ++t)
            net.inferStep();
        check.freeEnergyEnd += net.errorEnergy();
        agreement += beliefAgreement(barBeliefs(net, matches), image);
        ++check.images;
    }
    if (check.images > 0) {
        check.freeEnergyFall = 1.0 - check.freeEnergyEnd / check.freeEnergyStart;
        check.freeEnergyStart /= check.images;
        check.freeEnergyEnd /= check.images;
        check.beliefAgreement = agreement / check.images;
    }
    return check;
}

double BarsRatePcRun::setParameter(const std::string& target, const std::string& parameter, double value) {
    auto check = [&](bool ok, const char* range) {
        if (!ok)
            throw std::invalid_argument("'" + target + "." + parameter + "': must be " + range);
    };
    if (target == "pc" && parameter == "inference_rate") {
        check(value > 0 && value < 1, "in (0, 1)");
        m_net->setInferenceRate(value);
        return std::exchange(m_config.network.inferenceRate, value);
    }
    if (target == "pc" && parameter == "learning_rate") {
        check(value >= 0 && value < 1, "in [0, 1)");
        m_net->setLearningRate(value);
        return std::exchange(m_config.network.learningRate, value);
    }
    if (target == "pc" && parameter == "pixel_variance") {
        check(value > 0 && value <= 100, "in (0, 100]");
        m_net->setVariance(0, Eigen::VectorXd::Constant(m_net->value(0).size(), value));
        m_config.network.initialVariance = value;
        return std::exchange(m_config.pixelVariance, value);
    }
    if (target == "input" && parameter == "bar_probability") {
        check(value >= 0 && value <= 1, "in [0, 1]");
        return std::exchange(m_config.barProbability, value);
    }
    throw std::invalid_argument("'" + target + "." + parameter +
                                "': this run has pc.inference_rate, pc.learning_rate, pc.pixel_variance and "
                                "input.bar_probability");
}

} // namespace pulselab::core
