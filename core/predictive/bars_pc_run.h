#pragma once
// Live run of spiking predictive coding with explicit error populations (spiking_error_pc.h) learning the
// bars problem: a new bars image every presentation, inference for the whole presentation, local learning in
// its second half (after the latents settled). Reports spikes of the four populations (input pixels, latent
// causes, positive and negative errors) every step and, once per image, its mean free energy, the
// reconstruction error and each latent's belief at the end of the image.
#include "core/data/bars_dataset.h"
#include "core/predictive/spiking_error_pc.h"
#include "core/runtime/steppable_run.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace pulselab::core {

struct BarsPcConfig {
    SpikingErrorPcConfig network;
    int width = 8;
    double barProbability = 0.125;
    int presentationSteps = 100;
    bool learn = true;
};

std::optional<BarsPcConfig> parseBarsPc(const nlohmann::json& experiment, std::string& error);

class BarsPcRun : public SteppableRun {
public:
    explicit BarsPcRun(const BarsPcConfig& config);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    const SpikingErrorPc& network() const { return m_pc; }
    /// Mean cosine between each bar and its best-matching latent feature (1 = every bar learned).
    double barMatch() const;

private:
    BarsPcConfig m_config;
    RunLayout m_layout;
    SpikingErrorPc m_pc;
    std::mt19937_64 m_data;
    Eigen::VectorXf m_image;
    std::int64_t m_step = 0;
    double m_freeEnergySum = 0.0; // over the current image
};

} // namespace pulselab::core
