#include "core/explore/run_parameter_diff.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

namespace pulselab::core {

namespace {

using nlohmann::json;

const char* const kNone = "(none)";

// Keys of a project file that place or present things rather than set what is simulated.
const std::set<std::string> kPresentationKeys = {"editor", "figures", "title", "description", "tour"};

// "/network/populations/0/parameters/tau_m_ms" -> "network.populations[exc].parameters.tau_m_ms": array
// elements are named by their "name" (or "id") where they have one, so the path reads as the user named it.
std::string readablePath(const std::string& pointer, const json& a, const json& b) {
    // Split "/a/b~1c" into its tokens (RFC 6901: "~1" is '/', "~0" is '~').
    std::vector<std::string> tokens;
    for (std::size_t at = 1; at <= pointer.size();) {
        const std::size_t next = std::min(pointer.find('/', at), pointer.size());
        std::string token = pointer.substr(at, next - at);
        for (std::size_t k = 0; (k = token.find('~', k)) != std::string::npos; ++k)
            token.replace(k, 2, k + 1 < token.size() && token[k + 1] == '1' ? "/" : "~");
        tokens.push_back(std::move(token));
        at = next + 1;
    }
    std::string out;
    const json* nodeA = &a;
    const json* nodeB = &b;
    for (const std::string& token : tokens) {
        const json* container = nodeA ? nodeA : nodeB;
        if (container && container->is_array()) {
            const std::size_t index = std::stoul(token);
            std::string label = token;
            for (const json* side : {nodeA, nodeB}) {
                if (!side || !side->is_array() || index >= side->size())
                    continue;
                const json& element = (*side)[index];
                if (element.is_object())
                    for (const char* key : {"name", "id"})
                        if (element.contains(key) && element[key].is_string()) {
                            label = element[key].get<std::string>();
                            break;
                        }
                break;
            }
            out += "[" + label + "]";
            const auto step = [index](const json* node) -> const json* {
                return node && node->is_array() && index < node->size() ? &(*node)[index] : nullptr;
            };
            nodeA = step(nodeA);
            nodeB = step(nodeB);
        } else {
            out += (out.empty() ? "" : ".") + token;
            const auto step = [&token](const json* node) -> const json* {
                return node && node->is_object() && node->contains(token) ? &node->at(token) : nullptr;
            };
            nodeA = step(nodeA);
            nodeB = step(nodeB);
        }
    }
    return out;
}

json settingsOf(const std::string& text, std::string& error) {
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        error = "does not parse as JSON";
        return json::object();
    }
    if (document.is_object())
        for (const std::string& key : kPresentationKeys)
            document.erase(key);
    return document;
}

std::string formatMs(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", ms);
    return text;
}

std::string formatValue(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

} // namespace

std::vector<ParameterDifference> diffProjectSettings(const std::string& projectJsonA,
                                                     const std::string& projectJsonB) {
    std::string errorA;
    std::string errorB;
    const json a = settingsOf(projectJsonA, errorA);
    const json b = settingsOf(projectJsonB, errorB);
    if (!errorA.empty() || !errorB.empty())
        return {{"project", errorA.empty() ? "ok" : errorA, errorB.empty() ? "ok" : errorB}};
    // Leaf by leaf: every setting is its own row, whether a value changed or a whole part is in one only.
    const json flatA = a.flatten();
    const json flatB = b.flatten();
    std::set<std::string> leaves;
    for (const auto& [path, value] : flatA.items())
        leaves.insert(path);
    for (const auto& [path, value] : flatB.items())
        leaves.insert(path);
    std::vector<ParameterDifference> out;
    for (const std::string& leaf : leaves) {
        const bool inA = flatA.contains(leaf);
        const bool inB = flatB.contains(leaf);
        if (inA && inB && flatA.at(leaf) == flatB.at(leaf))
            continue;
        out.push_back({readablePath(leaf, a, b), inA ? flatA.at(leaf).dump() : kNone,
                       inB ? flatB.at(leaf).dump() : kNone});
    }
    std::sort(out.begin(), out.end(),
              [](const ParameterDifference& x, const ParameterDifference& y) { return x.path < y.path; });
    return out;
}

std::vector<ParameterDifference> diffRuns(const RunRecord& a, const RunRecord& b) {
    std::vector<ParameterDifference> out =
        diffProjectSettings(a.recording.projectJson, b.recording.projectJson);
    if (a.recording.seed != b.recording.seed) {
        const bool shown = std::any_of(out.begin(), out.end(), [](const ParameterDifference& d) {
            return d.path.find("seed") != std::string::npos;
        });
        if (!shown)
            out.push_back({"seed", std::to_string(a.recording.seed), std::to_string(b.recording.seed)});
    }
    auto addChanges = [&out](const RunRecord& run, bool isA) {
        for (const AppliedParameterChange& change : run.parameterChanges) {
            // A change made before the first step (a sweep point's override) has no old value to show.
            const std::string what = std::isnan(change.oldValue) ? "set to " + formatValue(change.newValue)
                                                                 : formatValue(change.oldValue) + " -> " +
                                                                       formatValue(change.newValue);
            out.push_back({"changed at t = " + formatMs(static_cast<double>(change.step) * run.layout.dtMs) +
                               " ms: " + change.target + "." + change.parameter,
                           isA ? what : kNone, isA ? kNone : what});
        }
    };
    addChanges(a, true);
    addChanges(b, false);
    return out;
}

} // namespace pulselab::core
