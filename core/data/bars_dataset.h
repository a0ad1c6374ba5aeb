#pragma once
// The bars problem (Foldiak 1990, Biol Cybern 64:165): a width x width image in which each of the 2 x width
// bars (rows and columns) is on independently with a given probability; a pixel is 1 where any active bar
// covers it. Its generative causes are known, so a network that learns features can be checked against them.
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

} // namespace pulselab::core
