// Parameter sweeps (core/explore): spec reading, a 2-D grid over a Poisson-driven LIF population checked
// against physics and against direct runs, seed repeats, and prompt cancellation.
#include "core/explore/sweep_runner.h"
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/runtime/project_run.h"
#include "core/runtime/run_overrides.h"
#include "core/sim/simulation.h"
#include "tests/core/poisson_lif_project.h"

#include <QTest>

#include <chrono>
#include <cmath>
#include <thread>

using namespace pulselab::core;

namespace {

SweepSpec parseOrFail(const std::string& text) {
    SweepSpecLoad load = parseSweepSpec(text, "test.pulselab-sweep");
    if (!load.spec)
        qFatal("spec: %s", load.error.c_str());
    return *load.spec;
}

const char* kGridSpec = R"({"project": "poisson_lif.pulselab",
    "parameters": [{"name": "drive.rate_hz", "values": [10, 25, 60]},
                   {"name": "pop.v_th_mv", "start": -56, "stop": -50, "count": 3}],
    "outcome": "mean_rate_hz", "duration_s": 0.3})";

/// A direct run, written out here rather than through the sweep runner: the project with the seed, built by
/// makeProjectRun, the overrides set, all steps in one go, and the spikes of "pop" counted by hand.
double directMeanRate(const Project& base, const std::vector<std::pair<std::string, double>>& overrides,
                      double durationS) {
    const Project& project = base;
    std::string error;
    auto run = makeProjectRun(project, error);
    if (!run)
        qFatal("direct run: %s", error.c_str());
    for (const auto& [name, value] : overrides) {
        const auto dot = name.find('.');
        run->setParameter(name.substr(0, dot), name.substr(dot + 1), value);
    }
    const auto steps = static_cast<std::int64_t>(std::llround(durationS * 1000.0 / run->layout().dtMs));
    RunSnapshot snapshot;
    run->advance(steps, snapshot);
    const PopulationInfo pop = run->layout().populations.at(0);
    std::uint64_t spikes = 0;
    for (const auto& s : snapshot.spikes)
        spikes += s.neuron >= pop.firstNeuron && s.neuron < pop.firstNeuron + pop.size;
    const double seconds = static_cast<double>(steps) * run->layout().dtMs / 1000.0;
    return static_cast<double>(spikes) / static_cast<double>(pop.size) / seconds;
}

} // namespace

class ParameterSweepTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void specReadsValuesRangesAndGrid() {
        const SweepSpec spec = parseOrFail(kGridSpec);
        QCOMPARE(spec.axes.size(), std::size_t{2});
        QCOMPARE(spec.axes[1].name(), std::string("pop.v_th_mv"));
        QCOMPARE(spec.axes[1].values, (std::vector<double>{-56.0, -53.0, -50.0}));
        QCOMPARE(spec.pointCount(), std::size_t{9});
        QCOMPARE(spec.pointValues(5), (std::vector<double>{25.0, -50.0})); // first axis slowest
        const auto logValues = sweepRange(1.0, 100.0, 3, true);
        QCOMPARE(logValues.front(), 1.0);
        QVERIFY(std::abs(logValues[1] - 10.0) < 1e-12);
        QCOMPARE(logValues.back(), 100.0);
        // Written and read back: the same grid, outcome and seeds.
        SweepSpec saved = spec;
        saved.seedCount = 4;
        saved.outcome = {OutcomeKind::MeanRateHz, "pop"};
        const SweepSpec again = parseOrFail(sweepSpecToJson(saved));
        QCOMPARE(again.axes[0].values, spec.axes[0].values);
        QCOMPARE(again.axes[1].values, spec.axes[1].values);
        QCOMPARE(again.seedCount, 4);
        QCOMPARE(again.outcome.population, std::string("pop"));
        QCOMPARE(again.durationS.value_or(0), 0.3);
        QCOMPARE(again.seedsFor(7), (std::vector<std::uint64_t>{7, 8, 9, 10}));
    }

    void badSpecsNameTheField_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << "{"
                                  << "not valid JSON";
        QTest::newRow("no project") << R"({"parameters": [], "outcome": "mean_rate_hz"})"
                                    << "sweep.project:";
        QTest::newRow("three parameters")
            << R"({"project": "p", "parameters": [{"name": "a.b", "values": [1]}, {"name": "a.c", "values": [1]},
                  {"name": "a.d", "values": [1]}], "outcome": "mean_rate_hz"})"
            << "sweep.parameters: expected a list of 1 or 2";
        QTest::newRow("no dot") << R"({"project": "p", "parameters": [{"name": "rate", "values": [1]}],
                                       "outcome": "mean_rate_hz"})"
                                << "sweep.parameters[0].name:";
        QTest::newRow("count 0") << R"({"project": "p", "parameters": [{"name": "a.b", "start": 1, "stop": 2,
                                        "count": 0}], "outcome": "mean_rate_hz"})"
                                 << "sweep.parameters[0].count:";
        QTest::newRow("log through 0")
            << R"({"project": "p", "parameters": [{"name": "a.b", "start": 0, "stop": 2,
                                              "count": 3, "scale": "log"}], "outcome": "mean_rate_hz"})"
            << "sweep.parameters[0].scale: a log scale needs start and stop > 0";
        QTest::newRow("text value")
            << R"({"project": "p", "parameters": [{"name": "a.b", "values": [1, "x"]}],
                                           "outcome": "mean_rate_hz"})"
            << "sweep.parameters[0].values[1]:";
        QTest::newRow("unknown metric") << R"({"project": "p", "parameters": [{"name": "a.b", "values": [1]}],
                                               "outcome": "happiness"})"
                                        << "sweep.outcome: unknown metric 'happiness'";
        QTest::newRow("zero seeds") << R"({"project": "p", "parameters": [{"name": "a.b", "values": [1]}],
                                           "outcome": "accuracy", "seeds": 0})"
                                    << "sweep.seeds:";
        QTest::newRow("negative duration")
            << R"({"project": "p", "parameters": [{"name": "a.b", "values": [1]}],
                                                  "outcome": "accuracy", "duration_s": -1})"
            << "sweep.duration_s: must be > 0";
    }
    void badSpecsNameTheField() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        const SweepSpecLoad load = parseSweepSpec(text.toStdString(), "bad.pulselab-sweep");
        QVERIFY(!load.spec);
        QVERIFY2(QString::fromStdString(load.error).startsWith("bad.pulselab-sweep: "), load.error.c_str());
        QVERIFY2(QString::fromStdString(load.error).contains(field), load.error.c_str());
    }

    void gridIsMonotoneAndEqualsDirectRuns() {
        const Project project = poissonLifProject();
        const SweepSpec spec = parseOrFail(kGridSpec);
        SweepRunOptions options;
        options.workers = 2;
        std::size_t progressCalls = 0;
        options.progress = [&](const SweepProgress& p) {
            ++progressCalls;
            QCOMPARE(p.runsTotal, std::size_t{9});
        };
        const SweepResults results = runSweep(spec, project, options);
        QVERIFY(results.error.empty());
        QVERIFY(!results.cancelled);
        QCOMPARE(progressCalls, std::size_t{9});
        QCOMPARE(results.points.size(), std::size_t{9});
        auto rate = [&](std::size_t i, std::size_t j) { return results.points[i * 3 + j].mean(); };
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j) {
                QVERIFY2(results.points[i * 3 + j].complete(), results.points[i * 3 + j].error.c_str());
                qInfo("rate %g Hz, threshold %g mV: %g Hz", spec.axes[0].values[i], spec.axes[1].values[j],
                      rate(i, j));
                // More input drive: more spikes. A higher threshold: fewer.
                if (i > 0)
                    QVERIFY(rate(i, j) > rate(i - 1, j));
                if (j > 0)
                    QVERIFY(rate(i, j) < rate(i, j - 1));
            }
        QVERIFY(rate(0, 2) > 0.0 || rate(1, 2) > 0.0);
        // Two points against direct runs of the same settings: equal bit for bit.
        for (std::size_t point : {std::size_t{1}, std::size_t{7}}) {
            const auto values = spec.pointValues(point);
            const double direct =
                directMeanRate(project, {{"drive.rate_hz", values[0]}, {"pop.v_th_mv", values[1]}}, 0.3);
            QCOMPARE(results.points[point].outcomes.at(0), direct);
        }
    }

    void seedRepeatsGiveMeanAndSpread() {
        const Project project = poissonLifProject();
        SweepSpec spec =
            parseOrFail(R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "values": [20]}],
                                         "outcome": "mean_rate_hz", "seeds": 5, "duration_s": 0.2})");
        const SweepResults results = runSweep(spec, project, {});
        QCOMPARE(results.points.size(), std::size_t{1});
        const SweepPointResult& p = results.points[0];
        QVERIFY(p.complete());
        QCOMPARE(p.seeds, (std::vector<std::uint64_t>{3, 4, 5, 6, 7}));
        double sum = 0.0;
        for (double v : p.outcomes)
            sum += v;
        QVERIFY(std::abs(p.mean() - sum / 5.0) < 1e-12);
        QVERIFY2(p.sd() > 0.0, "different seeds must give different spikes");
        double squares = 0.0;
        for (double v : p.outcomes)
            squares += (v - p.mean()) * (v - p.mean());
        QVERIFY(std::abs(p.sd() - std::sqrt(squares / 4.0)) < 1e-12);
        // Seed 3 is the project's own seed: the same outcome as a run without a seed override.
        const RunOutcome own = runForOutcome(project, {{"drive", "rate_hz", 20.0}}, 3, 0.2, spec.outcome);
        QCOMPARE(own.value.value_or(-1), p.outcomes[0]);
        // CSV and JSON carry every seed.
        const std::string csv = sweepResultsToCsv(results);
        QVERIFY2(csv.starts_with("point,drive.rate_hz,mean,sd,n,error,seed_3,seed_4,seed_5,seed_6,seed_7\n"),
                 csv.c_str());
        QVERIFY(sweepResultsToJson(results).find("\"seeds\":[3,4,5,6,7]") != std::string::npos);
    }

    void badParameterOrOutcomeIsReportedPerPoint() {
        const Project project = poissonLifProject();
        SweepSpec spec =
            parseOrFail(R"({"project": "p", "parameters": [{"name": "pop.v_th_mv", "values": [-50, 500]}],
                                         "outcome": "mean_rate_hz", "duration_s": 0.01})");
        SweepResults results = runSweep(spec, project, {});
        QVERIFY(results.points[0].complete());
        QVERIFY2(results.points[1].error.find("pop.v_th_mv") != std::string::npos,
                 results.points[1].error.c_str());
        spec.outcome = {OutcomeKind::FinalFreeEnergy, ""};
        results = runSweep(spec, project, {});
        QVERIFY2(results.points[0].error.find("final_free_energy") != std::string::npos,
                 results.points[0].error.c_str());
        SweepRunOptions outside;
        outside.points = {2};
        QVERIFY(runSweep(spec, project, outside).error.find("outside the grid") != std::string::npos);
    }

    void writtenOverridesReproduceTheRun() {
        // --set written into the project (what figures and recordings embed) gives the run that setting them
        // on the built run gives: the same spikes, also after the project's JSON round trip.
        const Project base = poissonLifProject(100.0);
        const std::vector<ParameterOverride> overrides = {{"pop", "v_th_mv", -52.5},
                                                          {"drive", "rate_hz", 31.0}};
        Project written = base;
        std::string error;
        QVERIFY2(writeParameterOverrides(written, overrides, error), error.c_str());
        QCOMPARE(written.network.populations[0].parameters.at("v_th_mv"), -52.5);
        QCOMPARE(written.network.inputs[0].parameters.at("rate_hz"), 31.0);
        const ProjectLoad reopened = parseProject(projectToJson(written), "embedded");
        QVERIFY2(reopened.project, reopened.error.c_str());

        auto spikesOf = [](const Project& project, const std::vector<ParameterOverride>& set) {
            std::string why;
            auto run = makeProjectRun(project, why);
            if (!run)
                qFatal("%s", why.c_str());
            applyParameterOverrides(*run, set);
            RunSnapshot snapshot;
            run->advance(1000, snapshot);
            std::vector<std::pair<std::int64_t, std::uint32_t>> spikes;
            for (const auto& s : snapshot.spikes)
                spikes.emplace_back(s.step, s.neuron);
            return spikes;
        };
        const auto viaSet = spikesOf(base, overrides);
        QVERIFY(viaSet.size() > 50);
        QCOMPARE(spikesOf(*reopened.project, {}), viaSet);
        QCOMPARE(spikesOf(written, overrides), viaSet);
        QVERIFY(spikesOf(base, {}) != viaSet);
    }

    void writtenOverridesOfExperimentsUseTheirKeys() {
        Project pc;
        pc.experiment = {{"kind", "rate_pc"}, {"layers", {4, 2}}, {"inference_rate", 0.05}};
        std::string error;
        QVERIFY2(
            writeParameterOverrides(pc, {{"pc", "inference_rate", 0.03}, {"task", "noise_sd", 0.7}}, error),
            error.c_str());
        QCOMPARE(pc.experiment["inference_rate"].get<double>(), 0.03);
        QCOMPARE(pc.experiment["noise_sd"].get<double>(), 0.7);
        Project coding;
        coding.experiment = {{"kind", "spike_coding"}};
        QVERIFY2(writeParameterOverrides(coding, {{"signal", "amplitude", 2.0}}, error), error.c_str());
        QCOMPARE(coding.experiment["signal_amplitude"].get<double>(), 2.0);
        QVERIFY(!writeParameterOverrides(pc, {{"pc", "tau_ms", 1.0}}, error));
        QVERIFY2(error.find("'pc.tau_ms'") != std::string::npos, error.c_str());
    }

    void badWrittenOverridesAreNamed() {
        Project project = poissonLifProject();
        std::string error;
        QVERIFY(!writeParameterOverrides(project, {{"nope", "v_th_mv", -50}}, error));
        QVERIFY2(error.find("'nope.v_th_mv'") != std::string::npos &&
                     error.find("no population or input") != std::string::npos,
                 error.c_str());
        QVERIFY(!writeParameterOverrides(project, {{"pop", "colour", 1}}, error));
        QVERIFY2(error.find("no such parameter") != std::string::npos, error.c_str());
        QVERIFY(!writeParameterOverrides(project, {{"pop", "v_th_mv", 500}}, error));
        QVERIFY2(error.find("'pop.v_th_mv'") != std::string::npos, error.c_str());
        QCOMPARE(project.network.populations[0].parameters.at("v_th_mv"), -50.0); // refused: unchanged
    }

    void signalOutcomesFromSnapshots() {
        // A binary cause that flips 0 -> 1 at step 10; the belief follows, 0.15 per step.
        RunLayout layout;
        layout.dtMs = 0.5;
        layout.scalarSignals = {{"F total", SignalKind::FreeEnergyTotal, 0, ""},
                                {"P(x=1)", SignalKind::BeliefMean, 0, ""},
                                {"x", SignalKind::BeliefTruth, 0, ""},
                                {"held-out accuracy", SignalKind::BeliefMean, 1, ""}};
        RunSnapshot chunk;
        chunk.samples = {{0, {}, {}}, {1, {}, {}}, {2, {}, {}}, {3, {}, {}}};
        double expectedError = 0.0;
        for (std::int64_t step = 0; step < 20; ++step) {
            const double truth = step < 10 ? 0.0 : 1.0;
            const double belief = step < 10 ? 0.1 : std::min(0.9, 0.1 + 0.15 * static_cast<double>(step - 9));
            expectedError += std::abs(belief - truth) / 20.0;
            for (auto& block : chunk.samples)
                block.steps.push_back(step);
            chunk.samples[0].values.push_back(100.0 - static_cast<double>(step));
            chunk.samples[1].values.push_back(belief);
            chunk.samples[2].values.push_back(truth);
            chunk.samples[3].values.push_back(0.5 + 0.01 * static_cast<double>(step));
        }
        auto measure = [&](OutcomeKind kind) {
            std::string error;
            auto accumulator = makeOutcomeAccumulator({kind, ""}, layout, {}, error);
            if (!accumulator)
                qFatal("%s", error.c_str());
            accumulator->add(chunk);
            return accumulator->value(20);
        };
        QCOMPARE(measure(OutcomeKind::FinalFreeEnergy), 81.0);
        QCOMPARE(measure(OutcomeKind::Accuracy), 0.69);
        QVERIFY(std::abs(measure(OutcomeKind::BeliefError) - expectedError) < 1e-12);
        // Step 12 is the first with the belief (0.55) within 0.5 of the new truth: 2 steps of 0.5 ms.
        QCOMPARE(measure(OutcomeKind::ReconvergenceMs), 1.0);
        // A run without the signals a metric needs is refused with the metric's name.
        std::string error;
        QVERIFY(!makeOutcomeAccumulator({OutcomeKind::BeliefError, ""}, RunLayout{}, {}, error));
        QVERIFY2(error.starts_with("belief_error:"), error.c_str());
        QVERIFY(!makeOutcomeAccumulator({OutcomeKind::MeanRateHz, "nope"}, RunLayout{}, {}, error));
        QVERIFY2(error.find("'nope'") != std::string::npos, error.c_str());
    }

    void energyOutcomeIsTheMappedRunsEnergy() {
        // Ground truth: the same run stepped directly, its per-neuron spike counts accounted on the network's
        // mapping as `pulselab-cli map` does. One inference = 50 ms of the 200 ms run.
        Project project = poissonLifProject();
        const OutcomeMetric metric{OutcomeKind::EnergyPerInference, "", 50.0};
        const RunOutcome swept = runForOutcome(project, {{"drive", "rate_hz", 30.0}}, 3, 0.2, metric);
        QVERIFY2(swept.value, swept.error.c_str());
        Project direct = project;
        direct.network.inputs[0].parameters["rate_hz"] = 30.0;
        direct.network.run.durationMs = 200.0;
        std::string error;
        auto sim = Simulation::build(direct.network, error);
        QVERIFY2(sim, error.c_str());
        sim->advance(2000, nullptr);
        loihi::RecordedActivity activity;
        activity.spikesPerNeuron = {sim->spikeCounts("pop"), sim->spikeCounts("drive")};
        activity.steps = 2000;
        activity.dtMs = 0.1;
        activity.stepsPerInference = 500;
        const loihi::MappingProblem problem = loihi::mappingProblemFor(direct.network);
        const auto mapped = loihi::mapNetwork(problem, loihi::loihi2());
        const double expected =
            loihi::accountTraffic(problem, std::get<loihi::Mapping>(mapped), loihi::loihi2(), activity)
                .joulesPerInference;
        QVERIFY(expected > 0.0);
        QVERIFY2(std::abs(*swept.value - expected) <= 1e-12 * expected,
                 qPrintable(QString("%1 vs %2").arg(*swept.value).arg(expected)));
        // More drive, more spikes, more energy; a whole-run inference is 4 presentations' worth.
        const RunOutcome busier = runForOutcome(project, {{"drive", "rate_hz", 60.0}}, 3, 0.2, metric);
        QVERIFY(*busier.value > *swept.value);
        const RunOutcome whole = runForOutcome(project, {{"drive", "rate_hz", 30.0}}, 3, 0.2,
                                               {OutcomeKind::EnergyPerInference, "", 0});
        QVERIFY(std::abs(*whole.value - 4.0 * expected) <= 1e-9 * expected);
        // The spec reads and writes the inference length; other metrics refuse one.
        const SweepSpec spec = parseOrFail(R"({"project": "p", "parameters": [{"name": "drive.rate_hz",
            "values": [30]}], "outcome": {"metric": "energy_per_inference_j", "inference_ms": 50}})");
        QCOMPARE(spec.outcome.inferenceMs, 50.0);
        QCOMPARE(parseOrFail(sweepSpecToJson(spec)).outcome.inferenceMs, 50.0);
        const SweepSpecLoad bad = parseSweepSpec(R"({"project": "p", "parameters": [{"name": "a.b",
            "values": [1]}], "outcome": {"metric": "mean_rate_hz", "inference_ms": 50}})",
                                                 "bad");
        QVERIFY(!bad.spec);
        QVERIFY2(bad.error.find("outcome.inference_ms") != std::string::npos, bad.error.c_str());
    }

    void cancelStopsWorkersPromptly() {
        // Two cheap points (no input: nothing to deliver) then two expensive ones (3 kHz input into 20
        // neurons for 20 s): the cheap ones finish, the expensive ones are cut short by the cancel.
        const Project project = poissonLifProject();
        const SweepSpec spec = parseOrFail(
            R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "values": [0, 0, 3000, 3000]}],
                           "outcome": "mean_rate_hz", "duration_s": 20})");
        std::atomic<bool> cancel{false};
        std::atomic<int> done{0};
        SweepRunOptions options;
        options.workers = 2;
        options.cancel = &cancel;
        options.progress = [&](const SweepProgress&) { ++done; };
        SweepResults results;
        std::thread sweep([&] { results = runSweep(spec, project, options); });
        while (done.load() < 2)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the expensive runs are under way
        const auto cancelledAt = std::chrono::steady_clock::now();
        cancel = true;
        sweep.join();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count();
        qInfo("sweep returned %.1f ms after cancel", seconds * 1000.0);
        QVERIFY2(seconds < 0.5, "workers must stop within one chunk of steps");
        QVERIFY(results.cancelled);
        QCOMPARE(results.completedPoints(), (std::vector<std::size_t>{0, 1}));
        QVERIFY(std::isnan(results.points[2].outcomes[0]));
        QVERIFY(std::isnan(results.points[3].mean()));
    }
};

QTEST_GUILESS_MAIN(ParameterSweepTest)
#include "tst_parameter_sweep.moc"
