#pragma once
// Rate-based predictive coding with local learning (Bogacz 2017, J. Math. Psych. 76:198-211; Whittington &
// Bogacz 2017, Neural Computation 29(5):1229-1262). Layer 0 is the input; layer l + 1 predicts layer l:
//   mu_l = Theta_l h(phi_{l+1}) + b_l,  e_l = phi_l - mu_l,  eps_l = e_l / sigma2_l   (diagonal variances)
//   F = sum_l [ 1/2 sum_i e_li^2 / sigma2_li + 1/2 sum_i ln sigma2_li ]   (+ the top layer's Gaussian prior)
// Inference (gradient descent on F, each unit sees only its own error and the errors it predicts):
//   dphi_l = rate * (-eps_l + h'(phi_l) .* Theta_{l-1}^T eps_{l-1})
// Learning (Hebbian, local): dTheta_l ~ eps_l h(phi_{l+1})^T, db_l ~ eps_l, dsigma2_l ~ 1/2 (eps_l^2 -
// 1/sigma2_l).
#include <Eigen/Dense>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

enum class Activation { Identity, Tanh, Relu, Sigmoid };

/// tanh to within a few units in the last place, 3-4x faster than libm's (which Eigen calls for doubles):
/// one exp for |x| >= 1/16, an odd Taylor polynomial below it (no cancellation near 0).
double fastTanh(double x);

struct RatePcConfig {
    std::vector<int> layerSizes; ///< [input, ..., top]
    Activation activation = Activation::Identity;
    double inferenceRate = 0.1;
    double learningRate = 0.01;
    double varianceLearningRate = 0.0; ///< 0 keeps variances fixed
    double initialVariance = 1.0;
    double topPriorMean = 0.0;
    double topPriorVariance = 1.0;
    double initialWeightScale = 0.1;
    /// Learned weights are kept in [minWeight, maxWeight] (a local bound on each synapse), e.g. [0, 1] for
    /// non-negative causes that each predict at most full intensity (the bars demo).
    double minWeight = -std::numeric_limits<double>::infinity();
    double maxWeight = std::numeric_limits<double>::infinity();
    bool learnBias = true;
    std::uint64_t seed = 1;
};

class RatePcNetwork {
public:
    explicit RatePcNetwork(const RatePcConfig& config);

    int layers() const { return static_cast<int>(m_phi.size()); }
    const RatePcConfig& config() const { return m_config; }

    /// Clamps the input layer and resets the free layers to their predictions from above (top: prior mean).
    void setInput(const Eigen::VectorXd& input);
    /// Clamps (or, with nothing, frees) the top layer, e.g. to a label during supervised learning.
    void clampTop(const std::optional<Eigen::VectorXd>& value);
    /// One inference step on every free layer; returns F after the step.
    double inferStep();
    /// `steps` inference steps (the same updates as inferStep), returning F after the last; the prediction of
    /// the layer below a clamped top does not change while the network relaxes, so it is computed once (by
    /// setInput) and reused until the weights, the clamped values or the network's learning change it.
    double relax(int steps);
    /// Local weight, bias and variance updates from the current errors.
    void learn();

    double freeEnergy() const;
    double layerFreeEnergy(int layer) const; ///< layer = its prediction error term (top: its prior)
    /// F without its log-variance terms 1/2 ln|Sigma_l|: the precision-weighted squared errors alone. With
    /// fixed variances those terms are constants, and without them F's floor is 0 (a perfect prediction).
    double errorEnergy() const;
    double layerErrorEnergy(int layer) const;
    Eigen::VectorXd error(int layer) const; ///< e_l
    Eigen::VectorXd precisionWeightedError(int layer) const;
    const Eigen::VectorXd& value(int layer) const { return m_phi[static_cast<std::size_t>(layer)]; }
    Eigen::VectorXd prediction(int layer) const; ///< mu_l (layer < top)
    const Eigen::VectorXd& variance(int layer) const { return m_sigma2[static_cast<std::size_t>(layer)]; }
    Eigen::MatrixXd& weights(int layer) {
        m_fixedPrediction = {};
        return m_theta[static_cast<std::size_t>(layer)];
    }
    const Eigen::MatrixXd& weights(int layer) const { return m_theta[static_cast<std::size_t>(layer)]; }
    Eigen::VectorXd& bias(int layer) {
        m_fixedPrediction = {};
        return m_bias[static_cast<std::size_t>(layer)];
    }
    const Eigen::VectorXd& bias(int layer) const { return m_bias[static_cast<std::size_t>(layer)]; }
    void setValue(int layer, const Eigen::VectorXd& v) {
        m_fixedPrediction = {};
        m_phi[static_cast<std::size_t>(layer)] = v;
    }
    void setVariance(int layer, const Eigen::VectorXd& v) { m_sigma2[static_cast<std::size_t>(layer)] = v; }
    void setInferenceRate(double rate) { m_config.inferenceRate = rate; }
    void setLearningRate(double rate) { m_config.learningRate = rate; }
    bool topClamped() const { return m_topClamped; }

    /// The local weight update of one synapse: it reads only its post-synaptic error and pre-synaptic rate.
    static double weightChange(double learningRate, double postError, double preRate) {
        return learningRate * postError * preRate;
    }

    Eigen::VectorXd h(const Eigen::VectorXd& x) const;
    Eigen::VectorXd hPrime(const Eigen::VectorXd& x) const;

private:
    /// One inference step; with `useFixed`, the layer below the clamped top uses m_fixedPrediction.
    void inferUpdate(bool useFixed);
    /// h'(x) given h(x) (tanh and sigmoid derive it from h(x) without a second transcendental).
    Eigen::VectorXd hPrimeFromH(const Eigen::VectorXd& x, const Eigen::VectorXd& hx) const;
    /// e_l / sigma2_l, with `useFixed` taking layer top - 1's prediction from m_fixedPrediction.
    Eigen::VectorXd weightedError(int layer, bool useFixed) const;
    double freeEnergy(bool useFixed) const;
    /// Computes m_fixedPrediction if the top is clamped and it is not there yet; true if it is there.
    bool ensureFixedPrediction();

    RatePcConfig m_config;
    std::vector<Eigen::VectorXd> m_phi;    // values, layer 0 = input
    std::vector<Eigen::VectorXd> m_sigma2; // variances of layer l's prediction error (top: prior variance)
    std::vector<Eigen::MatrixXd> m_theta;  // Theta_l: layer l+1 -> layer l
    std::vector<Eigen::VectorXd> m_bias;
    bool m_topClamped = false;
    Eigen::VectorXd m_fixedPrediction; ///< prediction of layer top - 1 from the clamped top; empty = stale
    std::vector<Eigen::VectorXd> m_scratchH, m_scratchEps; // per-step buffers of inferUpdate
};

/// For identity activations, the Hessian of the free energy in the free layers' values (stacked from layer 1
/// up): the posterior precision. Inference is gradient descent on F, so after an input change the distance to
/// the exact posterior shrinks per step by (I - inference_rate A): its smallest eigenvalue sets the speed.
Eigen::MatrixXd posteriorPrecision(const RatePcNetwork& network);

/// For identity activations the free energy is quadratic: its minimiser (the exact posterior means of the
/// free layers given the clamped ones) solves a linear system. Returns all layers' values.
/// `sd`, when given, receives each layer's posterior standard deviations (0 for clamped layers).
std::vector<Eigen::VectorXd> exactLinearPosterior(const RatePcNetwork& network,
                                                  std::vector<Eigen::VectorXd>* sd = nullptr);

} // namespace pulselab::core
