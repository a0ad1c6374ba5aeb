#include "core/neurons/bayesian_neuron.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulselab::core {

const std::vector<ParameterSpec>& bayesianNeuronSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"r_on_hz", "Hz", 0.0, 1000.0, 2.0, "rate at which the hidden cause switches on"},
        {"r_off_hz", "Hz", 0.0, 1000.0, 2.0, "rate at which the hidden cause switches off"},
        {"theta_hz", "Hz", -1e5, 1e5, 0.0,
         "sum over inputs of (q_on - q_off): evidence lost per second of silence"},
        {"eta", "", 0.01, 100.0, 1.0, "jump of the decoded log-odds G per output spike"},
        {"l_init", "", -50.0, 50.0, 0.0, "initial log-odds"},
        {"l_limit", "", 1.0, 100.0, 30.0, "log-odds are clipped to +-l_limit (keeps e^L finite)"},
    };
    return schema;
}

double deneveSwitchingStep(double logOdds, double switchOn, double switchOff) {
    const double p = 1.0 / (1.0 + std::exp(-logOdds));
    const double next = std::clamp(p * (1.0 - switchOff) + (1.0 - p) * switchOn, 1e-300, 1.0 - 1e-16);
    return std::log(next / (1.0 - next));
}

namespace {

class BayesianNeuron final : public NeuronKernel {
public:
    BayesianNeuron(std::uint32_t size, const ParameterMap& p, double dtMs)
        : m_n(size), m_dtS(dtMs / 1000.0), m_p(withDefaults(bayesianNeuronSchema(), p)), m_l(size),
          m_g(size) {}

    void step(const StepInput& input, std::uint32_t begin, std::uint32_t end,
              std::vector<std::uint32_t>& spikes) override {
        const double ron = m_p.at("r_on_hz"), roff = m_p.at("r_off_hz"), theta = m_p.at("theta_hz");
        const double eta = m_p.at("eta"), limit = m_p.at("l_limit");
        // The switching term r_on (1 + e^-L) - r_off (1 + e^L) is stiff for large |L|: an Euler step in
        // log-odds overshoots wildly. It is the log-odds form of p' = p (1 - r_off dt) + (1 - p) r_on dt, so
        // the step is taken in probability space (stable, and equal to the ODE to first order in dt).
        const double switchOn = std::min(1.0, ron * m_dtS), switchOff = std::min(1.0, roff * m_dtS);
        auto leak = [&](double x) { return deneveSwitchingStep(x, switchOn, switchOff) - theta * m_dtS; };
        for (std::uint32_t i = begin; i < end; ++i) {
            const double in =
                static_cast<double>(input.excitatory[i]) + static_cast<double>(input.inhibitory[i]);
            m_l[i] = std::clamp(leak(m_l[i]) + in + m_dtS * input.current, -limit, limit);
            m_g[i] = std::clamp(leak(m_g[i]), -limit, limit);
            if (m_l[i] - m_g[i] > eta / 2.0) {
                m_g[i] += eta;
                spikes.push_back(i);
            }
        }
    }

    void reset(std::mt19937_64&) override {
        const double l0 = m_p.at("l_init");
        std::fill(m_l.begin(), m_l.end(), l0);
        std::fill(m_g.begin(), m_g.end(), l0);
    }

    double state(const std::string& variable, std::uint32_t i) const override {
        if (i >= m_n)
            return std::numeric_limits<double>::quiet_NaN();
        if (variable == "L")
            return m_l[i];
        if (variable == "G")
            return m_g[i];
        if (variable == "p")
            return 1.0 / (1.0 + std::exp(-m_l[i]));
        if (variable == "p_decoded")
            return 1.0 / (1.0 + std::exp(-m_g[i]));
        return std::numeric_limits<double>::quiet_NaN();
    }

    void setParameter(const std::string& name, double value) override { m_p[name] = value; }

    bool findNonFinite(std::uint32_t& neuron, std::string& variable) const override {
        for (std::uint32_t i = 0; i < m_n; ++i) {
            if (!std::isfinite(m_l[i]) || !std::isfinite(m_g[i])) {
                neuron = i;
                variable = std::string(std::isfinite(m_l[i]) ? "G" : "L");
                return true;
            }
        }
        return false;
    }

    std::size_t bytesPerNeuron() const override { return 2 * sizeof(double); }

private:
    std::uint32_t m_n;
    double m_dtS;
    ParameterMap m_p;
    std::vector<double> m_l, m_g;
};

} // namespace

std::unique_ptr<NeuronKernel> makeBayesianNeuron(std::uint32_t size, const ParameterMap& parameters,
                                                 double dtMs) {
    return std::make_unique<BayesianNeuron>(size, parameters, dtMs);
}

} // namespace pulselab::core
