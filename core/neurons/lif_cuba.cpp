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

const std::vector<ParameterSpec>& lifAdaptiveSchema() {
    static const std::vector<ParameterSpec> schema = [] {
        std::vector<ParameterSpec> s = lifCubaSchema();
        s.push_back(
            {"tau_theta_ms", "ms", 1.0, 100000.0, 200.0, "time constant of the threshold's relaxation"});
        s.push_back({"delta_theta_mv", "mV", 0.0, 100.0, 2.0, "threshold increase at each spike"});
        return s;
    }();
    return schema;
}

namespace {

// Two nearly equal time constants make tau_e/(tau_e - tau_m) singular; the limit is dt/tau_m * e^{-dt/tau}.
double synapticGain(double dt, double tauSyn, double tauM) {
    if (std::abs(tauSyn - tauM) < 1e-9)
        return dt / tauM * std::exp(-dt / tauM);
    return tauSyn / (tauSyn - tauM) * (std::exp(-dt / tauSyn) - std::exp(-dt / tauM));
}

/// Step constants of the exact integration, in the float width of the state.
struct LifConstants {
    float pm = 0, pe = 0, pi = 0, ce = 0, ci = 0, eq = 0, vth = 0, vreset = 0;
    float ptheta = 1, dtheta = 0;
    std::int32_t refSteps = 0;
};

// The whole population's update, branch-free so that GCC vectorises it: selects on masks, no short-circuit
// logic. The hot-loop files are compiled with -fno-trapping-math (without it GCC refuses to if-convert the
// threshold compare), and the arrays come in as __restrict parameters (restrict pointers read from a struct
// do not count for GCC's alias analysis). No FMA contraction under -std=c++20, so every clone computes the
// same bits.
#define PULSELAB_LIF_ARRAYS                                                                                  \
    float* __restrict v, float* __restrict ge, float* __restrict gi, float* __restrict theta,                \
        std::int32_t* __restrict refr, std::int32_t* __restrict spiked, const float* __restrict inE,         \
        const float* __restrict inI
template <bool Adaptive>
inline __attribute__((always_inline)) void lifUpdate(std::uint32_t n, const LifConstants& c,
                                                     PULSELAB_LIF_ARRAYS) {
    const float pm = c.pm, pe = c.pe, pi = c.pi, ce = c.ce, ci = c.ci, eq = c.eq, vth = c.vth;
    const float vreset = c.vreset, ptheta = c.ptheta, dtheta = c.dtheta;
    const std::int32_t refSteps = c.refSteps;
    for (std::uint32_t i = 0; i < n; ++i) {
        const float e = ge[i] + inE[i];
        const float h = gi[i] + inI[i];
        const float vi = v[i];
        const float integrated = eq + (vi - eq) * pm + e * ce + h * ci;
        const std::int32_t r = refr[i];
        const bool active = r <= 0;
        const float vn = active ? integrated : vi;
        float threshold = vth;
        if constexpr (Adaptive)
            threshold += theta[i] * ptheta; // the threshold relaxes during the step, then is compared
        const bool fire = active & (vn > threshold);
        v[i] = fire ? vreset : vn;
        const std::int32_t rm = r - 1;
        refr[i] = fire ? refSteps : (rm > 0 ? rm : 0);
        ge[i] = e * pe;
        gi[i] = h * pi;
        if constexpr (Adaptive)
            theta[i] = theta[i] * ptheta + (fire ? dtheta : 0.0f);
        spiked[i] = fire ? 1 : 0;
    }
}

// One clone per instruction set (AVX2 where the CPU has it), picked once at load time by an ifunc resolver.
// Not under ThreadSanitizer: the dynamic loader runs the resolver while relocating, before the TSan runtime
// is initialised, and GCC instruments the resolver too (__tsan_func_entry), so every TSan executable
// linking this file died with SIGSEGV before main.
#if defined(__SANITIZE_THREAD__)
#define PULSELAB_CPU_CLONES
#else
#define PULSELAB_CPU_CLONES __attribute__((target_clones("avx2", "default")))
#endif
PULSELAB_CPU_CLONES void lifUpdatePlain(std::uint32_t n, const LifConstants& c, PULSELAB_LIF_ARRAYS) {
    lifUpdate<false>(n, c, v, ge, gi, theta, refr, spiked, inE, inI);
}

PULSELAB_CPU_CLONES void lifUpdateAdaptive(std::uint32_t n, const LifConstants& c, PULSELAB_LIF_ARRAYS) {
    lifUpdate<true>(n, c, v, ge, gi, theta, refr, spiked, inE, inI);
}
#undef PULSELAB_LIF_ARRAYS
#undef PULSELAB_CPU_CLONES

// Spikes are rare (a few per thousand neurons per step): skip blocks of 16 silent neurons with one
// vectorised OR instead of testing each flag.
void appendSpikes(const std::int32_t* __restrict spiked, std::uint32_t first, std::uint32_t n,
                  std::vector<std::uint32_t>& spikes) {
    constexpr std::uint32_t kBlock = 16;
    std::uint32_t i = 0;
    for (; i + kBlock <= n; i += kBlock) {
        std::int32_t any = 0;
        for (std::uint32_t k = 0; k < kBlock; ++k)
            any |= spiked[i + k];
        if (any == 0)
            continue;
        for (std::uint32_t k = 0; k < kBlock; ++k)
            if (spiked[i + k])
                spikes.push_back(first + i + k);
    }
    for (; i < n; ++i)
        if (spiked[i])
            spikes.push_back(first + i);
}

class LifCuba final : public NeuronKernel {
public:
    LifCuba(std::uint32_t size, const ParameterMap& p, double dtMs, bool adaptive)
        : m_n(size), m_dt(dtMs), m_adaptive(adaptive),
          m_p(withDefaults(adaptive ? lifAdaptiveSchema() : lifCubaSchema(), p)), m_v(size), m_ge(size),
          m_gi(size), m_theta(adaptive ? size : 0), m_refractory(size), m_spiked(size) {
        derive();
    }

