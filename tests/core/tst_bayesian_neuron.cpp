// The Bayesian spiking neuron (Deneve 2008) against its ground truth: the exact forward filter of the hidden
// Markov model, computed on the same input spikes (SCIENCE.md section 3). Mean absolute error of P(x=1)
// over 10 s must stay below 0.05.
#include "core/model/project_file.h"
#include "core/predictive/hmm_forward_filter.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace pulselab::core;

class TestBayesianNeuron : public QObject {
    Q_OBJECT

    static NetworkSpec network(double dtMs, std::uint64_t seed) {
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bayesian-neuron.pulselab");
        if (!load.project)
            qFatal("%s", load.error.c_str());
        NetworkSpec net = load.project->network;
        net.run.dtMs = dtMs;
        net.run.seed = seed;
        return net;
    }

private Q_SLOTS:
    void posteriorTracksTheExactFilter_data() {
        QTest::addColumn<double>("dtMs");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("dt 1 ms, seed 3") << 1.0 << quint64{3};
        QTest::newRow("dt 0.5 ms, seed 11") << 0.5 << quint64{11};
    }
    void posteriorTracksTheExactFilter() {
        QFETCH(double, dtMs);
        QFETCH(quint64, seed);
        std::string error;
        auto sim = Simulation::build(network(dtMs, seed), error);
        QVERIFY2(sim, error.c_str());
        const RunLayout layout = sim->layout();
        int neuronSignal = -1, exactSignal = -1, truthSignal = -1;
        for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
            const auto& s = layout.scalarSignals[i];
            if (s.name == "bayes.p[0]")
                neuronSignal = static_cast<int>(i);
            else if (s.name.find("exact filter") != std::string::npos)
                exactSignal = static_cast<int>(i);
            else if (s.kind == SignalKind::BeliefTruth && truthSignal < 0)
                truthSignal = static_cast<int>(i);
        }
        QVERIFY(neuronSignal >= 0 && exactSignal >= 0 && truthSignal >= 0);
        RunSnapshot out;
        sim->advance(static_cast<std::int64_t>(10000.0 / dtMs), &out);
        const auto& neuron = out.samples[static_cast<std::size_t>(neuronSignal)].values;
        const auto& exact = out.samples[static_cast<std::size_t>(exactSignal)].values;
        const auto& truth = out.samples[static_cast<std::size_t>(truthSignal)].values;
        QCOMPARE(neuron.size(), exact.size());
        double mae = 0.0, filterVsTruth = 0.0;
        int switches = 0;
        for (std::size_t k = 0; k < neuron.size(); ++k) {
            mae += std::abs(neuron[k] - exact[k]);
            filterVsTruth += std::abs(exact[k] - truth[k]);
            switches += k > 0 && truth[k] != truth[k - 1] ? 1 : 0;
        }
        mae /= static_cast<double>(neuron.size());
        filterVsTruth /= static_cast<double>(neuron.size());
        QVERIFY2(switches >= 10, "the hidden cause must switch for the test to mean anything");
        QVERIFY2(mae < 0.05, qPrintable(QStringLiteral("MAE neuron vs exact filter = %1").arg(mae)));
        // And the inference is informative: the filter is much closer to the truth than chance (0.5).
        QVERIFY2(filterVsTruth < 0.25, qPrintable(QString::number(filterVsTruth)));
        QVERIFY(sim->totalSpikes() > 0); // it reports its belief with spikes
    }

    void exactFilterFollowsALiveChangeOfTheWorld() {
        // The tour's "make the evidence less reliable" step changes q_off while the run goes on. The plotted
        // exact filter must then be the exact filter of the new world: recomputed here on the same input
        // spikes with an independent filter whose rates switch at the same step.
        std::string error;
        auto sim = Simulation::build(network(1.0, 5), error);
        QVERIFY2(sim, error.c_str());
        const RunLayout layout = sim->layout();
        int exactSignal = -1;
        for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i)
            if (layout.scalarSignals[i].name.find("exact filter") != std::string::npos)
                exactSignal = static_cast<int>(i);
        std::uint32_t first = 0, size = 0;
        for (const auto& pop : layout.populations)
            if (pop.name == "evidence") {
                first = pop.firstNeuron;
                size = pop.size;
            }
        QVERIFY(exactSignal >= 0 && size == 20);
        constexpr std::int64_t kBefore = 3000, kAfter = 3000;
        RunSnapshot out;
        sim->advance(kBefore, &out);
        sim->setParameter("evidence", "q_off_hz", 30.0);
        sim->advance(kAfter, &out);
        std::vector<std::uint32_t> counts(kBefore + kAfter, 0);
        for (const SpikeEvent& e : out.spikes)
            if (e.neuron >= first && e.neuron < first + size)
                ++counts[static_cast<std::size_t>(e.step)];
        HmmForwardFilter filter(2.0, 2.0, 40.0, 10.0, size, 1.0);
        const auto& exact = out.samples[static_cast<std::size_t>(exactSignal)].values;
        QCOMPARE(exact.size(), counts.size());
        double worstAfter = 0.0;
        for (std::int64_t k = 0; k < kBefore + kAfter; ++k) {
            if (k == kBefore) {
                const double logOdds = filter.logOdds();
                filter = HmmForwardFilter(2.0, 2.0, 40.0, 30.0, size, 1.0);
                filter.reset(logOdds);
            }
            const double p = filter.update(counts[static_cast<std::size_t>(k)]);
            const double gap = std::abs(p - exact[static_cast<std::size_t>(k)]);
            QVERIFY2(k >= kBefore || gap < 1e-12, qPrintable(QStringLiteral("step %1: %2").arg(k).arg(gap)));
            if (k >= kBefore)
                worstAfter = std::max(worstAfter, gap);
        }
        QVERIFY2(worstAfter < 1e-12, qPrintable(QStringLiteral("after the change: %1").arg(worstAfter)));
    }
};

QTEST_APPLESS_MAIN(TestBayesianNeuron)
#include "tst_bayesian_neuron.moc"
