#include "core/sim/connectivity_builder.h"

#include <algorithm>
#include <cmath>

namespace pulselab::core {

double expectedSynapses(const ProjectionSpec& p, std::uint32_t sourceSize, std::uint32_t targetSize) {
    const double s = sourceSize, t = targetSize;
    if (p.connectivity == "all_to_all")
        return s * t;
    if (p.connectivity == "one_to_one")
        return std::min(s, t);
    if (p.connectivity == "fixed_probability")
        return s * t * p.probability;
    if (p.connectivity == "fixed_indegree")
        return t * p.indegree;
    if (p.connectivity == "explicit")
        return static_cast<double>(p.synapses.size());
    return 0.0;
}

bool usesDenseStorage(const ProjectionSpec& p, std::uint32_t sourceSize, std::uint32_t targetSize) {
    if (p.storage == "dense")
        return true;
    if (p.storage != "auto" || !p.plasticity.empty() || p.delaySteps.kind != "constant" ||
        p.connectivity == "explicit" || sourceSize == 0 || targetSize == 0)
        return false;
    const double pairs = static_cast<double>(sourceSize) * targetSize;
    return pairs <= 2.5e8 && expectedSynapses(p, sourceSize, targetSize) >= 0.5 * pairs;
}

namespace {

double draw(const Distribution& d, std::mt19937_64& rng) {
    if (d.kind == "uniform")
        return std::uniform_real_distribution<double>(d.a, d.b)(rng);
    if (d.kind == "normal")
        return std::normal_distribution<double>(d.a, d.b)(rng);
    return d.a;
}

std::uint32_t drawDelay(const Distribution& d, std::mt19937_64& rng) {
    const double x = std::round(draw(d, rng));
    return static_cast<std::uint32_t>(std::clamp(x, 0.0, static_cast<double>(SynapseTable::kMaxDelay)));
}

struct Triplet {
    std::uint32_t source, target;
    float weight;
    std::uint32_t delay;
};

} // namespace

SynapseTable buildSynapses(const ProjectionSpec& p, std::uint32_t sourceSize, std::uint32_t targetSize,
                           std::mt19937_64& rng) {
    SynapseTable table;
    table.rowStart.assign(static_cast<std::size_t>(sourceSize) + 1, 0);
    const bool self = p.allowSelfConnections || p.source != p.target;
    auto add = [&](std::uint32_t target, float weight, std::uint32_t delay) {
        table.packed.push_back(SynapseTable::pack(target, delay));
        table.weight.push_back(weight);
    };

    if (p.connectivity == "fixed_indegree" || p.connectivity == "explicit") {
        // Drawn per target: collect triplets, then sort into rows by source.
        std::vector<Triplet> triplets;
        if (p.connectivity == "explicit") {
            for (const auto& s : p.synapses)
                triplets.push_back({s.source, s.target, static_cast<float>(s.weight),
                                    std::min(s.delaySteps, SynapseTable::kMaxDelay)});
        } else {
            std::uniform_int_distribution<std::uint32_t> pick(0, sourceSize - 1);
            for (std::uint32_t t = 0; t < targetSize; ++t) {
                for (std::uint32_t k = 0; k < p.indegree; ++k) {
                    std::uint32_t s = pick(rng);
                    for (int attempt = 0; !self && s == t && attempt < 100; ++attempt)
                        s = pick(rng);
                    triplets.push_back(
                        {s, t, static_cast<float>(draw(p.weight, rng)), drawDelay(p.delaySteps, rng)});
                }
            }
        }
        std::stable_sort(triplets.begin(), triplets.end(), [](const Triplet& a, const Triplet& b) {
            return a.source < b.source || (a.source == b.source && a.target < b.target);
        });
        for (const Triplet& t : triplets) {
            ++table.rowStart[t.source + 1];
            add(t.target, t.weight, t.delay);
        }
        for (std::size_t i = 1; i < table.rowStart.size(); ++i)
            table.rowStart[i] += table.rowStart[i - 1];
        return table;
    }

    const bool probabilistic = p.connectivity == "fixed_probability";
    for (std::uint32_t s = 0; s < sourceSize; ++s) {
        if (p.connectivity == "one_to_one") {
            if (s < targetSize && self)
                add(s, static_cast<float>(draw(p.weight, rng)), drawDelay(p.delaySteps, rng));
        } else if (probabilistic) {
            // Geometric skipping: draws one random number per synapse, not per candidate pair.
            const double q = p.probability;
            if (q > 0.0) {
                std::uniform_real_distribution<double> unit(0.0, 1.0);
                const double logMiss = q < 1.0 ? std::log1p(-q) : 0.0;
                std::int64_t t = -1;
                for (;;) {
                    const double skip = q < 1.0 ? std::floor(std::log(1.0 - unit(rng)) / logMiss) : 0.0;
                    t += 1 + static_cast<std::int64_t>(skip);
                    if (t >= static_cast<std::int64_t>(targetSize))
                        break;
                    if (!self && static_cast<std::uint32_t>(t) == s)
                        continue;
                    add(static_cast<std::uint32_t>(t), static_cast<float>(draw(p.weight, rng)),
                        drawDelay(p.delaySteps, rng));
                }
            }
        } else { // all_to_all
            for (std::uint32_t t = 0; t < targetSize; ++t) {
                if (!self && t == s)
                    continue;
                add(t, static_cast<float>(draw(p.weight, rng)), drawDelay(p.delaySteps, rng));
            }
        }
        table.rowStart[s + 1] = table.packed.size();
    }
    return table;
}

} // namespace pulselab::core