    void step(const StepInput& input, std::uint32_t begin, std::uint32_t end,
              std::vector<std::uint32_t>& spikes) override {
        LifConstants c = m_c;
        c.eq += input.current;
        auto update = m_adaptive ? lifUpdateAdaptive : lifUpdatePlain;
        update(end - begin, c, m_v.data() + begin, m_ge.data() + begin, m_gi.data() + begin,
               m_adaptive ? m_theta.data() + begin : nullptr, m_refractory.data() + begin,
               m_spiked.data() + begin, input.excitatory + begin, input.inhibitory + begin);
        appendSpikes(m_spiked.data() + begin, begin, end - begin, spikes);
    }

    void reset(std::mt19937_64& rng) override {
        std::uniform_real_distribution<double> init(m_p.at("v_init_min_mv"), m_p.at("v_init_max_mv"));
        for (std::uint32_t i = 0; i < m_n; ++i) {
            m_v[i] = static_cast<float>(init(rng));
            m_ge[i] = m_gi[i] = 0.0f;
            m_refractory[i] = 0;
        }
        std::fill(m_theta.begin(), m_theta.end(), 0.0f);
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
        if (variable == "theta" && m_adaptive)
            return m_theta[i];
        return std::numeric_limits<double>::quiet_NaN();
    }

    void setParameter(const std::string& name, double value) override {
        m_p[name] = value;
        derive();
    }

    bool findNonFinite(std::uint32_t& neuron, std::string& variable) const override {
        for (std::uint32_t i = 0; i < m_n; ++i) {
            for (auto [name, x] :
                 {std::pair{"v", m_v[i]}, std::pair{"g_e", m_ge[i]}, std::pair{"g_i", m_gi[i]},
                  std::pair{"theta", m_adaptive ? m_theta[i] : 0.0f}}) {
                if (!std::isfinite(x)) {
                    neuron = i;
                    variable = name;
                    return true;
                }
            }
        }
        return false;
    }

    std::size_t bytesPerNeuron() const override {
        return (m_adaptive ? 4 : 3) * sizeof(float) + 2 * sizeof(std::int32_t);
    }

private:
    void derive() {
        const double tm = m_p.at("tau_m_ms"), te = m_p.at("tau_e_ms"), ti = m_p.at("tau_i_ms");
        m_c.pm = static_cast<float>(std::exp(-m_dt / tm));
        m_c.pe = static_cast<float>(std::exp(-m_dt / te));
        m_c.pi = static_cast<float>(std::exp(-m_dt / ti));
        m_c.ce = static_cast<float>(synapticGain(m_dt, te, tm));
        m_c.ci = static_cast<float>(synapticGain(m_dt, ti, tm));
        m_c.eq = static_cast<float>(m_p.at("v_rest_mv") + m_p.at("i_bias_mv"));
        m_c.vth = static_cast<float>(m_p.at("v_th_mv"));
        m_c.vreset = static_cast<float>(m_p.at("v_reset_mv"));
        m_c.refSteps = static_cast<std::int32_t>(std::lround(m_p.at("t_ref_ms") / m_dt));
        if (m_adaptive) {
            m_c.ptheta = static_cast<float>(std::exp(-m_dt / m_p.at("tau_theta_ms")));
            m_c.dtheta = static_cast<float>(m_p.at("delta_theta_mv"));
        }
    }

    std::uint32_t m_n;
    double m_dt;
    bool m_adaptive;
    ParameterMap m_p;
    LifConstants m_c;
    std::vector<float> m_v, m_ge, m_gi, m_theta;
    std::vector<std::int32_t> m_refractory;
    std::vector<std::int32_t> m_spiked; // int32 like the state, so the loop vectorises with one lane width
};

} // namespace

std::unique_ptr<NeuronKernel> makeLifCuba(std::uint32_t size, const ParameterMap& parameters, double dtMs) {
    return std::make_unique<LifCuba>(size, parameters, dtMs, false);
}

std::unique_ptr<NeuronKernel> makeLifAdaptive(std::uint32_t size, const ParameterMap& parameters,
                                              double dtMs) {
    return std::make_unique<LifCuba>(size, parameters, dtMs, true);
}

} // namespace pulselab::core
