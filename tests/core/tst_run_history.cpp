// Run history (core/explore): runs recorded chunk by chunk equal what the engine produced; the current run is
// listed while it runs; bounded memory; the parameter diff names what differs by readable paths; overlays
// and population rates computed from spikes agree with counting by hand.
#include "core/explore/run_history.h"
#include "core/explore/run_overlay.h"
#include "core/explore/run_parameter_diff.h"
#include "core/runtime/project_run.h"
#include "core/runtime/run_overrides.h"
#include "tests/core/poisson_lif_project.h"

#include <QTest>

#include <cmath>

using namespace pulselab::core;

namespace {

struct DrivenRun {
    std::vector<SpikeEvent> spikes; // every spike the engine produced, in order
    std::int64_t steps = 0;
};

/// Runs `project` in chunks of 500 steps into `history`, as the GUI's drain does.
DrivenRun driveInto(RunHistory& history, const Project& project, std::int64_t steps, const std::string& title,
                    const std::vector<ParameterOverride>& midRunChanges = {}) {
    std::string error;
    auto run = makeProjectRun(project, error);
    if (!run)
        qFatal("run: %s", error.c_str());
    history.begin(run->layout(), title, projectToJson(project), project.network.run.seed);
    DrivenRun out;
    for (std::int64_t done = 0; done < steps; done += 500) {
        RunSnapshot chunk;
        chunk.firstStep = done;
        if (done == steps / 2)
            for (const auto& change : midRunChanges) {
                const double old = run->setParameter(change.target, change.parameter, change.value);
                chunk.parameterChanges.push_back({done, change.target, change.parameter, old, change.value});
            }
        run->advance(std::min<std::int64_t>(500, steps - done), chunk);
        chunk.endStep = run->currentStep();
        out.spikes.insert(out.spikes.end(), chunk.spikes.begin(), chunk.spikes.end());
        history.append(chunk);
    }
    out.steps = run->currentStep();
    return out;
}

} // namespace

class RunHistoryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordsEverySpikeOfEachRun() {
        RunHistory history;
        const Project project = poissonLifProject();
        const DrivenRun first = driveInto(history, project, 2000, "first");
        // The current run is listed while it runs, and run() brings its recording up to date.
        QCOMPARE(history.runs().size(), std::size_t{1});
        QCOMPARE(history.currentNumber(), 1);
        const RunRecord* live = history.run(1);
        QVERIFY(live);
        QCOMPARE(live->steps, first.steps);
        QCOMPARE(live->spikes, static_cast<std::uint64_t>(first.spikes.size()));
        QVERIFY(first.spikes.size() > 100);
        std::uint64_t recorded = 0;
        for (const RecordedSpikes& s : live->recording.spikes)
            recorded += s.timesMs.size();
        QCOMPARE(recorded, static_cast<std::uint64_t>(first.spikes.size()));
        QCOMPARE(live->recording.seed, std::uint64_t{3});

