#pragma once
// What differs between the settings of two runs: every value of their projects (network, experiment, run
// settings, seed) that one has and the other lacks or sets differently, named by a readable path
// ("network.populations[exc].parameters.tau_m_ms"), and the parameter changes made while either ran. Layout
// and presentation (editor positions, sliders, figures, title) are not settings and are left out.
#include "core/explore/run_history.h"

#include <string>
#include <vector>

namespace pulselab::core {

struct ParameterDifference {
    std::string path;   ///< readable path of the setting
    std::string valueA; ///< as JSON text; "(none)" when run A does not have it
    std::string valueB;
};

/// Differences between two projects' JSON texts, sorted by path. A text that does not parse gives one entry
/// whose path is "project" and whose value names the parse error.
std::vector<ParameterDifference> diffProjectSettings(const std::string& projectJsonA,
                                                     const std::string& projectJsonB);

/// The differences of two runs: their project settings, their seeds (when the projects do not already
/// show them), then one entry per parameter change made while a run ran ("changed at t = 120 ms: ...").
std::vector<ParameterDifference> diffRuns(const RunRecord& a, const RunRecord& b);

} // namespace pulselab::core
