#pragma once
// One swept parameter in the sweep dialog: which "target.parameter" (a menu of the project's parameters, or
// typed), from, to, how many values, linear or log spacing.
#include "core/explore/sweep_spec.h"
#include "core/explore/sweepable_parameters.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace pulselab::widgets {

class SweepAxisEditor : public QWidget {
    Q_OBJECT
public:
    explicit SweepAxisEditor(QWidget* parent = nullptr);

    /// Offers these parameters; choosing one proposes a range around its current value.
    void setChoices(const std::vector<core::SweepableParameter>& choices);
    /// Shows `axis`: its name, and its values as from/to/count (log when they are evenly spaced in log).
    void setAxis(const core::SweepAxis& axis);
    /// The axis as edited; nullopt with `error` when the name is not "target.parameter" or the range is bad.
    std::optional<core::SweepAxis> axis(QString& error) const;

    QComboBox* nameBox() const { return m_name; }

private:
    void proposeRange(int choice);
    std::vector<core::SweepableParameter> m_choices;
    QComboBox* m_name = nullptr;
    QDoubleSpinBox* m_from = nullptr;
    QDoubleSpinBox* m_to = nullptr;
    QSpinBox* m_count = nullptr;
    QCheckBox* m_log = nullptr;
};

} // namespace pulselab::widgets
