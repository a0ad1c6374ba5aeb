#pragma once
// What a run leaves behind for analysis and for replay: spikes per population as (time, neuron id) columns,
// sampled scalar signals (free energy, beliefs, traces, rates) as (time, value) columns, and the metadata
// needed to reproduce it (project text, seed, PulseLab version). Plain data; the file formats live in
// recording_hdf5.cpp and recording_csv.cpp.
#include <cstdint>
#include <string>
#include <vector>

namespace pulselab::core {

struct RecordedSpikes {
    std::string population;
    bool isInput = false;   ///< an input generator rather than a neuron population
    std::uint32_t size = 0; ///< neurons in the population; ids are in [0, size)
    std::vector<double> timesMs;
    std::vector<std::uint32_t> ids;
    bool operator==(const RecordedSpikes&) const = default;
};

struct RecordedSignal {
    std::string name;
    std::string unit;
    std::vector<double> timesMs;
    std::vector<double> values;
    bool operator==(const RecordedSignal&) const = default;
};

struct Recording {
    std::string pulselabVersion;
    std::uint64_t seed = 0;
    double dtMs = 0.0;
    std::string projectJson; ///< the project as run, so the recording can be reproduced
    std::vector<RecordedSpikes> spikes;
    std::vector<RecordedSignal> scalarSignals; ///< not "signals": Qt defines that as a macro

    /// Spikes of neuron populations, or of populations and inputs.
    std::uint64_t spikeCount(bool includeInputs = false) const;
    const RecordedSpikes* population(const std::string& name) const;
    bool operator==(const Recording&) const = default;
};

} // namespace pulselab::core
