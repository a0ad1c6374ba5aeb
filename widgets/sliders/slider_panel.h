#pragma once
// The slider panel: one row per pinned parameter ("target.param [unit]", a slider over the pin's range, a
// spin box with the value, a remove button). While the run is running, moving a slider posts the change to
// the engine at once (it lands at the next step boundary and is marked on the time plots); every settled
// value (slider released, spin box edited) is also reported so the owner can apply it as an undoable edit.
#include "widgets/sliders/slider_pin.h"

#include <QWidget>

#include <memory>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QVBoxLayout;

namespace pulselab::widgets {

class RunController;

class SliderPanel : public QWidget {
    Q_OBJECT
public:
    explicit SliderPanel(RunController* controller, QWidget* parent = nullptr);

    /// Adds a row for `pin` (its value clamped to the range); false with `reason` if the pin is unusable
    /// or already pinned.
    bool addPin(const SliderPin& pin, QString* reason = nullptr);
    void removePin(const QString& target, const QString& parameter);
    /// Replaces every row (e.g. with the pins a project was saved with).
    void setPins(const std::vector<SliderPin>& pins);
    std::vector<SliderPin> pins() const;
    bool hasPin(const QString& target, const QString& parameter) const;

    /// Shows `value` on the pin's row without reporting it (an undo, an inspector edit, a tour step).
    void showValue(const QString& target, const QString& parameter, double value);
    /// Moves the pin's slider to the position nearest `value` as a user dragging it would (press, move,
    /// release); false if there is no such pin.
    bool dragTo(const QString& target, const QString& parameter, double value);
    QSlider* slider(const QString& target, const QString& parameter) const;

Q_SIGNALS:
    /// A user moved a slider or edited a value. `postedToRun` is true when the change already went to the
    /// running engine; `settled` is false while the slider is still held down.
    void valueMoved(const QString& target, const QString& parameter, double value, bool postedToRun,
                    bool settled);
    /// Rows were added or removed (the owner saves them with the project).
    void pinsChanged();

private:
    struct Row {
        SliderPin pin;
        QWidget* widget = nullptr;
        QSlider* slider = nullptr;
        QDoubleSpinBox* spin = nullptr;
        std::optional<double> postedValue; ///< last value sent to the running engine
    };
    Row* find(const QString& target, const QString& parameter);
    const Row* find(const QString& target, const QString& parameter) const;
    void userChose(Row& row, double value, bool settled);
    void updateHint();

    RunController* m_controller;
    std::vector<std::unique_ptr<Row>> m_rows;
    QVBoxLayout* m_rowsLayout = nullptr;
    QLabel* m_hint = nullptr;
};

} // namespace pulselab::widgets
