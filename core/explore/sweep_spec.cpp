#include "core/explore/sweep_spec.h"

#include "core/io/atomic_file.h"
#include "core/runtime/run_overrides.h"

#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace pulselab::core {

namespace {

using nlohmann::json;

/// Thrown while reading; carries the JSON path of the offending field.
struct FieldError : std::runtime_error {
    FieldError(const std::string& path, const std::string& reason)
        : std::runtime_error(path + ": " + reason) {}
};

// Bounds that keep a typo from queueing millions of runs.
constexpr std::size_t kMaxValuesPerAxis = 10000;
constexpr std::size_t kMaxSeeds = 10000;

double finiteNumber(const json& v, const std::string& path) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
        throw FieldError(path, "expected a finite number");
    return v.get<double>();
}

SweepAxis parseAxis(const json& a, const std::string& path) {
    if (!a.is_object())
        throw FieldError(path, "expected an object {\"name\": \"target.parameter\", ...}");
    if (!a.contains("name") || !a["name"].is_string())
        throw FieldError(path + ".name", "expected a string \"target.parameter\"");
    const auto names = splitParameterName(a["name"].get<std::string>());
    if (!names)
        throw FieldError(path + ".name",
                         "expected \"target.parameter\", got '" + a["name"].get<std::string>() + "'");
    SweepAxis axis{names->first, names->second, {}};
    if (a.contains("values")) {
        if (!a["values"].is_array() || a["values"].empty())
            throw FieldError(path + ".values", "expected a non-empty list of numbers");
        if (a["values"].size() > kMaxValuesPerAxis)
            throw FieldError(path + ".values", "more than " + std::to_string(kMaxValuesPerAxis) + " values");
        for (std::size_t i = 0; i < a["values"].size(); ++i)
            axis.values.push_back(finiteNumber(a["values"][i], path + ".values[" + std::to_string(i) + "]"));
        return axis;
    }
    for (const char* key : {"start", "stop", "count"})
        if (!a.contains(key))
            throw FieldError(path + "." + key,
                             "missing (give \"values\", or \"start\", \"stop\" and \"count\")");
    const double start = finiteNumber(a["start"], path + ".start");
    const double stop = finiteNumber(a["stop"], path + ".stop");
    if (!a["count"].is_number_integer() || a["count"].get<std::int64_t>() < 1 ||
        a["count"].get<std::int64_t>() > static_cast<std::int64_t>(kMaxValuesPerAxis))
        throw FieldError(path + ".count",
                         "expected an integer from 1 to " + std::to_string(kMaxValuesPerAxis));
    const std::string scale = a.value("scale", "linear");
    if (scale != "linear" && scale != "log")
        throw FieldError(path + ".scale", "expected \"linear\" or \"log\", got '" + scale + "'");
    if (scale == "log" && (start <= 0.0 || stop <= 0.0))
        throw FieldError(path + ".scale", "a log scale needs start and stop > 0");
    axis.values = sweepRange(start, stop, a["count"].get<int>(), scale == "log");
    return axis;
}

OutcomeMetric parseOutcome(const json& o, const std::string& path) {
    OutcomeMetric metric;
    std::string name;
    if (o.is_string()) {
        name = o.get<std::string>();
    } else if (o.is_object() && o.contains("metric") && o["metric"].is_string()) {
        name = o["metric"].get<std::string>();
        if (o.contains("population")) {
            if (!o["population"].is_string())
                throw FieldError(path + ".population", "expected a string");
            metric.population = o["population"].get<std::string>();
        }
        if (o.contains("inference_ms")) {
            if (!o["inference_ms"].is_number() || o["inference_ms"].get<double>() <= 0.0)
                throw FieldError(path + ".inference_ms", "expected a positive number of milliseconds");
            metric.inferenceMs = o["inference_ms"].get<double>();
        }
    } else {
        throw FieldError(path, "expected a metric name or {\"metric\": name, \"population\": name}");
    }
    const auto kind = outcomeKindNamed(name);
    if (!kind) {
        std::string known;
        for (OutcomeKind k : allOutcomeKinds())
            known += (known.empty() ? "" : ", ") + outcomeName(k);
        throw FieldError(path, "unknown metric '" + name + "' (known: " + known + ")");
    }
    metric.kind = *kind;
    if (!metric.population.empty() && metric.kind != OutcomeKind::MeanRateHz)
        throw FieldError(path + ".population", "only mean_rate_hz measures one population");
    if (metric.inferenceMs > 0.0 && metric.kind != OutcomeKind::EnergyPerInference)
        throw FieldError(path + ".inference_ms", "only energy_per_inference_j has an inference length");
    return metric;
}

