// Single LIF neuron against the analytic f-I curve of SCIENCE.md section 1:
//   rate = 1 / (t_ref + tau_m ln((I' - V_r) / (I' - V_t))), I' = v_rest + I, for I' > V_t; 0 otherwise.
#include "core/model/network_spec.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <cmath>

using namespace pulselab::core;

namespace {

double analyticRate(double drive) {
    const double tauM = 20.0, vReset = -60.0, vTh = -50.0, tRef = 5.0, vRest = -60.0;
    const double eq = vRest + drive;
    if (eq <= vTh)
        return 0.0;
    return 1000.0 / (tRef + tauM * std::log((eq - vReset) / (eq - vTh)));
}

/// Rate from the mean inter-spike interval of a simulated neuron (avoids the +-1 spike quantisation of
/// counts).
double simulatedRate(double drive, double dtMs, double durationMs) {
    NetworkSpec net;
    net.populations.push_back(
        {"n",
         "lif_cuba",
         1,
         {{"v_rest_mv", -60.0}, {"i_bias_mv", drive}, {"v_init_min_mv", -60.0}, {"v_init_max_mv", -60.0}}});
    net.run.dtMs = dtMs;
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("%s", error.c_str());
    RunSnapshot out;
    sim->advance(static_cast<std::int64_t>(durationMs / dtMs), &out);
    if (out.spikes.size() < 3)
        return 0.0;
    const double first = static_cast<double>(out.spikes.front().step) * dtMs;
    const double last = static_cast<double>(out.spikes.back().step) * dtMs;
    return 1000.0 * static_cast<double>(out.spikes.size() - 1) / (last - first);
}

} // namespace

class TestLifNeuron : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fiCurveMatchesTheAnalyticRate_data() {
        QTest::addColumn<double>("drive");
        for (double d : {10.5, 12.0, 15.0, 20.0, 30.0, 60.0})
            QTest::newRow(qPrintable(QString::number(d) + " mV")) << d;
    }
    void fiCurveMatchesTheAnalyticRate() {
        QFETCH(double, drive);
        const double expected = analyticRate(drive);
        const double got = simulatedRate(drive, 0.01, 3000.0);
        QVERIFY2(std::abs(got - expected) / expected < 0.01,
                 qPrintable(QStringLiteral("simulated %1 Hz, analytic %2 Hz").arg(got).arg(expected)));
    }

    void belowThresholdStaysSilent() {
        QCOMPARE(simulatedRate(9.9, 0.1, 2000.0), 0.0); // I' = -50.1 mV < V_t
    }

    void refractoryPeriodCapsTheRate() {
        // With the largest drive the ISI is t_ref plus a millisecond: the rate nears, never exceeds, 1/t_ref.
        const double rate = simulatedRate(200.0, 0.01, 1000.0);
        QVERIFY(rate < 200.0);
        QVERIFY(rate > 160.0);
        QVERIFY(std::abs(rate - analyticRate(200.0)) / analyticRate(200.0) < 0.01);
    }
};

QTEST_APPLESS_MAIN(TestLifNeuron)
#include "tst_lif_neuron.moc"
