#include "core/loihi/chip_description.h"

#include "core/loihi/builtin_chip_data.h"

#include <nlohmann/json.hpp>

namespace pulselab::core::loihi {
namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view origin, const std::string& field, const std::string& reason) {
    throw ChipDescriptionError(std::string(origin) + ": field '" + field + "': " + reason);
}

Confidence parseConfidence(const json& node, std::string_view origin, const std::string& field) {
    const std::string text = node.value("confidence", "assumed");
    if (text == "primary")
        return Confidence::Primary;
    if (text == "secondary")
        return Confidence::Secondary;
    if (text == "assumed")
        return Confidence::Assumed;
    fail(origin, field + ".confidence", "must be primary, secondary or assumed, not '" + text + "'");
}

SourcedValue parseSourced(const json& node, std::string_view origin, const std::string& field) {
    if (!node.is_object() || !node.contains("value"))
        fail(origin, field, "expected an object with a 'value'");
    if (!node["value"].is_number())
        fail(origin, field + ".value", "expected a number");
    SourcedValue v;
    v.value = node["value"].get<double>();
    v.sourceKey = node.value("source", "");
    v.confidence = parseConfidence(node, origin, field);
    v.note = node.value("note", "");
    return v;
}

int positiveInt(const json& root, const std::string& group, const std::string& key, std::string_view origin) {
    const json* node = &root;
    std::string field = key;
    if (!group.empty()) {
        if (!root.contains(group))
            fail(origin, group, "missing");
        node = &root[group];
        field = group + "." + key;
    }
    if (!node->contains(key))
        fail(origin, field, "missing");
    const SourcedValue v = parseSourced((*node)[key], origin, field);
    if (v.value < 1 || v.value != static_cast<double>(static_cast<int>(v.value)))
        fail(origin, field, "must be a positive integer");
    return static_cast<int>(v.value);
}

std::map<std::string, SourcedValue> numericGroup(const json& root, const std::string& group,
                                                 std::string_view origin) {
    std::map<std::string, SourcedValue> out;
    if (!root.contains(group))
        return out;
    for (const auto& [key, node] : root[group].items()) {
        if (node.is_object() && node.contains("value") && node["value"].is_number())
            out[key] = parseSourced(node, origin, group + "." + key);
    }
    return out;
}

} // namespace

ChipDescription parseChipDescription(std::string_view text, std::string_view origin) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) { // parse errors, and numbers too large for a double
        throw ChipDescriptionError(std::string(origin) + ": not valid JSON: " + e.what());
    }
    if (!root.is_object())
        fail(origin, "(root)", "expected a JSON object");
    ChipDescription chip;
    chip.name = root.value("name", "unnamed chip");
    chip.meshColumns = positiveInt(root, "mesh", "columns", origin);
    chip.meshRows = positiveInt(root, "mesh", "rows", origin);
    chip.neuroCores = positiveInt(root, "", "neuro_cores", origin);
    chip.embeddedX86Cores =
        root.contains("embedded_x86_cores") ? positiveInt(root, "", "embedded_x86_cores", origin) : 0;
    if (chip.neuroCores > chip.meshColumns * chip.meshRows)
        fail(origin, "neuro_cores", "more cores than mesh positions");
    chip.perCore = numericGroup(root, "per_core", origin);
    chip.perChip = numericGroup(root, "per_chip", origin);
    chip.energyPj = numericGroup(root, "energy_per_operation_loihi1", origin);
    if (root.contains("systems") && root["systems"].is_object()) {
        for (const auto& [name, node] : root["systems"].items()) {
            const std::string field = "systems." + name;
            if (!node.is_object() || !node.contains("chips") || !node["chips"].is_number_integer() ||
                node["chips"].get<long long>() < 1)
                fail(origin, field + ".chips", "expected a positive integer count of chips");
            SourcedValue v;
            v.value = static_cast<double>(node["chips"].get<long long>());
            v.sourceKey = node.value("source", "");
            v.confidence = parseConfidence(node, origin, field);
            chip.systems[name] = v;
        }
    }
    if (root.contains("sources") && root["sources"].is_object()) {
        for (const auto& [key, node] : root["sources"].items())
            chip.sources[key] = node.is_string() ? node.get<std::string>() : node.dump();
    }
    return chip;
}

const ChipDescription& loihi2() {
    static const ChipDescription chip =
        parseChipDescription(builtinLoihi2ChipJson(), "resources/chips/loihi2.json");
    return chip;
}

std::string smallestSystemFor(const ChipDescription& chip, int chips) {
    std::string best;
    double bestChips = 0.0;
    for (const auto& [name, v] : chip.systems)
        if (v.value >= chips && (best.empty() || v.value < bestChips)) {
            best = name;
            bestChips = v.value;
        }
    return best;
}

std::string_view confidenceName(Confidence confidence) {
    switch (confidence) {
    case Confidence::Primary:
        return "primary";
    case Confidence::Secondary:
        return "secondary";
    case Confidence::Assumed:
        return "assumed";
    }
    return "assumed";
}

} // namespace pulselab::core::loihi
