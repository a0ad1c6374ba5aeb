#include "core/sim/simulation.h"

#include "core/neurons/neuron_registry.h"
#include "core/predictive/hmm_forward_filter.h"
#include "core/runtime/steppable_run.h"
#include "core/sim/connectivity_builder.h"
#include "core/sim/dataset_input.h"
#include "core/sim/seeded_streams.h"
#include "core/sim/step_workers.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace pulselab::core {

namespace {
constexpr std::int64_t kFiniteCheckInterval = 64;
constexpr double kRateFilterMs = 20.0;

std::uint64_t physicalMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0
               ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize)
               : (std::uint64_t{8} << 30);
}
} // namespace

struct Simulation::Population {
    const PopulationSpec* spec = nullptr;
    std::unique_ptr<NeuronKernel> kernel;
    std::uint32_t size = 0;
    std::uint32_t firstNeuron = 0;
    std::vector<float> ringExcitatory, ringInhibitory;   // [ring slot][neuron]
    std::vector<std::uint32_t> spikes;                   // this step
    std::vector<std::vector<std::uint32_t>> shareSpikes; // this step, per thread's neuron range
    std::vector<std::uint64_t> counts;
    struct Current {
        bool ramp = false;
        double amplitude = 0, amplitudeEnd = 0, startMs = 0, stopMs = 0;
    };
    std::vector<Current> currents; // parsed once: the step loop must not allocate
    StepInput input;               // this step's input (ring slot and external current)
    std::mt19937_64 rng;
    double filteredRateHz = 0.0;
};

struct Simulation::Input {
    const InputSpec* spec = nullptr;
    std::unique_ptr<InputGenerator> generator;
    std::uint32_t firstNeuron = 0;
    std::vector<std::uint32_t> spikes;
    std::vector<std::uint64_t> counts;
    std::optional<HmmForwardFilter> filter; // hmm_poisson inputs: the exact posterior, as ground truth
};

struct Simulation::Projection {
    const ProjectionSpec* spec = nullptr;
    SynapseTable table;
    bool fromInput = false;
    std::size_t source = 0;
    std::size_t target = 0;
    bool inhibitory = false;
    // Dense storage (target x source, column-major: a spike adds one contiguous column), one delay.
    bool dense = false;
    Eigen::MatrixXf denseWeights;
    std::uint32_t denseDelay = 0;
    std::uint64_t denseSynapses = 0;                // non-zero entries
    std::vector<std::uint32_t> denseColumnSynapses; // non-zero entries per source (synaptic events)
    // STDP (Song, Miller & Abbott 2000): exponential pre and post traces, local to each synapse's ends.
    bool plastic = false;
    float preDecay = 1.0f, postDecay = 1.0f, aPlus = 0.0f, aMinus = 0.0f, wMin = 0.0f, wMax = 0.0f;
    std::vector<float> preTrace, postTrace;
    std::vector<std::uint64_t> incomingStart;   // per target neuron, into incomingSynapse
    std::vector<std::uint64_t> incomingSynapse; // synapse index
    std::vector<std::uint32_t> incomingSource;  // its source neuron
};

Simulation::~Simulation() = default;

MemoryEstimate Simulation::estimateMemory(const NetworkSpec& network) {
    MemoryEstimate e;
    std::uint32_t maxDelay = 0;
    for (const auto& pr : network.projections) {
        const double synapses =
            expectedSynapses(pr, network.sizeOf(pr.source),
                             network.population(pr.target) ? network.population(pr.target)->size : 0);
        const std::uint32_t targetSize =
            network.population(pr.target) ? network.population(pr.target)->size : 0;
        if (usesDenseStorage(pr, network.sizeOf(pr.source), targetSize))
            e.synapseBytes += static_cast<std::uint64_t>(network.sizeOf(pr.source)) * targetSize * 4;
        else
            e.synapseBytes +=
                static_cast<std::uint64_t>(synapses * 8.0) + (network.sizeOf(pr.source) + 1ull) * 8;
        if (!pr.plasticity.empty())
            e.synapseBytes += static_cast<std::uint64_t>(synapses * 12.0);
        const double d = pr.delaySteps.kind == "constant"  ? pr.delaySteps.a
                         : pr.delaySteps.kind == "uniform" ? pr.delaySteps.b
                                                           : pr.delaySteps.a + 4 * pr.delaySteps.b;
        maxDelay = std::max(maxDelay, static_cast<std::uint32_t>(std::clamp(d, 0.0, 255.0)));
    }
    for (const auto& p : network.populations) {
        e.neuronBytes += p.size * 24ull;
        e.bufferBytes += 2ull * (maxDelay + 2) * p.size * sizeof(float);
    }
    for (const auto& in : network.inputs)
        e.neuronBytes += in.size * 16ull;
    return e;
}

