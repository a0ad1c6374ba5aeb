#pragma once
// Builds the run a project describes: a predictive-coding experiment when its "experiment" says so, otherwise
// its spiking network.
#include "core/model/project_file.h"
#include "core/runtime/steppable_run.h"

#include <memory>

namespace pulselab::core {

/// nullptr with `error` (naming the file's field or the network problem) when the project cannot run.
/// `projectDir` resolves relative data paths (e.g. the MNIST digits) of experiments.
std::unique_ptr<SteppableRun> makeProjectRun(const Project& project, std::string& error,
                                             const std::string& projectDir = ".");

bool isPredictiveCodingProject(const Project& project);

} // namespace pulselab::core
