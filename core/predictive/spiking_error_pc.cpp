#include "core/predictive/spiking_error_pc.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

SpikingErrorPc::SpikingErrorPc(const SpikingErrorPcConfig& config) : m_config(config), m_rng(config.seed) {
    std::uniform_real_distribution<float> init(0.0f, static_cast<float>(config.initialWeight));
    m_precision = Eigen::VectorXf::Ones(config.inputs);
    m_w.resize(config.inputs, config.latents);
    for (Eigen::Index k = 0; k < m_w.size(); ++k)
        m_w.data()[k] = init(m_rng);
    resetState();
}

void SpikingErrorPc::resetState() {
    const int n = m_config.inputs, k = m_config.latents;
    m_xbar = Eigen::VectorXf::Zero(n);
    m_ebarPos = m_ebarNeg = m_ebar = m_errPhasePos = m_errPhaseNeg = Eigen::VectorXf::Zero(n);
    m_zbar = m_v = m_latentPhase = m_zsum = Eigen::VectorXf::Zero(k);
    m_stepsSinceReset = 0;
}

Eigen::VectorXf SpikingErrorPc::meanBeliefs() const {
    return m_stepsSinceReset > 0 ? Eigen::VectorXf(m_zsum / static_cast<float>(m_stepsSinceReset)) : m_zsum;
}

void SpikingErrorPc::step(const Eigen::VectorXf& x, bool learn, SpikingErrorPcStep* out) {
    const auto dt = static_cast<float>(m_config.dtMs);
    const float decay = std::exp(-dt / static_cast<float>(m_config.traceMs));
    // A spike adds 1/(rate x tau) to a trace, so that the trace of a train at rate q x max rate settles at q.
    const float jump = 1.0f - decay;
    const auto pMax = static_cast<float>(m_config.maxRateHz * m_config.dtMs / 1000.0);
    const auto pErr = static_cast<float>(m_config.errorRateHz * m_config.dtMs / 1000.0);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);

    // Input spikes (Poisson) and their traces.
    m_xbar *= decay;
    for (int i = 0; i < m_config.inputs; ++i)
        if (unit(m_rng) < std::clamp(x[i], 0.0f, 1.0f) * pMax) {
            m_xbar[i] += jump / pMax;
            if (out)
                out->inputSpikes.push_back(static_cast<std::uint32_t>(i));
        }

    // Error neurons: integrate-and-fire on the positive and negative parts of the prediction error.
    const Eigen::VectorXf e = m_xbar - m_w * m_zbar;
    m_ebarPos *= decay;
    m_ebarNeg *= decay;
    for (int i = 0; i < m_config.inputs; ++i) {
        m_errPhasePos[i] += std::max(e[i], 0.0f) * pErr;
        m_errPhaseNeg[i] += std::max(-e[i], 0.0f) * pErr;
        if (m_errPhasePos[i] >= 1.0f) {
            m_errPhasePos[i] -= 1.0f;
            m_ebarPos[i] += jump / pErr;
            m_synapticEvents += static_cast<std::uint64_t>(m_config.latents);
            if (out)
                out->positiveErrorSpikes.push_back(static_cast<std::uint32_t>(i));
        }
        if (m_errPhaseNeg[i] >= 1.0f) {
            m_errPhaseNeg[i] -= 1.0f;
            m_ebarNeg[i] += jump / pErr;
            m_synapticEvents += static_cast<std::uint64_t>(m_config.latents);
            if (out)
                out->negativeErrorSpikes.push_back(static_cast<std::uint32_t>(i));
        }
    }
    m_ebar = m_ebarPos - m_ebarNeg;
    const Eigen::VectorXf weighted = m_precision.cwiseProduct(m_ebar);

    // Latent value neurons: leaky integration of the bottom-up error, minus the sparse prior's pull.
    const float a = dt / static_cast<float>(m_config.tauVMs);
    m_v += a * (-m_v + static_cast<float>(m_config.gain) * (m_w.transpose() * weighted) -
                Eigen::VectorXf::Constant(m_config.latents, static_cast<float>(m_config.sparsity)));
    m_zbar *= decay;
    for (int j = 0; j < m_config.latents; ++j) {
        m_latentPhase[j] += std::clamp(m_v[j], 0.0f, 1.0f) * pMax;
        if (m_latentPhase[j] >= 1.0f) {
            m_latentPhase[j] -= 1.0f;
            m_zbar[j] += jump / pMax;
            m_synapticEvents += static_cast<std::uint64_t>(m_config.inputs);
            if (out)
                out->latentSpikes.push_back(static_cast<std::uint32_t>(j));
        }
    }

    m_zsum += m_zbar;
    ++m_stepsSinceReset;
    if (learn) {
        // Local Hebbian rule: post-synaptic error trace x pre-synaptic latent trace, kept non-negative.
        m_w.noalias() += static_cast<float>(m_config.learningRate) * weighted * m_zbar.transpose();
        m_w = m_w.cwiseMax(0.0f).cwiseMin(static_cast<float>(m_config.maxWeight));
    }
}

double SpikingErrorPc::freeEnergy() const {
    const double s2 = m_config.sigma * m_config.sigma;
    return 0.5 * static_cast<double>(m_precision.dot(m_ebar.cwiseProduct(m_ebar))) / s2 +
           m_config.sparsity * static_cast<double>(m_zbar.sum());
}

double SpikingErrorPc::reconstructionError(const Eigen::VectorXf& x) const {
    return static_cast<double>((x - m_w * m_zbar).squaredNorm()) / static_cast<double>(x.size());
}

} // namespace pulselab::core
