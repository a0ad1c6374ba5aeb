#include "widgets/sliders/slider_pins_json.h"

#include <QObject>

namespace pulselab::widgets {

nlohmann::json slidersToJson(const std::vector<SliderPin>& pins) {
    nlohmann::json list = nlohmann::json::array();
    for (const SliderPin& p : pins)
        list.push_back({{"target", p.target.toStdString()},
                        {"parameter", p.parameter.toStdString()},
                        {"unit", p.unit.toStdString()},
                        {"min", p.minimum},
                        {"max", p.maximum},
                        {"value", p.value},
                        {"integer", p.integer}});
    return list;
}

std::vector<SliderPin> slidersFromEditor(const nlohmann::json& editor, QStringList* problems) {
    std::vector<SliderPin> pins;
    auto complain = [&](const QString& where, const QString& what) {
        if (problems)
            problems->append(QStringLiteral("editor.sliders%1: %2").arg(where, what));
    };
    if (!editor.is_object() || !editor.contains("sliders"))
        return pins;
    const nlohmann::json& list = editor["sliders"];
    if (!list.is_array()) {
        complain(QString(), QObject::tr("expected a list of sliders"));
        return pins;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& entry = list[i];
        const QString at = QStringLiteral("[%1]").arg(i);
        if (!entry.is_object()) {
            complain(at, QObject::tr("expected an object"));
            continue;
        }
        SliderPin pin;
        bool ok = true;
        auto text = [&](const char* key, QString& out, bool required) {
            if (!entry.contains(key)) {
                if (required) {
                    complain(at + QLatin1Char('.') + QLatin1String(key), QObject::tr("missing"));
                    ok = false;
                }
                return;
            }
            if (!entry[key].is_string()) {
                complain(at + QLatin1Char('.') + QLatin1String(key), QObject::tr("expected a string"));
                ok = false;
                return;
            }
            out = QString::fromStdString(entry[key].get<std::string>());
        };
        auto number = [&](const char* key, double& out) {
            if (!entry.contains(key) || !entry[key].is_number()) {
                complain(at + QLatin1Char('.') + QLatin1String(key), QObject::tr("expected a number"));
                ok = false;
                return;
            }
            out = entry[key].get<double>();
        };
        text("target", pin.target, true);
        text("parameter", pin.parameter, true);
        text("unit", pin.unit, false);
        number("min", pin.minimum);
        number("max", pin.maximum);
        number("value", pin.value);
        if (entry.contains("integer") && entry["integer"].is_boolean())
            pin.integer = entry["integer"].get<bool>();
        if (!ok)
            continue;
        if (const QString why = pin.problem(); !why.isEmpty()) {
            complain(at, why);
            continue;
        }
        pins.push_back(pin);
    }
    return pins;
}

} // namespace pulselab::widgets
