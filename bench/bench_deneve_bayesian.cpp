// The Bayesian (Denève 2008) variant of spiking predictive coding, measured against exact filters:
// 1. online local learning of one neuron's input model from wrong first guesses (200 s of input), then its
//    belief's MAE against the exact forward filter with the true parameters (10 s, learning frozen);
// 2. the two-layer network (deneve_hierarchy.h) against the exact joint filter, for 2..4 lower neurons.
// Usage: bench_deneve_bayesian [seeds (default 5)] [hierarchy seconds (default 60)]
#include "core/predictive/deneve_hierarchy.h"
#include "core/predictive/deneve_learning.h"
#include "core/predictive/hierarchical_hmm.h"
#include "core/predictive/hmm_forward_filter.h"
#include "core/sim/input_generators.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace pulselab::core;

namespace {

void learning(int seeds) {
    constexpr std::uint32_t inputs = 20;
    constexpr double qOn = 40.0, qOff = 10.0, r = 2.0, dtMs = 1.0;
    InputSpec in;
    in.name = "evidence";
    in.kind = "hmm_poisson";
    in.size = inputs;
    in.parameters = {{"r_on_hz", r}, {"r_off_hz", r}, {"q_on_hz", qOn}, {"q_off_hz", qOff}};
    std::printf(
        "1. Online EM learning, one neuron, %u inputs (q_on %.0f Hz, q_off %.0f Hz, r %.0f Hz), first "
        "guesses w = 0.05..0.22 (true %.3f), 200 s of learning\n",
        inputs, qOn, qOff, r, std::log(qOn / qOff));
    std::printf("%6s | %12s | %12s | %10s | %16s | %15s\n", "seed", "mean w", "max |w-w*|", "theta Hz",
                "MAE before (10 s)", "MAE after (10 s)");
    for (int seed = 1; seed <= seeds; ++seed) {
        auto source = makeInputGenerator(in, dtMs, static_cast<std::uint64_t>(seed));
        DeneveLearningConfig c;
        c.rOnHz = c.rOffHz = r;
        c.dtMs = dtMs;
        for (std::uint32_t i = 0; i < inputs; ++i) {
            c.initialQOnHz.push_back(15.0 + i);
            c.initialQOffHz.push_back(12.0 + i);
        }
        DeneveLearningNeuron neuron(c);
        std::vector<std::uint32_t> spikes;
        std::int64_t step = 0;
        auto mae = [&](std::int64_t steps) {
            HmmForwardFilter exact(r, r, qOn, qOff, inputs, dtMs);
            exact.reset(neuron.logOdds());
            double sum = 0.0;
            for (std::int64_t k = 0; k < steps; ++k, ++step) {
                spikes.clear();
                source->step(step, spikes);
                neuron.step(spikes);
                sum +=
                    std::abs(neuron.probability() - exact.update(static_cast<std::uint32_t>(spikes.size())));
            }
            return sum / static_cast<double>(steps);
        };
        neuron.setLearning(false);
        const double before = mae(10000);
        neuron.setLearning(true);
        for (std::int64_t k = 0; k < 200000; ++k, ++step) {
            spikes.clear();
            source->step(step, spikes);
            neuron.step(spikes);
        }
        double meanW = 0.0, worst = 0.0;
        for (std::uint32_t i = 0; i < inputs; ++i) {
            meanW += neuron.weight(i) / inputs;
            worst = std::max(worst, std::abs(neuron.weight(i) - std::log(qOn / qOff)));
        }
        neuron.setLearning(false);
        const double after = mae(10000);
        std::printf("%6d | %12.3f | %12.3f | %10.1f | %16.4f | %15.4f\n", seed, meanW, worst,
                    neuron.thetaHz(), before, after);
    }
}

void hierarchy(int seeds, double seconds) {
    std::printf(
        "\n2. Two-layer network of Deneve neurons vs the exact joint filter (top 0.5/0.5 Hz; lower on/off "
        "2/8 Hz if y=0, 8/2 Hz if y=1; 20 inputs per lower at 40/10 Hz; eta 2; dt 1 ms; %.0f s)\n",
        seconds);
    std::printf("%6s | %4s | %13s | %15s | %20s | %20s | %11s | %15s\n", "lowers", "seed", "top MAE",
                "lower MAE (mean)", "lower MAE, no top-down", "exact top vs truth", "top Hz",
                "lower Hz (each)");
    const auto steps = static_cast<std::int64_t>(seconds * 1000.0);
    for (std::uint32_t lowers = 2; lowers <= 4; ++lowers) {
        double meanTop = 0.0, meanLower = 0.0, meanAblated = 0.0;
        for (int seed = 1; seed <= seeds; ++seed) {
            HierarchicalHmmParams p;
            p.lowers = lowers;
            const DeneveHierarchyScore e = scoreDeneveHierarchy(p, static_cast<std::uint64_t>(seed), steps);
            const double ablated =
                scoreDeneveHierarchy(p, static_cast<std::uint64_t>(seed), steps, 2.0, false).lowerMae;
            meanTop += e.topMae / seeds;
            meanAblated += ablated / seeds;
            meanLower += e.lowerMae / seeds;
            std::printf("%6u | %4d | %13.4f | %15.4f | %20.4f | %20.3f | %11.1f | %15.1f\n", lowers, seed,
                        e.topMae, e.lowerMae, ablated, e.exactTopVsTruth,
                        static_cast<double>(e.topSpikes) / seconds,
                        static_cast<double>(e.lowerSpikes) / seconds / lowers);
        }
        std::printf("%6u | %4s | %13.4f | %15.4f | %20.4f |\n", lowers, "mean", meanTop, meanLower,
                    meanAblated);
    }
}

} // namespace

int main(int argc, char** argv) {
    const int seeds = argc > 1 ? std::atoi(argv[1]) : 5;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 60.0;
    if (seeds < 1 || seeds > 1000 || !(seconds > 0.0 && seconds <= 3600.0)) {
        std::fprintf(stderr, "usage: bench_deneve_bayesian [seeds 1..1000] [hierarchy seconds (0, 3600]]\n");
        return 2;
    }
    learning(seeds);
    hierarchy(seeds, seconds);
    return 0;
}
