#include "core/loihi/metis_placer.h"

#include <metis.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pulselab::core::loihi {

namespace {

/// A block of cores: chips [chip, chip + chipCount) whole, or a rectangle of one chip's mesh.
struct Region {
    int chip = 0;
    int chipCount = 1;
    int x = 0, y = 0, width = 0, height = 0;
    int capacity() const { return chipCount * width * height; }
};

class Bisector {
public:
    Bisector(const TrafficGraph& graph, Mapping& mapping, std::uint64_t seed)
        : m_graph(graph), m_mapping(mapping), m_local(graph.size(), -1), m_seed(seed) {}

    bool place(std::vector<int> vertices, const Region& region) {
        if (vertices.empty())
            return true;
        if (region.capacity() == 1) {
            Partition& p = m_mapping.partitions[static_cast<std::size_t>(vertices.front())];
            p.chip = region.chip;
            p.core = region.y * m_mapping.meshColumns + region.x;
            return true;
        }
        const auto [first, second] = split(region);
        const int n = static_cast<int>(vertices.size());
        // Fill both halves in proportion to their size, within their capacities.
        const int wanted =
            static_cast<int>(std::lround(static_cast<double>(n) * first.capacity() / region.capacity()));
        const int toFirst =
            std::clamp(wanted, std::max(0, n - second.capacity()), std::min(n, first.capacity()));
        std::vector<int> a, b;
        if (toFirst == 0 || toFirst == n) {
            (toFirst == 0 ? b : a) = std::move(vertices);
        } else if (!bisect(vertices, toFirst, first.capacity(), second.capacity(), a, b)) {
            return false;
        }
        return place(std::move(a), first) && place(std::move(b), second);
    }

private:
    std::pair<Region, Region> split(const Region& r) const {
        Region a = r, b = r;
        if (r.chipCount > 1) {
            a.chipCount = r.chipCount / 2;
            b.chip = r.chip + a.chipCount;
            b.chipCount = r.chipCount - a.chipCount;
        } else if (r.width >= r.height) {
            a.width = r.width / 2;
            b.x = r.x + a.width;
            b.width = r.width - a.width;
        } else {
            a.height = r.height / 2;
            b.y = r.y + a.height;
            b.height = r.height - a.height;
        }
        return {a, b};
    }

    /// Splits `vertices` into `a` (target size toFirst, at most capA) and `b` (at most capB).
    bool bisect(const std::vector<int>& vertices, int toFirst, int capA, int capB, std::vector<int>& a,
                std::vector<int>& b) {
        const auto n = static_cast<idx_t>(vertices.size());
        for (idx_t i = 0; i < n; ++i)
            m_local[static_cast<std::size_t>(vertices[static_cast<std::size_t>(i)])] = static_cast<int>(i);
        // CSR adjacency of the induced subgraph; METIS wants integer weights, so scale the largest to 10^6
        // while keeping the total below idx_t's range (METIS sums them).
        double maxWeight = 0.0, totalWeight = 0.0;
        for (const int v : vertices)
            for (const TrafficEdge& e : m_graph[static_cast<std::size_t>(v)])
                if (m_local[static_cast<std::size_t>(e.other)] >= 0) {
                    maxWeight = std::max(maxWeight, e.weight);
                    totalWeight += e.weight;
                }
        std::vector<idx_t> xadj{0}, adjncy, adjwgt;
        if (maxWeight > 0.0) {
            const double scale = std::min(1e6 / maxWeight, 1e9 / totalWeight);
            for (const int v : vertices) {
                for (const TrafficEdge& e : m_graph[static_cast<std::size_t>(v)]) {
                    const int u = m_local[static_cast<std::size_t>(e.other)];
                    if (u < 0)
                        continue;
                    adjncy.push_back(u);
                    adjwgt.push_back(std::max<idx_t>(1, static_cast<idx_t>(std::lround(e.weight * scale))));
                }
                xadj.push_back(static_cast<idx_t>(adjncy.size()));
            }
        }
        std::vector<idx_t> part(static_cast<std::size_t>(n), 1);
        if (adjncy.empty()) {
            // No traffic inside: any split is as good; keep partition order.
            std::fill(part.begin(), part.begin() + toFirst, 0);
        } else {
            idx_t vertexCount = n, constraints = 1, parts = 2, cut = 0;
            std::vector<real_t> targetWeights = {static_cast<real_t>(toFirst) / static_cast<real_t>(n),
                                                 static_cast<real_t>(n - toFirst) / static_cast<real_t>(n)};
            real_t imbalance = 1.01f;
            idx_t options[METIS_NOPTIONS];
            METIS_SetDefaultOptions(options);
            options[METIS_OPTION_SEED] = static_cast<idx_t>(m_seed % 1000003);
            const int status = METIS_PartGraphKway(
                &vertexCount, &constraints, xadj.data(), adjncy.data(), nullptr, nullptr, adjwgt.data(),
                &parts, targetWeights.data(), &imbalance, options, &cut, part.data());
            if (status != METIS_OK) {
                clearLocal(vertices);
                return false;
            }
        }
        repair(vertices, part, capA, capB);
        for (idx_t i = 0; i < n; ++i)
            (part[static_cast<std::size_t>(i)] == 0 ? a : b).push_back(vertices[static_cast<std::size_t>(i)]);
        clearLocal(vertices);
        return true;
    }

    /// METIS balances only to within `imbalance`; a region holds at most its capacity, so move the vertices
    /// that lose least traffic from an overfull side to the other.
    void repair(const std::vector<int>& vertices, std::vector<idx_t>& part, int capA, int capB) {
        const int caps[2] = {capA, capB};
        for (int side = 0; side < 2; ++side) {
            int count = static_cast<int>(std::count(part.begin(), part.end(), side));
            while (count > caps[side]) {
                std::size_t best = part.size();
                double bestGain = -1e300;
                for (std::size_t i = 0; i < part.size(); ++i) {
                    if (part[i] != side)
                        continue;
                    double gain = 0.0; // traffic to the other side minus traffic kept on this side
                    for (const TrafficEdge& e : m_graph[static_cast<std::size_t>(vertices[i])]) {
                        const int u = m_local[static_cast<std::size_t>(e.other)];
                        if (u >= 0)
                            gain += part[static_cast<std::size_t>(u)] == side ? -e.weight : e.weight;
                    }
                    if (gain > bestGain) {
                        bestGain = gain;
                        best = i;
                    }
                }
                part[best] = 1 - side;
                --count;
            }
        }
    }

    void clearLocal(const std::vector<int>& vertices) {
        for (const int v : vertices)
            m_local[static_cast<std::size_t>(v)] = -1;
    }

    const TrafficGraph& m_graph;
    Mapping& m_mapping;
    std::vector<int> m_local; ///< global vertex -> index in the subgraph being split, -1 outside
    std::uint64_t m_seed;
};

} // namespace

bool placeByRecursiveBisection(const TrafficGraph& graph, Mapping& mapping, std::uint64_t seed) {
    std::vector<int> all(mapping.partitions.size());
    std::iota(all.begin(), all.end(), 0);
    Region everything;
    everything.chipCount = std::max(1, mapping.chips);
    everything.width = mapping.meshColumns;
    everything.height = mapping.coresPerChip / std::max(1, mapping.meshColumns);
    if (everything.capacity() < static_cast<int>(all.size()))
        return false;
    Bisector bisector(graph, mapping, seed);
    return bisector.place(std::move(all), everything);
}

} // namespace pulselab::core::loihi
