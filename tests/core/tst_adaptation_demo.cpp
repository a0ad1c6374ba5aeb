// Teaching demo 5 (examples/adaptation.pulselab): the input statistics change and the network follows.
// Ground truth is analytic. With identity activations predictive-coding inference is gradient descent on a
// quadratic free energy, x <- x - k (A x - b), with A the posterior precision (posteriorPrecision()). After
// an input change the distance to the exact posterior therefore shrinks by at most (1 - k lambda_min(A)) per
// step, and asymptotically by exactly that: precision sets the speed of re-convergence, and the demo's
// stated re-convergence time ln(100) / -ln(1 - k lambda_min) is a bound the run must meet. At the switch of
// the world's generative weights the settled free energy jumps, then falls as local learning re-fits them.
#include "core/model/project_file.h"
#include "core/predictive/pc_run.h"

#include <QTest>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <numeric>

using namespace pulselab::core;

namespace {

PcExperimentConfig demoConfig(double noiseSd = -1.0) {
    const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/adaptation.pulselab");
    if (!load.project)
        qFatal("%s", load.error.c_str());
    nlohmann::json experiment = load.project->experiment;
    if (noiseSd > 0)
        experiment["noise_sd"] = noiseSd;
    std::string error;
    const auto config = parsePcExperiment(experiment, error);
    if (!config)
        qFatal("%s", error.c_str());
    return *config;
}

/// The free layers' values stacked, as posteriorPrecision() orders them.
Eigen::VectorXd freeValues(const RatePcNetwork& net) {
    std::vector<double> all;
    for (int l = 1; l < net.layers(); ++l)
        all.insert(all.end(), net.value(l).data(), net.value(l).data() + net.value(l).size());
    return Eigen::Map<Eigen::VectorXd>(all.data(), static_cast<Eigen::Index>(all.size()));
}

Eigen::VectorXd stacked(const std::vector<Eigen::VectorXd>& layers) {
    std::vector<double> all;
    for (std::size_t l = 1; l < layers.size(); ++l)
        all.insert(all.end(), layers[l].data(), layers[l].data() + layers[l].size());
    return Eigen::Map<Eigen::VectorXd>(all.data(), static_cast<Eigen::Index>(all.size()));
}

struct Reconvergence {
    double predictedRate = 0.0; ///< 1 - k lambda_min
    double measuredRate = 0.0;  ///< per-step contraction late in the sample
    int predictedSteps = 0;     ///< ln(100) / -ln(predictedRate): the bound to 1 % of the jump
    int measuredSteps = -1;     ///< first step within 1 % of the jump
};

/// Runs `samples` samples, then follows the next input change step by step.
Reconvergence followAnInputChange(const PcExperimentConfig& config, int samples) {
    PcRun run(config);
    RunSnapshot ignored;
    run.advance(static_cast<std::int64_t>(samples) * config.stepsPerSample, ignored);
    // The new input has just been set: the network still holds its beliefs about the previous one.
    const RatePcNetwork& net = run.network();
    const Eigen::VectorXd target = stacked(exactLinearPosterior(net));
    const Eigen::MatrixXd A = posteriorPrecision(net);
    const double lambdaMin = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(A).eigenvalues().minCoeff();
    Reconvergence r;
    r.predictedRate = 1.0 - config.network.inferenceRate * lambdaMin;
    r.predictedSteps = static_cast<int>(std::ceil(std::log(100.0) / -std::log(r.predictedRate)));
    const double jump = (freeValues(net) - target).norm();
    std::vector<double> distance{jump};
    for (int k = 1; k < config.stepsPerSample - 1; ++k) {
        run.advance(1, ignored);
        distance.push_back((freeValues(run.network()) - target).norm());
        if (r.measuredSteps < 0 && distance.back() <= 0.01 * jump)
            r.measuredSteps = k;
    }
    const int late = config.stepsPerSample - 2, early = late - 40;
    r.measuredRate =
        std::pow(distance[static_cast<std::size_t>(late)] / distance[static_cast<std::size_t>(early)],
                 1.0 / (late - early));
    return r;
}

double mean(const std::vector<double>& v, std::size_t from, std::size_t to) {
    return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(from),
                           v.begin() + static_cast<std::ptrdiff_t>(to), 0.0) /
           static_cast<double>(to - from);
}

} // namespace

class TestAdaptationDemo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void beliefsReconvergeAtTheRatePrecisionSets() {
        const PcExperimentConfig config = demoConfig();
        for (int samples : {3, 20}) {
            const Reconvergence r = followAnInputChange(config, samples);
            QVERIFY(r.predictedRate > 0.0 && r.predictedRate < 1.0);
            QVERIFY2(std::abs(r.measuredRate - r.predictedRate) < 2e-3,
                     qPrintable(QStringLiteral("contraction per step %1, analytic 1 - k lambda_min = %2")
                                    .arg(r.measuredRate)
                                    .arg(r.predictedRate)));
            QVERIFY(r.measuredSteps > 0);
            QVERIFY2(r.measuredSteps <= r.predictedSteps,
                     qPrintable(QStringLiteral("%1 steps to 1 %, the bound is %2")
                                    .arg(r.measuredSteps)
                                    .arg(r.predictedSteps)));
        }
    }

    void higherPrecisionReconvergesFaster() {
        // Halving the noise s.d. quadruples the precision of every layer below the top (the top's prior
        // keeps its variance), so the slowest mode speeds up and the bound shrinks with it.
        const Reconvergence low = followAnInputChange(demoConfig(0.7), 3);
        const Reconvergence high = followAnInputChange(demoConfig(0.35), 3);
        for (const Reconvergence& r : {low, high})
            QVERIFY(std::abs(r.measuredRate - r.predictedRate) < 2e-3);
        QVERIFY(high.predictedSteps < low.predictedSteps);
        QVERIFY2(high.measuredSteps < low.measuredSteps,
                 qPrintable(QStringLiteral("precision x4: %1 steps, against %2")
                                .arg(high.measuredSteps)
                                .arg(low.measuredSteps)));
    }

    void freeEnergyJumpsAtTheSwitchThenRelearns() {
        const PcExperimentConfig config = demoConfig();
        PcRun run(config);
        RunSnapshot ignored;
        const int samples = 120;
        run.advance(static_cast<std::int64_t>(samples) * config.stepsPerSample, ignored);
        const std::vector<double>& settled = run.settledFreeEnergy();
        QCOMPARE(settled.size(), std::size_t{samples});
        const auto at = static_cast<std::size_t>(config.switchAtSample);
        const double before = mean(settled, at - 15, at);
        const double justAfter = mean(settled, at, at + 5);
        const double relearned = mean(settled, settled.size() - 15, settled.size());
        QVERIFY2(justAfter > before + 2.0,
                 qPrintable(
                     QStringLiteral("settled F %1 before the switch, %2 after").arg(before).arg(justAfter)));
        QVERIFY2(relearned < justAfter - 2.0,
                 qPrintable(QStringLiteral("settled F %1 after the switch, %2 at the end")
                                .arg(justAfter)
                                .arg(relearned)));
    }
};

QTEST_APPLESS_MAIN(TestAdaptationDemo)
#include "tst_adaptation_demo.moc"
