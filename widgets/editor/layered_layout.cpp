#include "widgets/editor/layered_layout.h"

#include <algorithm>
#include <map>

namespace pulselab::widgets {

QHash<QString, QPointF> layeredLayout(const QStringList& nodes,
                                      const std::vector<std::pair<QString, QString>>& edges,
                                      const LayoutSpacing& spacing) {
    const int n = static_cast<int>(nodes.size());
    QHash<QString, int> index;
    for (int i = 0; i < n; ++i)
        index.insert(nodes[i], i);
    std::vector<std::vector<int>> out(static_cast<std::size_t>(n)), in(static_cast<std::size_t>(n));

    // Depth-first search in the given node order marks back edges (those closing a cycle) to be ignored.
    std::vector<int> state(static_cast<std::size_t>(n), 0); // 0 new, 1 on stack, 2 done
    std::vector<std::vector<int>> adjacency(static_cast<std::size_t>(n));
    for (const auto& [from, to] : edges) {
        if (index.contains(from) && index.contains(to) && from != to)
            adjacency[static_cast<std::size_t>(index[from])].push_back(index[to]);
    }
    for (int root = 0; root < n; ++root) {
        if (state[static_cast<std::size_t>(root)] != 0)
            continue;
        std::vector<std::pair<int, std::size_t>> stack{{root, 0}};
        state[static_cast<std::size_t>(root)] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& succ = adjacency[static_cast<std::size_t>(v)];
            if (next < succ.size()) {
                const int w = succ[next++];
                if (state[static_cast<std::size_t>(w)] == 1)
                    continue; // back edge: ignored for layering
                out[static_cast<std::size_t>(v)].push_back(w);
                in[static_cast<std::size_t>(w)].push_back(v);
                if (state[static_cast<std::size_t>(w)] == 0) {
                    state[static_cast<std::size_t>(w)] = 1;
                    stack.push_back({w, 0});
                }
            } else {
                state[static_cast<std::size_t>(v)] = 2;
                stack.pop_back();
            }
        }
    }

    // Longest-path layering in topological order (Kahn).
    std::vector<int> layer(static_cast<std::size_t>(n), 0), pending(static_cast<std::size_t>(n));
    std::vector<int> queue;
    for (int v = 0; v < n; ++v) {
        pending[static_cast<std::size_t>(v)] = static_cast<int>(in[static_cast<std::size_t>(v)].size());
        if (pending[static_cast<std::size_t>(v)] == 0)
            queue.push_back(v);
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const int v = queue[head];
        for (int w : out[static_cast<std::size_t>(v)]) {
            layer[static_cast<std::size_t>(w)] =
                std::max(layer[static_cast<std::size_t>(w)], layer[static_cast<std::size_t>(v)] + 1);
            if (--pending[static_cast<std::size_t>(w)] == 0)
                queue.push_back(w);
        }
    }

    const int layers = n == 0 ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
    std::vector<std::vector<int>> order(static_cast<std::size_t>(layers));
    for (int v = 0; v < n; ++v)
        order[static_cast<std::size_t>(layer[static_cast<std::size_t>(v)])].push_back(v);
    std::vector<double> rank(static_cast<std::size_t>(n), 0.0);
    auto renumber = [&] {
        for (const auto& row : order)
            for (std::size_t i = 0; i < row.size(); ++i)
                rank[static_cast<std::size_t>(row[i])] = static_cast<double>(i);
    };
    renumber();
    // Barycentre sweeps: down using predecessors, up using successors.
    for (int sweep = 0; sweep < 4; ++sweep) {
        const bool down = sweep % 2 == 0;
        for (int l = down ? 1 : layers - 2; down ? l < layers : l >= 0; l += down ? 1 : -1) {
            auto& row = order[static_cast<std::size_t>(l)];
            std::map<int, double> key;
            for (int v : row) {
                const auto& neighbours =
                    down ? in[static_cast<std::size_t>(v)] : out[static_cast<std::size_t>(v)];
                double sum = 0.0;
                for (int u : neighbours)
                    sum += rank[static_cast<std::size_t>(u)];
                key[v] = neighbours.empty() ? rank[static_cast<std::size_t>(v)]
                                            : sum / static_cast<double>(neighbours.size());
            }
            std::stable_sort(row.begin(), row.end(), [&](int a, int b) { return key[a] < key[b]; });
            renumber();
        }
    }

    QHash<QString, QPointF> positions;
    for (int l = 0; l < layers; ++l) {
        const auto& row = order[static_cast<std::size_t>(l)];
        const double top = -0.5 * static_cast<double>(row.size() - 1) * spacing.nodeGap;
        for (std::size_t i = 0; i < row.size(); ++i)
            positions.insert(nodes[row[i]],
                             QPointF(l * spacing.layerGap, top + static_cast<double>(i) * spacing.nodeGap));
    }
    return positions;
}

} // namespace pulselab::widgets
