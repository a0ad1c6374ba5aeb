#include "widgets/floorplan/board_strip.h"

#include "widgets/common/colour_maps.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace pulselab::widgets {

namespace {
constexpr int kTitleHeight = 18;
constexpr int kCaptionHeight = 16;
constexpr double kChipGap = 10.0;
} // namespace

BoardStrip::BoardStrip(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(90);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize BoardStrip::sizeHint() const {
    return {480, 120};
}

void BoardStrip::setBoard(const core::loihi::ChipDescription& chip, const std::vector<ChipSummary>& chips,
                          const QString& title) {
    m_chip = chip;
    m_chips = chips;
    m_title = title;
    m_current = std::clamp(m_current, 0, std::max(0, chipCount() - 1));
    update();
}

void BoardStrip::setCurrentChip(int chip) {
    m_current = std::clamp(chip, 0, std::max(0, chipCount() - 1));
    update();
}

QString BoardStrip::caption(int chip) const {
    return chip >= 0 && chip < chipCount() ? m_chips[static_cast<std::size_t>(chip)].caption : QString();
}

QRectF BoardStrip::chipRect(int chip) const {
    if (chip < 0 || chip >= chipCount())
        return {};
    // Chips in one row, each as wide as its mesh (rows horizontal, as on the floorplan) allows.
    const QRectF area(4, kTitleHeight, width() - 8, height() - kTitleHeight - kCaptionHeight - 2);
    const double aspect = m_chip.meshColumns > 0 ? double(m_chip.meshRows) / m_chip.meshColumns : 2.0;
    const double slot = (area.width() - kChipGap * (chipCount() - 1)) / chipCount();
    const double w = std::min(slot, area.height() * aspect);
    const double h = w / aspect;
    const double left = area.left() + chip * (slot + kChipGap) + (slot - w) / 2;
    return {left, area.top() + (area.height() - h) / 2, w, h};
}

int BoardStrip::chipAt(const QPoint& position) const {
    for (int chip = 0; chip < chipCount(); ++chip) {
        const QRectF r = chipRect(chip).adjusted(-kChipGap / 2, -kTitleHeight, kChipGap / 2, kCaptionHeight);
        if (r.contains(position))
            return chip;
    }
    return -1;
}

void BoardStrip::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.drawText(QRectF(4, 0, width() - 8, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    double maxValue = 0.0;
    for (const ChipSummary& c : m_chips)
        for (double v : c.coreValues)
            maxValue = std::max(maxValue, v);
    const int cols = std::max(1, m_chip.meshRows), rows = std::max(1, m_chip.meshColumns);
    for (int chip = 0; chip < chipCount(); ++chip) {
        const QRectF r = chipRect(chip);
        painter.setPen(chip == m_current ? QPen(QColor(255, 196, 0), 3) : QPen(Qt::NoPen));
        painter.setBrush(QColor(40, 48, 43));
        painter.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 3, 3);
        const double cw = r.width() / cols, ch = r.height() / rows;
        painter.setPen(Qt::NoPen);
        const auto& values = m_chips[static_cast<std::size_t>(chip)].coreValues;
        for (int core = 0; core < static_cast<int>(values.size()) && core < m_chip.neuroCores; ++core) {
            const double v = values[static_cast<std::size_t>(core)];
            QColor fill(70, 78, 74); // free core
            if (v >= 0.0)
                fill = maxValue > 0.0 ? viridis(v / maxValue) : QColor(86, 118, 160);
            painter.setBrush(fill);
            painter.drawRect(QRectF(r.left() + m_chip.coreRow(core) * cw + 0.5,
                                    r.top() + m_chip.coreColumn(core) * ch + 0.5, std::max(1.0, cw - 1.0),
                                    std::max(1.0, ch - 1.0)));
        }
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(
            QRectF(r.left() - kChipGap / 2, r.bottom() + 2, r.width() + kChipGap, kCaptionHeight),
            Qt::AlignHCenter | Qt::AlignTop, caption(chip));
    }
}

void BoardStrip::mousePressEvent(QMouseEvent* event) {
    const int chip = chipAt(event->position().toPoint());
    if (chip < 0)
        return;
    setCurrentChip(chip);
    Q_EMIT chipClicked(chip);
}

} // namespace pulselab::widgets
