// Online learning of the Bayesian neuron's input model (Denève 2008, part II): from wrong first guesses, the
// neuron's own belief as E-step and running sums as M-step learn w_i = log(q_on_i / q_off_i) and theta; its
// beliefs afterwards match the exact forward filter run with the TRUE parameters (SCIENCE.md section 3).
#include "core/model/project_file.h"
#include "core/predictive/deneve_learning.h"
#include "core/predictive/hmm_forward_filter.h"
#include "core/sim/input_generators.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace pulselab::core;

namespace {
constexpr std::uint32_t kInputs = 20;
constexpr double kQOnHz = 40.0, kQOffHz = 10.0, kRHz = 2.0, kDtMs = 1.0;

InputSpec hiddenCause() {
    InputSpec in;
    in.name = "evidence";
    in.kind = "hmm_poisson";
    in.size = kInputs;
    in.parameters = {{"r_on_hz", kRHz}, {"r_off_hz", kRHz}, {"q_on_hz", kQOnHz}, {"q_off_hz", kQOffHz}};
    return in;
}

/// Wrong first guesses, a different one per input (all with q_on > q_off, which names the "on" state).
DeneveLearningConfig wrongGuesses() {
    DeneveLearningConfig c;
    c.rOnHz = c.rOffHz = kRHz;
    c.dtMs = kDtMs;
    for (std::uint32_t i = 0; i < kInputs; ++i) {
        c.initialQOnHz.push_back(15.0 + i);  // 15..34 Hz (true 40)
        c.initialQOffHz.push_back(12.0 + i); // 12..31 Hz (true 10): w from 0.05 to 0.22 (true 1.39)
    }
    return c;
}

/// MAE of the neuron's belief against the exact filter with the true parameters over `steps`.
double maeAgainstExactFilter(DeneveLearningNeuron& neuron, InputGenerator& source, std::int64_t firstStep,
                             std::int64_t steps) {
    HmmForwardFilter exact(kRHz, kRHz, kQOnHz, kQOffHz, kInputs, kDtMs);
    exact.reset(neuron.logOdds());
    std::vector<std::uint32_t> spikes;
    double mae = 0.0;
    for (std::int64_t k = 0; k < steps; ++k) {
        spikes.clear();
        source.step(firstStep + k, spikes);
        neuron.step(spikes);
        mae += std::abs(neuron.probability() - exact.update(static_cast<std::uint32_t>(spikes.size())));
    }
    return mae / static_cast<double>(steps);
}
} // namespace

