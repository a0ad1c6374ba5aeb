#pragma once
// A compiled network stepping with a fixed dt. Each step: synaptic input that arrives now is handed to every
// population's kernel (structure-of-arrays state, one call per population share), inputs generate their
// spikes, and every spike is delivered through its projection's synapses -- compressed sparse rows, or an
// Eigen matrix for dense projections -- into per-delay ring buffers of the targets (event-driven: cost
// follows spikes x fan-out, not synapse count). STDP updates weights from pre/post traces.
//
// With run.threads = T > 1 every population is split into T contiguous neuron ranges: each thread updates its
// range, then delivers every spike's synapses that land in its range of each target. Each ring cell then
// receives its additions in the same order as with one thread, so the same seed gives the same spikes bit for
// bit whatever T is.
#include "core/model/network_spec.h"
#include "core/neurons/neuron_kernel.h"
#include "core/runtime/run_snapshot.h"
#include "core/sim/input_generators.h"
#include "core/sim/synapse_table.h"

#include <memory>
#include <string>
#include <vector>

namespace pulselab::core {

class StepWorkers;

struct BuildLimits {
    /// Refuse networks whose estimated memory exceeds this; 0 = three quarters of the physical memory.
    std::uint64_t maxBytes = 0;
    /// Use fewer threads than run.threads asks for when a thread would get fewer neurons than this: below
    /// it, handing each step's two phases between threads costs more than the work shared (measured in
    /// bench/bench_engine: CUBA's 4,000 neurons run 3x slower on 2 threads). Spikes are identical either way.
    std::uint32_t minNeuronsPerThread = 16384;
};

struct MemoryEstimate {
    std::uint64_t neuronBytes = 0;
    std::uint64_t synapseBytes = 0;
    std::uint64_t bufferBytes = 0;
    std::uint64_t total() const { return neuronBytes + synapseBytes + bufferBytes; }
};

class Simulation {
public:
    /// Builds the network, or returns nullptr with `error` saying why (invalid network, or too large: with
    /// the estimate and the limit).
    static std::unique_ptr<Simulation> build(const NetworkSpec& network, std::string& error,
                                             const BuildLimits& limits = {});
    static MemoryEstimate estimateMemory(const NetworkSpec& network);

    /// Advances `steps` steps; appends spikes (global ids) and probe samples to `out` when given. Throws
    /// RunFault naming the population, step, neuron and variable when a state becomes NaN or infinite.
    void advance(std::int64_t steps, RunSnapshot* out);

    std::int64_t currentStep() const { return m_step; }
    /// Threads actually stepping the network (run.threads, fewer for small networks: see BuildLimits).
    int threads() const;
    double dtMs() const { return m_network.run.dtMs; }
    const NetworkSpec& network() const { return m_network; }
    RunLayout layout() const;

    /// Changes a population's or input's parameter; returns the old value. Throws std::invalid_argument.
    double setParameter(const std::string& target, const std::string& parameter, double value);

    std::uint64_t neuronCount() const;
    std::uint64_t synapseCount() const;
    std::uint64_t totalSpikes() const { return m_totalSpikes; }
    std::uint64_t synapticEvents() const { return m_synapticEvents; }
    /// Warnings raised since the start (runaway firing: every neuron of a population firing on every one
    /// of kRunawaySteps consecutive steps), each naming the population, the step and the cause. The run
    /// goes on; with a snapshot, advance() also appends them to its `warnings`.
    const std::vector<std::string>& warnings() const { return m_warnings; }
    static constexpr std::int64_t kRunawaySteps = 100;
    /// Spikes per neuron since the start, for one population or input (for Loihi accounting).
    const std::vector<std::uint64_t>& spikeCounts(const std::string& name) const;
    /// State variable of a population's neuron.
    double state(const std::string& population, const std::string& variable, std::uint32_t neuron) const;
    /// Hidden state of an hmm_poisson input at the last step (-1 if none).
    int hiddenState(const std::string& input) const;
    const SynapseTable& synapses(const std::string& projection) const;

private:
    struct Population;
    struct Input;
    struct Projection;
    Simulation() = default;
    void reset();
    void stepOnce(RunSnapshot* out);
    void updateNeurons(int share);
    void deliverShare(int share);
    void deliver(Projection& projection, const std::vector<std::uint32_t>& spikes, const float* payloads,
                 std::uint32_t begin, std::uint32_t end, std::uint64_t& events);
    void applyPlasticity(Projection& projection, const std::vector<std::uint32_t>& pre,
                         const std::vector<std::uint32_t>& post);
    void applyDeneveEm(Projection& projection, const std::vector<std::uint32_t>& pre);
    void checkFinite() const;
    void noticeRunaway(Population& population, RunSnapshot* out);

    NetworkSpec m_network;
    std::vector<std::unique_ptr<Population>> m_populations;
    std::vector<std::unique_ptr<Input>> m_inputs;
    std::vector<std::unique_ptr<Projection>> m_projections;
    std::int64_t m_step = 0;
    std::uint64_t m_totalSpikes = 0;
    std::uint64_t m_synapticEvents = 0;
    std::vector<std::string> m_warnings;
    std::uint32_t m_ringSize = 2;
    std::size_t m_slot = 0; // ring slot of the step being taken
    std::unique_ptr<StepWorkers> m_workers;
    struct alignas(64) ShareCounter {
        std::uint64_t events = 0;
    };
    std::vector<ShareCounter> m_shareEvents;

public:
    ~Simulation();
};

} // namespace pulselab::core