std::unique_ptr<Simulation> Simulation::build(const NetworkSpec& network, std::string& error,
                                              const BuildLimits& limits) {
    const std::vector<Problem> problems = validate(network);
    if (!problems.empty()) {
        std::ostringstream message;
        message << "the network has " << problems.size() << " problem(s):";
        for (const Problem& p : problems)
            message << "\n  " << p.message();
        error = message.str();
        return nullptr;
    }
    const MemoryEstimate estimate = estimateMemory(network);
    const std::uint64_t limit = limits.maxBytes ? limits.maxBytes : physicalMemory() / 4 * 3;
    if (estimate.total() > limit) {
        std::ostringstream message;
        message << "the network would need about " << estimate.total() / (1 << 20) << " MiB ("
                << estimate.synapseBytes / (1 << 20) << " MiB of synapses, "
                << estimate.neuronBytes / (1 << 20) << " MiB of neuron state, "
                << estimate.bufferBytes / (1 << 20) << " MiB of delay buffers), more than the "
                << limit / (1 << 20) << " MiB allowed; nothing was allocated";
        error = message.str();
        return nullptr;
    }

    std::unique_ptr<Simulation> sim(new Simulation);
    sim->m_network = network;
    const NetworkSpec& net = sim->m_network;
    const double dt = net.run.dtMs;
    std::uint32_t global = 0;
    for (const auto& spec : net.populations) {
        auto pop = std::make_unique<Population>();
        pop->spec = &spec;
        pop->size = spec.size;
        pop->firstNeuron = global;
        global += spec.size;
        pop->kernel = findNeuronModel(spec.model)->create(spec.size, spec.parameters, dt);
        for (const auto& c : net.currents) {
            if (c.target != spec.name)
                continue;
            const ParameterMap p = withDefaults(currentSchema(), c.parameters);
            pop->currents.push_back({c.kind == "ramp", p.at("amplitude"), p.at("amplitude_end"),
                                     p.at("start_ms"), p.at("stop_ms")});
        }
        sim->m_populations.push_back(std::move(pop));
    }
    for (const auto& spec : net.inputs) {
        auto in = std::make_unique<Input>();
        in->spec = &spec;
        in->firstNeuron = global;
        global += spec.size;
        try {
            in->generator = makeInputGenerator(spec, dt, net.run.seed);
        } catch (const std::exception& e) { // a dataset that cannot be read
            error = e.what();
            return nullptr;
        }
        sim->m_inputs.push_back(std::move(in));
    }
    auto indexOfPopulation = [&](const std::string& name) {
        for (std::size_t i = 0; i < net.populations.size(); ++i)
            if (net.populations[i].name == name)
                return i;
        return std::size_t{0};
    };
    std::uint32_t maxDelay = 0;
    for (const auto& spec : net.projections) {
        auto pr = std::make_unique<Projection>();
        pr->spec = &spec;
        pr->fromInput = net.population(spec.source) == nullptr;
        if (pr->fromInput) {
            for (std::size_t i = 0; i < net.inputs.size(); ++i)
                if (net.inputs[i].name == spec.source)
                    pr->source = i;
        } else {
            pr->source = indexOfPopulation(spec.source);
        }
        pr->target = indexOfPopulation(spec.target);
        pr->inhibitory = spec.receptor == "inhibitory";
        std::mt19937_64 rng = streamFor(net.run.seed, spec.name, 7);
        const std::uint32_t sourceSize = net.sizeOf(spec.source);
        const std::uint32_t targetSize = net.population(spec.target)->size;
        pr->table = buildSynapses(spec, sourceSize, targetSize, rng);
        maxDelay = std::max(maxDelay, pr->table.maxDelay());
        if (usesDenseStorage(spec, sourceSize, targetSize)) {
            pr->dense = true;
            pr->denseDelay = pr->table.size() ? SynapseTable::delayOf(pr->table.packed[0]) : 0;
            pr->denseWeights = Eigen::MatrixXf::Zero(targetSize, sourceSize);
            for (std::uint32_t s = 0; s < sourceSize; ++s)
                for (std::uint64_t k = pr->table.rowStart[s]; k < pr->table.rowStart[s + 1]; ++k)
                    pr->denseWeights(SynapseTable::targetOf(pr->table.packed[k]), s) += pr->table.weight[k];
            pr->denseColumnSynapses.resize(sourceSize);
            for (std::uint32_t s = 0; s < sourceSize; ++s) {
                pr->denseColumnSynapses[s] =
                    static_cast<std::uint32_t>((pr->denseWeights.col(s).array() != 0.0f).count());
                pr->denseSynapses += pr->denseColumnSynapses[s];
            }
            pr->table = SynapseTable{}; // rebuilt from the matrix only if someone asks (synapses())
        }
        if (spec.plasticity == "stdp") {
            const ParameterMap p = withDefaults(stdpSchema(), spec.plasticityParameters);
            pr->plastic = true;
            pr->preDecay = static_cast<float>(std::exp(-dt / p.at("tau_plus_ms")));
            pr->postDecay = static_cast<float>(std::exp(-dt / p.at("tau_minus_ms")));
            pr->aPlus = static_cast<float>(p.at("a_plus"));
            pr->aMinus = static_cast<float>(p.at("a_minus"));
            pr->wMin = static_cast<float>(p.at("w_min"));
            pr->wMax = static_cast<float>(p.at("w_max"));
            pr->preTrace.assign(sourceSize, 0.0f);
            pr->postTrace.assign(targetSize, 0.0f);
            // Column index: for each target neuron, its incoming synapses (for potentiation on post spikes).
            pr->incomingStart.assign(targetSize + 1ull, 0);
            for (std::uint32_t word : pr->table.packed)
                ++pr->incomingStart[SynapseTable::targetOf(word) + 1];
            for (std::size_t i = 1; i < pr->incomingStart.size(); ++i)
                pr->incomingStart[i] += pr->incomingStart[i - 1];
            pr->incomingSynapse.resize(pr->table.size());
            pr->incomingSource.resize(pr->table.size());
            std::vector<std::uint64_t> fill(pr->incomingStart.begin(), pr->incomingStart.end() - 1);
            for (std::uint32_t s = 0; s < sourceSize; ++s)
                for (std::uint64_t k = pr->table.rowStart[s]; k < pr->table.rowStart[s + 1]; ++k) {
                    const std::uint64_t slot = fill[SynapseTable::targetOf(pr->table.packed[k])]++;
                    pr->incomingSynapse[slot] = k;
                    pr->incomingSource[slot] = s;
                }
        }
        sim->m_projections.push_back(std::move(pr));
    }
    sim->m_ringSize = maxDelay + 2;
    std::uint64_t neurons = 0;
    for (const auto& pop : net.populations)
        neurons += pop.size;
    const std::uint64_t affordable = limits.minNeuronsPerThread > 0
                                         ? std::max<std::uint64_t>(1, neurons / limits.minNeuronsPerThread)
                                         : 256;
    sim->m_workers = std::make_unique<StepWorkers>(
        static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(net.run.threads), affordable)));
    sim->m_shareEvents.resize(static_cast<std::size_t>(sim->m_workers->threads()));
    for (auto& pop : sim->m_populations)
        pop->shareSpikes.resize(static_cast<std::size_t>(sim->m_workers->threads()));
    sim->reset();
    return sim;
}

