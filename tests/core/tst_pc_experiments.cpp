// The predictive-coding experiment runners (pc_experiments.h) measure what they say: inference lowers F and
// brings the beliefs onto the exact posterior, learning lowers the settled F, a switch of the task raises it
// and the run re-learns, and a long run's rates, F and weight norms are read block by block.
#include "core/model/project_file.h"
#include "core/predictive/bars_pc_run.h"
#include "core/predictive/pc_experiments.h"

#include <QTest>

#include <cmath>

using namespace pulselab::core;

class TestPcExperiments : public QObject {
    Q_OBJECT

    static PcExperimentConfig config() {
        std::string error;
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/default.pulselab");
        if (!load.project)
            qFatal("%s", load.error.c_str());
        const auto c = parsePcExperiment(load.project->experiment, error);
        if (!c)
            qFatal("%s", error.c_str());
        return *c;
    }

private Q_SLOTS:
    void inferenceConvergesOntoTheExactPosterior() {
        PcExperimentConfig c = config();
        c.switchAtSample = -1;
        const ExperimentTable t = convergenceOverInference(c, 60, 10);
        QCOMPARE(t.columns.size(), std::size_t{5});
        QCOMPARE(t.rows.front()[0], 0.0);
        QCOMPARE(t.rows.back()[0], static_cast<double>(c.stepsPerSample));
        for (int column : {1, 3}) { // F falls with inference steps, before and after learning
            for (std::size_t i = 1; i < t.rows.size(); ++i)
                QVERIFY2(t.rows[i][column] <= t.rows[i - 1][column] + 1e-9, t.markdown().c_str());
        }
        // The belief error shrinks with inference, well below where it started.
        QVERIFY2(t.rows.back()[4] < 0.5 * t.rows.front()[4], t.markdown().c_str());
        QVERIFY(t.markdown().find("| inference steps |") != std::string::npos);
    }

    void learningLowersSettledFreeEnergy() {
        PcExperimentConfig c = config();
        c.switchAtSample = -1;
        const ExperimentTable t = convergenceOverTraining(c, 120, 20);
        QCOMPARE(t.rows.size(), std::size_t{6});
        QCOMPARE(t.rows.back()[0], 120.0);
        QVERIFY2(t.rows.back()[1] < t.rows.front()[1], t.markdown().c_str());
        QCOMPARE(t.toJson()["rows"].size(), std::size_t{6});
    }

    void switchRaisesFreeEnergyAndTheRunReconverges() {
        PcExperimentConfig c = config();
        c.switchAtSample = 60;
        const ExperimentTable t = adaptationTable(c, 300, 10, 0.1);
        // Block 51-60 is the last before the switch, 61-70 the first after it.
        QVERIFY2(t.rows[6][1] > t.rows[5][1], t.markdown().c_str());
        QVERIFY2(t.notes.back().rfind("Re-converged", 0) == 0, t.markdown().c_str());
        const ExperimentTable none = adaptationTable(config(), 50, 10, 0.1); // switch at 60: not reached
        QVERIFY(none.notes.back().find("No switch") != std::string::npos);
    }

    void stabilityReadsRatesFreeEnergyAndWeights() {
        std::string error;
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bars-spiking-pc.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        auto bars = parseBarsPc(load.project->experiment, error);
        QVERIFY2(bars, error.c_str());
        BarsPcRun run(*bars);
        const WeightNorms norms{{"W"}, [&] { return std::vector<double>{run.network().weights().norm()}; }};
        const ExperimentTable t = stabilityTable(run, 20LL * bars->presentationSteps, 3, norms);
        QCOMPARE(t.rows.size(), std::size_t{3});
        QCOMPARE(t.columns.size(), 2 + run.layout().populations.size() + 2);
        for (const auto& row : t.rows) {
            for (double v : row)
                QVERIFY(std::isfinite(v));
            QVERIFY(row[2] > 0.0 && row[2] < 1000.0); // input pixels fire, at most once per 1 ms step
        }
        QVERIFY(t.rows.back()[t.columns.size() - 1] != t.rows.front()[t.columns.size() - 1]); // it learns
    }
};

QTEST_APPLESS_MAIN(TestPcExperiments)
#include "tst_pc_experiments.moc"
