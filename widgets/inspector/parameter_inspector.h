#pragma once
// The inspector: every parameter of the selected node or edge with its unit, range, default and help text.
// An edit outside the range is refused with the reason (the field shows it and keeps the old value);
// accepted edits are reported so the owner can apply them as undoable commands. Right-click a parameter to
// pin it to the slider panel.
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

class QFormLayout;
class QLabel;

namespace pulselab::widgets {

struct ParameterField {
    QString name;
    QString unit;
    double minimum = 0.0;
    double maximum = 0.0;
    double defaultValue = 0.0;
    double value = 0.0;
    QString help;
    bool integer = false;
};

class ParameterInspector : public QWidget {
    Q_OBJECT
public:
    explicit ParameterInspector(QWidget* parent = nullptr);

    /// Shows `fields` of `target` (a node or edge name) under `title`.
    void setFields(const QString& target, const QString& title, const std::vector<ParameterField>& fields);
    void clear();
    QString target() const { return m_target; }
    const std::vector<ParameterField>& fields() const { return m_fields; }

    /// Types `text` into the field of `name` and commits it, as a user would (used by tests and scripting).
    bool commitText(const QString& name, const QString& text);
    /// The message shown for a refused edit of `name` (empty when the last edit was accepted).
    QString refusal(const QString& name) const;

    /// Checks `text` against `field`; returns the value or sets `reason` ("tau_m: 0 ms is below the minimum
    /// 0.1 ms").
    static std::optional<double> parse(const ParameterField& field, const QString& text, QString* reason);

Q_SIGNALS:
    void parameterEdited(const QString& target, const QString& name, double oldValue, double newValue);
    void pinRequested(const QString& target, const QString& name);

private:
    QString m_target;
    std::vector<ParameterField> m_fields;
    QLabel* m_title = nullptr;
    QFormLayout* m_form = nullptr;
    QWidget* m_formHost = nullptr;
};

} // namespace pulselab::widgets
