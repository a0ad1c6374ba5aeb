#include "core/sim/input_generators.h"

#include "core/sim/dataset_input.h"
#include "core/sim/seeded_streams.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

const std::vector<ParameterSpec>& hmmInputSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"r_on_hz", "Hz", 0.0, 1000.0, 2.0, "rate at which the hidden cause switches on"},
        {"r_off_hz", "Hz", 0.0, 1000.0, 2.0, "rate at which it switches off"},
        {"q_on_hz", "Hz", 0.0, 10000.0, 40.0, "firing rate of each input while the cause is on"},
        {"q_off_hz", "Hz", 0.0, 10000.0, 10.0, "firing rate while it is off"},
    };
    return schema;
}

namespace {

class PoissonGenerator final : public InputGenerator {
public:
    PoissonGenerator(const InputSpec& spec, double dtMs, std::uint64_t seed)
        : m_spec(spec), m_dtMs(dtMs), m_seed(seed), m_p(withDefaults(poissonInputSchema(), spec.parameters)) {
        reset();
    }
    void step(std::int64_t step, std::vector<std::uint32_t>& spikes) override {
        const double t = static_cast<double>(step) * m_dtMs;
        if (t < m_p.at("start_ms") || t >= m_p.at("stop_ms"))
            return;
        const double q = std::min(1.0, m_p.at("rate_hz") * m_dtMs / 1000.0);
        if (q <= 0.0)
            return;
        // Geometric skipping: cost proportional to the number of spikes, not of generators.
        const double logMiss = q < 1.0 ? std::log1p(-q) : 0.0;
        std::int64_t i = -1;
        for (;;) {
            const double skip = q < 1.0 ? std::floor(std::log(1.0 - m_unit(m_rng)) / logMiss) : 0.0;
            i += 1 + static_cast<std::int64_t>(skip);
            if (i >= static_cast<std::int64_t>(m_spec.size))
                break;
            spikes.push_back(static_cast<std::uint32_t>(i));
        }
    }
    void reset() override { m_rng = streamFor(m_seed, m_spec.name); }
    void setParameter(const std::string& name, double value) override { m_p[name] = value; }

private:
    InputSpec m_spec;
    double m_dtMs;
    std::uint64_t m_seed;
    ParameterMap m_p;
    std::mt19937_64 m_rng;
    std::uniform_real_distribution<double> m_unit{0.0, 1.0};
};

class SpikeTimeGenerator final : public InputGenerator {
public:
    SpikeTimeGenerator(const InputSpec& spec, double dtMs) {
        for (std::uint32_t n = 0; n < spec.spikeTimesMs.size(); ++n)
            for (double t : spec.spikeTimesMs[n])
                m_events.push_back({static_cast<std::int64_t>(std::llround(t / dtMs)), n});
        std::sort(m_events.begin(), m_events.end());
        m_events.erase(std::unique(m_events.begin(), m_events.end()), m_events.end());
    }
    void step(std::int64_t step, std::vector<std::uint32_t>& spikes) override {
        while (m_next < m_events.size() && m_events[m_next].first < step)
            ++m_next;
        while (m_next < m_events.size() && m_events[m_next].first == step)
            spikes.push_back(m_events[m_next++].second);
    }
    void reset() override { m_next = 0; }
    void setParameter(const std::string&, double) override {}

private:
    std::vector<std::pair<std::int64_t, std::uint32_t>> m_events;
    std::size_t m_next = 0;
};

class HmmPoissonGenerator final : public InputGenerator {
public:
    HmmPoissonGenerator(const InputSpec& spec, double dtMs, std::uint64_t seed)
        : m_spec(spec), m_dtS(dtMs / 1000.0), m_seed(seed),
          m_p(withDefaults(hmmInputSchema(), spec.parameters)) {
        reset();
    }
    void step(std::int64_t, std::vector<std::uint32_t>& spikes) override {
        const double flip = m_x ? m_p.at("r_off_hz") * m_dtS : m_p.at("r_on_hz") * m_dtS;
        if (m_unit(m_hidden) < flip)
            m_x = !m_x;
        const double q = (m_x ? m_p.at("q_on_hz") : m_p.at("q_off_hz")) * m_dtS;
        for (std::uint32_t i = 0; i < m_spec.size; ++i)
            if (m_unit(m_rng) < q)
                spikes.push_back(i);
    }
    void reset() override {
        m_hidden = streamFor(m_seed, m_spec.name, 1);
        m_rng = streamFor(m_seed, m_spec.name, 2);
        m_x = false;
    }
    void setParameter(const std::string& name, double value) override { m_p[name] = value; }
    int hiddenState() const override { return m_x ? 1 : 0; }

private:
    InputSpec m_spec;
    double m_dtS;
    std::uint64_t m_seed;
    ParameterMap m_p;
    std::mt19937_64 m_hidden, m_rng;
    std::uniform_real_distribution<double> m_unit{0.0, 1.0};
    bool m_x = false;
};

} // namespace

std::unique_ptr<InputGenerator> makeInputGenerator(const InputSpec& spec, double dtMs, std::uint64_t seed) {
    if (spec.kind == "spike_times")
        return std::make_unique<SpikeTimeGenerator>(spec, dtMs);
    if (spec.kind == "hmm_poisson")
        return std::make_unique<HmmPoissonGenerator>(spec, dtMs, seed);
    if (isDatasetInput(spec.kind))
        return makeDatasetInput(spec, dtMs, seed);
    return std::make_unique<PoissonGenerator>(spec, dtMs, seed);
}

} // namespace pulselab::core
