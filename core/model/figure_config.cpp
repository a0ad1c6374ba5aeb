#include "core/model/figure_config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace pulselab::core {

namespace {

std::string itemPath(std::size_t index) {
    return "figures.items[" + std::to_string(index) + "]";
}

bool fail(FigureConfigError& error, std::string field, std::string reason) {
    error = {std::move(field), std::move(reason)};
    return false;
}

/// A bare file name with a figure suffix: figures are written inside the output directory, never elsewhere.
bool checkFile(const nlohmann::json& item, const std::string& path, FigureItem& out,
               FigureConfigError& error) {
    const auto it = item.find("file");
    if (it == item.end() || !it->is_string() || it->get<std::string>().empty())
        return fail(error, path + ".file", "expected a file name such as \"figure.pdf\"");
    out.file = it->get<std::string>();
    const std::filesystem::path file(out.file);
    if (file.has_parent_path() || out.file == "." || out.file == "..")
        return fail(error, path + ".file",
                    "'" + out.file +
                        "' must be a plain file name (figures are written into the output directory)");
    std::string suffix = file.extension().string();
    std::transform(suffix.begin(), suffix.end(), suffix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (suffix != ".svg" && suffix != ".pdf" && suffix != ".png")
        return fail(error, path + ".file", "'" + out.file + "' must end in .svg, .pdf or .png");
    return true;
}

bool checkViews(const nlohmann::json& item, const std::string& path, FigureItem& out,
                FigureConfigError& error) {
    const auto it = item.find("views");
    if (it == item.end() || !it->is_array() || it->empty())
        return fail(error, path + ".views",
                    "expected a non-empty list of views (" + figureViewNameList() + ")");
    for (std::size_t v = 0; v < it->size(); ++v) {
        const auto& view = (*it)[v];
        const std::string field = path + ".views[" + std::to_string(v) + "]";
        if (!view.is_string())
            return fail(error, field, "expected a view name (" + figureViewNameList() + ")");
        const std::string name = view.get<std::string>();
        if (!isFigureViewName(name))
            return fail(error, field, "unknown view '" + name + "' (expected " + figureViewNameList() + ")");
        out.views.push_back(name);
    }
    return true;
}

bool checkOptions(const nlohmann::json& item, const std::string& path, FigureItem& out,
                  FigureConfigError& error) {
    if (const auto it = item.find("preset"); it != item.end()) {
        if (!it->is_string() || !isFigurePresetName(it->get<std::string>()))
            return fail(error, path + ".preset",
                        "'" + (it->is_string() ? it->get<std::string>() : it->dump()) +
                            "' is not a preset (expected single, double or slide)");
        out.preset = it->get<std::string>();
    }
    if (const auto it = item.find("dpi"); it != item.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 36 || it->get<long long>() > 2400)
            return fail(error, path + ".dpi", it->dump() + " is not a resolution (expected 36 to 2400 dpi)");
        out.dpi = it->get<int>();
    }
    if (const auto it = item.find("columns"); it != item.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 6)
            return fail(error, path + ".columns", it->dump() + " is not a column count (expected 0 to 6)");
        out.columns = it->get<int>();
    }
    for (const auto& [key, value] : item.items()) {
        if (key != "file" && key != "views" && key != "preset" && key != "dpi" && key != "columns")
            return fail(error, path + "." + key, "unknown key (expected file, views, preset, dpi, columns)");
    }
    return true;
}

} // namespace

bool isFigureViewName(std::string_view name) {
    return std::find(kFigureViewNames.begin(), kFigureViewNames.end(), name) != kFigureViewNames.end();
}

bool isFigurePresetName(std::string_view name) {
    return std::find(kFigurePresetNames.begin(), kFigurePresetNames.end(), name) != kFigurePresetNames.end();
}

std::string figureViewNameList() {
    std::string list;
    for (const auto name : kFigureViewNames)
        list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
}

std::optional<std::vector<FigureItem>> parseFigureConfig(const nlohmann::json& figures,
                                                         FigureConfigError& error) {
    std::vector<FigureItem> items;
    if (figures.is_null() || (figures.is_object() && figures.empty()))
        return items;
    if (!figures.is_object()) {
        fail(error, "figures", "expected an object with an \"items\" list");
        return std::nullopt;
    }
    for (const auto& [key, value] : figures.items()) {
        if (key != "items") {
            fail(error, "figures." + key, "unknown key (expected items)");
            return std::nullopt;
        }
    }
    const auto& list = figures.at("items");
    if (!list.is_array()) {
        fail(error, "figures.items", "expected a list of figures");
        return std::nullopt;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = itemPath(i);
        if (!list[i].is_object()) {
            fail(error, path, "expected an object with file and views");
            return std::nullopt;
        }
        FigureItem item;
        if (!checkFile(list[i], path, item, error) || !checkViews(list[i], path, item, error) ||
            !checkOptions(list[i], path, item, error))
            return std::nullopt;
        for (const auto& earlier : items) {
            if (earlier.file == item.file) {
                fail(error, path + ".file", "'" + item.file + "' is already written by an earlier figure");
                return std::nullopt;
            }
        }
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace pulselab::core
