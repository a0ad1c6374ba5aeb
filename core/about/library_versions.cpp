#include "core/about/library_versions.h"

#include <pulselab/version.h>

#include <Eigen/Core>
#include <H5public.h>
#include <nlohmann/json.hpp>

namespace pulselab::core {

std::vector<std::pair<std::string, std::string>> coreLibraryVersions() {
    auto dotted = [](auto a, auto b, auto c) {
        return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
    };
    return {
        {"PulseLab", kVersion},
            {"Eigen", dotted(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION)},
            {"HDF5", dotted(H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE)},
            {"nlohmann_json",
             dotted(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
#if defined(__clang__)
            {"Compiler", std::string("clang ") + __clang_version__},
#elif defined(__GNUC__)
            {"Compiler", dotted(__GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__).insert(0, "g++ ")},
#endif
    };
}

} // namespace pulselab::core
