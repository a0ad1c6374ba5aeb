// Spiking predictive coding with the error in the membrane (Boerlin, Machens & Denève 2013): the spike
// readout tracks the signal closely with sparse spikes, no error means no spikes, and the loss that each
// spike lowers stays small while the signal moves.
#include "core/predictive/spike_coding_run.h"

#include <QTest>

#include <cmath>

using namespace pulselab::core;

class TestSpikeCoding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readoutTracksTheSignalWithSparseSpikes() {
        SpikeCodingConfig config;
        SpikeCodingRun run(config);
        RunSnapshot warmup, out;
        run.advance(5000, warmup); // 0.5 s
        run.advance(20000, out);   // 2 s
        double squared = 0.0, power = 0.0;
        const auto& xHat0 = out.samples[1].values;
        const auto& x0 = out.samples[2].values;
        for (std::size_t k = 0; k < x0.size(); ++k) {
            squared += (xHat0[k] - x0[k]) * (xHat0[k] - x0[k]);
            power += x0[k] * x0[k];
        }
        const double relativeRmse = std::sqrt(squared / power);
        const double rateHz = static_cast<double>(out.spikes.size()) / config.neurons / 2.0;
        qInfo("relative RMSE %.3f, mean rate %.2f Hz", relativeRmse, rateHz);
        QVERIFY2(relativeRmse < 0.1, qPrintable(QString::number(relativeRmse)));
        QVERIFY2(rateHz > 0.5 && rateHz < 50.0, qPrintable(QString::number(rateHz)));
        // The spike budget is shared: no single neuron carries the code.
        std::vector<int> perNeuron(static_cast<std::size_t>(config.neurons), 0);
        for (const auto& s : out.spikes)
            ++perNeuron[s.neuron];
        int active = 0;
        for (int n : perNeuron)
            active += n > 0 ? 1 : 0;
        QVERIFY(active >= config.neurons / 4);
    }

    void noErrorNoSpikes() {
        SpikeCodingConfig config;
        config.signalAmplitude = 0.0;
        SpikeCodingRun run(config);
        RunSnapshot out;
        run.advance(10000, out);
        QVERIFY(out.spikes.empty()); // nothing to predict, nothing to say
        QCOMPARE(run.loss(), 0.0);
    }

    void badConfigurationsAreNamed() {
        std::string error;
        QVERIFY(!parseSpikeCoding({{"neurons", 0}}, error));
        QVERIFY(error.find("experiment.neurons") != std::string::npos);
        QVERIFY(!parseSpikeCoding({{"dt_ms", -1.0}}, error));
        QVERIFY(error.find("experiment.dt_ms") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestSpikeCoding)
#include "tst_spike_coding.moc"
