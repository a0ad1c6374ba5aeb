#pragma once
// The .pulselab project file: JSON with a format name and version, the network, the run settings, and the
// editor layout and figure settings (kept as they are: the core does not interpret them). Loading never
// crashes on bad input: every error names the file and the JSON path of the field.
#include "core/model/network_spec.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pulselab::core {

inline constexpr int kProjectFormatVersion = 1;

struct Project {
    std::string title;
    std::string description;
    NetworkSpec network;
    nlohmann::json editor = nlohmann::json::object();     ///< node positions, groups (the editor's business)
    nlohmann::json figures = nlohmann::json::object();    ///< configured figures (the exporter's business)
    nlohmann::json experiment = nlohmann::json::object(); ///< runner settings, e.g. predictive coding
};

struct ProjectLoad {
    std::optional<Project> project;
    std::string error; ///< "file: json.path: reason"
};

ProjectLoad parseProject(std::string_view text, std::string_view origin);
ProjectLoad loadProjectFile(const std::string& path);
std::string projectToJson(const Project& project);

} // namespace pulselab::core
