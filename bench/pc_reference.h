#pragma once
// Hands rate PC's classifier network to the Python references in bench/: float64 W1 (hidden x 784,
// row-major), b1, W0 (10 x hidden, row-major), b0, then int32 training-sample indices (epochs x samples, in
// the order trainAndEvaluatePc presents them).
#include "core/predictive/pc_classifier.h"

#include <fstream>
#include <string>

namespace pulselab::bench {

inline bool writePcReference(const std::string& path, const core::PcClassifierConfig& config,
                             const core::RatePcNetwork& net, int trainingSamples) {
    std::ofstream out(path, std::ios::binary);
    const auto put = [&](const Eigen::MatrixXd& m) {
        const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = m;
        out.write(reinterpret_cast<const char*>(r.data()), static_cast<std::streamsize>(r.size() * 8));
    };
    put(net.weights(1));
    put(net.bias(1));
    put(net.weights(0));
    put(net.bias(0));
    const std::vector<int> order = core::pcTrainingOrder(trainingSamples, config.epochs, config.seed);
    out.write(reinterpret_cast<const char*>(order.data()), static_cast<std::streamsize>(order.size() * 4));
    return static_cast<bool>(out);
}

} // namespace pulselab::bench
