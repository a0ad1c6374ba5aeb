// Adaptive-threshold LIF against its analytic steady state. After a spike at t = 0 the potential is held at
// V_r for t_ref, then relaxes: v(t) = I' + (V_r - I') e^{-(t - t_ref)/tau_m}; the threshold is V_t + theta(t)
// with theta(t) = theta_0 e^{-t/tau_theta}. At steady state theta_0 = theta(T) + delta, so the interspike
// interval T solves
//   I' + (V_r - I') e^{-(T - t_ref)/tau_m} = V_t + delta / (e^{T/tau_theta} - 1)
// (solved here by bisection). With delta = 0 the model is the plain CUBA LIF, spike for spike.
#include "core/sim/simulation.h"

#include <QTest>

#include <cmath>

using namespace pulselab::core;

namespace {

constexpr double kTauM = 20.0, kVr = -60.0, kVt = -50.0, kTref = 5.0, kTauTheta = 100.0;

double steadyIsiMs(double drive, double delta) {
    const double eq = -60.0 + drive;
    auto f = [&](double t) {
        return eq + (kVr - eq) * std::exp(-(t - kTref) / kTauM) - kVt - delta / std::expm1(t / kTauTheta);
    };
    double lo = kTref + 1e-9, hi = 10000.0; // f(lo) < 0 (far below threshold), f(hi) > 0
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

NetworkSpec oneNeuron(const std::string& model, double drive, double delta) {
    NetworkSpec net;
    ParameterMap p = {{"v_rest_mv", -60.0},     {"i_bias_mv", drive},        {"v_init_min_mv", -60.0},
                      {"v_init_max_mv", -60.0}, {"tau_theta_ms", kTauTheta}, {"delta_theta_mv", delta}};
    if (model == "lif_cuba") {
        p.erase("tau_theta_ms");
        p.erase("delta_theta_mv");
    }
    net.populations.push_back({"n", model, 1, p});
    net.run.dtMs = 0.01;
    return net;
}

std::vector<double> spikeTimesMs(const NetworkSpec& net, double durationMs) {
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("%s", error.c_str());
    RunSnapshot out;
    sim->advance(static_cast<std::int64_t>(durationMs / net.run.dtMs), &out);
    std::vector<double> times;
    for (const auto& s : out.spikes)
        times.push_back(static_cast<double>(s.step) * net.run.dtMs);
    return times;
}

} // namespace

class TestAdaptiveLif : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void steadyStateIntervalMatchesTheAnalyticOne_data() {
        QTest::addColumn<double>("drive");
        QTest::addColumn<double>("delta");
        QTest::newRow("15 mV, delta 1") << 15.0 << 1.0;
        QTest::newRow("20 mV, delta 2") << 20.0 << 2.0;
        QTest::newRow("40 mV, delta 5") << 40.0 << 5.0;
    }
    void steadyStateIntervalMatchesTheAnalyticOne() {
        QFETCH(double, drive);
        QFETCH(double, delta);
        const std::vector<double> t = spikeTimesMs(oneNeuron("lif_adaptive", drive, delta), 3000.0);
        QVERIFY(t.size() > 20);
        // Mean interval over the last half of the run, long after theta settled (tau_theta = 100 ms).
        const std::size_t from = t.size() / 2;
        const double simulated = (t.back() - t[from]) / static_cast<double>(t.size() - 1 - from);
        const double expected = steadyIsiMs(drive, delta);
        QVERIFY2(std::abs(simulated - expected) / expected < 0.005,
                 qPrintable(QStringLiteral("simulated %1 ms, analytic %2 ms").arg(simulated).arg(expected)));
    }

    void theRateAdapts() {
        const std::vector<double> t = spikeTimesMs(oneNeuron("lif_adaptive", 20.0, 2.0), 1000.0);
        QVERIFY(t.size() > 10);
        const double first = t[1] - t[0];
        const double late = t[t.size() - 1] - t[t.size() - 2];
        QVERIFY2(late > 1.2 * first,
                 qPrintable(QStringLiteral("first %1 ms, late %2 ms").arg(first).arg(late)));
    }

    void withoutAdaptationItIsThePlainLif() {
        const std::vector<double> adaptive = spikeTimesMs(oneNeuron("lif_adaptive", 20.0, 0.0), 500.0);
        const std::vector<double> plain = spikeTimesMs(oneNeuron("lif_cuba", 20.0, 0.0), 500.0);
        QVERIFY(adaptive.size() > 10);
        QVERIFY(adaptive == plain);
    }
};

QTEST_APPLESS_MAIN(TestAdaptiveLif)
#include "tst_adaptive_lif.moc"