void Simulation::reset() {
    m_step = 0;
    m_totalSpikes = 0;
    m_synapticEvents = 0;
    for (auto& pop : m_populations) {
        pop->rng = streamFor(m_network.run.seed, pop->spec->name);
        pop->kernel->reset(pop->rng);
        pop->ringExcitatory.assign(static_cast<std::size_t>(m_ringSize) * pop->size, 0.0f);
        pop->ringInhibitory.assign(static_cast<std::size_t>(m_ringSize) * pop->size, 0.0f);
        pop->counts.assign(pop->size, 0);
        pop->filteredRateHz = 0.0;
    }
    for (auto& in : m_inputs) {
        in->generator->reset();
        in->counts.assign(in->spec->size, 0);
        if (in->spec->kind == "hmm_poisson") {
            const ParameterMap p = withDefaults(hmmInputSchema(), in->spec->parameters);
            in->filter.emplace(p.at("r_on_hz"), p.at("r_off_hz"), p.at("q_on_hz"), p.at("q_off_hz"),
                               in->spec->size, m_network.run.dtMs);
        }
    }
}

RunLayout Simulation::layout() const {
    RunLayout layout;
    layout.dtMs = m_network.run.dtMs;
    for (const auto& pop : m_populations)
        layout.populations.push_back({pop->spec->name, pop->size, pop->firstNeuron});
    for (const auto& in : m_inputs)
        layout.populations.push_back({in->spec->name, in->spec->size, in->firstNeuron});
    int latent = 0;
    for (const auto& probe : m_network.probes) {
        const PopulationSpec* target = m_network.population(probe.target);
        if (probe.kind == "rate") {
            layout.scalarSignals.push_back({probe.target + " rate", SignalKind::PopulationRate, 0, "Hz"});
        } else if (probe.kind == "variable" && target) {
            const bool belief = target->model == "bayesian_deneve" && probe.variable == "p";
            for (std::uint32_t n : probe.neurons)
                layout.scalarSignals.push_back(
                    {probe.target + "." + probe.variable + "[" + std::to_string(n) + "]",
                     belief ? SignalKind::BeliefMean : SignalKind::StateTrace, belief ? latent++ : 0, ""});
        }
    }
    int truthGroup = 0;
    for (const auto& in : m_inputs) {
        if (in->spec->kind != "hmm_poisson")
            continue;
        layout.scalarSignals.push_back(
            {in->spec->name + ": hidden cause x", SignalKind::BeliefTruth, truthGroup, ""});
        layout.scalarSignals.push_back(
            {in->spec->name + ": exact filter P(x=1)", SignalKind::BeliefMean, latent + truthGroup, ""});
        layout.scalarSignals.push_back(
            {in->spec->name + ": hidden cause x ", SignalKind::BeliefTruth, latent + truthGroup, ""});
        ++truthGroup;
    }
    return layout;
}

