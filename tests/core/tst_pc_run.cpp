// The predictive-coding experiment that the default demo runs (examples/default.pulselab): within a sample
// free energy falls and the beliefs settle on the exact posterior; across samples learning lowers the settled
// free energy; when the world switches, free energy jumps and then falls again (adaptation). Every readout
// the live views draw is present.
#include "core/model/project_file.h"
#include "core/predictive/pc_run.h"
#include "core/runtime/project_run.h"

#include <QTest>

#include <numeric>

using namespace pulselab::core;

namespace {
PcExperimentConfig defaultDemo() {
    const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/default.pulselab");
    if (!load.project)
        qFatal("%s", load.error.c_str());
    std::string error;
    const auto config = parsePcExperiment(load.project->experiment, error);
    if (!config)
        qFatal("%s", error.c_str());
    return *config;
}

double mean(const std::vector<double>& v, std::size_t from, std::size_t to) {
    return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(from),
                           v.begin() + static_cast<std::ptrdiff_t>(to), 0.0) /
           static_cast<double>(to - from);
}
} // namespace

class TestPcRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void layoutHasEveryReadout() {
        PcRun run(defaultDemo());
        const RunLayout layout = run.layout();
        int fTotal = 0, fLayer = 0, beliefs = 0, sds = 0, truths = 0, errors = 0;
        for (const auto& s : layout.scalarSignals) {
            fTotal += s.kind == SignalKind::FreeEnergyTotal;
            fLayer += s.kind == SignalKind::FreeEnergyLayer;
            beliefs += s.kind == SignalKind::BeliefMean;
            sds += s.kind == SignalKind::BeliefSd;
            truths += s.kind == SignalKind::BeliefTruth;
            errors += s.kind == SignalKind::PredictionError;
        }
        QCOMPARE(fTotal, 1);
        QCOMPARE(fLayer, 3);
        QCOMPARE(errors, 2);
        QCOMPARE(beliefs, 2);
        QCOMPARE(sds, 2);
        QCOMPARE(truths, 2);
        QVERIFY(layout.neuronCount() > 0);
    }

    void inferenceSettlesOnTheExactPosterior() {
        PcExperimentConfig config = defaultDemo();
        config.stepsPerSample = 3000; // long enough to converge even with the initial, weak weights
        PcRun run(config);
        RunSnapshot out;
        run.advance(2999, out); // one sample, up to its last inference step
        const auto& f = out.samples[0].values;
        QVERIFY(f.back() < f.front());
        for (std::size_t k = 1; k < f.size(); ++k)
            QVERIFY2(f[k] <= f[k - 1] + 1e-9, "free energy rose during inference");
        // Beliefs (signal 6: top[0] belief) against the exact posterior (signal 8).
        const double belief = out.samples[6].values.back();
        const double exact = out.samples[8].values.back();
        QVERIFY2(std::abs(belief - exact) < 1e-3,
                 qPrintable(QStringLiteral("%1 vs %2").arg(belief).arg(exact)));
        QVERIFY(!out.spikes.empty()); // value and error units are displayed as spikes
    }

    void learningLowersFreeEnergyAndAdaptsAfterTheSwitch() {
        PcRun run(defaultDemo());
        RunSnapshot out;
        run.advance(100 * 120, out);
        const auto& settled = run.settledFreeEnergy();
        QCOMPARE(settled.size(), std::size_t{120});
        const double early = mean(settled, 0, 10), learned = mean(settled, 50, 60);
        const double afterSwitch = mean(settled, 60, 65), relearned = mean(settled, 110, 120);
        qInfo("settled F: first 10 samples %.3f, samples 50-60 %.3f, after switch %.3f, samples 110-120 %.3f",
              early, learned, afterSwitch, relearned);
        QVERIFY(learned < early);
        QVERIFY(afterSwitch > learned);
        QVERIFY(relearned < afterSwitch);
        QVERIFY(run.synapticOps() > 0);
    }

    void parametersChangeLiveAndBadOnesAreRefused() {
        PcRun run(defaultDemo());
        QCOMPARE(run.setParameter("pc", "learning_rate", 0.0), 0.02); // the demo's rate
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.setParameter("pc", "inference_rate", 3.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.setParameter("pc", "nonsense", 1.0));
    }

    void explodingWeightsStopTheRunNamingLayerStepAndCause() {
        // Learning far too fast on large inputs: every sample's update overshoots, and the weights grow
        // geometrically. The run must stop on the weights, naming where and when, before F turns NaN.
        PcExperimentConfig config = defaultDemo();
        config.network.learningRate = 0.9;
        config.noiseSd = 50.0;
        config.stepsPerSample = 5;
        PcRun run(config);
        RunSnapshot out;
        try {
            run.advance(100'000, out);
            QFAIL("no fault raised");
        } catch (const RunFault& fault) {
            const std::string message = fault.what();
            QVERIFY2(message.find("exploding weights") != std::string::npos, message.c_str());
            QVERIFY2(message.find("'layer ") != std::string::npos, message.c_str());
            QVERIFY2(message.find("step " + std::to_string(run.currentStep())) != std::string::npos,
                     message.c_str());
            QVERIFY2(message.find("learning_rate") != std::string::npos, message.c_str());
        }
        // The demo's own rate never trips it.
        PcRun stable(defaultDemo());
        RunSnapshot settled;
        stable.advance(12'000, settled);
        QCOMPARE(stable.currentStep(), std::int64_t{12'000});
    }

    void projectsPickTheirRun() {
        const ProjectLoad pc = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/default.pulselab");
        const ProjectLoad net = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
        std::string error;
        QVERIFY(dynamic_cast<PcRun*>(makeProjectRun(*pc.project, error).get()));
        QVERIFY(makeProjectRun(*net.project, error));
        Project broken = *pc.project;
        broken.experiment["layers"] = {5};
        QVERIFY(!makeProjectRun(broken, error));
        QVERIFY2(error.find("experiment.layers") != std::string::npos, error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestPcRun)
#include "tst_pc_run.moc"
