#include "core/runtime/run_overrides.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace pulselab::core {

std::optional<std::pair<std::string, std::string>> splitParameterName(std::string_view name) {
    const auto dot = name.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size())
        return std::nullopt;
    return std::make_pair(std::string(name.substr(0, dot)), std::string(name.substr(dot + 1)));
}

std::optional<ParameterOverride> parseParameterOverride(std::string_view text, std::string& error) {
    const auto eq = text.find('=');
    const auto names = eq == std::string_view::npos ? std::nullopt : splitParameterName(text.substr(0, eq));
    if (!names) {
        error = "expected target.parameter=value, got '" + std::string(text) + "'";
        return std::nullopt;
    }
    const std::string valueText(text.substr(eq + 1));
    std::size_t used = 0;
    double value = 0.0;
    try {
        value = std::stod(valueText, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (valueText.empty() || used != valueText.size() || !std::isfinite(value)) {
        error = "'" + std::string(text) + "': '" + valueText + "' is not a valid number";
        return std::nullopt;
    }
    return ParameterOverride{names->first, names->second, value};
}

void applySeed(Project& project, std::uint64_t seed) {
    project.network.run.seed = seed;
    if (!project.experiment.is_object() || !project.experiment.contains("kind"))
        return;
    project.experiment["seed"] = seed;
    const std::string kind = project.experiment.value("kind", "");
    if (kind == "rate_pc")
        project.experiment["task_seed"] = seed;
    else if (kind == "rate_pc_bars")
        project.experiment["data_seed"] = seed; // the images as well as the initial weights
}

void applyParameterOverrides(SteppableRun& run, const std::vector<ParameterOverride>& overrides) {
    for (const auto& o : overrides)
        run.setParameter(o.target, o.parameter, o.value);
}

std::int64_t stepsForDuration(double durationMs, double dtMs) {
    return static_cast<std::int64_t>(std::llround(durationMs / dtMs));
}

} // namespace pulselab::core