namespace {
/// Flushes subnormal floats to zero while the engine steps (FTZ/DAZ): decaying synaptic currents otherwise
/// turn subnormal and slow the neuron loop several-fold. Restores the caller's mode on exit.
class FlushSubnormals {
public:
#if defined(__SSE2__)
    FlushSubnormals() : m_saved(_mm_getcsr()) {
        _mm_setcsr(m_saved | 0x8040);
    }
    ~FlushSubnormals() {
        _mm_setcsr(m_saved);
    }

private:
    unsigned m_saved;
#endif
};
} // namespace

void Simulation::advance(std::int64_t steps, RunSnapshot* out) {
    const FlushSubnormals flush;
    for (std::int64_t k = 0; k < steps; ++k) {
        stepOnce(out);
        if (m_step % kFiniteCheckInterval == 0)
            checkFinite();
    }
    checkFinite();
}

void Simulation::updateNeurons(int share) {
    const int shares = m_workers->threads();
    for (auto& pop : m_populations) {
        auto [begin, end] = shareOf(pop->size, shares, share);
        std::vector<std::uint32_t>& spikes = pop->shareSpikes[static_cast<std::size_t>(share)];
        spikes.clear();
        if (begin == end)
            continue;
        pop->kernel->step(pop->input, begin, end, spikes);
        // The slot just read is the one delay (ring size - 1) will write into next: clear this range of it.
        float* e = pop->ringExcitatory.data() + m_slot * pop->size;
        float* i = pop->ringInhibitory.data() + m_slot * pop->size;
        std::fill(e + begin, e + end, 0.0f);
        std::fill(i + begin, i + end, 0.0f);
    }
}

void Simulation::deliverShare(int share) {
    const int shares = m_workers->threads();
    std::uint64_t events = 0;
    for (auto& pr : m_projections) {
        const Population& target = *m_populations[pr->target];
        auto [begin, end] = shares == 1 ? std::pair<std::uint32_t, std::uint32_t>{0, target.size}
                                        : shareOf(target.size, shares, share);
        if (begin == end)
            continue;
        const std::vector<std::uint32_t>& pre =
            pr->fromInput ? m_inputs[pr->source]->spikes : m_populations[pr->source]->spikes;
        const float* payloads = pr->fromInput ? nullptr : m_populations[pr->source]->kernel->spikePayloads();
        deliver(*pr, pre, payloads, begin, end, events);
    }
    m_shareEvents[static_cast<std::size_t>(share)].events += events;
}

