// A two-layer network of Bayesian spiking neurons (Denève 2008) against its ground truth: the exact forward
// filter of the joint hidden Markov model (2^(N+1) states), run on the same input spikes with the same dt.
#include "core/predictive/deneve_hierarchy.h"
#include "core/predictive/hierarchical_hmm.h"
#include "core/predictive/hmm_forward_filter.h"

#include <QTest>

#include <cmath>
#include <stdexcept>

using namespace pulselab::core;

class TestDeneveHierarchy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void beliefsMatchTheExactJointFilter_data() {
        QTest::addColumn<quint32>("lowers");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("2 lower neurons, seed 1") << quint32{2} << quint64{1};
        QTest::newRow("3 lower neurons, seed 2") << quint32{3} << quint64{2};
    }
    void beliefsMatchTheExactJointFilter() {
        QFETCH(quint32, lowers);
        QFETCH(quint64, seed);
        HierarchicalHmmParams p;
        p.lowers = lowers;
        const DeneveHierarchyScore e = scoreDeneveHierarchy(p, seed, 40000); // 40 s, ~20 top switches
        qInfo("%u lower neurons, seed %llu: MAE vs exact marginals: top %.4f, lower %.4f; exact top vs truth "
              "%.3f; spikes: top %llu, lower %llu",
              lowers, static_cast<unsigned long long>(seed), e.topMae, e.lowerMae, e.exactTopVsTruth,
              static_cast<unsigned long long>(e.topSpikes), static_cast<unsigned long long>(e.lowerSpikes));
        QVERIFY2(e.topSwitches >= 8, "the top cause must switch for the test to mean anything");
        QVERIFY2(e.topMae < 0.05, qPrintable(QStringLiteral("top MAE %1").arg(e.topMae)));
        QVERIFY2(e.lowerMae < 0.05, qPrintable(QStringLiteral("lower MAE %1").arg(e.lowerMae)));
        // The top cause is inferable only through the lower ones: the exact filter is informative about it.
        QVERIFY2(e.exactTopVsTruth < 0.3, qPrintable(QString::number(e.exactTopVsTruth)));
        QVERIFY(e.topSpikes > 0 && e.lowerSpikes > 0); // beliefs travel as spikes
    }

    void topDownPredictionsSharpenTheLowerBeliefs() {
        // The lower neurons' prior comes from the top's spikes; without it (stationary p_y) they are further
        // from the exact marginals.
        HierarchicalHmmParams p;
        p.lowers = 3;
        const double with = scoreDeneveHierarchy(p, 3, 30000).lowerMae;
        const double without = scoreDeneveHierarchy(p, 3, 30000, 2.0, false).lowerMae;
        qInfo("lower MAE with top-down predictions %.4f, without %.4f", with, without);
        QVERIFY2(with < without, qPrintable(QStringLiteral("%1 vs %2").arg(with).arg(without)));
    }

    void exactFilterFactorisesWhenTheTopHasNoInfluence() {
        // With the lower rates the same for y = 0 and 1, each lower marginal is the two-state filter's.
        HierarchicalHmmParams p;
        p.lowers = 2;
        p.lowerOnHz = {3.0, 3.0};
        p.lowerOffHz = {5.0, 5.0};
        HierarchicalHmmSource source(p, 4);
        HierarchicalHmmFilter joint(p);
        HmmForwardFilter single(p.lowerOnHz[0], p.lowerOffHz[0], p.qOnHz, p.qOffHz, p.inputsPerLower, p.dtMs);
        std::vector<std::uint32_t> spikes;
        double worst = 0.0;
        for (int k = 0; k < 3000; ++k) {
            spikes.clear();
            source.step(spikes);
            std::vector<std::uint32_t> counts(2, 0);
            for (std::uint32_t s : spikes)
                ++counts[s / p.inputsPerLower];
            joint.update(counts);
            worst = std::max(worst, std::abs(joint.lowerProbability(1) - single.update(counts[1])));
            QVERIFY(std::isfinite(joint.topProbability()));
        }
        QVERIFY2(worst < 1e-9, qPrintable(QString::number(worst)));
    }

    void topEvidenceFollowsThePathLikelihood() {
        // A lower cause held surely on for 1 s: log-likelihood ratio -(r_off(1) - r_off(0)) x 1 s = +6.
        HierarchicalHmmParams p;
        double sum = 0.0;
        for (int k = 0; k < 1000; ++k)
            sum += DeneveHierarchy::topEvidence(p, 1.0, 1.0);
        QVERIFY(std::abs(sum - 6.0) < 1e-9);
        // A switch on: + log(r_on(1) / r_on(0)) = log 4; a switch off: log(r_off(1) / r_off(0)) = -log 4.
        QVERIFY(std::abs(DeneveHierarchy::topEvidence(p, 0.0, 1.0) - (std::log(4.0) + 0.006)) < 1e-12);
        QVERIFY(std::abs(DeneveHierarchy::topEvidence(p, 1.0, 0.0) - (-std::log(4.0) - 0.006)) < 1e-12);
    }

    void badParametersAreRefusedByName() {
        HierarchicalHmmParams p;
        p.lowers = 9;
        QVERIFY(p.problem().find("lowers") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HierarchicalHmmFilter{p});
        p = {};
        p.lowerOffHz[1] = -1.0;
        QVERIFY(p.problem().find("lowerOffHz[1]") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DeneveHierarchy{p});
        p = {};
        p.qOnHz = 2000.0;
        QVERIFY(p.problem().find("qOnHz") != std::string::npos);
        p = {};
        p.lowerOnHz[0] = 0.0; // valid world, but the top neuron weighs log(r_on(1) / r_on(0))
        QVERIFY(p.problem().empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DeneveHierarchy{p});
        DeneveHierarchy net(HierarchicalHmmParams{});
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, net.step({60}));
        HierarchicalHmmFilter filter(HierarchicalHmmParams{});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, filter.update({1, 2}));
    }
};

QTEST_APPLESS_MAIN(TestDeneveHierarchy)
#include "tst_deneve_hierarchy.moc"
