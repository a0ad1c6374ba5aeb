#include "core/runtime/project_run.h"

#include "core/predictive/pc_run.h"
#include "core/sim/network_run.h"

namespace pulselab::core {

bool isPredictiveCodingProject(const Project& project) {
    return project.experiment.is_object() && project.experiment.value("kind", "") == "rate_pc";
}

std::unique_ptr<SteppableRun> makeProjectRun(const Project& project, std::string& error) {
    if (isPredictiveCodingProject(project)) {
        const auto config = parsePcExperiment(project.experiment, error);
        if (!config)
            return nullptr;
        return std::make_unique<PcRun>(*config);
    }
    return NetworkRun::create(project.network, error);
}

} // namespace pulselab::core
