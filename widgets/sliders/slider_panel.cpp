#include "widgets/sliders/slider_panel.h"

#include "widgets/run/run_controller.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

SliderPanel::SliderPanel(RunController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_hint = new QLabel(tr("No sliders yet. Right-click a parameter in the inspector and choose "
                           "\"Add slider\" to change it while the network runs."),
                        this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* host = new QWidget(scroll);
    m_rowsLayout = new QVBoxLayout(host);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addStretch(1);
    scroll->setWidget(host);
    layout->addWidget(scroll, 1);
}

SliderPanel::Row* SliderPanel::find(const QString& target, const QString& parameter) {
    for (auto& row : m_rows)
        if (row->pin.target == target && row->pin.parameter == parameter)
            return row.get();
    return nullptr;
}

const SliderPanel::Row* SliderPanel::find(const QString& target, const QString& parameter) const {
    return const_cast<SliderPanel*>(this)->find(target, parameter);
}

bool SliderPanel::hasPin(const QString& target, const QString& parameter) const {
    return find(target, parameter) != nullptr;
}

QSlider* SliderPanel::slider(const QString& target, const QString& parameter) const {
    const Row* row = find(target, parameter);
    return row ? row->slider : nullptr;
}

bool SliderPanel::addPin(const SliderPin& pinIn, QString* reason) {
    if (const QString why = pinIn.problem(); !why.isEmpty()) {
        if (reason)
            *reason = why;
        return false;
    }
    if (hasPin(pinIn.target, pinIn.parameter)) {
        if (reason)
            *reason = tr("%1 already has a slider").arg(pinIn.key());
        return false;
    }
    auto row = std::make_unique<Row>();
    row->pin = pinIn;
    row->pin.value = std::clamp(pinIn.value, pinIn.minimum, pinIn.maximum);
    const SliderPin& pin = row->pin;
    const SliderScale scale(pin.minimum, pin.maximum);

    row->widget = new QWidget(this);
    row->widget->setObjectName(QStringLiteral("sliderRow_") + pin.key());
    auto* grid = new QVBoxLayout(row->widget);
    grid->setContentsMargins(0, 2, 0, 6);
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(pin.label(), row->widget);
    label->setToolTip(tr("%1 from %2 to %3%4")
                          .arg(pin.key())
                          .arg(pin.minimum)
                          .arg(pin.maximum)
                          .arg(scale.logarithmic() ? tr(" (logarithmic slider)") : QString()));
    top->addWidget(label, 1);
    auto* remove = new QToolButton(row->widget);
    remove->setText(QStringLiteral("\u2715"));
    remove->setToolTip(tr("Remove this slider"));
    remove->setAutoRaise(true);
    top->addWidget(remove);
    grid->addLayout(top);
    auto* bottom = new QHBoxLayout;
    row->slider = new QSlider(Qt::Horizontal, row->widget);
    row->slider->setObjectName(QStringLiteral("slider_") + pin.key());
    row->slider->setRange(0, SliderScale::kPositions);
    row->slider->setValue(scale.positionOf(pin.value));
    bottom->addWidget(row->slider, 1);
    row->spin = new QDoubleSpinBox(row->widget);
    row->spin->setRange(pin.minimum, pin.maximum);
    row->spin->setDecimals(pin.integer ? 0 : (scale.logarithmic() ? 6 : 3));
    row->spin->setSingleStep(pin.integer ? 1.0 : (pin.maximum - pin.minimum) / 100.0);
    row->spin->setKeyboardTracking(false);
    row->spin->setValue(pin.value);
    row->spin->setMinimumWidth(90);
    bottom->addWidget(row->spin);
    grid->addLayout(bottom);

    Row* r = row.get();
    connect(row->slider, &QSlider::valueChanged, this, [this, r](int position) {
        double value = SliderScale(r->pin.minimum, r->pin.maximum).valueAt(position);
        if (r->pin.integer)
            value = std::round(value);
        {
            const QSignalBlocker block(r->spin);
            r->spin->setValue(value);
        }
        userChose(*r, value, !r->slider->isSliderDown());
    });
    connect(row->slider, &QSlider::sliderReleased, this, [this, r] { userChose(*r, r->pin.value, true); });
    connect(row->spin, &QDoubleSpinBox::valueChanged, this, [this, r](double value) {
        {
            const QSignalBlocker block(r->slider);
            r->slider->setValue(SliderScale(r->pin.minimum, r->pin.maximum).positionOf(value));
        }
        userChose(*r, value, true);
    });
    const QString target = pin.target, parameter = pin.parameter;
    connect(remove, &QToolButton::clicked, this, [this, target, parameter] { removePin(target, parameter); });

    m_rowsLayout->insertWidget(m_rowsLayout->count() - 1, row->widget);
    m_rows.push_back(std::move(row));
    updateHint();
    Q_EMIT pinsChanged();
    return true;
}

void SliderPanel::userChose(Row& row, double value, bool settled) {
    // A release after a drag re-reports the last value only to settle it: it was posted while dragging.
    const bool changed = value != row.pin.value;
    row.pin.value = value;
    bool posted = !changed && row.postedValue == value; // settling what the engine already has
    if (changed && m_controller && m_controller->hasRun() &&
        m_controller->state() == core::RunLoop::State::Running) {
        m_controller->postParameterChange(row.pin.target, row.pin.parameter, value);
        row.postedValue = value;
        posted = true;
    } else if (changed) {
        row.postedValue.reset();
    }
    if (changed || settled)
        Q_EMIT valueMoved(row.pin.target, row.pin.parameter, value, posted, settled);
}

void SliderPanel::removePin(const QString& target, const QString& parameter) {
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const auto& row) {
        return row->pin.target == target && row->pin.parameter == parameter;
    });
    if (it == m_rows.end())
        return;
    (*it)->widget->deleteLater();
    (*it)->widget->hide();
    m_rows.erase(it);
    updateHint();
    Q_EMIT pinsChanged();
}

void SliderPanel::setPins(const std::vector<SliderPin>& pins) {
    QSignalBlocker block(this); // one pinsChanged for the whole replacement
    while (!m_rows.empty())
        removePin(m_rows.front()->pin.target, m_rows.front()->pin.parameter);
    for (const SliderPin& pin : pins)
        addPin(pin);
    block.unblock();
    Q_EMIT pinsChanged();
}

std::vector<SliderPin> SliderPanel::pins() const {
    std::vector<SliderPin> out;
    for (const auto& row : m_rows)
        out.push_back(row->pin);
    return out;
}

void SliderPanel::showValue(const QString& target, const QString& parameter, double value) {
    Row* row = find(target, parameter);
    if (!row)
        return;
    row->pin.value = std::clamp(value, row->pin.minimum, row->pin.maximum);
    const QSignalBlocker blockSlider(row->slider);
    const QSignalBlocker blockSpin(row->spin);
    row->slider->setValue(SliderScale(row->pin.minimum, row->pin.maximum).positionOf(row->pin.value));
    row->spin->setValue(row->pin.value);
}

bool SliderPanel::dragTo(const QString& target, const QString& parameter, double value) {
    Row* row = find(target, parameter);
    if (!row)
        return false;
    row->slider->setSliderDown(true);
    row->slider->setValue(SliderScale(row->pin.minimum, row->pin.maximum).positionOf(value));
    row->slider->setSliderDown(false); // emits sliderReleased
    return true;
}

void SliderPanel::updateHint() {
    m_hint->setVisible(m_rows.empty());
}

} // namespace pulselab::widgets