SweepSpec parseSweepObject(const json& s) {
    const std::string root = "sweep";
    if (!s.is_object())
        throw FieldError(root, "expected an object");
    if (s.contains("format_version") &&
        (!s["format_version"].is_number_integer() || s["format_version"].get<int>() > kSweepFormatVersion))
        throw FieldError(root + ".format_version", "this PulseLab reads sweep format " +
                                                       std::to_string(kSweepFormatVersion) + " or older");
    SweepSpec spec;
    if (!s.contains("project") || !s["project"].is_string() || s["project"].get<std::string>().empty())
        throw FieldError(root + ".project", "expected the path of a .pulselab project");
    spec.projectPath = s["project"].get<std::string>();
    if (!s.contains("parameters") || !s["parameters"].is_array() || s["parameters"].empty() ||
        s["parameters"].size() > 2)
        throw FieldError(root + ".parameters", "expected a list of 1 or 2 parameters");
    for (std::size_t i = 0; i < s["parameters"].size(); ++i)
        spec.axes.push_back(parseAxis(s["parameters"][i], root + ".parameters[" + std::to_string(i) + "]"));
    if (spec.axes.size() == 2 && spec.axes[0].name() == spec.axes[1].name())
        throw FieldError(root + ".parameters[1].name", "sweeps '" + spec.axes[1].name() + "' twice");
    if (!s.contains("outcome"))
        throw FieldError(root + ".outcome", "missing (e.g. \"mean_rate_hz\")");
    spec.outcome = parseOutcome(s["outcome"], root + ".outcome");
    if (s.contains("seeds")) {
        const json& seeds = s["seeds"];
        if (seeds.is_number_integer()) {
            if (seeds.get<std::int64_t>() < 1 ||
                seeds.get<std::int64_t>() > static_cast<std::int64_t>(kMaxSeeds))
                throw FieldError(root + ".seeds",
                                 "expected from 1 to " + std::to_string(kMaxSeeds) + " seeds");
            spec.seedCount = seeds.get<int>();
        } else if (seeds.is_array() && !seeds.empty() && seeds.size() <= kMaxSeeds) {
            for (std::size_t i = 0; i < seeds.size(); ++i) {
                if (!seeds[i].is_number_unsigned())
                    throw FieldError(root + ".seeds[" + std::to_string(i) + "]",
                                     "expected a non-negative integer");
                spec.seeds.push_back(seeds[i].get<std::uint64_t>());
            }
            spec.seedCount = static_cast<int>(spec.seeds.size());
        } else {
            throw FieldError(root + ".seeds", "expected a count of seeds or a non-empty list of seeds");
        }
    }
    if (s.contains("duration_s")) {
        const double d = finiteNumber(s["duration_s"], root + ".duration_s");
        if (d <= 0.0)
            throw FieldError(root + ".duration_s", "must be > 0 seconds");
        spec.durationS = d;
    }
    return spec;
}

} // namespace

std::vector<double> sweepRange(double start, double stop, int count, bool logScale) {
    std::vector<double> values;
    for (int i = 0; i < count; ++i) {
        const double t = count == 1 ? 0.0 : static_cast<double>(i) / (count - 1);
        values.push_back(logScale ? std::exp(std::log(start) + t * (std::log(stop) - std::log(start)))
                                  : start + t * (stop - start));
    }
    if (count > 1)
        values.back() = stop; // exactly the value asked for, not one rounding away
    return values;
}

std::size_t SweepSpec::pointCount() const {
    std::size_t n = axes.empty() ? 0 : 1;
    for (const auto& a : axes)
        n *= a.values.size();
    return n;
}

std::vector<double> SweepSpec::pointValues(std::size_t index) const {
    std::vector<double> values(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {
        values[a] = axes[a].values[index % axes[a].values.size()];
        index /= axes[a].values.size();
    }
    return values;
}

std::vector<std::uint64_t> SweepSpec::seedsFor(std::uint64_t projectSeed) const {
    if (!seeds.empty())
        return seeds;
    std::vector<std::uint64_t> out;
    for (int i = 0; i < seedCount; ++i)
        out.push_back(projectSeed + static_cast<std::uint64_t>(i));
    return out;
}

SweepSpecLoad parseSweepSpec(std::string_view text, std::string_view origin) {
    SweepSpecLoad load;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) { // parse errors, and numbers too large for a double
        load.error = std::string(origin) + ": not valid JSON: " + e.what();
        return load;
    }
    try {
        const json& sweep = doc.is_object() && doc.contains("sweep") ? doc["sweep"] : doc;
        load.spec = parseSweepObject(sweep);
    } catch (const std::exception& e) {
        load.error = std::string(origin) + ": " + e.what();
    }
    return load;
}

SweepSpecLoad loadSweepFile(const std::string& path) {
    std::string text, error;
    if (!readWholeFile(path, text, error, std::size_t{64} << 20))
        return {std::nullopt, error};
    return parseSweepSpec(text, path);
}

std::string sweepSpecToJson(const SweepSpec& spec) {
    json parameters = json::array();
    for (const auto& a : spec.axes)
        parameters.push_back({{"name", a.name()}, {"values", a.values}});
    json outcome = {{"metric", outcomeName(spec.outcome.kind)}};
    if (!spec.outcome.population.empty())
        outcome["population"] = spec.outcome.population;
    if (spec.outcome.inferenceMs > 0.0)
        outcome["inference_ms"] = spec.outcome.inferenceMs;
    json doc = {{"format", "pulselab-sweep"},
                {"format_version", kSweepFormatVersion},
                {"project", spec.projectPath},
                {"parameters", parameters},
                {"outcome", outcome}};
    if (spec.seeds.empty())
        doc["seeds"] = spec.seedCount;
    else
        doc["seeds"] = spec.seeds;
    if (spec.durationS)
        doc["duration_s"] = *spec.durationS;
    return doc.dump(2) + "\n";
}

std::string resolveSweepProject(const SweepSpec& spec, const std::string& sweepPath) {
    const std::filesystem::path project(spec.projectPath);
    if (project.is_absolute())
        return project.string();
    return (std::filesystem::path(sweepPath).parent_path() / project).lexically_normal().string();
}

} // namespace pulselab::core
