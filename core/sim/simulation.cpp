#include "core/sim/simulation.h"

#include "core/neurons/neuron_registry.h"
#include "core/predictive/deneve_learning.h"
#include "core/predictive/hmm_forward_filter.h"
#include "core/runtime/steppable_run.h"
#include "core/sim/connectivity_builder.h"
#include "core/sim/dataset_input.h"
#include "core/sim/seeded_streams.h"
#include "core/sim/simulation_parts.h"
#include "core/sim/step_workers.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>
#if defined(__SSE2__)
#include <xmmintrin.h>
#endif

namespace pulselab::core {

namespace {
constexpr std::int64_t kFiniteCheckInterval = 64;
constexpr double kRateFilterMs = 20.0;
} // namespace

Simulation::~Simulation() = default;

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
        if (!pr->plastic && !pr->deneveEm)
            continue;
        const std::vector<std::uint32_t>& pre =
            pr->fromInput ? m_inputs[pr->source]->spikes : m_populations[pr->source]->spikes;
        if (pr->deneveEm)
            applyDeneveEm(*pr, pre);
        else
            applyPlasticity(*pr, pre, m_populations[pr->target]->spikes);
    }
    const double rateDecay = std::exp(-m_network.run.dtMs / kRateFilterMs);
    for (auto& pop : m_populations) {
        for (std::uint32_t n : pop->spikes)
            ++pop->counts[n];
        m_totalSpikes += pop->spikes.size();
        noticeRunaway(*pop, out);
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

void Simulation::applyDeneveEm(Projection& pr, const std::vector<std::uint32_t>& pre) {
    // Online EM of Deneve 2008 part II, the rule of DeneveLearningNeuron::learnSynapse: each synapse's counts
    // see only its own pre spike and its target's belief; each target's time sums only its own belief. The
    // belief the targets hold now has felt the previous step's pre spikes (delay 0 arrives one step later),
    // so those are the spikes paired with it.
    Population& target = *m_populations[pr.target];
    const double dtS = m_network.run.dtMs / 1000.0, forget = pr.emForget;
    std::vector<double>& belief = pr.emBelief; // sized by reset(): the step loop does not allocate
    for (std::uint32_t t = 0; t < target.size; ++t) {
        belief[t] = target.kernel->state("p", t);
        pr.emTimeOn[t] += belief[t] * dtS - forget * pr.emTimeOn[t];
        pr.emTimeOff[t] += (1.0 - belief[t]) * dtS - forget * pr.emTimeOff[t];
        pr.emThetaHz[t] = 0.0;
    }
    std::size_t next = 0; // emLastPre is sorted: walk it alongside the rows
    float* weight = pr.table.weight.data();
    for (std::uint32_t s = 0; s + 1 < pr.table.rowStart.size(); ++s) {
        while (next < pr.emLastPre.size() && pr.emLastPre[next] < s)
            ++next;
        const bool fired = next < pr.emLastPre.size() && pr.emLastPre[next] == s;
        for (std::uint64_t k = pr.table.rowStart[s]; k < pr.table.rowStart[s + 1]; ++k) {
            const std::uint32_t t = SynapseTable::targetOf(pr.table.packed[k]);
            const auto counts = DeneveLearningNeuron::learnSynapse({pr.emCountOn[k], pr.emCountOff[k]}, fired,
                                                                   belief[t], forget);
            pr.emCountOn[k] = counts.whileOn;
            pr.emCountOff[k] = counts.whileOff;
            const double on = DeneveLearningNeuron::rateHz(counts.whileOn, pr.emTimeOn[t]);
            const double off = DeneveLearningNeuron::rateHz(counts.whileOff, pr.emTimeOff[t]);
            weight[k] = static_cast<float>(std::log(on / off));
            pr.emThetaHz[t] += on - off;
        }
    }
    // The silence evidence -theta dt reaches each target at the next step, like a delay-0 synapse.
    float* ring = pr.inhibitory ? target.ringInhibitory.data() : target.ringExcitatory.data();
    const std::size_t slot = static_cast<std::size_t>((m_step + 1) % m_ringSize);
    for (std::uint32_t t = 0; t < target.size; ++t)
        ring[slot * target.size + t] -= static_cast<float>(pr.emThetaHz[t] * dtS);
    pr.emLastPre.assign(pre.begin(), pre.end());
}

void Simulation::noticeRunaway(Population& pop, RunSnapshot* out) {
    pop.allFiringSteps = pop.spikes.size() == pop.size ? pop.allFiringSteps + 1 : 0;
    if (pop.allFiringSteps < kRunawaySteps || pop.runawayReported)
        return;
    // Every neuron at its maximum rate (one spike per step) for this long is almost never intended: the
    // usual causes are a threshold below rest, a bias far too strong, or recurrent excitation without
    // inhibition. Warn once; the run goes on (a person may be testing saturation on purpose).
    pop.runawayReported = true;
    std::ostringstream message;
    message << "population '" << pop.spec->name << "', step " << m_step
            << " (t = " << m_step * m_network.run.dtMs << " ms): runaway firing: all " << pop.size
            << " neurons fired on every one of the last " << kRunawaySteps
            << " steps (threshold below rest, bias too strong, or excitation without "
            << "inhibition?)";
    m_warnings.push_back(message.str());
    if (out)
        out->warnings.push_back(m_warnings.back());
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
        if (in->filter) {
            // The exact filter is ground truth only with the world's current rates: it goes on from the
            // posterior it holds, with the new ones.
            const ParameterMap p = withDefaults(hmmInputSchema(), params);
            const double logOdds = in->filter->logOdds();
            in->filter.emplace(p.at("r_on_hz"), p.at("r_off_hz"), p.at("q_on_hz"), p.at("q_off_hz"),
                               in->spec->size, m_network.run.dtMs);
            in->filter->reset(logOdds);
        }
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
