#include "core/predictive/rate_pc_readouts.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

void addFreeEnergySignals(RunLayout& layout, int layers) {
    auto& s = layout.scalarSignals;
    s.push_back({"F total", SignalKind::FreeEnergyTotal, 0, "nats"});
    for (int l = 0; l < layers; ++l)
        s.push_back({l + 1 == layers ? "F prior (top)" : "F layer " + std::to_string(l),
                     SignalKind::FreeEnergyLayer, l, "nats"});
    for (int l = 0; l + 1 < layers; ++l)
        s.push_back({"|e| layer " + std::to_string(l), SignalKind::PredictionError, l, ""});
}

void RatePcDisplay::add(RunLayout& layout, const std::string& name, int layerSize, int layer, Units units) {
    const std::uint32_t first = layout.neuronCount();
    layout.populations.push_back({name, static_cast<std::uint32_t>(layerSize), first});
    m_rows.push_back({layer, units});
}

void RatePcDisplay::appendSpikes(const RatePcNetwork& net, const RunLayout& layout, std::int64_t step,
                                 double dtMs, double gainHz, std::mt19937_64& rng,
                                 std::vector<SpikeEvent>& out) const {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double dtS = dtMs / 1000.0;
    for (std::size_t p = 0; p < m_rows.size() && p < layout.populations.size(); ++p) {
        const auto [layer, units] = m_rows[p];
        Eigen::VectorXd activity;
        switch (units) {
        case Units::Values:
            activity = net.value(layer);
            break;
        case Units::Errors:
            activity = net.precisionWeightedError(layer) * net.variance(layer).mean();
            break;
        case Units::Predictions:
            activity = net.prediction(layer);
            break;
        }
        const PopulationInfo& info = layout.populations[p];
        for (std::uint32_t i = 0; i < info.size; ++i) {
            const double rate = std::min(500.0, gainHz * std::abs(activity[i]));
            if (unit(rng) < rate * dtS)
                out.push_back({step, info.firstNeuron + i});
        }
    }
}

} // namespace pulselab::core
