#pragma once
// Recording files. HDF5 (one file): /spikes/<population>/{times,ids} (times in ms, float64; ids uint32),
// /signals/<name>/{times,values} (ms, float64), root attributes format = "pulselab-recording",
// format_version, pulselab_version, seed, dt_ms, and the string dataset /project holding the project JSON.
// Group names are the population and signal names with '/' written as "%2F" (HDF5 separates paths with
// it); each group's attributes "name" (exact name) and "index" (position written) restore names and order.
// CSV (two files, long format for pandas/R):
// spikes.csv "population,id,time_ms", signals.csv "name,time_ms,value". All writes are atomic.
#include "core/io/atomic_file.h"
#include "core/io/recording.h"

#include <optional>
#include <string>

namespace pulselab::core {

WriteResult writeRecordingHdf5(const Recording& recording, const std::string& path);
WriteResult writeRecordingCsv(const Recording& recording, const std::string& spikesPath,
                              const std::string& signalsPath);

struct RecordingLoad {
    std::optional<Recording> recording;
    std::string error; ///< names the file and the object, e.g. "run.h5: /spikes/exc/ids: expected integers"
};

RecordingLoad readRecordingHdf5(const std::string& path);

} // namespace pulselab::core
