#include "widgets/sliders/slider_pin.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

QString SliderPin::label() const {
    return unit.isEmpty() ? key() : QStringLiteral("%1 [%2]").arg(key(), unit);
}

QString SliderPin::problem() const {
    if (target.isEmpty() || parameter.isEmpty())
        return QObject::tr("a slider needs a target and a parameter (got '%1')").arg(key());
    if (!std::isfinite(minimum) || !std::isfinite(maximum) || !(minimum < maximum))
        return QObject::tr("%1: the slider range [%2, %3] is empty or not finite")
            .arg(key())
            .arg(minimum)
            .arg(maximum);
    if (!std::isfinite(value))
        return QObject::tr("%1: the value is not a finite number").arg(key());
    return {};
}

SliderScale::SliderScale(double minimum, double maximum)
    : m_min(minimum), m_max(maximum), m_log(minimum > 0 && maximum / minimum > 100.0) {}

int SliderScale::positionOf(double value) const {
    const double v = std::clamp(value, m_min, m_max);
    const double fraction =
        m_log ? std::log(v / m_min) / std::log(m_max / m_min) : (v - m_min) / (m_max - m_min);
    return static_cast<int>(std::lround(fraction * kPositions));
}

double SliderScale::valueAt(int position) const {
    const double fraction = std::clamp(position, 0, kPositions) / static_cast<double>(kPositions);
    return m_log ? m_min * std::pow(m_max / m_min, fraction) : m_min + fraction * (m_max - m_min);
}

} // namespace pulselab::widgets
