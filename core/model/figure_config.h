#pragma once
// The figures a project asks for (its "figures" field): rendered by `pulselab-cli run --out DIR` into DIR
// after the run, and by `pulselab-cli export-figure`. Schema (every key but "items" optional):
//
//   "figures": {
//     "items": [
//       {"file": "fig-learning.pdf",            // written into the output directory; .svg, .pdf or .png
//        "views": ["free-energy", "beliefs"],   // one or more of kFigureViewNames, drawn as panels A, B, ...
//        "preset": "double",                    // single (85 mm), double (180 mm) or slide (16:9); default
//        single "dpi": 300,                            // PNG resolution, 36..2400; default: the preset's
//        "columns": 1}                          // panels per row; default 0 = automatic
//     ]
//   }
//
// An empty object ({}) asks for no figures. Plain C++: the core validates the field when a project loads,
// the widgets render it.
#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pulselab::core {

/// Names of the views a figure can show, as written in project files and on the command line.
inline constexpr std::array<std::string_view, 7> kFigureViewNames = {
    "raster", "free-energy", "beliefs", "traces", "receptive-fields", "floorplan", "editor"};
/// Names of the size presets.
inline constexpr std::array<std::string_view, 3> kFigurePresetNames = {"single", "double", "slide"};

struct FigureItem {
    std::string file;
    std::vector<std::string> views;
    std::string preset = "single";
    int dpi = 0;     ///< 0: the preset's own resolution
    int columns = 0; ///< 0: automatic
};

struct FigureConfigError {
    std::string field;  ///< JSON path, e.g. "figures.items[1].views[0]"
    std::string reason; ///< what is wrong with it, naming the value
};

/// The configured figures; nullopt with `error` set when the field does not follow the schema above.
std::optional<std::vector<FigureItem>> parseFigureConfig(const nlohmann::json& figures,
                                                         FigureConfigError& error);

bool isFigureViewName(std::string_view name);
bool isFigurePresetName(std::string_view name);
/// "raster, free-energy, ..." for messages.
std::string figureViewNameList();

} // namespace pulselab::core
