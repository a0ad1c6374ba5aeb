#include "core/data/spike_encoders.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

void poissonEncodeStep(const std::vector<float>& intensity, double maxRateHz, double dtMs,
                       std::mt19937_64& rng, std::vector<std::uint32_t>& spikes) {
    const double scale = maxRateHz * dtMs / 1000.0;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::size_t i = 0; i < intensity.size(); ++i) {
        const double p = std::clamp(static_cast<double>(intensity[i]), 0.0, 1.0) * scale;
        // One draw per input and step keeps the stream's use independent of the image (reproducible).
        if (unit(rng) < p)
            spikes.push_back(static_cast<std::uint32_t>(i));
    }
}

std::vector<std::int64_t> latencySteps(const std::vector<float>& intensity, double windowMs, double dtMs,
                                       double threshold) {
    std::vector<std::int64_t> steps(intensity.size(), -1);
    for (std::size_t i = 0; i < intensity.size(); ++i) {
        const double x = std::clamp(static_cast<double>(intensity[i]), 0.0, 1.0);
        if (x < threshold || x <= 0.0)
            continue;
        steps[i] = static_cast<std::int64_t>(std::llround((1.0 - x) * windowMs / dtMs));
    }
    return steps;
}

} // namespace pulselab::core
