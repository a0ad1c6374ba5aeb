#pragma once
// The bars problem (Foldiak 1990, Biol Cybern 64:165): a width x width image in which each of the 2 x width
// bars (rows and columns) is on independently with a given probability; a pixel is 1 where any active bar
// covers it. Its generative causes are known, so a network that learns features can be checked against them.
#include <Eigen/Dense>

#include <cstdint>
#include <random>
#include <vector>

namespace pulselab::core {

struct BarsSample {
    std::vector<float> pixels;   ///< width * width, row-major, 0 or 1
    std::vector<int> activeBars; ///< bar indices: 0..width-1 rows, width..2 width-1 columns
};

BarsSample drawBars(int width, double probability, std::mt19937_64& rng);

/// The image of bar `bar` alone (the ground-truth feature).
std::vector<float> barImage(int width, int bar);

/// The learned feature most like one bar: its column in the feature matrix (-1: none) and their cosine.
struct BarMatch {
    int feature = -1;
    double cosine = 0.0;
};

/// For each of the 2 x width bars (in barImage() order), the feature (a column of `features`, width^2 x
/// count) with the largest cosine to it; features of (near) zero norm match nothing.
std::vector<BarMatch> matchBars(const Eigen::MatrixXd& features, int width);

/// How many bars are learned: matched with cosine > `minCosine` by a feature no other bar claimed before.
int barsLearned(const std::vector<BarMatch>& matches, double minCosine);

} // namespace pulselab::core
