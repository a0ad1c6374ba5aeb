#pragma once
// What a running network publishes to its views after each chunk of steps: new spikes, new samples of scalar
// signals (free energy, beliefs, traces, rates), parameter changes applied, and counters. Plain data, no Qt.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pulselab::core {

/// A spike of neuron `neuron` (global index over all recorded populations, see RunLayout) at `step`.
struct SpikeEvent {
    std::int64_t step = 0;
    std::uint32_t neuron = 0;
};

/// What a scalar signal means, so views can pick the ones they draw.
enum class SignalKind {
    FreeEnergyTotal,  ///< F summed over layers
    FreeEnergyLayer,  ///< F of one layer (group = layer)
    PredictionError,  ///< norm of a layer's prediction error (group = layer)
    BeliefMean,       ///< posterior mean, or probability for a binary latent (group = latent)
    BeliefSd,         ///< posterior standard deviation of the latent with the same group
    BeliefTruth,      ///< the ground truth of the latent with the same group, when the input has one
    ClassProbability, ///< probability of class `group` for a labelled top layer
    StateTrace,       ///< a probed state variable of one neuron
    PopulationRate,   ///< population rate in Hz (group = population)
    Other,
};

struct SignalInfo {
    std::string name; ///< shown in legends, e.g. "F layer 1", "P(x=1)"
    SignalKind kind = SignalKind::Other;
    int group = 0;
    std::string unit;
};

struct PopulationInfo {
    std::string name;
    std::uint32_t size = 0;
    std::uint32_t firstNeuron = 0; ///< global index of its neuron 0 in SpikeEvent::neuron
};

/// What one population does to another (spikes, a prediction, an error), for the diagram of a run whose
/// network is fixed by its experiment. Indices into RunLayout::populations.
struct PopulationLink {
    int from = 0;
    int to = 0;
    std::string label; ///< short: "prediction", "error +", ...
    /// Down the hierarchy (a prediction or feedback): the diagram places layers by the other links and draws
    /// these curving back.
    bool topDown = false;
};

/// The fixed shape of a run: its populations and signals. Published once when a run is (re)built.
struct RunLayout {
    double dtMs = 0.1;
    std::vector<PopulationInfo> populations;
    std::vector<SignalInfo> scalarSignals;
    /// How the populations drive one another; filled by experiment runs (a spiking network's projections are
    /// drawn by the node editor instead).
    std::vector<PopulationLink> links;
    std::uint32_t neuronCount() const {
        return populations.empty() ? 0 : populations.back().firstNeuron + populations.back().size;
    }
    /// Index of the population holding global neuron `neuron`, or -1.
    int populationOf(std::uint32_t neuron) const {
        for (std::size_t i = 0; i < populations.size(); ++i) {
            if (neuron >= populations[i].firstNeuron &&
                neuron < populations[i].firstNeuron + populations[i].size)
                return static_cast<int>(i);
        }
        return -1;
    }
};

/// Samples of one signal: values[i] was taken at the end of step steps[i].
struct SignalSamples {
    int signal = 0; ///< index into RunLayout::scalarSignals
    std::vector<std::int64_t> steps;
    std::vector<double> values;
};

/// A parameter change as applied by the engine, at the boundary before `step`.
struct AppliedParameterChange {
    std::int64_t step = 0;
    std::string target; ///< population (or layer) name
    std::string parameter;
    double oldValue = 0.0;
    double newValue = 0.0;
};

/// Learned features to show as images (receptive fields: each latent's weights onto an image-shaped input).
struct FeatureImages {
    std::string title;
    int width = 0;
    int height = 0;
    int count = 0;
    std::vector<float> pixels; ///< count x height x width, feature-major, row-major within a feature
    std::int64_t step = 0;     ///< the step they were taken at
};

struct RunSnapshot {
    int epoch = 0;              ///< increases at every reset: views clear when it changes
    std::int64_t firstStep = 0; ///< first step covered by this snapshot
    std::int64_t endStep = 0;   ///< one past the last step covered
    std::vector<SpikeEvent> spikes;
    std::vector<SignalSamples> samples;
    std::vector<AppliedParameterChange> parameterChanges;
    std::uint64_t totalSpikes = 0;   ///< since the run started
    std::uint64_t droppedSpikes = 0; ///< spikes not delivered to views because they fell too far behind
    double engineWallSeconds = 0.0;  ///< wall time spent stepping, since the run started
    bool finished = false;           ///< the run reached its set duration
    std::string fault; ///< non-empty when the run stopped on an error (names population, step, cause)
    /// Things the run keeps going after but a person should know (runaway firing, ...); each names the
    /// population, the step and the cause.
    std::vector<std::string> warnings;
    /// The latest learned features, when the run learns image-shaped ones (shared: views only read them).
    std::shared_ptr<const FeatureImages> features;

    /// Appends `later` (which must start where this one ends) to this snapshot.
    void merge(RunSnapshot&& later);
};

} // namespace pulselab::core
