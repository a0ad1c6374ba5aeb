#pragma once
// Outcomes a sweep can measure, computed from a run's snapshots chunk by chunk (so no run's spikes are kept):
//   final_free_energy  last sample of the run's total free-energy signal (SignalKind::FreeEnergyTotal);
//                      predictive-coding runs publish it (for rate_pc: F of the current sample while it
//                      settles, not the end-of-sample value `run --json` reports as free_energy_last).
//   mean_rate_hz       spikes / neurons / simulated seconds, over one population (or input) when named,
//                      else over every population that is not an input: the same number as the
//                      mean_rate_hz of `pulselab-cli run --json`.
//   accuracy           last value of a signal whose name contains "accuracy" (the MNIST runs' held-out
//                      accuracy).
//   belief_error       mean |belief - truth| over every step where a BeliefMean signal and the BeliefTruth
//                      signal of the same group were both sampled (rate_pc: PC belief vs exact posterior;
//                      spike_coding: readout vs signal; hmm_poisson inputs: exact filter vs hidden cause).
//   reconvergence_ms   after each jump of a BeliefTruth signal by >= 0.5 (a switch of a binary hidden
//                      cause), the time until its belief is within 0.5 of the new truth; the mean over
//                      switches that re-converged before the next one (NaN when there was none).
//   energy_per_inference_j  Loihi 2 energy of one inference (inference_ms of simulated time; the whole run
//                      when 0), from the run's spikes on the network's mapping, as `pulselab-cli map` counts
//                      it (energy_outcome.cpp). Spiking networks only.
#include "core/model/network_spec.h"
#include "core/runtime/run_snapshot.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

enum class OutcomeKind {
    FinalFreeEnergy,
    MeanRateHz,
    Accuracy,
    BeliefError,
    ReconvergenceMs,
    EnergyPerInference
};

struct OutcomeMetric {
    OutcomeKind kind = OutcomeKind::MeanRateHz;
    std::string population;   ///< mean_rate_hz only: empty = all non-input populations
    double inferenceMs = 0.0; ///< energy_per_inference_j only: one inference's length, 0 = the whole run
};

/// The file-format name of each kind ("mean_rate_hz", ...), and back (nullopt for an unknown name).
std::string outcomeName(OutcomeKind kind);
std::optional<OutcomeKind> outcomeKindNamed(const std::string& name);
const std::vector<OutcomeKind>& allOutcomeKinds();
/// What the outcome means, with its unit, for menus and result headers.
std::string outcomeDescription(OutcomeKind kind);

/// Accumulates one run's outcome over the snapshots of its chunks.
class OutcomeAccumulator {
public:
    virtual ~OutcomeAccumulator() = default;
    virtual void add(const RunSnapshot& chunk) = 0;
    /// The outcome after `steps` steps of the run.
    virtual double value(std::int64_t steps) const = 0;
};

/// An accumulator for `metric` on a run of `layout`; nullptr with `error` when the run does not provide what
/// the metric needs (no such population, no free-energy signal, ...). `inputNames` are the layout's
/// populations that are spike inputs (left out of the all-population mean rate). `network` is the network
/// that runs, which energy_per_inference_j maps onto Loihi 2 (refused without one).
std::unique_ptr<OutcomeAccumulator> makeOutcomeAccumulator(const OutcomeMetric& metric,
                                                           const RunLayout& layout,
                                                           const std::vector<std::string>& inputNames,
                                                           std::string& error,
                                                           const NetworkSpec* network = nullptr);

/// The energy_per_inference_j accumulator (energy_outcome.cpp): maps `network` onto Loihi 2 now (nullptr with
/// `error` naming the limit when it does not map) and counts each neuron's spikes as chunks arrive.
std::unique_ptr<OutcomeAccumulator> makeEnergyAccumulator(const NetworkSpec& network, const RunLayout& layout,
                                                          double inferenceMs, std::string& error);

} // namespace pulselab::core
