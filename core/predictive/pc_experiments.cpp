#include "core/predictive/pc_experiments.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace pulselab::core {

namespace {

std::string number(double v) {
    if (std::isnan(v))
        return "-";
    char text[32];
    const double a = std::abs(v);
    std::snprintf(text, sizeof text, a != 0.0 && (a >= 1e5 || a < 1e-3) ? "%.3e" : "%.4g", v);
    return text;
}

/// Runs a PcRun sample by sample and reads, per inference step of each sample, F and the mean distance of the
/// top layer's beliefs to the exact posterior (step 0: before the first inference step).
class SampleRecorder {
public:
    explicit SampleRecorder(const PcExperimentConfig& config)
        : m_run(config), m_steps(config.stepsPerSample) {
        const RunLayout layout = m_run.layout();
        for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
            const SignalInfo& s = layout.scalarSignals[i];
            if (s.kind == SignalKind::FreeEnergyTotal)
                m_freeEnergy = static_cast<int>(i);
            else if (s.kind == SignalKind::BeliefMean)
                m_mean.push_back(static_cast<int>(i));
            else if (s.kind == SignalKind::BeliefTruth)
                m_truth.push_back(static_cast<int>(i));
        }
    }

    /// One sample: F[k] and belief error[k] for k = 0 .. steps_per_sample.
    void next(std::vector<double>& freeEnergy, std::vector<double>& beliefError) {
        const RatePcNetwork& net = m_run.network();
        const Eigen::VectorXd top0 = net.value(net.layers() - 1);
        const double f0 = net.freeEnergy();
        RunSnapshot out;
        m_run.advance(m_steps, out);
        const auto values = [&](int signal) -> const std::vector<double>& {
            return out.samples[static_cast<std::size_t>(signal)].values;
        };
        freeEnergy.assign(1, f0);
        const auto& f = values(m_freeEnergy);
        freeEnergy.insert(freeEnergy.end(), f.begin(), f.end());
        beliefError.assign(static_cast<std::size_t>(m_steps) + 1, 0.0);
        for (std::size_t u = 0; u < m_mean.size(); ++u) {
            const auto& mean = values(m_mean[u]);
            const auto& truth = values(m_truth[u]);
            beliefError[0] += std::abs(top0[static_cast<Eigen::Index>(u)] - truth.front());
            for (std::size_t k = 0; k < mean.size(); ++k)
                beliefError[k + 1] += std::abs(mean[k] - truth[k]);
        }
        for (double& e : beliefError)
            e /= static_cast<double>(std::max<std::size_t>(1, m_mean.size()));
    }

private:
    PcRun m_run;
    int m_steps;
    int m_freeEnergy = 0;
    std::vector<int> m_mean, m_truth;
};

} // namespace

std::string ExperimentTable::markdown() const {
    std::string text = "### " + title + "\n\n|";
    for (const auto& c : columns)
        text += " " + c + " |";
    text += "\n|";
    for (std::size_t i = 0; i < columns.size(); ++i)
        text += "---|";
    text += "\n";
    for (const auto& row : rows) {
        text += "|";
        for (double v : row)
            text += " " + number(v) + " |";
        text += "\n";
    }
    for (const auto& n : notes)
        text += "\n" + n + "\n";
    return text;
}

nlohmann::json ExperimentTable::toJson() const {
    nlohmann::json rowsJson = nlohmann::json::array();
    for (const auto& row : rows) {
        nlohmann::json r = nlohmann::json::object();
        for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i)
            r[columns[i]] = std::isfinite(row[i]) ? nlohmann::json(row[i]) : nlohmann::json(nullptr);
        rowsJson.push_back(r);
    }
    return {{"title", title}, {"rows", rowsJson}, {"notes", notes}};
}

ExperimentTable convergenceOverInference(const PcExperimentConfig& config, int samples, int window) {
    window = std::max(1, std::min(window, samples / 2));
    const int steps = config.stepsPerSample;
    std::vector<int> ks;
    for (int k : {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000})
        if (k < steps)
            ks.push_back(k);
    ks.push_back(steps);
    std::vector<double> fFirst(ks.size()), eFirst(ks.size()), fLast(ks.size()), eLast(ks.size());
    SampleRecorder recorder(config);
    std::vector<double> f, e;
    for (int s = 0; s < samples; ++s) {
        recorder.next(f, e);
        const bool first = s < window, last = s >= samples - window;
        for (std::size_t i = 0; i < ks.size(); ++i) {
            const auto k = static_cast<std::size_t>(ks[i]);
            if (first) {
                fFirst[i] += f[k] / window;
                eFirst[i] += e[k] / window;
            }
            if (last) {
                fLast[i] += f[k] / window;
                eLast[i] += e[k] / window;
            }
        }
    }
    ExperimentTable t;
    t.title = "Convergence over inference steps (F and |belief - exact posterior| of the top layer)";
    t.columns = {"inference steps", "F, first samples", "belief error, first samples", "F, last samples",
                 "belief error, last samples"};
    for (std::size_t i = 0; i < ks.size(); ++i)
        t.rows.push_back({static_cast<double>(ks[i]), fFirst[i], eFirst[i], fLast[i], eLast[i]});
    t.notes.push_back("Means over the first and the last " + std::to_string(window) + " of " +
                      std::to_string(samples) + " samples; inference rate " +
                      number(config.network.inferenceRate) + ", " + std::to_string(steps) +
                      " steps per sample.");
    return t;
}

