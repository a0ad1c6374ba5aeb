#pragma once
// One parameter pinned to the slider panel, and how a slider's integer position maps onto its range:
// linearly, or logarithmically when a positive range spans more than two decades (a learning rate from
// 1e-4 to 1 would otherwise spend 99 % of the slider above 0.01).
#include <QString>

#include <vector>

namespace pulselab::widgets {

struct SliderPin {
    QString target;    ///< population, input, projection (or a run's target such as "pc")
    QString parameter; ///< e.g. "v_th_mv"
    QString unit;
    double minimum = 0.0;
    double maximum = 1.0;
    double value = 0.0;
    bool integer = false;

    QString key() const { return target + QLatin1Char('.') + parameter; }
    /// "target.param [unit]" (no brackets without a unit).
    QString label() const;
    /// Empty when usable; otherwise what is wrong, naming the pin ("neuron.v_th_mv: minimum ... ").
    QString problem() const;
};

class SliderScale {
public:
    static constexpr int kPositions = 1000;

    SliderScale(double minimum, double maximum);
    bool logarithmic() const { return m_log; }
    /// The slider position (0..kPositions) nearest `value`, clamped to the range.
    int positionOf(double value) const;
    double valueAt(int position) const;

private:
    double m_min, m_max;
    bool m_log;
};

} // namespace pulselab::widgets
