// pulselab-hdf5-probe READER FILE SAMPLE MAX_EVENTS: the child process in which PulseLab reads an untrusted
// HDF5 file first (core/io/hdf5_isolation.h). READER is nir, recording, shd-info or shd-sample. Runs the
// core's reader under a memory and CPU limit and prints the verdict on standard output ("ok", or "error" and
// the reader's message), then ends with _exit(0). If libhdf5 crashes inside itself, the process dies instead
// and the parent reports it. Exit codes: 0 verdict printed, 2 bad command line, 3 limits not set, 4 out of
// memory.
#include "core/data/shd_event_reader.h"
#include "core/io/hdf5_isolation.h"
#include "core/io/nir_file.h"
#include "core/io/recording_file.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>
#include <string>

#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
// libhdf5 mallocs sizes read from a damaged file; plain malloc returns NULL (or fails under RLIMIT_AS) and
// HDF5 reports an error. Sanitizer builds behave the same instead of aborting, and, having no RLIMIT_AS
// (core/io/hdf5_isolation.cpp), refuse single allocations above 1 GiB.
extern "C" const char* __asan_default_options() {
    return "allocator_may_return_null=1:max_allocation_size_mb=1024";
}
#endif

namespace {

using namespace pulselab::core;

struct Outcome {
    bool loaded = false;
    std::string error;
};

Outcome readWith(const std::string& reader, const std::string& path, std::uint64_t sample,
                 std::uint64_t maxEvents) {
    if (reader == "nir") {
        const NirLoad load = importNir(path);
        return {load.network.has_value(), load.error};
    }
    if (reader == "recording") {
        const RecordingLoad load = readRecordingHdf5(path);
        return {load.recording.has_value(), load.error};
    }
    if (reader == "shd-info") {
        std::string error;
        const bool loaded = readShdInfo(path, error).has_value();
        return {loaded, error};
    }
    EventReadLimits limits;
    if (maxEvents > 0)
        limits.maxEvents = maxEvents;
    const EventLoad load = readShdSample(path, sample, limits);
    return {load.stream.has_value(), load.error};
}

void writeAll(const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = write(STDOUT_FILENO, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

int main(int argc, char** argv) {
    setHdf5IsolationEnabled(false); // this is the isolated process
    const std::string reader = argc == 5 ? argv[1] : "";
    if (reader != "nir" && reader != "recording" && reader != "shd-info" && reader != "shd-sample") {
        std::cerr << "usage: pulselab-hdf5-probe nir|recording|shd-info|shd-sample FILE SAMPLE MAX_EVENTS\n";
        return 2;
    }
    const std::string path = argv[2];
    const std::uint64_t sample = std::strtoull(argv[3], nullptr, 10);
    const std::uint64_t maxEvents = std::strtoull(argv[4], nullptr, 10);
    std::error_code ec;
    const std::uint64_t bytes = std::filesystem::file_size(path, ec);
    if (const std::string problem = applyHdf5ProbeLimits(ec ? 0 : bytes); !problem.empty()) {
        std::cerr << "pulselab-hdf5-probe: " << problem << "\n";
        return 3;
    }
    Outcome outcome;
    try {
        outcome = readWith(reader, path, sample, maxEvents);
    } catch (const std::bad_alloc&) {
        return 4;
    }
    writeAll(outcome.loaded ? std::string(kHdf5ProbeOk) : kHdf5ProbeError + outcome.error);
    _exit(0); // no leak report at exit: libhdf5 leaks small blocks on its error paths
}
