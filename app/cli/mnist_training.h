#pragma once
// `pulselab-cli run` on the MNIST training projects: trains on the 7,996 training digits and reports the
// held-out accuracy on the 2,004 test digits, with the readouts every predictive-coding run reports.
#include "core/model/project_file.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace pulselab::cli {

struct MnistRunSettings {
    std::string project; ///< the file, named in messages
    std::optional<std::uint64_t> seed;
    bool json = false;
    bool outRequested = false; ///< --out was given: refused, these runs record nothing
};

/// rate_pc_mnist, spiking_pc_mnist and spiking_supervised_pc_mnist.
bool isMnistTrainingKind(const std::string& kind);

int runMnistTraining(const core::Project& project, const MnistRunSettings& settings, std::ostream& out,
                     std::ostream& err);

} // namespace pulselab::cli
