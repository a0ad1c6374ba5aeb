#include "core/explore/sweep_results.h"

#include "core/io/csv_field.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <limits>

namespace pulselab::core {

namespace {

/// Shortest text that reads back as the same double ("nan" for NaN).
std::string exact(double v) {
    if (std::isnan(v))
        return "nan";
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
    return std::string(buffer, end);
}

nlohmann::json numberOrNull(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

} // namespace

double SweepPointResult::mean() const {
    double sum = 0.0;
    std::size_t n = 0;
    for (double v : outcomes)
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

double SweepPointResult::sd() const {
    const double m = mean();
    double squares = 0.0;
    std::size_t n = 0;
    for (double v : outcomes)
        if (!std::isnan(v)) {
            squares += (v - m) * (v - m);
            ++n;
        }
    if (n == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return n == 1 ? 0.0 : std::sqrt(squares / static_cast<double>(n - 1));
}

std::vector<std::size_t> SweepResults::completedPoints() const {
    std::vector<std::size_t> done;
    for (const auto& p : points)
        if (p.complete())
            done.push_back(p.index);
    return done;
}

std::string sweepResultsToCsv(const SweepResults& results) {
    std::string csv = "point";
    for (const auto& name : results.axisNames)
        csv += "," + csvField(name);
    csv += ",mean,sd,n,error";
    if (!results.points.empty())
        for (std::uint64_t seed : results.points.front().seeds)
            csv += ",seed_" + std::to_string(seed);
    csv += "\n";
    for (const auto& p : results.points) {
        csv += std::to_string(p.index);
        for (double v : p.values)
            csv += "," + exact(v);
        csv += "," + exact(p.mean()) + "," + exact(p.sd()) + "," + std::to_string(p.finishedSeeds) + "," +
               csvField(p.error);
        for (double v : p.outcomes)
            csv += "," + exact(v);
        csv += "\n";
    }
    return csv;
}

std::string sweepResultsToJson(const SweepResults& results) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : results.points) {
        nlohmann::json outcomes = nlohmann::json::array();
        for (double v : p.outcomes)
            outcomes.push_back(numberOrNull(v));
        points.push_back({{"point", p.index},
                          {"values", p.values},
                          {"seeds", p.seeds},
                          {"outcomes", outcomes},
                          {"mean", numberOrNull(p.mean())},
                          {"sd", numberOrNull(p.sd())},
                          {"complete", p.complete()},
                          {"error", p.error}});
    }
    nlohmann::json outcome = {{"metric", outcomeName(results.outcome.kind)}};
    if (!results.outcome.population.empty())
        outcome["population"] = results.outcome.population;
    nlohmann::json doc = {{"parameters", results.axisNames},
                          {"outcome", outcome},
                          {"cancelled", results.cancelled},
                          {"points", points}};
    if (!results.error.empty())
        doc["error"] = results.error;
    return doc.dump() + "\n";
}

WriteResult writeSweepResults(const SweepResults& results, const std::string& path) {
    const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    return writeFileAtomically(path, json ? sweepResultsToJson(results) : sweepResultsToCsv(results));
}

} // namespace pulselab::core
