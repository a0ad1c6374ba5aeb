#include "core/io/recording.h"

namespace pulselab::core {

std::uint64_t Recording::spikeCount(bool includeInputs) const {
    std::uint64_t n = 0;
    for (const auto& s : spikes)
        if (includeInputs || !s.isInput)
            n += s.ids.size();
    return n;
}

const RecordedSpikes* Recording::population(const std::string& name) const {
    for (const auto& s : spikes)
        if (s.population == name)
            return &s;
    return nullptr;
}

} // namespace pulselab::core
