#include "core/explore/run_overlay.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

std::vector<RecordedSignal> populationRates(const RunRecord& run, double binMs) {
    std::vector<RecordedSignal> out;
    if (binMs <= 0.0 || run.steps <= 0)
        return out;
    const double durationMs = run.simulatedMs();
    const auto bins = static_cast<std::size_t>(std::ceil(durationMs / binMs - 1e-9));
    for (const PopulationInfo& population : run.layout.populations) {
        RecordedSignal rate{population.name + " rate", "Hz", {}, {}};
        std::vector<double> counts(bins, 0.0);
        if (const RecordedSpikes* spikes = run.recording.population(population.name))
            for (double t : spikes->timesMs) {
                const auto bin = static_cast<std::size_t>(std::max(0.0, t) / binMs);
                if (bin < bins)
                    counts[bin] += 1.0;
            }
        for (std::size_t k = 0; k < bins; ++k) {
            const double end = std::min(durationMs, static_cast<double>(k + 1) * binMs);
            const double width = end - static_cast<double>(k) * binMs;
            rate.timesMs.push_back(end);
            rate.values.push_back(
                population.size > 0 && width > 0.0 ? counts[k] / population.size / (width / 1000.0) : 0.0);
        }
        out.push_back(std::move(rate));
    }
    return out;
}

RunOverlay overlayRuns(const std::vector<const RunRecord*>& runs, const std::set<SignalKind>& kinds,
                       double rateBinMs) {
    RunOverlay overlay;
    if (runs.empty())
        return overlay;
    overlay.layout.dtMs = runs.front()->layout.dtMs;
    const double dt = overlay.layout.dtMs;
    auto add = [&](int runIndex, const RunRecord& run, const SignalInfo& info, const RecordedSignal& signal) {
        const int index = static_cast<int>(overlay.layout.scalarSignals.size());
        SignalInfo named = info;
        named.name = "Run " + std::to_string(run.number) + ": " + info.name;
        overlay.layout.scalarSignals.push_back(named);
        overlay.runOfSignal.push_back(runIndex);
        SignalSamples block;
        block.signal = index;
        // Charts place a sample of step s at the end of that step, (s + 1) dt; recordings store s dt.
        for (std::size_t i = 0; i < signal.timesMs.size() && i < signal.values.size(); ++i) {
            block.steps.push_back(static_cast<std::int64_t>(std::llround(signal.timesMs[i] / dt)));
            block.values.push_back(signal.values[i]);
        }
        overlay.samples.endStep = std::max(overlay.samples.endStep,
                                           static_cast<std::int64_t>(std::llround(run.simulatedMs() / dt)));
        overlay.samples.samples.push_back(std::move(block));
    };
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const RunRecord& run = *runs[r];
        bool publishesRates = false;
        for (std::size_t i = 0; i < run.layout.scalarSignals.size() && i < run.recording.scalarSignals.size();
             ++i) {
            const SignalInfo& info = run.layout.scalarSignals[i];
            publishesRates = publishesRates || info.kind == SignalKind::PopulationRate;
            if (kinds.count(info.kind))
                add(static_cast<int>(r), run, info, run.recording.scalarSignals[i]);
        }
        if (kinds.count(SignalKind::PopulationRate) && !publishesRates) {
            int group = 0;
            for (const RecordedSignal& rate : populationRates(run, rateBinMs))
                add(static_cast<int>(r), run, {rate.name, SignalKind::PopulationRate, group++, "Hz"}, rate);
        }
    }
    return overlay;
}

} // namespace pulselab::core
