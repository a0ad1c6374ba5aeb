#include "core/predictive/rate_pc_network.h"

#include <cmath>
#include <random>

namespace pulselab::core {

double fastTanh(double x) {
    const double a = std::abs(x);
    double t;
    if (a < 0.0625) {
        const double x2 = x * x;
        t = a * (1.0 +
                 x2 * (-1.0 / 3 +
                       x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835 + x2 * (-1382.0 / 155925))))));
    } else {
        const double e = std::exp(-2.0 * a);
        t = (1.0 - e) / (1.0 + e);
    }
    return std::copysign(t, x);
}

RatePcNetwork::RatePcNetwork(const RatePcConfig& config) : m_config(config) {
    const auto n = config.layerSizes.size();
    std::mt19937_64 rng(config.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (std::size_t l = 0; l < n; ++l) {
        m_phi.emplace_back(Eigen::VectorXd::Zero(config.layerSizes[l]));
        const bool top = l + 1 == n;
        m_sigma2.emplace_back(Eigen::VectorXd::Constant(config.layerSizes[l], top ? config.topPriorVariance
                                                                                  : config.initialVariance));
        if (!top) {
            Eigen::MatrixXd theta(config.layerSizes[l], config.layerSizes[l + 1]);
            for (Eigen::Index i = 0; i < theta.size(); ++i)
                theta.data()[i] = config.initialWeightScale * normal(rng);
            m_theta.push_back(theta);
            m_bias.emplace_back(Eigen::VectorXd::Zero(config.layerSizes[l]));
        }
    }
    m_phi.back().setConstant(config.topPriorMean);
}

Eigen::VectorXd RatePcNetwork::h(const Eigen::VectorXd& x) const {
    switch (m_config.activation) {
    case Activation::Identity:
        return x;
    case Activation::Tanh:
        return x.unaryExpr(&fastTanh);
    case Activation::Relu:
        return x.array().max(0.0);
    case Activation::Sigmoid:
        return (1.0 + (-x.array()).exp()).inverse();
    }
    return x;
}

Eigen::VectorXd RatePcNetwork::hPrime(const Eigen::VectorXd& x) const {
    switch (m_config.activation) {
    case Activation::Identity:
        return Eigen::VectorXd::Ones(x.size());
    case Activation::Tanh:
        return 1.0 - x.unaryExpr(&fastTanh).array().square();
    case Activation::Relu:
        // The subgradient 1 at 0: a cause resting at 0 can still be switched on by the errors it predicts.
        return (x.array() >= 0.0).cast<double>();
    case Activation::Sigmoid: {
        const Eigen::ArrayXd s = (1.0 + (-x.array()).exp()).inverse();
        return s * (1.0 - s);
    }
    }
    return Eigen::VectorXd::Ones(x.size());
}

Eigen::VectorXd RatePcNetwork::prediction(int layer) const {
    const auto l = static_cast<std::size_t>(layer);
    return m_theta[l] * h(m_phi[l + 1]) + m_bias[l];
}

Eigen::VectorXd RatePcNetwork::error(int layer) const {
    const auto l = static_cast<std::size_t>(layer);
    if (layer + 1 == layers())
        return m_phi[l].array() - m_config.topPriorMean;
    return m_phi[l] - prediction(layer);
}

Eigen::VectorXd RatePcNetwork::precisionWeightedError(int layer) const {
    return error(layer).array() / m_sigma2[static_cast<std::size_t>(layer)].array();
}

Eigen::VectorXd RatePcNetwork::weightedError(int layer, bool useFixed) const {
    const auto l = static_cast<std::size_t>(layer);
    if (useFixed && layer + 2 == layers())
        return (m_phi[l] - m_fixedPrediction).array() / m_sigma2[l].array();
    return precisionWeightedError(layer);
}

double RatePcNetwork::layerErrorEnergy(int layer) const {
    const Eigen::VectorXd e = error(layer);
    return 0.5 * (e.array().square() / m_sigma2[static_cast<std::size_t>(layer)].array()).sum();
}

double RatePcNetwork::layerFreeEnergy(int layer) const {
    return layerErrorEnergy(layer) + 0.5 * m_sigma2[static_cast<std::size_t>(layer)].array().log().sum();
}

double RatePcNetwork::freeEnergy() const {
    return freeEnergy(false);
}

double RatePcNetwork::freeEnergy(bool useFixed) const {
    double f = 0.0;
    for (int l = 0; l < layers(); ++l) {
        if (l + 1 == layers() && m_topClamped) // a clamped top carries no prior term
            continue;
        if (useFixed && l + 2 == layers()) {
            const Eigen::ArrayXd s2 = m_sigma2[static_cast<std::size_t>(l)].array();
            const Eigen::ArrayXd e = m_phi[static_cast<std::size_t>(l)] - m_fixedPrediction;
            f += 0.5 * (e.square() / s2).sum() + 0.5 * s2.log().sum();
        } else {
            f += layerFreeEnergy(l);
        }
    }
    return f;
}

double RatePcNetwork::errorEnergy() const {
    double f = 0.0;
    for (int l = 0; l < layers(); ++l)
        if (!(l + 1 == layers() && m_topClamped))
            f += layerErrorEnergy(l);
    return f;
}

void RatePcNetwork::setInput(const Eigen::VectorXd& input) {
    m_phi[0] = input;
    m_fixedPrediction = {};
    // Start the free layers at a neutral point: the prior at the top, then predictions downwards.
    if (!m_topClamped)
        m_phi.back().setConstant(m_config.topPriorMean);
    for (int l = layers() - 2; l >= 1; --l) {
        m_phi[static_cast<std::size_t>(l)] = prediction(l);
        if (m_topClamped && l + 2 == layers())
            m_fixedPrediction = m_phi[static_cast<std::size_t>(l)];
    }
}

void RatePcNetwork::clampTop(const std::optional<Eigen::VectorXd>& value) {
    m_topClamped = value.has_value();
    m_fixedPrediction = {};
    if (value)
        m_phi.back() = *value;
}

bool RatePcNetwork::ensureFixedPrediction() {
    if (!m_topClamped || layers() < 2)
        return false;
    if (m_fixedPrediction.size() == 0)
        m_fixedPrediction = prediction(layers() - 2);
    return true;
}

double RatePcNetwork::inferStep() {
    inferUpdate(false);
    return freeEnergy();
}

double RatePcNetwork::relax(int steps) {
    const bool useFixed = ensureFixedPrediction();
    for (int s = 0; s < steps; ++s)
        inferUpdate(useFixed);
    return freeEnergy(useFixed);
}

void RatePcNetwork::inferUpdate(bool useFixed) {
    const int L = layers();
    const int last = m_topClamped ? L - 1 : L; // free layers: 1 .. last - 1
    m_scratchH.resize(static_cast<std::size_t>(L));
    m_scratchEps.resize(static_cast<std::size_t>(L));
    // h(phi_l) once per layer and step: the predictions from above and h'(phi_l) for the updates share it.
    for (int l = 1; l < L; ++l)
        if (l < last || !(useFixed && l + 1 == L))
            m_scratchH[static_cast<std::size_t>(l)] = h(m_phi[static_cast<std::size_t>(l)]);
    for (int l = 0; l < last; ++l) {
        const auto i = static_cast<std::size_t>(l);
        Eigen::VectorXd& eps = m_scratchEps[i];
        if (l + 1 == L)
            eps = (m_phi[i].array() - m_config.topPriorMean) / m_sigma2[i].array();
        else if (useFixed && l + 2 == L)
            eps = (m_phi[i] - m_fixedPrediction).array() / m_sigma2[i].array();
        else
            eps = (m_phi[i] - (m_theta[i] * m_scratchH[i + 1] + m_bias[i])).array() / m_sigma2[i].array();
    }
    for (int l = 1; l < last; ++l) {
        const auto i = static_cast<std::size_t>(l);
        const Eigen::VectorXd up = hPrimeFromH(m_phi[i], m_scratchH[i]).array() *
                                   (m_theta[i - 1].transpose() * m_scratchEps[i - 1]).array();
        m_phi[i] += m_config.inferenceRate * (-m_scratchEps[i] + up);
    }
}

Eigen::VectorXd RatePcNetwork::hPrimeFromH(const Eigen::VectorXd& x, const Eigen::VectorXd& hx) const {
    switch (m_config.activation) {
    case Activation::Tanh:
        return 1.0 - hx.array().square();
    case Activation::Sigmoid:
        return hx.array() * (1.0 - hx.array());
    case Activation::Identity:
    case Activation::Relu:
        return hPrime(x);
    }
    return hPrime(x);
}

void RatePcNetwork::learn() {
    const bool useFixed = m_topClamped && m_fixedPrediction.size() > 0;
    for (int l = 0; l + 1 < layers(); ++l) {
        const auto i = static_cast<std::size_t>(l);
        const Eigen::VectorXd eps = weightedError(l, useFixed);
        // Outer product: each synapse uses its post error eps_l[i] and its pre rate h(phi_{l+1})[j].
        m_theta[i] += m_config.learningRate * eps * h(m_phi[i + 1]).transpose();
        if (std::isfinite(m_config.minWeight) || std::isfinite(m_config.maxWeight))
            m_theta[i] = m_theta[i].cwiseMax(m_config.minWeight).cwiseMin(m_config.maxWeight);
        if (m_config.learnBias)
            m_bias[i] += m_config.learningRate * eps;
        if (m_config.varianceLearningRate > 0.0) {
            const Eigen::ArrayXd s2 = m_sigma2[i].array();
            m_sigma2[i] =
                (s2 + m_config.varianceLearningRate * 0.5 * (eps.array().square() - s2.inverse())).max(1e-4);
        }
    }
    m_fixedPrediction = {};
}

namespace {

/// F for identity activations is 1/2 x^T A x - rhs^T x + const in the free layers' values x (stacked, layer
/// l at offset[l]; -1 for clamped layers).
struct LinearPosteriorSystem {
    Eigen::MatrixXd A;
    Eigen::VectorXd rhs;
    std::vector<int> offset;
};

LinearPosteriorSystem linearPosteriorSystem(const RatePcNetwork& net) {
    // Unknowns: the free layers' values stacked. F = 1/2 sum_l |phi_l - Theta_l phi_{l+1} - b_l|^2_{S_l^-1}
    // (+ prior).
    const int L = net.layers();
    const int firstFree = 1;
    const int lastFree = net.topClamped() ? L - 2 : L - 1;
    std::vector<int> offset(static_cast<std::size_t>(L), -1);
    int n = 0;
    for (int l = firstFree; l <= lastFree; ++l) {
        offset[static_cast<std::size_t>(l)] = n;
        n += static_cast<int>(net.value(l).size());
    }
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    // Each term r = phi_l - Theta phi_{l+1} - b contributes J^T W J and J^T W (known parts).
    for (int l = 0; l < L; ++l) {
        const bool top = l + 1 == L;
        if (top && net.topClamped())
            continue;
        const Eigen::VectorXd w = net.variance(l).cwiseInverse();
        const int rows = static_cast<int>(net.value(l).size());
        Eigen::MatrixXd J = Eigen::MatrixXd::Zero(rows, n);
        Eigen::VectorXd known = Eigen::VectorXd::Zero(rows); // residual part from clamped values
        if (offset[static_cast<std::size_t>(l)] >= 0)
            J.block(0, offset[static_cast<std::size_t>(l)], rows, rows) +=
                Eigen::MatrixXd::Identity(rows, rows);
        else
            known += net.value(l);
        if (top) {
            known.array() -= net.config().topPriorMean;
        } else {
            const Eigen::MatrixXd& theta = net.weights(l);
            known -= net.bias(l);
            if (offset[static_cast<std::size_t>(l + 1)] >= 0)
                J.block(0, offset[static_cast<std::size_t>(l + 1)], rows, theta.cols()) -= theta;
            else
                known -= theta * net.value(l + 1);
        }
        A += J.transpose() * w.asDiagonal() * J;
        rhs -= J.transpose() * w.asDiagonal() * known;
    }
    return {std::move(A), std::move(rhs), std::move(offset)};
}

} // namespace

Eigen::MatrixXd posteriorPrecision(const RatePcNetwork& network) {
    return linearPosteriorSystem(network).A;
}

std::vector<Eigen::VectorXd> exactLinearPosterior(const RatePcNetwork& net,
                                                  std::vector<Eigen::VectorXd>* sd) {
    const int L = net.layers();
    const auto [A, rhs, offset] = linearPosteriorSystem(net);
    const auto n = A.rows();
    const auto solver = A.ldlt();
    const Eigen::VectorXd x = solver.solve(rhs);
    // F is the negative log joint, so A is the posterior precision: its inverse's diagonal gives the
    // variances.
    const Eigen::VectorXd variances =
        sd ? Eigen::VectorXd(solver.solve(Eigen::MatrixXd::Identity(n, n)).diagonal()) : Eigen::VectorXd();
    std::vector<Eigen::VectorXd> values;
    if (sd)
        sd->clear();
    for (int l = 0; l < L; ++l) {
        const int o = offset[static_cast<std::size_t>(l)];
        const auto size = net.value(l).size();
        values.push_back(o >= 0 ? Eigen::VectorXd(x.segment(o, size)) : net.value(l));
        if (sd)
            sd->push_back(o >= 0 ? Eigen::VectorXd(variances.segment(o, size).cwiseSqrt())
                                 : Eigen::VectorXd::Zero(size));
    }
    return values;
}

} // namespace pulselab::core
