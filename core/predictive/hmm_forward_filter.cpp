#include "core/predictive/hmm_forward_filter.h"

#include "core/neurons/bayesian_neuron.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

HmmForwardFilter::HmmForwardFilter(double rOnHz, double rOffHz, double qOnHz, double qOffHz,
                                   std::uint32_t inputs, double dtMs)
    : m_switchOn(rOnHz * dtMs / 1000.0), m_switchOff(rOffHz * dtMs / 1000.0), m_inputs(inputs) {
    const double qOn = std::clamp(qOnHz * dtMs / 1000.0, 1e-12, 1.0 - 1e-12);
    const double qOff = std::clamp(qOffHz * dtMs / 1000.0, 1e-12, 1.0 - 1e-12);
    m_spikeEvidence = std::log(qOn / qOff);
    m_silenceEvidence = std::log((1.0 - qOn) / (1.0 - qOff));
}

double HmmForwardFilter::probability() const {
    return 1.0 / (1.0 + std::exp(-m_logOdds));
}

double HmmForwardFilter::update(std::uint32_t spikes) {
    m_logOdds = deneveSwitchingStep(m_logOdds, m_switchOn, m_switchOff) + spikes * m_spikeEvidence +
                static_cast<double>(m_inputs - std::min(spikes, m_inputs)) * m_silenceEvidence;
    m_logOdds = std::clamp(m_logOdds, -700.0, 700.0);
    return probability();
}

} // namespace pulselab::core
