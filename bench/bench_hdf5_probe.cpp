// The cost of reading untrusted HDF5 in a child first (core/io/hdf5_isolation.h, issue 11): for recordings of
// three sizes, the median over REPS reads of the reader in this process alone, of the probe child alone
// (pulselab-hdf5-probe: spawn, read under limits, verdict), and of the whole isolated read (both). The file's
// modification time is moved before every probe so no remembered verdict skips the child.
//   build/bench/bench_hdf5_probe [REPS]
#include "core/io/hdf5_isolation.h"
#include "core/io/recording_file.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <unistd.h>
#include <vector>

using namespace pulselab::core;
namespace fs = std::filesystem;

namespace {

Recording recordingWithSpikes(std::size_t spikes) {
    Recording r;
    r.pulselabVersion = "0.1.0";
    r.seed = 1;
    r.dtMs = 0.1;
    r.projectJson = "{}";
    RecordedSpikes s{"exc", false, 1000, {}, {}};
    for (std::size_t i = 0; i < spikes; ++i) {
        s.timesMs.push_back(0.1 * static_cast<double>(i / 10));
        s.ids.push_back(static_cast<std::uint32_t>((i * 7919) % 1000));
    }
    r.spikes.push_back(std::move(s));
    return r;
}

double medianMs(int reps, const std::function<void(int)>& run) {
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run(i);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(ms.begin(), ms.begin() + reps / 2, ms.end());
    return ms[static_cast<std::size_t>(reps / 2)];
}

} // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    if (hdf5ProbeProgram().empty()) {
        // build/bench/bench_hdf5_probe -> build/app/pulselab-hdf5-probe
        const fs::path beside =
            fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "app" / "pulselab-hdf5-probe";
        setHdf5ProbeProgram(beside.string());
    }
    if (!fs::is_regular_file(hdf5ProbeProgram())) {
        std::fprintf(stderr, "no probe program (build pulselab-hdf5-probe or set PULSELAB_HDF5_PROBE)\n");
        return 1;
    }
    const fs::path dir = fs::temp_directory_path() / ("bench_hdf5_probe-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::printf("Reading a recording (HDF5) with and without the probe child, median of %d reads; probe %s\n",
                reps, hdf5ProbeProgram().c_str());
    std::printf("%10s | %10s | %14s | %14s | %16s | %s\n", "spikes", "file KB", "in-process ms",
                "probe only ms", "isolated read ms", "overhead");
    for (const std::size_t spikes : {std::size_t{100}, std::size_t{100'000}, std::size_t{1'000'000}}) {
        const std::string path = (dir / ("run-" + std::to_string(spikes) + ".h5")).string();
        if (!writeRecordingHdf5(recordingWithSpikes(spikes), path).ok) {
            std::fprintf(stderr, "%s: cannot write\n", path.c_str());
            return 1;
        }
        auto fresh = [&](int i) {
            fs::last_write_time(path, fs::file_time_type::clock::now() + std::chrono::seconds(i + 1));
        };
        setHdf5IsolationEnabled(false);
        const double inProcess = medianMs(reps, [&](int) {
            if (!readRecordingHdf5(path).recording)
                std::abort();
        });
        setHdf5IsolationEnabled(true);
        const double probe = medianMs(reps, [&](int i) {
            fresh(i);
            if (!probeHdf5InChild(Hdf5Reader::Recording, path).empty())
                std::abort();
        });
        const double isolated = medianMs(reps, [&](int i) {
            fresh(reps + i);
            if (!readRecordingHdf5(path).recording)
                std::abort();
        });
        std::printf("%10zu | %10.0f | %14.2f | %14.2f | %16.2f | %+.2f ms (%.1fx)\n", spikes,
                    static_cast<double>(fs::file_size(path)) / 1024.0, inProcess, probe, isolated,
                    isolated - inProcess, isolated / inProcess);
    }
    fs::remove_all(dir);
    return 0;
}