        Project reseeded = project;
        applySeed(reseeded, 11);
        const DrivenRun second = driveInto(history, reseeded, 1000, "second", {{"drive", "rate_hz", 40.0}});
        QCOMPARE(history.runs().back()->recording.seed, std::uint64_t{11}); // listed before any sync
        history.end();
        QCOMPARE(history.currentNumber(), 0);
        const auto runs = history.runs();
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(runs[0]->title, std::string("first"));
        QCOMPARE(runs[1]->number, 2);
        QCOMPARE(runs[1]->recording.seed, std::uint64_t{11});
        QCOMPARE(runs[1]->spikes, static_cast<std::uint64_t>(second.spikes.size()));
        QCOMPARE(runs[1]->parameterChanges.size(), std::size_t{1});
        QCOMPARE(runs[1]->parameterChanges[0].step, std::int64_t{500});
        QCOMPARE(runs[1]->parameterChanges[0].oldValue, 20.0);
        // The first run's recording is exactly the engine's spikes (times and ids).
        const RunLayout& layout = runs[0]->layout;
        const RecordedSpikes* pop = runs[0]->recording.population("pop");
        QVERIFY(pop);
        std::size_t k = 0;
        for (const SpikeEvent& s : first.spikes) {
            const PopulationInfo& info =
                layout.populations[static_cast<std::size_t>(layout.populationOf(s.neuron))];
            if (info.name != "pop")
                continue;
            QVERIFY(k < pop->ids.size());
            QCOMPARE(pop->timesMs[k], static_cast<double>(s.step) * 0.1);
            QCOMPARE(pop->ids[k], s.neuron - info.firstNeuron);
            ++k;
        }
        QCOMPARE(k, pop->ids.size());
    }

    void emptyRunsAreDroppedAndOldRunsForgotten() {
        RunHistory history(3);
        const Project project = poissonLifProject();
        std::string error;
        auto run = makeProjectRun(project, error);
        history.begin(run->layout(), "never stepped", "{}", 1);
        history.end();
        QVERIFY(history.runs().empty());
        for (int i = 0; i < 5; ++i)
            driveInto(history, project, 500, "run " + std::to_string(i));
        history.end();
        const auto runs = history.runs();
        QCOMPARE(runs.size(), std::size_t{3});
        QCOMPARE(runs.front()->title, std::string("run 2"));
        QCOMPARE(runs.back()->number, 6); // numbers keep counting: "never stepped" was run 1
        QVERIFY(history.remove(runs.front()->number));
        QCOMPARE(history.runs().size(), std::size_t{2});
        QVERIFY(!history.remove(99));
    }

    void overBudgetKeepsSignalsAndSaysWhy() {
        RunHistory history(20, 4096); // 4 KiB: a few hundred spikes
        Project project = poissonLifProject();
        std::string error;
        auto run = makeProjectRun(project, error);
        RunLayout layout = run->layout();
        layout.scalarSignals.push_back({"F total", SignalKind::FreeEnergyTotal, 0, ""});
        const int signal = static_cast<int>(layout.scalarSignals.size()) - 1;
        history.begin(layout, "budget", projectToJson(project), 3);
        for (std::int64_t done = 0; done < 3000; done += 500) {
            RunSnapshot chunk;
            chunk.firstStep = done;
            run->advance(500, chunk);
            chunk.endStep = run->currentStep();
            chunk.samples.push_back(
                {signal, {chunk.endStep - 1}, {100.0 - static_cast<double>(done) / 100.0}});
            history.append(chunk);
        }
        history.end();
        const RunRecord& record = *history.runs().front();
        QVERIFY(!record.note.empty());
        QVERIFY2(record.note.find("budget") != std::string::npos, record.note.c_str());
        QVERIFY(record.bytes <= 4096);
        QVERIFY(!record.recording.scalarSignals.back().values.empty()); // F is still recorded, thinned
        QCOMPARE(record.lastFreeEnergy, 75.0);
        QVERIFY(record.spikes > record.recording.spikeCount(true)); // counted, though not all kept
    }

    void diffNamesSettingsByReadablePaths() {
        Project a = poissonLifProject();
        Project b = a;
        b.network.populations[0].parameters["v_th_mv"] = -52.0;
        b.network.populations[0].parameters["tau_m_ms"] = 15.0; // set in B only
        applySeed(b, 9);
        b.title = "renamed"; // presentation, not a setting
        const auto differences = diffProjectSettings(projectToJson(a), projectToJson(b));
        auto find = [&](const std::string& path) -> const ParameterDifference* {
            for (const auto& d : differences)
                if (d.path == path)
                    return &d;
            return nullptr;
        };
        const ParameterDifference* threshold = find("network.populations[pop].parameters.v_th_mv");
        QVERIFY2(threshold, differences.empty() ? "no differences" : differences.front().path.c_str());
        QCOMPARE(threshold->valueA, std::string("-50.0"));
        QCOMPARE(threshold->valueB, std::string("-52.0"));
        const ParameterDifference* tau = find("network.populations[pop].parameters.tau_m_ms");
        QVERIFY(tau);
        QCOMPARE(tau->valueA, std::string("(none)"));
        bool seedListed = false;
        for (const auto& d : differences) {
            seedListed = seedListed || (d.path.find("seed") != std::string::npos && d.valueB == "9");
            QVERIFY2(d.path.find("title") == std::string::npos, d.path.c_str());
        }
        QVERIFY(seedListed);
        QVERIFY(diffProjectSettings(projectToJson(a), projectToJson(a)).empty());
        const auto broken = diffProjectSettings("{", projectToJson(a));
        QCOMPARE(broken.size(), std::size_t{1});
        QCOMPARE(broken[0].valueA, std::string("does not parse as JSON"));
    }

    void runDiffListsChangesMadeWhileRunning() {
        RunHistory history;
        const Project project = poissonLifProject();
        driveInto(history, project, 1000, "plain");
        driveInto(history, project, 1000, "changed", {{"pop", "v_th_mv", -55.0}});
        history.end();
        const auto runs = history.runs();
        const auto differences = diffRuns(*runs[0], *runs[1]);
        QCOMPARE(differences.size(), std::size_t{1}); // same project and seed: only the live change
        QCOMPARE(differences[0].path, std::string("changed at t = 50 ms: pop.v_th_mv"));
        QCOMPARE(differences[0].valueA, std::string("(none)"));
        QCOMPARE(differences[0].valueB, std::string("-50 -> -55"));
    }

    void overlayAndRatesMatchCountingByHand() {
        RunHistory history;
        Project project = poissonLifProject();
        driveInto(history, project, 2000, "a");
        project.network.inputs[0].parameters["rate_hz"] = 40.0;
        driveInto(history, project, 1000, "b");
        history.end();
        const auto runs = history.runs();
        // Rates: 20 ms bins over 200 ms; each bin's rate is its spikes / neurons / 20 ms.
        const auto rates = populationRates(*runs[0], 20.0);
        const RecordedSignal* popRate = nullptr;
        for (const auto& r : rates)
            if (r.name == "pop rate")
                popRate = &r;
        QVERIFY(popRate);
        QCOMPARE(popRate->values.size(), std::size_t{10});
        const RecordedSpikes* pop = runs[0]->recording.population("pop");
        for (std::size_t bin = 0; bin < 10; ++bin) {
            int count = 0;
            for (double t : pop->timesMs)
                count += t >= 20.0 * static_cast<double>(bin) && t < 20.0 * static_cast<double>(bin + 1);
            QCOMPARE(popRate->values[bin], count / 20.0 / 0.020);
            QCOMPARE(popRate->timesMs[bin], 20.0 * static_cast<double>(bin + 1));
        }
        // The drive is Poisson at 20 Hz: its measured rate over 200 ms is near it.
        for (const auto& r : rates)
            if (r.name == "drive rate") {
                double mean = 0.0;
                for (double v : r.values)
                    mean += v / static_cast<double>(r.values.size());
                QVERIFY2(std::abs(mean - 20.0) < 3.0, qPrintable(QString::number(mean)));
            }
        // Overlay: both runs' rates, named by run, each sample where the recording put it.
        const RunOverlay overlay = overlayRuns(runs, {SignalKind::PopulationRate}, 20.0);
        QCOMPARE(overlay.layout.scalarSignals.size(), std::size_t{4}); // pop and drive, twice
        auto indexOf = [&](const std::string& name) {
            for (std::size_t i = 0; i < overlay.layout.scalarSignals.size(); ++i)
                if (overlay.layout.scalarSignals[i].name == name)
                    return static_cast<int>(i);
            return -1;
        };
        const int popA = indexOf("Run 1: pop rate");
        const int driveB = indexOf("Run 2: drive rate");
        QVERIFY(popA >= 0 && indexOf("Run 1: drive rate") >= 0 && driveB >= 0 &&
                indexOf("Run 2: pop rate") >= 0);
        QCOMPARE(overlay.runOfSignal[static_cast<std::size_t>(popA)], 0);
        QCOMPARE(overlay.runOfSignal[static_cast<std::size_t>(driveB)], 1);
        const SignalSamples& popSamples = overlay.samples.samples[static_cast<std::size_t>(popA)];
        QCOMPARE(popSamples.values, popRate->values); // the same rates, at the same times
        QCOMPARE(popSamples.steps.back(), std::int64_t{2000});
        QCOMPARE(overlay.samples.samples[static_cast<std::size_t>(driveB)].values.size(),
                 std::size_t{5}); // 100 ms in 20 ms bins
        QCOMPARE(overlay.samples.endStep, std::int64_t{2000});
        double driveRateB = 0.0;
        for (double v : overlay.samples.samples[static_cast<std::size_t>(driveB)].values)
            driveRateB += v / 5.0;
        QVERIFY2(driveRateB > 30.0, qPrintable(QString::number(driveRateB))); // the 40 Hz run
    }
};

QTEST_GUILESS_MAIN(RunHistoryTest)
#include "tst_run_history.moc"
