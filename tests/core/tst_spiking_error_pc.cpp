// Spiking predictive coding with explicit positive/negative error populations, learning the bars problem
// (Foldiak 1990) with a local rule only. Ground truth: the generative causes of the bars images are known, so
// the learned features must be the bars (each bar matched by a distinct latent's weights, cosine > 0.95), and
// reconstruction error and free energy must fall during learning.
#include "core/data/bars_dataset.h"
#include "core/predictive/bars_pc_run.h"
#include "core/predictive/spiking_error_pc.h"

#include <QTest>

#include <set>

using namespace pulselab::core;

namespace {

constexpr int kWidth = 8, kBars = 2 * kWidth, kSteps = 100;

SpikingErrorPcConfig barsConfig(std::uint64_t seed) {
    SpikingErrorPcConfig c;
    c.inputs = kWidth * kWidth;
    c.latents = 20;
    c.learningRate = 0.001;
    c.seed = seed;
    return c;
}

struct Averages {
    double reconstruction = 0, freeEnergy = 0;
};

/// Shows `samples` bars images (learning in the second half of each presentation, after the latents settled);
/// returns the mean end-of-sample reconstruction error and free energy.
Averages train(SpikingErrorPc& pc, std::mt19937_64& data, int samples, bool learn) {
    Averages a;
    for (int s = 0; s < samples; ++s) {
        BarsSample b = drawBars(kWidth, 1.0 / kWidth, data);
        const Eigen::VectorXf x = Eigen::Map<Eigen::VectorXf>(b.pixels.data(), kWidth * kWidth);
        pc.resetState();
        for (int t = 0; t < kSteps; ++t)
            pc.step(x, learn && t >= kSteps / 2);
        a.reconstruction += pc.reconstructionError(x) / samples;
        a.freeEnergy += pc.freeEnergy() / samples;
    }
    return a;
}

} // namespace

class TestSpikingErrorPc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnsTheBarsLocally_data() {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("seed 1") << quint64{1};
        QTest::newRow("seed 2") << quint64{2};
    }
    void learnsTheBarsLocally() {
        QFETCH(quint64, seed);
        SpikingErrorPc pc(barsConfig(seed));
        std::mt19937_64 data(seed + 100);
        const Averages before = train(pc, data, 200, false);
        train(pc, data, 2500, true);
        const Averages after = train(pc, data, 200, false);
        QVERIFY2(after.reconstruction < 0.3 * before.reconstruction,
                 qPrintable(QStringLiteral("reconstruction %1 -> %2")
                                .arg(before.reconstruction)
                                .arg(after.reconstruction)));
        QVERIFY2(
            after.freeEnergy < 0.5 * before.freeEnergy,
            qPrintable(QStringLiteral("free energy %1 -> %2").arg(before.freeEnergy).arg(after.freeEnergy)));

        // Every bar is some latent's feature, and no latent stands for two bars.
        const Eigen::MatrixXf& w = pc.weights();
        std::set<int> used;
        for (int bar = 0; bar < kBars; ++bar) {
            std::vector<float> image = barImage(kWidth, bar);
            const Eigen::VectorXf b = Eigen::Map<Eigen::VectorXf>(image.data(), kWidth * kWidth);
            double best = 0;
            int bestLatent = -1;
            for (int j = 0; j < w.cols(); ++j) {
                const double norm = w.col(j).norm();
                const double cosine = norm > 1e-6 ? w.col(j).dot(b) / (norm * b.norm()) : 0.0;
                if (cosine > best) {
                    best = cosine;
                    bestLatent = j;
                }
            }
            QVERIFY2(best > 0.95, qPrintable(QStringLiteral("bar %1: best cosine %2").arg(bar).arg(best)));
            QVERIFY2(used.insert(bestLatent).second,
                     qPrintable(QStringLiteral("latent %1 reused").arg(bestLatent)));
        }
    }

    void errorsAreSpikesAndSilentForAPerfectPrediction() {
        SpikingErrorPcConfig c = barsConfig(3);
        c.inputs = 4;
        c.latents = 1;
        SpikingErrorPc pc(c);
        // With no input and no latent activity there is nothing to predict and nothing to correct.
        SpikingErrorPcStep out;
        for (int t = 0; t < 200; ++t)
            pc.step(Eigen::VectorXf::Zero(4), true, &out);
        QVERIFY(out.positiveErrorSpikes.empty());
        QVERIFY(out.negativeErrorSpikes.empty());
        // A bright input that nothing predicts yet drives positive (not negative) error spikes.
        pc.resetState();
        SpikingErrorPcStep bright;
        for (int t = 0; t < 20; ++t)
            pc.step(Eigen::VectorXf::Ones(4), false, &bright);
        QVERIFY(!bright.positiveErrorSpikes.empty());
        QVERIFY(bright.negativeErrorSpikes.empty());
    }

    void learningIsLocal() {
        // The weight change of synapse (i, j) equals eta x (post error trace i) x (pre latent trace j), read
        // before the step's update: nothing else enters it.
        SpikingErrorPcConfig c = barsConfig(4);
        SpikingErrorPc pc(c);
        std::mt19937_64 data(9);
        BarsSample b = drawBars(kWidth, 0.25, data);
        const Eigen::VectorXf x = Eigen::Map<Eigen::VectorXf>(b.pixels.data(), kWidth * kWidth);
        for (int t = 0; t < 60; ++t)
            pc.step(x, false);
        SpikingErrorPc copy = pc;
        copy.step(x, false);
        const Eigen::MatrixXf before = pc.weights();
        pc.step(x, true);
        const Eigen::MatrixXf expected =
            (before + c.learningRate * copy.errors() * copy.beliefs().transpose())
                .cwiseMax(0.0f)
                .cwiseMin(1.0f);
        QVERIFY((pc.weights() - expected).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY((pc.weights() - before).cwiseAbs().maxCoeff() > 0.0f);
    }

    void liveRunPublishesItsFeatures() {
        std::string error;
        const auto config = parseBarsPc({{"latents", 12}, {"presentation_steps", 50}}, error);
        QVERIFY2(config, error.c_str());
        BarsPcRun run(*config);
        RunSnapshot out;
        run.advance(500, out);
        QVERIFY(out.features);
        QCOMPARE(out.features->count, 12);
        QCOMPARE(out.features->width, 8);
        QCOMPARE(out.features->step, std::int64_t{500});
        const Eigen::MatrixXf& w = run.network().weights();
        QCOMPARE(out.features->pixels.size(), static_cast<std::size_t>(w.size()));
        QCOMPARE(out.features->pixels[64 * 3 + 10], w(10, 3));     // cause 3's weight onto pixel 10
        QCOMPARE(out.samples.at(0).steps.size(), std::size_t{10}); // one free-energy sample per image
        QVERIFY(!parseBarsPc({{"width", 1}}, error));
        QVERIFY(error.find("experiment.width") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSpikingErrorPc)
#include "tst_spiking_error_pc.moc"
