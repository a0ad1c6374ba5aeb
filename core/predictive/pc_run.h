#pragma once
// A predictive-coding experiment as a SteppableRun, for the live views and the headless runner. Each step is
// one inference step on the current sample; after `steps_per_sample` steps the network learns locally and the
// next sample arrives. The task here is a linear Gaussian hierarchy with known generative weights, so the
// exact Bayesian posterior of every sample is available: the belief plot shows the network's posterior means
// (with their exact s.d. as a band) converging onto it. Midway the generative weights can switch, to watch
// free energy jump and the network re-learn (adaptation).
//
// The raster shows the value and error units as rate_pc_readouts.h describes.
#include "core/predictive/rate_pc_network.h"
#include "core/predictive/rate_pc_readouts.h"
#include "core/runtime/steppable_run.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <random>

namespace pulselab::core {

struct PcExperimentConfig {
    RatePcConfig network;
    int stepsPerSample = 100;
    double dtMs = 1.0;
    double noiseSd = 0.3;        ///< observation noise of the generative task
    int switchAtSample = -1;     ///< the task's weights change at this sample (-1: never)
    double displayGainHz = 40.0; ///< raster display: Hz per unit of |activity|
    std::uint64_t taskSeed = 7;
};

/// Reads the project's "experiment" object (kind "rate_pc"); `error` names the field on failure.
std::optional<PcExperimentConfig> parsePcExperiment(const nlohmann::json& experiment, std::string& error);

class PcRun : public SteppableRun {
public:
    explicit PcRun(const PcExperimentConfig& config);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    const RatePcNetwork& network() const { return *m_net; }
    /// Free energy at the end of inference of each sample so far (the learning curve).
    const std::vector<double>& settledFreeEnergy() const { return m_settled; }
    std::uint64_t synapticOps() const { return m_synapticOps; }

private:
    void buildLayout();
    void nextSample();
    void checkWeights() const;
    Eigen::VectorXd sampleInput();
    void randomiseTask();

    PcExperimentConfig m_config;
    std::unique_ptr<RatePcNetwork> m_net;
    RunLayout m_layout;
    std::int64_t m_step = 0;
    int m_sample = 0;
    std::vector<Eigen::MatrixXd> m_taskWeights; // the generative model the data come from
    std::mt19937_64 m_taskRng, m_displayRng;
    std::vector<Eigen::VectorXd> m_exact, m_exactSd;
    std::vector<double> m_settled;
    std::uint64_t m_synapticOps = 0;
    RatePcDisplay m_display;
};

} // namespace pulselab::core
