#pragma once
// Predictive coding in two layers learning the bars (Foldiak 1990; the network of rate_pc_network.h, Bogacz
// 2017): width x width bars images are the clamped bottom layer; a layer of non-negative causes (ReLU,
// Gaussian prior N(0, 1)) predicts them top-down through weights kept in [0, 1]. Each image is shown for an
// inference window of `steps_per_image` steps: the causes descend the free energy (errors flow up,
// predictions flow down), then every weight learns from the error and cause at its two ends, and the next
// image arrives. Free energy is reported without its log-variance terms (the variances are fixed here, so
// those are constants): its floor is 0, a perfect prediction at the prior's centre.
//
// Readouts, every inference step: F (total, pixels, prior), each bar's belief (the activity of the cause
// whose feature is most like that bar) as a bar chart; once per image: the fraction of the bars whose belief
// (> 0.5) matches the truth; the learned weights as receptive fields. Raster: pixels, pixel errors, the
// prediction and the causes (display spikes, see rate_pc_readouts.h).
#include "core/data/bars_dataset.h"
#include "core/predictive/rate_pc_network.h"
#include "core/predictive/rate_pc_readouts.h"
#include "core/runtime/steppable_run.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <random>

namespace pulselab::core {

struct BarsRatePcConfig {
    RatePcConfig network; ///< layers {width^2, latents}, ReLU causes, weights in [0, 1], no bias
    int width = 8;
    double barProbability = 0.125;
    int stepsPerImage = 50;
    double pixelVariance = 0.25; ///< sigma^2 of each pixel's prediction error (precision 4)
    double dtMs = 1.0;
    double displayGainHz = 100.0;
    bool learn = true;
    std::uint64_t dataSeed = 7;
};

/// Reads experiment kind "rate_pc_bars"; `error` names the field on failure.
std::optional<BarsRatePcConfig> parseBarsRatePc(const nlohmann::json& experiment, std::string& error);

/// How inference went on held-out images (no learning): the fall of F across the inference window, from its
/// value when the image arrives to its value at the window's end, as a fraction of the former (1 - sum of
/// ends / sum of starts); and the fraction of bars whose belief (> 0.5) agrees with whether the bar is on.
struct BarsInferenceCheck {
    int images = 0;
    double freeEnergyStart = 0.0, freeEnergyEnd = 0.0; ///< means over the images
    double freeEnergyFall = 0.0;
    double beliefAgreement = 0.0;
};

class BarsRatePcRun : public SteppableRun {
public:
    explicit BarsRatePcRun(const BarsRatePcConfig& config);

    RunLayout layout() const override { return m_layout; }
    void advance(std::int64_t steps, RunSnapshot& out) override;
    std::int64_t currentStep() const override { return m_step; }
    double setParameter(const std::string& target, const std::string& parameter, double value) override;
    void reset() override;

    const RatePcNetwork& network() const { return *m_net; }
    /// Each bar's best-matching learned feature (a column of the top-down weights).
    std::vector<BarMatch> barMatches() const;
    /// Infers (without learning, on a copy of the network) `images` new images with at least one bar each.
    BarsInferenceCheck checkInference(int images, std::uint64_t seed) const;
    /// F at the end of each image's inference window so far (the learning curve).
    const std::vector<double>& settledFreeEnergy() const { return m_settled; }
    std::uint64_t synapticOps() const { return m_synapticOps; }

private:
    void nextImage();

    BarsRatePcConfig m_config;
    std::unique_ptr<RatePcNetwork> m_net;
    RunLayout m_layout;
    RatePcDisplay m_display;
    std::mt19937_64 m_data, m_displayRng;
    BarsSample m_image;
    std::vector<BarMatch> m_matches; // bars -> causes, refreshed once per image
    std::int64_t m_step = 0;
    std::vector<double> m_settled;
    std::uint64_t m_synapticOps = 0;
};

} // namespace pulselab::core