void Simulation::stepOnce(RunSnapshot* out) {
    m_slot = static_cast<std::size_t>(m_step % m_ringSize);
    const double tMs = static_cast<double>(m_step) * m_network.run.dtMs;
    for (auto& pop : m_populations) {
        double current = 0.0;
        for (const Population::Current& c : pop->currents) {
            if (tMs < c.startMs || tMs >= c.stopMs)
                continue;
            double amplitude = c.amplitude;
            if (c.ramp && c.stopMs > c.startMs && std::isfinite(c.stopMs))
                amplitude += (c.amplitudeEnd - amplitude) * (tMs - c.startMs) / (c.stopMs - c.startMs);
            current += amplitude;
        }
        pop->input = {pop->ringExcitatory.data() + m_slot * pop->size,
                      pop->ringInhibitory.data() + m_slot * pop->size, static_cast<float>(current)};
    }
    m_workers->run([this](int share) { updateNeurons(share); });
    for (auto& pop : m_populations) {
        pop->spikes.clear();
        for (const auto& part : pop->shareSpikes)
            pop->spikes.insert(pop->spikes.end(), part.begin(), part.end());
    }
    for (auto& in : m_inputs) {
        in->spikes.clear();
        in->generator->step(m_step, in->spikes);
        if (in->filter)
            in->filter->update(static_cast<std::uint32_t>(in->spikes.size()));
    }
    m_workers->run([this](int share) { deliverShare(share); });
    for (ShareCounter& c : m_shareEvents) {
        m_synapticEvents += c.events;
        c.events = 0;
    }
    // Plasticity after all deliveries: a projection's learning changes only its own weights, which it has
    // already delivered this step.
    for (auto& pr : m_projections) {
        if (!pr->plastic)
            continue;
        const std::vector<std::uint32_t>& pre =
            pr->fromInput ? m_inputs[pr->source]->spikes : m_populations[pr->source]->spikes;
        applyPlasticity(*pr, pre, m_populations[pr->target]->spikes);
    }
    const double rateDecay = std::exp(-m_network.run.dtMs / kRateFilterMs);
    for (auto& pop : m_populations) {
        for (std::uint32_t n : pop->spikes)
            ++pop->counts[n];
        m_totalSpikes += pop->spikes.size();
        pop->filteredRateHz = pop->filteredRateHz * rateDecay + (1.0 - rateDecay) *
                                                                    static_cast<double>(pop->spikes.size()) /
                                                                    pop->size / (m_network.run.dtMs / 1000.0);
        if (out)
            for (std::uint32_t n : pop->spikes)
                out->spikes.push_back({m_step, pop->firstNeuron + n});
    }
    for (auto& in : m_inputs) {
        for (std::uint32_t n : in->spikes)
            ++in->counts[n];
        if (out)
            for (std::uint32_t n : in->spikes)
                out->spikes.push_back({m_step, in->firstNeuron + n});
    }
    if (out) {
        // Probe samples, in the order of layout().scalarSignals.
        int signal = 0;
        auto sample = [&](double value) {
            if (static_cast<int>(out->samples.size()) <= signal ||
                out->samples[static_cast<std::size_t>(signal)].signal != signal) {
                out->samples.resize(
                    std::max<std::size_t>(out->samples.size(), static_cast<std::size_t>(signal) + 1));
                out->samples[static_cast<std::size_t>(signal)].signal = signal;
            }
            auto& block = out->samples[static_cast<std::size_t>(signal)];
            block.steps.push_back(m_step);
            block.values.push_back(value);
            ++signal;
        };
        for (const auto& probe : m_network.probes) {
            if (probe.kind == "rate") {
                for (const auto& pop : m_populations)
                    if (pop->spec->name == probe.target)
                        sample(pop->filteredRateHz);
            } else if (probe.kind == "variable" && m_network.population(probe.target)) {
                for (std::uint32_t n : probe.neurons)
                    sample(state(probe.target, probe.variable, n));
            }
        }
        for (const auto& in : m_inputs) {
            if (!in->filter)
                continue;
            const double truth = in->generator->hiddenState();
            sample(truth);
            sample(in->filter->probability());
            sample(truth);
        }
    }
    ++m_step;
}

