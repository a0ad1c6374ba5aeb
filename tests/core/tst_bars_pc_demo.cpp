// Demo 3 (examples/bars-rate-pc.pulselab): predictive coding in two layers learning the bars. Against the
// ground truth of the bars images: after learning, free energy falls by at least 90 % within the inference
// window (from its value when an image arrives to the window's end, over new images), every bar is some
// cause's feature (cosine > 0.9, no cause standing for two bars), and the beliefs say which bars are on.
#include "core/data/bars_dataset.h"
#include "core/model/project_file.h"
#include "core/predictive/bars_rate_pc_run.h"
#include "core/runtime/project_run.h"

#include <QTest>

#include <numeric>

using namespace pulselab::core;

namespace {

constexpr int kBars = 16, kLatents = 20, kStepsPerImage = 50;

Project demoProject() {
    const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bars-rate-pc.pulselab");
    if (!load.project)
        qFatal("%s", load.error.c_str());
    return *load.project;
}

BarsRatePcConfig demoConfig() {
    std::string error;
    const auto config = parseBarsRatePc(demoProject().experiment, error);
    if (!config)
        qFatal("%s", error.c_str());
    return *config;
}

int signalOf(const RunLayout& layout, SignalKind kind) {
    for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i)
        if (layout.scalarSignals[i].kind == kind)
            return static_cast<int>(i);
    return -1;
}

} // namespace

