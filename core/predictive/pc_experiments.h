#pragma once
// Experiment runners for predictive-coding networks (issue 4), each returning a table of measured figures:
//   convergence over inference: F and the top layer's distance to the exact posterior after k inference
//                               steps of a sample, averaged over the first and over the last samples of a run
//                               (before and after learning);
//   convergence over training:  settled F (end of each sample's inference) and belief error per block of
//                               training samples (the learning curve);
//   stability:                  any run, block by block over a long run: weight norms, firing rate of every
//                               population, mean free energy;
//   adaptation:                 the task's generative weights switch mid-run; settled F per block and the
//                               number of samples until it is back within a tolerance of its pre-switch
//                               level.
// The rate-PC runners drive a PcRun (kind "rate_pc": a linear Gaussian hierarchy whose exact posterior is
// known); the stability runner drives any SteppableRun through its published layout and signals.
#include "core/predictive/pc_run.h"
#include "core/runtime/steppable_run.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace pulselab::core {

struct ExperimentTable {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
    std::vector<std::string> notes; ///< one line each, printed under the table
    std::string markdown() const;
    nlohmann::json toJson() const;
};

/// `samples` samples of the run; rows for k = 0, 1, 2, 5, 10, 20, 50, ... inference steps (up to
/// steps_per_sample), each averaged over the first and the last `window` samples.
ExperimentTable convergenceOverInference(const PcExperimentConfig& config, int samples, int window);

/// Mean settled F and mean final belief error per block of `block` samples, over `samples` samples.
ExperimentTable convergenceOverTraining(const PcExperimentConfig& config, int samples, int block);

/// The weights' Frobenius norms of a run at a moment (named by `names`).
struct WeightNorms {
    std::vector<std::string> names;
    std::function<std::vector<double>()> read;
};

/// `blocks` blocks of `blockSteps` steps of `run`: per block the firing rate of each population (Hz), the
/// mean of its FreeEnergyTotal signal, and the weight norms at the block's end.
ExperimentTable stabilityTable(SteppableRun& run, std::int64_t blockSteps, int blocks,
                               const WeightNorms& weights);

/// Needs config.switchAtSample > 0. Settled F per block of `block` samples; the note gives the samples after
/// the switch until a block's mean settled F is within `tolerance` (relative) of the last block before it.
ExperimentTable adaptationTable(const PcExperimentConfig& config, int samples, int block, double tolerance);

} // namespace pulselab::core
