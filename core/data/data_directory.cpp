#include "core/data/data_directory.h"

#include <cstdlib>

namespace pulselab::core {

std::string dataDirectory() {
    if (const char* dir = std::getenv("PULSELAB_DATA_DIR"); dir && *dir)
        return dir;
    return PULSELAB_DEFAULT_DATA_DIR;
}

} // namespace pulselab::core
