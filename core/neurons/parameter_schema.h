#pragma once
// A parameter's description, shared by the inspector, the file format and validation: one schema per model in
// the neuron registry, so that no view or reader needs per-model code.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

using ParameterMap = std::map<std::string, double>;

struct ParameterSpec {
    std::string name;
    std::string unit;
    double minimum = 0.0;
    double maximum = 0.0;
    double defaultValue = 0.0;
    std::string help;
    bool integer = false;
};

/// Why `value` is not acceptable for `spec` ("tau_m_ms: 0 ms is below the minimum 0.1 ms"), or nothing.
std::optional<std::string> checkParameter(const ParameterSpec& spec, double value);

/// `given` completed with the defaults of `schema`.
ParameterMap withDefaults(const std::vector<ParameterSpec>& schema, const ParameterMap& given);

const ParameterSpec* findParameter(const std::vector<ParameterSpec>& schema, const std::string& name);

} // namespace pulselab::core
