// Simulation: compiling a network document into flat arrays (after validation and the memory check), and
// resetting it to step 0.
#include "core/sim/simulation.h"

#include "core/neurons/neuron_registry.h"
#include "core/sim/connectivity_builder.h"
#include "core/sim/seeded_streams.h"
#include "core/sim/simulation_parts.h"
#include "core/sim/step_workers.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <unistd.h>

namespace pulselab::core {

namespace {
std::uint64_t physicalMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0
               ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize)
               : (std::uint64_t{8} << 30);
}
} // namespace

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
        if (spec.plasticity == "deneve_em") {
            const ParameterMap p = withDefaults(deneveEmSchema(), spec.plasticityParameters);
            pr->deneveEm = true;
            pr->emForget = dt / 1000.0 / p.at("memory_s");
            pr->emFirstOnHz = p.at("q_on_hz");
            pr->emFirstOffHz = p.at("q_off_hz");
            pr->emPriorS = p.at("prior_s"); // counts, weights and theta are set by reset()
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
        pop->allFiringSteps = 0;
        pop->runawayReported = false;
    }
    m_warnings.clear();
    for (auto& in : m_inputs) {
        in->generator->reset();
        in->counts.assign(in->spec->size, 0);
        if (in->spec->kind == "hmm_poisson") {
            const ParameterMap p = withDefaults(hmmInputSchema(), in->spec->parameters);
            in->filter.emplace(p.at("r_on_hz"), p.at("r_off_hz"), p.at("q_on_hz"), p.at("q_off_hz"),
                               in->spec->size, m_network.run.dtMs);
        }
    }
    for (auto& pr : m_projections) {
        if (!pr->deneveEm)
            continue;
        // Back to the first guesses: prior_s seconds of each state at the guessed rates (as
        // DeneveLearningNeuron), every weight log(q_on / q_off), each target's theta their sum.
        const std::size_t synapses = pr->table.size(), targets = m_populations[pr->target]->size;
        pr->emCountOn.assign(synapses, pr->emFirstOnHz * pr->emPriorS);
        pr->emCountOff.assign(synapses, pr->emFirstOffHz * pr->emPriorS);
        std::fill(pr->table.weight.begin(), pr->table.weight.end(),
                  static_cast<float>(std::log(pr->emFirstOnHz / pr->emFirstOffHz)));
        pr->emTimeOn.assign(targets, pr->emPriorS);
        pr->emTimeOff.assign(targets, pr->emPriorS);
        pr->emThetaHz.assign(targets, 0.0);
        pr->emBelief.assign(targets, 0.0);
        for (std::uint32_t word : pr->table.packed)
            pr->emThetaHz[SynapseTable::targetOf(word)] += pr->emFirstOnHz - pr->emFirstOffHz;
        pr->emLastPre.clear();
        pr->emLastPre.reserve(m_network.sizeOf(pr->spec->source));
    }
}

} // namespace pulselab::core
