#include "core/runtime/run_snapshot.h"

#include <algorithm>

namespace pulselab::core {

void RunSnapshot::merge(RunSnapshot&& later) {
    endStep = later.endStep;
    spikes.insert(spikes.end(), later.spikes.begin(), later.spikes.end());
    for (SignalSamples& block : later.samples) {
        auto it = std::find_if(samples.begin(), samples.end(),
                               [&](const SignalSamples& s) { return s.signal == block.signal; });
        if (it == samples.end()) {
            samples.push_back(std::move(block));
            continue;
        }
        it->steps.insert(it->steps.end(), block.steps.begin(), block.steps.end());
        it->values.insert(it->values.end(), block.values.begin(), block.values.end());
    }
    parameterChanges.insert(parameterChanges.end(), later.parameterChanges.begin(),
                            later.parameterChanges.end());
    totalSpikes = later.totalSpikes;
    droppedSpikes += later.droppedSpikes;
    engineWallSeconds = later.engineWallSeconds;
    finished = later.finished;
    warnings.insert(warnings.end(), later.warnings.begin(), later.warnings.end());
    if (!later.fault.empty())
        fault = std::move(later.fault);
    if (later.features)
        features = std::move(later.features);
}

} // namespace pulselab::core