class TestDeneveLearning : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deneve2008OnlineEmLearnsTheInputModel_data() {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("seed 1") << quint64{1};
        QTest::newRow("seed 7") << quint64{7};
    }
    void deneve2008OnlineEmLearnsTheInputModel() {
        QFETCH(quint64, seed);
        auto source = makeInputGenerator(hiddenCause(), kDtMs, seed);
        DeneveLearningNeuron neuron(wrongGuesses());
        const double trueWeight = std::log(kQOnHz / kQOffHz), trueTheta = kInputs * (kQOnHz - kQOffHz);

        // Before learning: the wrong model tracks the cause poorly.
        neuron.setLearning(false);
        const double maeBefore = maeAgainstExactFilter(neuron, *source, 0, 10000);
        neuron.setLearning(true);
        const std::int64_t learnSteps = 200000; // 200 s of input, about 400 switches of the cause
        std::vector<std::uint32_t> spikes;
        for (std::int64_t k = 0; k < learnSteps; ++k) {
            spikes.clear();
            source->step(10000 + k, spikes);
            neuron.step(spikes);
        }
        double worst = 0.0;
        for (std::size_t i = 0; i < kInputs; ++i)
            worst = std::max(worst, std::abs(neuron.weight(i) - trueWeight));
        QVERIFY2(worst < 0.2, qPrintable(QStringLiteral("largest |w_i - log(q_on/q_off)| = %1").arg(worst)));
        QVERIFY2(std::abs(neuron.thetaHz() - trueTheta) < 0.05 * trueTheta,
                 qPrintable(QStringLiteral("theta %1 Hz, true %2 Hz").arg(neuron.thetaHz()).arg(trueTheta)));

        // After learning, with the weights frozen: beliefs match the exact filter with the TRUE parameters.
        neuron.setLearning(false);
        const double maeAfter = maeAgainstExactFilter(neuron, *source, 10000 + learnSteps, 10000);
        qInfo("seed %llu: largest weight error %.3f, theta %.1f Hz (true %.0f), MAE vs exact filter %.4f "
              "before "
              "learning, %.4f after",
              static_cast<unsigned long long>(seed), worst, neuron.thetaHz(), trueTheta, maeBefore, maeAfter);
        QVERIFY2(maeAfter < 0.05, qPrintable(QString::number(maeAfter)));
        QVERIFY2(maeBefore > 2.0 * maeAfter, qPrintable(QString::number(maeBefore)));
    }

    void learningIsLocal() {
        // Synapse i's new counts are learnSynapse(its old counts, its own pre spike, the post belief after
        // the step's inference, dt / memory): nothing else enters them, whatever the other inputs did.
        DeneveLearningConfig c = wrongGuesses();
        DeneveLearningNeuron neuron(c);
        auto source = makeInputGenerator(hiddenCause(), kDtMs, 5);
        std::vector<std::uint32_t> spikes;
        for (int k = 0; k < 500; ++k) {
            spikes.clear();
            source->step(k, spikes);
            neuron.step(spikes);
        }
        const std::vector<std::uint32_t> fired = {2, 11};
        for (const bool othersFire : {false, true}) {
            DeneveLearningNeuron a = neuron, inference = neuron;
            std::vector<std::uint32_t> in = fired;
            if (othersFire)
                in = {0, 2, 5, 11, 19};
            inference.setLearning(false);
            inference.step(in); // the belief the M-step sees
            a.step(in);
            const double forget = (kDtMs / 1000.0) / c.memoryS;
            for (std::uint32_t i : {2u, 3u, 11u}) {
                const bool pre = std::find(in.begin(), in.end(), i) != in.end();
                const auto expected = DeneveLearningNeuron::learnSynapse(neuron.counts(i), pre,
                                                                         inference.probability(), forget);
                QCOMPARE(a.counts(i).whileOn, expected.whileOn);
                QCOMPARE(a.counts(i).whileOff, expected.whileOff);
            }
        }
        // The rule itself: a pre spike while the belief is 1 counts wholly towards "on", never towards "off".
        const auto counts = DeneveLearningNeuron::learnSynapse({2.0, 3.0}, true, 1.0, 0.0);
        QCOMPARE(counts.whileOn, 3.0);
        QCOMPARE(counts.whileOff, 3.0);
    }

    void projectionRuleLearnsInTheEngine() {
        // The same rule as plasticity "deneve_em" on a projection (examples/bayesian-learning.pulselab): the
        // engine's belief joins the exact filter's signal once the weights are learned.
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bayesian-learning.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        std::string error;
        auto sim = Simulation::build(load.project->network, error);
        QVERIFY2(sim, error.c_str());
        const RunLayout layout = sim->layout();
        std::size_t neuron = layout.scalarSignals.size(), exact = neuron;
        for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
            if (layout.scalarSignals[i].name == "bayes.p[0]")
                neuron = i;
            else if (layout.scalarSignals[i].name.find("exact filter") != std::string::npos)
                exact = i;
        }
        QVERIFY(neuron < layout.scalarSignals.size() && exact < layout.scalarSignals.size());
        auto mae = [&](std::int64_t steps) {
            RunSnapshot out;
            sim->advance(steps, &out);
            const auto& a = out.samples.at(neuron).values;
            const auto& b = out.samples.at(exact).values;
            double sum = 0.0;
            for (std::size_t k = 0; k < a.size(); ++k)
                sum += std::abs(a[k] - b[k]);
            return sum / static_cast<double>(std::max<std::size_t>(a.size(), 1));
        };
        const double first = mae(3000);
        sim->advance(77000, nullptr);
        const double last = mae(10000);
        double worst = 0.0;
        for (float w : sim->synapses("evidence_to_bayes").weight)
            worst = std::max(worst, std::abs(static_cast<double>(w) - std::log(kQOnHz / kQOffHz)));
        qInfo(
            "engine: MAE vs exact filter %.4f in the first 3 s, %.4f after 80 s; largest weight error %.3f",
            first, last, worst);
        QVERIFY2(last < 0.05, qPrintable(QString::number(last)));
        QVERIFY2(first > 2.0 * last, qPrintable(QString::number(first)));
        QVERIFY2(worst < 0.3, qPrintable(QString::number(worst)));

        // The rule needs a Bayesian target and a delay of 0, and says so by field.
        NetworkSpec net = load.project->network;
        net.populations[0].model = "lif_cuba";
        net.populations[0].parameters.clear();
        net.probes.clear();
        bool named = false;
        for (const Problem& p : validate(net))
            named = named ||
                    (p.field == "plasticity" && p.message().find("bayesian_deneve") != std::string::npos);
        QVERIFY(named);
        net = load.project->network;
        net.projections[0].delaySteps = {"constant", 2.0, 0.0};
        named = false;
        for (const Problem& p : validate(net))
            named = named || p.field == "delay_steps";
        QVERIFY(named);
    }

    void badConfigurationIsRefusedByName() {
        DeneveLearningConfig c = wrongGuesses();
        c.initialQOffHz.pop_back();
        QVERIFY(c.problem().find("initialQOffHz") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, DeneveLearningNeuron{c});
        c = wrongGuesses();
        c.initialQOnHz[4] = -1.0;
        QVERIFY(c.problem().find("initialQOnHz[4]") != std::string::npos);
        c = wrongGuesses();
        c.memoryS = 0.0;
        QVERIFY(c.problem().find("memoryS") != std::string::npos);
        c = wrongGuesses();
        c.dtMs = std::nan("");
        QVERIFY(c.problem().find("dtMs") != std::string::npos);
        DeneveLearningNeuron neuron(wrongGuesses());
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, neuron.step({kInputs}));
    }
};

QTEST_APPLESS_MAIN(TestDeneveLearning)
#include "tst_deneve_learning.moc"
