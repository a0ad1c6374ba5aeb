#include "widgets/explore/sweep_axis_editor.h"

#include "core/runtime/run_overrides.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

SweepAxisEditor::SweepAxisEditor(QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_name = new QComboBox(this);
    m_name->setEditable(true);
    m_name->setMinimumContentsLength(18);
    m_name->setToolTip(tr("target.parameter, e.g. drive.rate_hz"));
    m_from = new QDoubleSpinBox(this);
    m_to = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* box : {m_from, m_to}) {
        box->setRange(-1e9, 1e9);
        box->setDecimals(4);
    }
    m_count = new QSpinBox(this);
    m_count->setRange(1, 1000);
    m_count->setValue(5);
    m_log = new QCheckBox(tr("log"), this);
    m_log->setToolTip(tr("Space the values evenly on a log scale (from and to must be > 0)"));
    row->addWidget(m_name, 1);
    row->addWidget(new QLabel(tr("from"), this));
    row->addWidget(m_from);
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(m_to);
    row->addWidget(new QLabel(tr("values"), this));
    row->addWidget(m_count);
    row->addWidget(m_log);
    connect(m_name, &QComboBox::activated, this, &SweepAxisEditor::proposeRange);
}

void SweepAxisEditor::setChoices(const std::vector<core::SweepableParameter>& choices) {
    m_choices = choices;
    m_name->clear();
    for (const auto& c : choices)
        m_name->addItem(
            QString::fromStdString(c.name()) +
            (c.unit.empty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromStdString(c.unit))));
    if (!choices.empty())
        proposeRange(0);
}

void SweepAxisEditor::proposeRange(int choice) {
    if (choice < 0 || choice >= static_cast<int>(m_choices.size()))
        return;
    const auto& c = m_choices[static_cast<std::size_t>(choice)];
    // Half to one and a half times the current value, kept inside the parameter's allowed range.
    const double span = c.current != 0.0 ? std::abs(c.current) * 0.5 : 1.0;
    m_from->setValue(std::clamp(c.current - span, c.minimum, c.maximum));
    m_to->setValue(std::clamp(c.current + span, c.minimum, c.maximum));
}

void SweepAxisEditor::setAxis(const core::SweepAxis& axis) {
    m_name->setEditText(QString::fromStdString(axis.name()));
    if (axis.values.empty())
        return;
    const double first = axis.values.front(), last = axis.values.back();
    const int n = static_cast<int>(axis.values.size());
    bool log = n > 2 && first > 0 && last > 0;
    const std::vector<double> logValues =
        log ? core::sweepRange(first, last, n, true) : std::vector<double>{};
    for (std::size_t i = 0; log && i < axis.values.size(); ++i)
        log = std::abs(axis.values[i] - logValues[i]) <= 1e-9 * std::abs(last);
    m_from->setValue(first);
    m_to->setValue(last);
    m_count->setValue(n);
    m_log->setChecked(log);
}

std::optional<core::SweepAxis> SweepAxisEditor::axis(QString& error) const {
    // The menu shows "target.parameter (unit)": the name is the text before the unit.
    const QString text = m_name->currentText().section(QLatin1Char(' '), 0, 0).trimmed();
    const auto names = core::splitParameterName(text.toStdString());
    if (!names) {
        error = tr("'%1' is not target.parameter").arg(text);
        return std::nullopt;
    }
    if (m_log->isChecked() && (m_from->value() <= 0 || m_to->value() <= 0)) {
        error = tr("%1: a log scale needs from and to > 0").arg(text);
        return std::nullopt;
    }
    return core::SweepAxis{
        names->first, names->second,
        core::sweepRange(m_from->value(), m_to->value(), m_count->value(), m_log->isChecked())};
}

} // namespace pulselab::widgets
