#include "fuzz_input_file.h"

#include "core/io/hdf5_isolation.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace pulselab::fuzz {

const std::string& writeInputFile(const std::uint8_t* data, std::size_t size, const char* stem,
                                  const char* suffix) {
    static const std::string path = (std::filesystem::temp_directory_path() /
                                     (std::string(stem) + "-" + std::to_string(getpid()) + suffix))
                                        .string();
    // The fuzzers look for crashes inside the readers themselves, so they read in this process, not in the
    // child PulseLab otherwise reads untrusted HDF5 files in first.
    pulselab::core::setHdf5IsolationEnabled(false);
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr || (size > 0 && std::fwrite(data, 1, size, file) != size)) {
        std::perror(path.c_str());
        std::abort(); // a fuzzer that cannot write its input tests nothing
    }
    std::fclose(file);
    return path;
}

} // namespace pulselab::fuzz
