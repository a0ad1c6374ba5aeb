#include "core/neurons/parameter_schema.h"

#include <cmath>
#include <sstream>

namespace pulselab::core {

std::optional<std::string> checkParameter(const ParameterSpec& spec, double value) {
    std::ostringstream why;
    auto withUnit = [&](double v) {
        std::ostringstream s;
        s << v;
        if (!spec.unit.empty())
            s << ' ' << spec.unit;
        return s.str();
    };
    if (!std::isfinite(value))
        why << spec.name << ": " << value << " is not a finite number";
    else if (spec.integer && value != std::floor(value))
        why << spec.name << ": " << value << " must be a whole number";
    else if (value < spec.minimum)
        why << spec.name << ": " << withUnit(value) << " is below the minimum " << withUnit(spec.minimum);
    else if (value > spec.maximum)
        why << spec.name << ": " << withUnit(value) << " is above the maximum " << withUnit(spec.maximum);
    else
        return std::nullopt;
    return why.str();
}

ParameterMap withDefaults(const std::vector<ParameterSpec>& schema, const ParameterMap& given) {
    ParameterMap all = given;
    for (const ParameterSpec& spec : schema)
        all.try_emplace(spec.name, spec.defaultValue);
    return all;
}

const ParameterSpec* findParameter(const std::vector<ParameterSpec>& schema, const std::string& name) {
    for (const ParameterSpec& spec : schema) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

} // namespace pulselab::core
