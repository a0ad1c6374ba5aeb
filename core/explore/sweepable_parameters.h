#pragma once
// The numeric parameters of a project a sweep can vary: every population's neuron-model parameters and
// every input's generator parameters (from their schemas), with the value the project sets now; for rate_pc
// experiments, the run-time parameters PcRun::setParameter accepts.
#include "core/model/project_file.h"

#include <string>
#include <vector>

namespace pulselab::core {

struct SweepableParameter {
    std::string target;    ///< population, input or layer
    std::string parameter; ///< schema name, e.g. "v_th_mv"
    std::string unit;
    double minimum = 0.0;
    double maximum = 0.0;
    double current = 0.0; ///< the project's value (or the schema default)
    std::string name() const { return target + "." + parameter; }
};

std::vector<SweepableParameter> sweepableParameters(const Project& project);

} // namespace pulselab::core
