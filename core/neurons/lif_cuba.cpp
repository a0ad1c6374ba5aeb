#include "core/neurons/lif_cuba.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulselab::core {

const std::vector<ParameterSpec>& lifCubaSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"tau_m_ms", "ms", 0.1, 1000.0, 20.0, "membrane time constant"},
        {"tau_e_ms", "ms", 0.05, 1000.0, 5.0, "excitatory synaptic current time constant"},
        {"tau_i_ms", "ms", 0.05, 1000.0, 10.0, "inhibitory synaptic current time constant"},
        {"v_rest_mv", "mV", -120.0, 60.0, -49.0,
         "resting potential (E_l); above v_th the neuron fires by itself"},
        {"v_reset_mv", "mV", -120.0, 60.0, -60.0, "potential after a spike"},
        {"v_th_mv", "mV", -120.0, 60.0, -50.0, "firing threshold"},
        {"t_ref_ms", "ms", 0.0, 100.0, 5.0, "refractory period"},
        {"i_bias_mv", "mV", -200.0, 200.0, 0.0, "constant drive, in mV of equilibrium shift"},
        {"v_init_min_mv", "mV", -120.0, 60.0, -60.0, "initial potential drawn uniformly from [min, max]"},
        {"v_init_max_mv", "mV", -120.0, 60.0, -50.0, "initial potential drawn uniformly from [min, max]"},
    };
    return schema;
}

namespace {

// Two nearly equal time constants make tau_e/(tau_e - tau_m) singular; the limit is dt/tau_m * e^{-dt/tau}.
double synapticGain(double dt, double tauSyn, double tauM) {
    if (std::abs(tauSyn - tauM) < 1e-9)
        return dt / tauM * std::exp(-dt / tauM);
    return tauSyn / (tauSyn - tauM) * (std::exp(-dt / tauSyn) - std::exp(-dt / tauM));
}

class LifCuba final : public NeuronKernel {
public:
    LifCuba(std::uint32_t size, const ParameterMap& p, double dtMs)
        : m_n(size), m_dt(dtMs), m_p(withDefaults(lifCubaSchema(), p)), m_v(size), m_ge(size), m_gi(size),
          m_refractory(size), m_spiked(size) {
        derive();
    }

    void step(const StepInput& input, std::vector<std::uint32_t>& spikes) override {
        const float pm = m_pm, pe = m_pe, pi = m_pi, ce = m_ce, ci = m_ci;
        const float eq = m_eq + input.current;
        const float vth = m_vth, vreset = m_vreset;
        const std::int32_t refSteps = m_refSteps;
        float* __restrict v = m_v.data();
        float* __restrict ge = m_ge.data();
        float* __restrict gi = m_gi.data();
        std::int32_t* __restrict refr = m_refractory.data();
        std::int32_t* __restrict spiked = m_spiked.data();
        const float* __restrict inE = input.excitatory;
        const float* __restrict inI = input.inhibitory;
        // Branch-free (bitwise &, selects, max) so that the compiler vectorises it; no short-circuit logic.
        const std::uint32_t n = m_n;
        for (std::uint32_t i = 0; i < n; ++i) {
            const float e = ge[i] + inE[i];
            const float h = gi[i] + inI[i];
            const float integrated = eq + (v[i] - eq) * pm + e * ce + h * ci;
            const std::int32_t r = refr[i];
            const float vn = r > 0 ? v[i] : integrated;
            const std::int32_t fire = static_cast<std::int32_t>(vn > vth) & static_cast<std::int32_t>(r <= 0);
            v[i] = fire ? vreset : vn;
            refr[i] = fire ? refSteps : std::max(r - 1, 0);
            ge[i] = e * pe;
            gi[i] = h * pi;
            spiked[i] = fire;
        }
        for (std::uint32_t i = 0; i < m_n; ++i) {
            if (spiked[i])
                spikes.push_back(i);
        }
    }

    void reset(std::mt19937_64& rng) override {
        std::uniform_real_distribution<double> init(m_p.at("v_init_min_mv"), m_p.at("v_init_max_mv"));
        for (std::uint32_t i = 0; i < m_n; ++i) {
            m_v[i] = static_cast<float>(init(rng));
            m_ge[i] = m_gi[i] = 0.0f;
            m_refractory[i] = 0;
        }
    }

    double state(const std::string& variable, std::uint32_t i) const override {
        if (i >= m_n)
            return std::numeric_limits<double>::quiet_NaN();
        if (variable == "v")
            return m_v[i];
        if (variable == "g_e")
            return m_ge[i];
        if (variable == "g_i")
            return m_gi[i];
        return std::numeric_limits<double>::quiet_NaN();
    }

    void setParameter(const std::string& name, double value) override {
        m_p[name] = value;
        derive();
    }

    bool findNonFinite(std::uint32_t& neuron, std::string& variable) const override {
        for (std::uint32_t i = 0; i < m_n; ++i) {
            for (auto [name, x] :
                 {std::pair{"v", m_v[i]}, std::pair{"g_e", m_ge[i]}, std::pair{"g_i", m_gi[i]}}) {
                if (!std::isfinite(x)) {
                    neuron = i;
                    variable = name;
                    return true;
                }
            }
        }
        return false;
    }

    std::size_t bytesPerNeuron() const override { return 3 * sizeof(float) + sizeof(std::int32_t) + 1; }

private:
    void derive() {
        const double tm = m_p.at("tau_m_ms"), te = m_p.at("tau_e_ms"), ti = m_p.at("tau_i_ms");
        m_pm = static_cast<float>(std::exp(-m_dt / tm));
        m_pe = static_cast<float>(std::exp(-m_dt / te));
        m_pi = static_cast<float>(std::exp(-m_dt / ti));
        m_ce = static_cast<float>(synapticGain(m_dt, te, tm));
        m_ci = static_cast<float>(synapticGain(m_dt, ti, tm));
        m_eq = static_cast<float>(m_p.at("v_rest_mv") + m_p.at("i_bias_mv"));
        m_vth = static_cast<float>(m_p.at("v_th_mv"));
        m_vreset = static_cast<float>(m_p.at("v_reset_mv"));
        m_refSteps = static_cast<std::int32_t>(std::lround(m_p.at("t_ref_ms") / m_dt));
    }

    std::uint32_t m_n;
    double m_dt;
    ParameterMap m_p;
    std::vector<float> m_v, m_ge, m_gi;
    std::vector<std::int32_t> m_refractory;
    std::vector<std::int32_t> m_spiked; // int32 like the state, so the loop vectorises with one lane width
    float m_pm = 0, m_pe = 0, m_pi = 0, m_ce = 0, m_ci = 0, m_eq = 0, m_vth = 0, m_vreset = 0;
    std::int32_t m_refSteps = 0;
};

} // namespace

std::unique_ptr<NeuronKernel> makeLifCuba(std::uint32_t size, const ParameterMap& parameters, double dtMs) {
    return std::make_unique<LifCuba>(size, parameters, dtMs);
}

} // namespace pulselab::core
