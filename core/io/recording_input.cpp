#include "core/io/recording_input.h"

#include <algorithm>

namespace pulselab::core {

std::optional<InputSpec> spikeTimesInputFromRecording(const Recording& recording,
                                                      const std::string& population,
                                                      const std::string& inputName, std::string& error) {
    const RecordedSpikes* s = recording.population(population);
    if (!s) {
        error = "the recording has no population '" + population + "'";
        return std::nullopt;
    }
    InputSpec spec;
    spec.name = inputName;
    spec.kind = "spike_times";
    spec.size = s->size;
    spec.spikeTimesMs.resize(s->size);
    for (std::size_t i = 0; i < s->ids.size() && i < s->timesMs.size(); ++i) {
        if (s->ids[i] >= s->size) {
            error = "population '" + population + "': spike " + std::to_string(i) + " names neuron " +
                    std::to_string(s->ids[i]) + " of " + std::to_string(s->size);
            return std::nullopt;
        }
        spec.spikeTimesMs[s->ids[i]].push_back(s->timesMs[i]);
    }
    // validate() requires each neuron's times sorted; recorded spikes are, but files from elsewhere may not
    // be.
    for (auto& times : spec.spikeTimesMs)
        std::sort(times.begin(), times.end());
    return spec;
}

} // namespace pulselab::core
