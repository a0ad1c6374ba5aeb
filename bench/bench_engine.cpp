// Engine speed and memory: the CUBA benchmark (4000 neurons, 1 s at dt = 0.1 ms, one and two threads) timed
// over several repetitions, and a scale test (many neurons x 100 synapses each, one and two threads)
// reporting synaptic events per second and bytes per synapse. The same seed gives the same spike count on
// every row pair: threads change speed only. Prints a table; bench/run_engine_bench.sh puts Brian2's figures
// beside it.
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <pmmintrin.h>
#include <string>
#include <vector>
#include <xmmintrin.h>

using namespace pulselab::core;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

struct Result {
    double buildSeconds, loopSeconds;
    std::uint64_t spikes, events, synapses;
};

Result runOnce(const NetworkSpec& net, std::int64_t steps) {
    std::string error;
    const auto t0 = Clock::now();
    BuildLimits limits;
    limits.minNeuronsPerThread = 0; // measure the threads asked for, even where they do not pay
    auto sim = Simulation::build(net, error, limits);
    if (!sim) {
        std::fprintf(stderr, "%s\n", error.c_str());
        std::exit(1);
    }
    const auto t1 = Clock::now();
    // Spikes are stored, as Brian2's SpikeMonitor stores them in the reference run.
    RunSnapshot out;
    sim->advance(steps, &out);
    const auto t2 = Clock::now();
    return {seconds(t0, t1), seconds(t1, t2), sim->totalSpikes(), sim->synapticEvents(), sim->synapseCount()};
}

NetworkSpec scaleNetwork(std::uint32_t neurons, std::uint32_t synapsesPerNeuron) {
    NetworkSpec net;
    net.run.dtMs = 0.1;
    // CUBA-like balanced network at scale: 80 % excitatory, 20 % inhibitory, weights scaled to the fan-in.
    const std::uint32_t exc = neurons / 5 * 4, inh = neurons - exc;
    net.populations.push_back({"exc", "lif_cuba", exc, {}});
    net.populations.push_back({"inh", "lif_cuba", inh, {}});
    const double p = static_cast<double>(synapsesPerNeuron) / neurons;
    const double scale = 80.0 / synapsesPerNeuron;
    for (const char* source : {"exc", "inh"})
        for (const char* target : {"exc", "inh"}) {
            ProjectionSpec pr;
            pr.name = std::string(source) + "_" + target;
            pr.source = source;
            pr.target = target;
            pr.connectivity = "fixed_probability";
            pr.probability = p;
            const bool e = std::string(source) == "exc";
            pr.receptor = e ? "excitatory" : "inhibitory";
            pr.weight = {"constant", (e ? 1.62 : -9.0) * scale, 0.0};
            net.projections.push_back(pr);
        }
    return net;
}

} // namespace

int main(int argc, char** argv) {
    // Flush subnormals to zero: decaying synaptic currents otherwise become subnormal and slow the loop.
    _mm_setcsr(_mm_getcsr() | 0x8040);
    const int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
    // Optional second argument: a file to write the CUBA loop times into (read by run_engine_bench.sh).
    const char* summaryPath = argc > 2 ? argv[2] : nullptr;
    const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
    if (!load.project) {
        std::fprintf(stderr, "%s\n", load.error.c_str());
        return 1;
    }
    std::printf(
        "| benchmark | threads | neurons | synapses | simulated | build s | loop s | spikes | events/s |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    std::FILE* summary = summaryPath ? std::fopen(summaryPath, "w") : nullptr;
    for (int threads : {1, 2}) {
        NetworkSpec net = load.project->network;
        net.run.threads = threads;
        std::vector<double> loops;
        Result cuba{};
        for (int r = 0; r < repetitions; ++r) {
            cuba = runOnce(net, 10000);
            loops.push_back(cuba.loopSeconds);
        }
        std::sort(loops.begin(), loops.end());
        const double median = loops[loops.size() / 2];
        std::printf(
            "| CUBA (median of %d, min %.4f) | %d | 4000 | %llu | 1.0 s | %.3f | %.4f | %llu | %.3g |\n",
            repetitions, loops.front(), threads, static_cast<unsigned long long>(cuba.synapses),
            cuba.buildSeconds, median, static_cast<unsigned long long>(cuba.spikes), cuba.events / median);
        if (summary)
            std::fprintf(summary, "cuba_loop_seconds_%dt %.6f\ncuba_spikes_%dt %llu\n", threads, median,
                         threads, static_cast<unsigned long long>(cuba.spikes));
    }
    if (summary)
        std::fclose(summary);
    for (auto [neurons, simulatedSteps] : {std::pair<std::uint32_t, std::int64_t>{100'000, 10000},
                                           std::pair<std::uint32_t, std::int64_t>{1'000'000, 1000}}) {
        for (int threads : {1, 2}) {
            NetworkSpec net = scaleNetwork(neurons, 100);
            net.run.threads = threads;
            const Result r = runOnce(net, simulatedSteps);
            std::printf(
                "| scale, %u x 100 synapses | %d | %u | %llu | %.1f s | %.2f | %.3f | %llu | %.3g |\n",
                neurons, threads, neurons, static_cast<unsigned long long>(r.synapses),
                simulatedSteps * 0.1 / 1000.0, r.buildSeconds, r.loopSeconds,
                static_cast<unsigned long long>(r.spikes), r.events / r.loopSeconds);
            if (threads == 1) {
                const double bytesPerSynapse = 8.0 + 8.0 * (neurons + 4.0) / static_cast<double>(r.synapses);
                std::printf(
                    "|   memory | | | | | | %.2f bytes per synapse (8 per synapse + row index) | | |\n",
                    bytesPerSynapse);
            }
        }
    }
    return 0;
}
