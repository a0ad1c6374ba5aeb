#include "core/data/bars_dataset.h"

#include <set>

namespace pulselab::core {

std::vector<float> barImage(int width, int bar) {
    std::vector<float> image(static_cast<std::size_t>(width) * static_cast<std::size_t>(width), 0.0f);
    for (int k = 0; k < width; ++k) {
        const int row = bar < width ? bar : k;
        const int column = bar < width ? k : bar - width;
        image[static_cast<std::size_t>(row * width + column)] = 1.0f;
    }
    return image;
}

BarsSample drawBars(int width, double probability, std::mt19937_64& rng) {
    BarsSample sample;
    sample.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(width), 0.0f);
    std::bernoulli_distribution on(probability);
    for (int bar = 0; bar < 2 * width; ++bar) {
        if (!on(rng))
            continue;
        sample.activeBars.push_back(bar);
        const std::vector<float> image = barImage(width, bar);
        for (std::size_t i = 0; i < image.size(); ++i)
            sample.pixels[i] = image[i] > 0.0f ? 1.0f : sample.pixels[i];
    }
    return sample;
}

std::vector<BarMatch> matchBars(const Eigen::MatrixXd& features, int width) {
    std::vector<BarMatch> matches;
    for (int bar = 0; bar < 2 * width; ++bar) {
        const std::vector<float> image = barImage(width, bar);
        const Eigen::VectorXd b =
            Eigen::Map<const Eigen::VectorXf>(image.data(), static_cast<Eigen::Index>(image.size()))
                .cast<double>();
        BarMatch best;
        for (Eigen::Index j = 0; j < features.cols(); ++j) {
            const double norm = features.col(j).norm();
            if (norm <= 1e-6)
                continue;
            const double cosine = features.col(j).dot(b) / (norm * b.norm());
            if (cosine > best.cosine)
                best = {static_cast<int>(j), cosine};
        }
        matches.push_back(best);
    }
    return matches;
}

int barsLearned(const std::vector<BarMatch>& matches, double minCosine) {
    std::set<int> claimed;
    int learned = 0;
    for (const BarMatch& m : matches)
        learned += m.cosine > minCosine && claimed.insert(m.feature).second ? 1 : 0;
    return learned;
}

} // namespace pulselab::core