void Simulation::deliver(Projection& pr, const std::vector<std::uint32_t>& spikes, const float* payloads,
                         std::uint32_t begin, std::uint32_t end, std::uint64_t& events) {
    Population& target = *m_populations[pr.target];
    float* ring = pr.inhibitory ? target.ringInhibitory.data() : target.ringExcitatory.data();
    const std::uint32_t n = target.size;
    // Delay 0 is felt at the next step, as in Brian2. The slot wraps with a compare, not a division: an
    // integer modulo per synaptic event would cost more than the addition it schedules.
    const std::uint32_t ringSize = m_ringSize;
    const auto base = static_cast<std::uint32_t>((m_step + 1) % ringSize);
    if (pr.dense) {
        std::uint32_t slot = base + pr.denseDelay;
        slot = slot >= ringSize ? slot - ringSize : slot;
        Eigen::Map<Eigen::VectorXf> cell(ring + static_cast<std::size_t>(slot) * n + begin, end - begin);
        for (std::uint32_t s : spikes) {
            if (payloads)
                cell += pr.denseWeights.col(s).segment(begin, end - begin) * payloads[s];
            else
                cell += pr.denseWeights.col(s).segment(begin, end - begin);
        }
        if (begin == 0) // counted once, by the share holding the first row
            for (std::uint32_t s : spikes)
                events += pr.denseColumnSynapses[s];
        return;
    }
    const std::uint64_t* rowStart = pr.table.rowStart.data();
    const std::uint32_t* packed = pr.table.packed.data();
    const float* weight = pr.table.weight.data();
    const bool whole = begin == 0 && end == n;
    for (std::uint32_t s : spikes) {
        std::uint64_t first = rowStart[s], last = rowStart[s + 1];
        if (!whole) {
            // Rows are sorted by target: this thread's part of the row is one contiguous run.
            auto byTarget = [](std::uint32_t word, std::uint32_t t) {
                return SynapseTable::targetOf(word) < t;
            };
            first = static_cast<std::uint64_t>(
                std::lower_bound(packed + first, packed + last, begin, byTarget) - packed);
            last = static_cast<std::uint64_t>(std::lower_bound(packed + first, packed + last, end, byTarget) -
                                              packed);
        }
        events += last - first;
        const float scale = payloads ? payloads[s] : 1.0f;
        if (payloads) {
            for (std::uint64_t k = first; k < last; ++k) {
                const std::uint32_t word = packed[k];
                std::uint32_t slot = base + SynapseTable::delayOf(word);
                slot = slot >= ringSize ? slot - ringSize : slot;
                ring[static_cast<std::size_t>(slot) * n + SynapseTable::targetOf(word)] += weight[k] * scale;
            }
        } else {
            for (std::uint64_t k = first; k < last; ++k) {
                const std::uint32_t word = packed[k];
                std::uint32_t slot = base + SynapseTable::delayOf(word);
                slot = slot >= ringSize ? slot - ringSize : slot;
                ring[static_cast<std::size_t>(slot) * n + SynapseTable::targetOf(word)] += weight[k];
            }
        }
    }
}

void Simulation::applyPlasticity(Projection& pr, const std::vector<std::uint32_t>& pre,
                                 const std::vector<std::uint32_t>& post) {
    for (float& x : pr.preTrace)
        x *= pr.preDecay;
    for (float& y : pr.postTrace)
        y *= pr.postDecay;
    float* weight = pr.table.weight.data();
    // Each update reads only its synapse's weight, its pre neuron's trace and its post neuron's trace.
    for (std::uint32_t s : pre) {
        for (std::uint64_t k = pr.table.rowStart[s]; k < pr.table.rowStart[s + 1]; ++k) {
            const std::uint32_t t = SynapseTable::targetOf(pr.table.packed[k]);
            weight[k] = std::clamp(weight[k] - pr.aMinus * pr.postTrace[t], pr.wMin, pr.wMax);
        }
        pr.preTrace[s] += 1.0f;
    }
    for (std::uint32_t t : post) {
        for (std::uint64_t j = pr.incomingStart[t]; j < pr.incomingStart[t + 1]; ++j) {
            const std::uint64_t k = pr.incomingSynapse[j];
            weight[k] =
                std::clamp(weight[k] + pr.aPlus * pr.preTrace[pr.incomingSource[j]], pr.wMin, pr.wMax);
        }
        pr.postTrace[t] += 1.0f;
    }
}

void Simulation::checkFinite() const {
    for (const auto& pop : m_populations) {
        std::uint32_t neuron = 0;
        std::string variable;
        if (pop->kernel->findNonFinite(neuron, variable)) {
            std::ostringstream message;
            message << "population '" << pop->spec->name << "', step " << m_step
                    << " (t = " << m_step * m_network.run.dtMs << " ms): state " << variable << " of neuron "
                    << neuron << " became NaN or infinite; the run was stopped";
            throw RunFault(message.str());
        }
    }
}