ExperimentTable convergenceOverTraining(const PcExperimentConfig& config, int samples, int block) {
    block = std::max(1, block);
    ExperimentTable t;
    t.title = "Convergence over training samples (settled F and final belief error per block)";
    t.columns = {"samples seen", "mean settled F", "mean final belief error"};
    SampleRecorder recorder(config);
    std::vector<double> f, e;
    double fSum = 0.0, eSum = 0.0;
    for (int s = 0; s < samples; ++s) {
        recorder.next(f, e);
        fSum += f.back();
        eSum += e.back();
        if ((s + 1) % block == 0) {
            t.rows.push_back({static_cast<double>(s + 1), fSum / block, eSum / block});
            fSum = eSum = 0.0;
        }
    }
    t.notes.push_back("Blocks of " + std::to_string(block) + " samples; learning rate " +
                      number(config.network.learningRate) + ".");
    return t;
}

ExperimentTable stabilityTable(SteppableRun& run, std::int64_t blockSteps, int blocks,
                               const WeightNorms& weights) {
    const RunLayout layout = run.layout();
    int freeEnergySignal = -1;
    for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i)
        if (layout.scalarSignals[i].kind == SignalKind::FreeEnergyTotal && freeEnergySignal < 0)
            freeEnergySignal = static_cast<int>(i);
    ExperimentTable t;
    t.title = "Stability over a long run (per block: firing rates, mean F, weight norms)";
    t.columns = {"steps", "simulated s"};
    for (const auto& p : layout.populations)
        t.columns.push_back(p.name + " Hz");
    t.columns.push_back("mean F");
    for (const auto& n : weights.names)
        t.columns.push_back("|" + n + "|");
    const double blockSeconds = static_cast<double>(blockSteps) * layout.dtMs / 1000.0;
    for (int b = 0; b < blocks; ++b) {
        RunSnapshot out;
        try {
            run.advance(blockSteps, out);
        } catch (const RunFault& fault) {
            t.notes.push_back("The run stopped in block " + std::to_string(b + 1) + ": " + fault.what());
            break;
        }
        std::vector<double> spikes(layout.populations.size(), 0.0);
        for (const SpikeEvent& s : out.spikes) {
            const int p = layout.populationOf(s.neuron);
            if (p >= 0)
                spikes[static_cast<std::size_t>(p)] += 1.0;
        }
        std::vector<double> row = {static_cast<double>(run.currentStep()),
                                   static_cast<double>(run.currentStep()) * layout.dtMs / 1000.0};
        for (std::size_t p = 0; p < spikes.size(); ++p)
            row.push_back(spikes[p] / std::max(1u, layout.populations[p].size) / blockSeconds);
        double f = std::numeric_limits<double>::quiet_NaN();
        for (const SignalSamples& s : out.samples)
            if (s.signal == freeEnergySignal && !s.values.empty()) {
                f = 0.0;
                for (double v : s.values)
                    f += v / static_cast<double>(s.values.size());
            }
        row.push_back(f);
        if (weights.read)
            for (double n : weights.read())
                row.push_back(n);
        t.rows.push_back(std::move(row));
    }
    return t;
}

ExperimentTable adaptationTable(const PcExperimentConfig& config, int samples, int block, double tolerance) {
    block = std::max(1, block);
    ExperimentTable t = convergenceOverTraining(config, samples, block);
    t.title = "Adaptation: the task's weights switch at sample " + std::to_string(config.switchAtSample) +
              " (settled F and final belief error per block)";
    double before = std::numeric_limits<double>::quiet_NaN();
    double after = std::numeric_limits<double>::quiet_NaN();
    for (const auto& row : t.rows) {
        const int end = static_cast<int>(row[0]);
        if (end <= config.switchAtSample) {
            before = row[1];
        } else if (std::isnan(after) && !std::isnan(before) && end - block >= config.switchAtSample &&
                   row[1] <= before + tolerance * std::abs(before)) {
            after = end - config.switchAtSample;
        }
    }
    if (config.switchAtSample <= 0 || config.switchAtSample >= samples || std::isnan(before))
        t.notes.push_back(
            "No switch inside the run (experiment.switch_at_sample), so no re-convergence time.");
    else if (std::isnan(after))
        t.notes.push_back("Settled F had not returned within " + number(100.0 * tolerance) +
                          " % of its pre-switch level (" + number(before) + ") by the end of the run.");
    else
        t.notes.push_back("Re-converged " + number(after) +
                          " samples after the switch: the first block wholly "
                          "after it whose mean settled F is within " +
                          number(100.0 * tolerance) + " % of the last block before it (" + number(before) +
                          ").");
    return t;
}

} // namespace pulselab::core
