#pragma once
// What a live run of the rate predictive-coding network (rate_pc_network.h) shows, shared by the runs built
// on it (the linear Gaussian hierarchy of pc_run.h, the bars of bars_rate_pc_run.h): free energy in total and
// per layer with each layer's prediction-error norm, sampled every inference step, and the units as raster
// rows. The units are rate units; the raster shows them as Poisson spike trains at rates proportional to
// their activity (a display encoding, not spiking predictive coding).
#include "core/predictive/rate_pc_network.h"
#include "core/runtime/run_snapshot.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace pulselab::core {

/// The signals "F total", "F layer l" (top: "F prior (top)") and "|e| layer l", appended to `layout` in the
/// order sampleFreeEnergySignals() fills them.
void addFreeEnergySignals(RunLayout& layout, int layers);

/// One sample of each signal of addFreeEnergySignals(), through `sample(value)` in order. F is the network's
/// free energy, or without its constant log-variance terms when `withLogVariance` is false.
template <typename Sample>
void sampleFreeEnergySignals(const RatePcNetwork& net, bool withLogVariance, Sample&& sample) {
    sample(withLogVariance ? net.freeEnergy() : net.errorEnergy());
    for (int l = 0; l < net.layers(); ++l)
        sample(withLogVariance ? net.layerFreeEnergy(l) : net.layerErrorEnergy(l));
    for (int l = 0; l + 1 < net.layers(); ++l)
        sample(net.error(l).norm());
}

/// Raster rows for a rate PC network: which units each displayed population shows.
class RatePcDisplay {
public:
    enum class Units {
        Values,     ///< phi_l (the input, for layer 0)
        Errors,     ///< the prediction errors of layer l, precision-weighted, in units of the mean variance
        Predictions ///< mu_l, what the layer above predicts for layer l
    };

    /// Appends a population of `net` layer `layer`'s units to `layout`.
    void add(RunLayout& layout, const std::string& name, int layerSize, int layer, Units units);
    /// Appends one step's display spikes: each unit fires with probability min(500 Hz, gain x |activity|) dt.
    void appendSpikes(const RatePcNetwork& net, const RunLayout& layout, std::int64_t step, double dtMs,
                      double gainHz, std::mt19937_64& rng, std::vector<SpikeEvent>& out) const;

private:
    struct Row {
        int layer;
        Units units;
    };
    std::vector<Row> m_rows; // one per population, in layout order
};

} // namespace pulselab::core