double Simulation::setParameter(const std::string& target, const std::string& parameter, double value) {
    for (auto& pop : m_populations) {
        if (pop->spec->name != target)
            continue;
        const NeuronModelInfo* model = findNeuronModel(pop->spec->model);
        const ParameterSpec* spec = findParameter(model->parameters, parameter);
        if (!spec)
            throw std::invalid_argument("'" + target + "." + parameter + "': " + pop->spec->model +
                                        " has no such parameter");
        if (auto why = checkParameter(*spec, value))
            throw std::invalid_argument("'" + target + "." + parameter + "': " + *why);
        auto& params = const_cast<PopulationSpec*>(pop->spec)->parameters;
        const double old = withDefaults(model->parameters, params).at(parameter);
        params[parameter] = value;
        pop->kernel->setParameter(parameter, value);
        return old;
    }
    for (auto& in : m_inputs) {
        if (in->spec->name != target)
            continue;
        const auto& schema = in->spec->kind == "hmm_poisson"  ? hmmInputSchema()
                             : isDatasetInput(in->spec->kind) ? datasetInputSchema()
                                                              : poissonInputSchema();
        const ParameterSpec* spec = findParameter(schema, parameter);
        if (!spec)
            throw std::invalid_argument("'" + target + "." + parameter + "': input " + in->spec->kind +
                                        " has no such parameter");
        if (auto why = checkParameter(*spec, value))
            throw std::invalid_argument("'" + target + "." + parameter + "': " + *why);
        auto& params = const_cast<InputSpec*>(in->spec)->parameters;
        const double old = withDefaults(schema, params).at(parameter);
        params[parameter] = value;
        in->generator->setParameter(parameter, value);
        return old;
    }
    throw std::invalid_argument("'" + target + "." + parameter + "': no population or input named '" +
                                target + "'");
}

int Simulation::threads() const {
    return m_workers->threads();
}

std::uint64_t Simulation::neuronCount() const {
    std::uint64_t n = 0;
    for (const auto& pop : m_populations)
        n += pop->size;
    return n;
}

std::uint64_t Simulation::synapseCount() const {
    std::uint64_t n = 0;
    for (const auto& pr : m_projections)
        n += pr->dense ? pr->denseSynapses : pr->table.size();
    return n;
}

const std::vector<std::uint64_t>& Simulation::spikeCounts(const std::string& name) const {
    for (const auto& pop : m_populations)
        if (pop->spec->name == name)
            return pop->counts;
    for (const auto& in : m_inputs)
        if (in->spec->name == name)
            return in->counts;
    throw std::invalid_argument("no population or input named '" + name + "'");
}

double Simulation::state(const std::string& population, const std::string& variable,
                         std::uint32_t neuron) const {
    for (const auto& pop : m_populations)
        if (pop->spec->name == population)
            return pop->kernel->state(variable, neuron);
    return std::nan("");
}

int Simulation::hiddenState(const std::string& input) const {
    for (const auto& in : m_inputs)
        if (in->spec->name == input)
            return in->generator->hiddenState();
    return -1;
}

const SynapseTable& Simulation::synapses(const std::string& projection) const {
    for (const auto& pr : m_projections)
        if (pr->spec->name == projection) {
            if (pr->dense && pr->table.rowStart.empty()) {
                // Dense projections keep only their matrix; the compressed rows are made when first asked.
                const auto sources = static_cast<std::uint32_t>(pr->denseWeights.cols());
                pr->table.rowStart.assign(sources + 1ull, 0);
                for (std::uint32_t s = 0; s < sources; ++s) {
                    for (Eigen::Index t = 0; t < pr->denseWeights.rows(); ++t)
                        if (pr->denseWeights(t, s) != 0.0f) {
                            pr->table.packed.push_back(
                                SynapseTable::pack(static_cast<std::uint32_t>(t), pr->denseDelay));
                            pr->table.weight.push_back(pr->denseWeights(t, s));
                        }
                    pr->table.rowStart[s + 1] = pr->table.packed.size();
                }
            }
            return pr->table;
        }
    throw std::invalid_argument("no projection named '" + projection + "'");
}

} // namespace pulselab::core
