#pragma once
// Slider pins as stored in a project's editor section under "sliders": a list of
// {"target", "parameter", "unit", "min", "max", "value", "integer"}. The core keeps the editor section
// as it is, so this is the only reader and writer of that key.
#include "widgets/sliders/slider_pin.h"

#include <nlohmann/json.hpp>

#include <QStringList>

namespace pulselab::widgets {

nlohmann::json slidersToJson(const std::vector<SliderPin>& pins);
/// Reads `editor["sliders"]` (absent = no pins). Entries that are malformed are skipped and named in
/// `problems` ("editor.sliders[1].max: ..."); the rest are kept.
std::vector<SliderPin> slidersFromEditor(const nlohmann::json& editor, QStringList* problems);

} // namespace pulselab::widgets
