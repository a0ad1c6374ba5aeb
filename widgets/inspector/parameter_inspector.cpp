#include "widgets/inspector/parameter_inspector.h"

#include <QAction>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace pulselab::widgets {

namespace {
QString withUnit(double value, const QString& unit) {
    const QString number = QString::number(value, 'g', 6);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}
} // namespace

ParameterInspector::ParameterInspector(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(tr("Select a node or edge to edit its parameters."), this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_formHost = new QWidget(scroll);
    m_form = new QFormLayout(m_formHost);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    scroll->setWidget(m_formHost);
    layout->addWidget(scroll, 1);
}

std::optional<double> ParameterInspector::parse(const ParameterField& field, const QString& text,
                                                QString* reason) {
    auto refuse = [&](const QString& why) -> std::optional<double> {
        if (reason)
            *reason = field.name + QStringLiteral(": ") + why;
        return std::nullopt;
    };
    QString number = text.trimmed();
    if (!field.unit.isEmpty() && number.endsWith(field.unit))
        number.chop(field.unit.size());
    bool ok = false;
    const double value = number.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return refuse(QObject::tr("'%1' is not a number").arg(text));
    if (field.integer && value != std::floor(value))
        return refuse(QObject::tr("%1 must be a whole number").arg(text));
    if (value < field.minimum)
        return refuse(QObject::tr("%1 is below the minimum %2")
                          .arg(withUnit(value, field.unit), withUnit(field.minimum, field.unit)));
    if (value > field.maximum)
        return refuse(QObject::tr("%1 is above the maximum %2")
                          .arg(withUnit(value, field.unit), withUnit(field.maximum, field.unit)));
    return value;
}

void ParameterInspector::clear() {
    setFields(QString(), QString(), {});
}

void ParameterInspector::setFields(const QString& target, const QString& title,
                                   const std::vector<ParameterField>& fields) {
    m_target = target;
    m_fields = fields;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_title->setText(target.isEmpty()
                         ? tr("Select a node or edge to edit its parameters.")
                         : QStringLiteral("<b>%1</b> %2").arg(target.toHtmlEscaped(), title.toHtmlEscaped()));
    for (const ParameterField& field : fields) {
        auto* box = new QWidget(m_formHost);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(1);
        auto* edit = new QLineEdit(QString::number(field.value, 'g', 8), box);
        edit->setObjectName(QStringLiteral("field_") + field.name);
        edit->setToolTip(QStringLiteral("%1\nrange %2 .. %3, default %4")
                             .arg(field.help, withUnit(field.minimum, field.unit),
                                  withUnit(field.maximum, field.unit),
                                  withUnit(field.defaultValue, field.unit)));
        edit->setContextMenuPolicy(Qt::CustomContextMenu);
        auto* message = new QLabel(box);
        message->setObjectName(QStringLiteral("refusal_") + field.name);
        message->setStyleSheet(QStringLiteral("color: #D55E00;"));
        message->setWordWrap(true);
        message->hide();
        boxLayout->addWidget(edit);
        boxLayout->addWidget(message);
        const QString name = field.name;
        connect(edit, &QLineEdit::editingFinished, this,
                [this, name, edit] { commitText(name, edit->text()); });
        connect(edit, &QWidget::customContextMenuRequested, this, [this, name, edit](const QPoint& at) {
            QMenu menu;
            QAction* pin = menu.addAction(tr("Add slider"));
            QAction* reset = menu.addAction(tr("Reset to default"));
            QAction* chosen = menu.exec(edit->mapToGlobal(at));
            if (chosen == pin)
                Q_EMIT pinRequested(m_target, name);
            else if (chosen == reset)
                for (const ParameterField& f : m_fields)
                    if (f.name == name)
                        commitText(name, QString::number(f.defaultValue, 'g', 17));
        });
        auto* label = new QLabel(field.unit.isEmpty() ? field.name
                                                      : QStringLiteral("%1 (%2)").arg(field.name, field.unit),
                                 m_formHost);
        label->setToolTip(field.help);
        m_form->addRow(label, box);
    }
}

bool ParameterInspector::commitText(const QString& name, const QString& text) {
    for (ParameterField& field : m_fields) {
        if (field.name != name)
            continue;
        auto* edit = m_formHost->findChild<QLineEdit*>(QStringLiteral("field_") + name);
        auto* message = m_formHost->findChild<QLabel*>(QStringLiteral("refusal_") + name);
        QString reason;
        const auto value = parse(field, text, &reason);
        if (!value) {
            message->setText(reason);
            message->show();
            if (edit)
                edit->setText(QString::number(field.value, 'g', 8));
            return false;
        }
        message->clear();
        message->hide();
        if (edit)
            edit->setText(QString::number(*value, 'g', 8));
        if (*value != field.value) {
            const double old = field.value;
            field.value = *value;
            Q_EMIT parameterEdited(m_target, name, old, *value);
        }
        return true;
    }
    return false;
}

QString ParameterInspector::refusal(const QString& name) const {
    auto* message = m_formHost->findChild<QLabel*>(QStringLiteral("refusal_") + name);
    return message ? message->text() : QString();
}

} // namespace pulselab::widgets
