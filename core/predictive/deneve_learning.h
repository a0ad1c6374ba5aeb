#pragma once
// The Bayesian spiking neuron of Denève 2008 (Neural Computation 20(1):91-117) learning its own input model
// online, as in the paper's part II: an online, spike-based form of expectation-maximisation. The E-step is
// the neuron's own belief p = P(x = 1 | inputs so far) (its filtered posterior, no smoothing, no replay);
// the M-step re-estimates each input's rates from running, exponentially forgetting sums:
//   q_on_i  = <p s_i> / <p dt>,   q_off_i = <(1 - p) s_i> / <(1 - p) dt>,
// from which w_i = log(q_on_i / q_off_i) and theta = sum_i (q_on_i - q_off_i) (SCIENCE.md section 3).
// Locality: synapse i's statistics change with its own pre spikes s_i and the post neuron's belief p only
// (learnSynapse takes nothing else); the neuron's time statistics with p and dt only; theta is the sum over
// the neuron's own synapses. No other neuron's state and no backward pass enter. The switching rates r_on and
// r_off are given (the paper also learns them; not done here).
#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core {

struct DeneveLearningConfig {
    double rOnHz = 2.0, rOffHz = 2.0;  ///< the hidden cause's switching rates (known)
    std::vector<double> initialQOnHz;  ///< first guess of each input's rate while the cause is on
    std::vector<double> initialQOffHz; ///< ... and while it is off (same size; q_on > q_off names "on")
    double dtMs = 1.0;
    double memoryS = 50.0;     ///< forgetting time constant of the running sums (the learning rate's inverse)
    double priorWeightS = 5.0; ///< the first guesses count as this many seconds of each state
    double eta = 2.0;          ///< output spike: jump of the decoded log-odds G
    double lLimit = 30.0;      ///< log-odds clipped to +-lLimit
    bool learning = true;

    /// Empty when usable, else a message naming the field and why.
    std::string problem() const;
};

class DeneveLearningNeuron {
public:
    /// Throws std::invalid_argument with config.problem() when the configuration is unusable.
    explicit DeneveLearningNeuron(const DeneveLearningConfig& config);

    /// Expected spike counts of one input while the cause was on / off (forgetting sums).
    struct SynapseCounts {
        double whileOn = 0.0, whileOff = 0.0;
    };
    /// The whole learning rule of one synapse: its counts, its own pre spike this step, the post neuron's
    /// belief and the forgetting factor dt / memory. Nothing else is an argument.
    static SynapseCounts learnSynapse(SynapseCounts counts, bool preSpike, double belief, double forget);
    /// A learned rate: expected count / expected time, floored so that an input never seen firing in one
    /// state gives a large but finite weight.
    static double rateHz(double count, double timeS);

    /// One step of dt: inference with the current weights (L and the output spike), then, if learning, the
    /// M-step on the new belief. `spikes` lists the inputs that fired (indices < inputs()). Returns whether
    /// the neuron fired.
    bool step(const std::vector<std::uint32_t>& spikes);

    void setLearning(bool on) { m_config.learning = on; }
    std::size_t inputs() const { return m_counts.size(); }
    double logOdds() const { return m_l; }
    double probability() const;
    double decodedProbability() const; ///< what a reader of the output spikes holds (G)
    double weight(std::size_t i) const { return m_weight[i]; }
    double qOnHz(std::size_t i) const;
    double qOffHz(std::size_t i) const;
    double thetaHz() const { return m_thetaHz; }
    const SynapseCounts& counts(std::size_t i) const { return m_counts[i]; }

private:
    void refreshModel();

    DeneveLearningConfig m_config;
    double m_dtS;
    double m_l = 0.0, m_g = 0.0;
    std::vector<SynapseCounts> m_counts;
    double m_timeOnS, m_timeOffS; ///< expected time the cause was on / off (forgetting sums)
    std::vector<double> m_weight;
    double m_thetaHz = 0.0;
    std::vector<char> m_fired; ///< scratch: which inputs fired this step
};

} // namespace pulselab::core
