#pragma once
// Two recorded runs drawn on one time axis: their signals of the chosen kinds as one run layout (each named
// "Run N: <signal>") with the samples of both as one snapshot, so the live charts can draw a comparison with
// no code of their own. Population rates, which few runs publish as signals, are computed from the recorded
// spikes.
#include "core/explore/run_history.h"

#include <set>
#include <vector>

namespace pulselab::core {

struct RunOverlay {
    RunLayout layout;             ///< dt of the first run; one scalar signal per overlaid signal
    RunSnapshot samples;          ///< every sample of every overlaid signal
    std::vector<int> runOfSignal; ///< for each signal of `layout`: 0 = first run, 1 = second
};

/// Each population's firing rate (Hz per neuron) in consecutive bins of `binMs`, as signals named
/// "<population> rate" sampled at the end of each bin. Populations without recorded spikes give zeros.
std::vector<RecordedSignal> populationRates(const RunRecord& run, double binMs);

/// The signals of `kinds` of each run, overlaid. PopulationRate in `kinds` adds the rates computed from the
/// spikes (bins of `rateBinMs`) for runs that do not publish rate signals.
RunOverlay overlayRuns(const std::vector<const RunRecord*>& runs, const std::set<SignalKind>& kinds,
                       double rateBinMs);

} // namespace pulselab::core
