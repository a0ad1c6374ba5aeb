#include "core/predictive/spiking_error_pc_readouts.h"

namespace pulselab::core {

std::vector<PopulationInfo> spikingErrorPcPopulations(const std::string& inputName, std::uint32_t inputs,
                                                      std::uint32_t latents) {
    return {{inputName, inputs, 0},
            {"latent causes", latents, inputs},
            {"errors +", inputs, inputs + latents},
            {"errors -", inputs, 2 * inputs + latents}};
}

std::vector<PopulationLink> spikingErrorPcLinks() {
    return {{0, 2, "excites", false},
            {0, 3, "inhibits", false},
            {1, 2, "prediction (inhibits)", true},
            {1, 3, "prediction (excites)", true},
            {2, 1, "error (excites)", false},
            {3, 1, "error (inhibits)", false}};
}

void appendSpikingErrorPcSpikes(const SpikingErrorPcStep& spikes, std::int64_t step, std::uint32_t inputs,
                                std::uint32_t latents, std::vector<SpikeEvent>& out) {
    for (std::uint32_t n : spikes.inputSpikes)
        out.push_back({step, n});
    for (std::uint32_t n : spikes.latentSpikes)
        out.push_back({step, inputs + n});
    for (std::uint32_t n : spikes.positiveErrorSpikes)
        out.push_back({step, inputs + latents + n});
    for (std::uint32_t n : spikes.negativeErrorSpikes)
        out.push_back({step, 2 * inputs + latents + n});
}

std::shared_ptr<const FeatureImages> causeFeatures(const SpikingErrorPc& network, int width, int height,
                                                   std::int64_t step) {
    auto features = std::make_shared<FeatureImages>();
    features->title = "What each cause predicts (top-down weights)";
    features->width = width;
    features->height = height;
    features->count = network.config().latents;
    features->step = step;
    const Eigen::MatrixXf& w = network.weights();
    features->pixels.assign(w.data(), w.data() + w.size()); // column-major: one cause's image after another
    return features;
}

} // namespace pulselab::core
