#pragma once
// Versions of the libraries the core is built with, for About boxes, --version and figure metadata.
#include <string>
#include <utility>
#include <vector>

namespace pulselab::core {

/// (library, version) pairs: PulseLab, Eigen, HDF5, nlohmann_json, the C++ compiler.
std::vector<std::pair<std::string, std::string>> coreLibraryVersions();

} // namespace pulselab::core