class TestBarsPcDemo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theExampleBuildsThisRun() {
        std::string error;
        const auto run = makeProjectRun(demoProject(), error);
        QVERIFY2(dynamic_cast<BarsRatePcRun*>(run.get()), error.c_str());
        const RunLayout layout = run->layout();
        int total = 0, layers = 0, bars = 0, agreement = 0;
        for (const auto& s : layout.scalarSignals) {
            total += s.kind == SignalKind::FreeEnergyTotal;
            layers += s.kind == SignalKind::FreeEnergyLayer;
            bars += s.kind == SignalKind::ClassProbability;
            agreement += s.kind == SignalKind::BeliefMean;
        }
        QCOMPARE(total, 1);
        QCOMPARE(layers, 2); // the pixels' prediction errors and the causes' prior
        QCOMPARE(bars, kBars);
        QCOMPARE(agreement, 1);
        QCOMPARE(layout.populations.size(), std::size_t{4}); // pixels, errors, prediction, causes
        QCOMPARE(layout.neuronCount(), std::uint32_t{3 * 64 + kLatents});
    }

    void learnsTheBarsAndInferenceSettles_data() {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("seed 1") << quint64{1};
        QTest::newRow("seed 2") << quint64{2};
    }
    void learnsTheBarsAndInferenceSettles() {
        QFETCH(quint64, seed);
        BarsRatePcConfig config = demoConfig();
        config.network.seed = seed;
        config.dataSeed = seed + 100;
        BarsRatePcRun run(config);
        const BarsInferenceCheck before = run.checkInference(100, 99);
        QCOMPARE(before.images, 100);
        QVERIFY(barsLearned(run.barMatches(), 0.9) < kBars / 2); // random weights: no bars yet

        RunSnapshot out;
        run.advance(600 * kStepsPerImage, out); // 600 images, 30 s of the demo
        const BarsInferenceCheck after = run.checkInference(100, 99);
        qInfo("F within the window: before learning %.2f -> %.2f (falls %.1f %%), after %.2f -> %.2f (falls "
              "%.1f %%); beliefs right %.3f -> %.3f",
              before.freeEnergyStart, before.freeEnergyEnd, 100 * before.freeEnergyFall,
              after.freeEnergyStart, after.freeEnergyEnd, 100 * after.freeEnergyFall, before.beliefAgreement,
              after.beliefAgreement);
        QVERIFY2(after.freeEnergyFall >= 0.9, qPrintable(QString::number(after.freeEnergyFall)));
        QVERIFY(before.freeEnergyFall < 0.7); // it is the learning that lets inference explain the image
        QVERIFY2(after.beliefAgreement >= 0.95, qPrintable(QString::number(after.beliefAgreement)));

        // Every bar is matched by its own cause's feature.
        const std::vector<BarMatch> matches = run.barMatches();
        QCOMPARE(static_cast<int>(matches.size()), kBars);
        for (int bar = 0; bar < kBars; ++bar)
            QVERIFY2(matches[static_cast<std::size_t>(bar)].cosine > 0.9,
                     qPrintable(QStringLiteral("bar %1: best cosine %2")
                                    .arg(bar)
                                    .arg(matches[static_cast<std::size_t>(bar)].cosine)));
        QCOMPARE(barsLearned(matches, 0.9), kBars);
        // Local bounds: weights stay non-negative and at most 1.
        QVERIFY(run.network().weights(0).minCoeff() >= 0.0);
        QVERIFY(run.network().weights(0).maxCoeff() <= 1.0);

        // The learning curve: F at the end of the window falls across images.
        const auto& settled = run.settledFreeEnergy();
        QCOMPARE(settled.size(), std::size_t{600});
        const double early = std::accumulate(settled.begin(), settled.begin() + 50, 0.0) / 50;
        const double late = std::accumulate(settled.end() - 50, settled.end(), 0.0) / 50;
        QVERIFY2(late < 0.5 * early, qPrintable(QStringLiteral("%1 -> %2").arg(early).arg(late)));
    }

    void liveReadoutsShowTheSawTooth() {
        BarsRatePcRun run(demoConfig());
        RunSnapshot out;
        run.advance(400 * kStepsPerImage, out);
        out = RunSnapshot{};
        run.advance(20 * kStepsPerImage, out);
        const RunLayout layout = run.layout();
        // F every step, from the image's arrival: within each image with a bar it falls by far (the
        // saw-tooth).
        const auto& f =
            out.samples.at(static_cast<std::size_t>(signalOf(layout, SignalKind::FreeEnergyTotal)));
        QCOMPARE(f.values.size(), std::size_t{20 * kStepsPerImage});
        int withBars = 0, sawTeeth = 0;
        for (int image = 0; image < 20; ++image) {
            const double first = f.values[static_cast<std::size_t>(image * kStepsPerImage)];
            const double last = f.values[static_cast<std::size_t>((image + 1) * kStepsPerImage - 1)];
            QVERIFY(last <= first + 1e-9);
            withBars += first > 0.0 ? 1 : 0;
            sawTeeth += first > 0.0 && last < 0.2 * first ? 1 : 0;
        }
        QVERIFY(withBars >= 10);
        QVERIFY2(sawTeeth >= withBars - 1,
                 qPrintable(QStringLiteral("%1 of %2").arg(sawTeeth).arg(withBars)));
        // One belief-agreement sample per image; bar beliefs every step; the learned weights as images.
        const auto& agreement =
            out.samples.at(static_cast<std::size_t>(signalOf(layout, SignalKind::BeliefMean)));
        QCOMPARE(agreement.values.size(), std::size_t{20});
        QVERIFY(std::accumulate(agreement.values.begin(), agreement.values.end(), 0.0) / 20 > 0.9);
        QVERIFY(out.features);
        QCOMPARE(out.features->count, kLatents);
        QCOMPARE(out.features->width, 8);
        QCOMPARE(out.features->pixels[64 * 3 + 10], static_cast<float>(run.network().weights(0)(10, 3)));
        QVERIFY(!out.spikes.empty());
        QVERIFY(run.synapticOps() > 0);
    }

    void parametersChangeLiveAndBadInputIsNamed() {
        BarsRatePcRun run(demoConfig());
        QCOMPARE(run.setParameter("pc", "pixel_variance", 1.0), 0.25);
        QCOMPARE(run.network().variance(0)[5], 1.0);
        QCOMPARE(run.setParameter("input", "bar_probability", 0.3), 0.125);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.setParameter("pc", "inference_rate", 2.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.setParameter("pc", "nonsense", 1.0));
        // A reset keeps the changed parameters and replays the same images and weights.
        RunSnapshot a, b;
        run.reset();
        run.advance(200, a);
        run.reset();
        run.advance(200, b);
        QCOMPARE(a.samples.at(0).values, b.samples.at(0).values);

        std::string error;
        nlohmann::json experiment = demoProject().experiment;
        experiment["pixel_variance"] = -1;
        QVERIFY(!parseBarsRatePc(experiment, error));
        QVERIFY2(error.find("experiment.pixel_variance") != std::string::npos, error.c_str());
        experiment = demoProject().experiment;
        experiment["width"] = "eight";
        QVERIFY(!parseBarsRatePc(experiment, error));
        QVERIFY2(error.find("experiment") != std::string::npos, error.c_str());
        BarsRatePcConfig none = demoConfig();
        none.barProbability = 0.0;
        QCOMPARE(BarsRatePcRun(none).checkInference(10, 1).images, 0); // nothing to infer, no endless loop
    }
};

QTEST_APPLESS_MAIN(TestBarsPcDemo)
#include "tst_bars_pc_demo.moc"
