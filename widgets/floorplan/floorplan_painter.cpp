#include "widgets/floorplan/floorplan_painter.h"

#include "widgets/common/colour_maps.h"

#include <QLinearGradient>
#include <QPainter>

#include <algorithm>

namespace pulselab::widgets {

void paintFloorplan2D(QPainter& painter, const QRectF& target, const core::loihi::ChipDescription& chip,
                      const std::vector<double>& values, const QString& quantity, int selectedCore) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const double maxValue = values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    const bool coloured = maxValue > 0.0;

    // Grid: rows along x, columns along y, one extra column of cells on the left for the x86 cores; the
    // bottom 18 % of the target holds the title and colour bar.
    const int cellsX = chip.meshRows + 1;
    const int cellsY = chip.meshColumns;
    const QRectF area(target.left(), target.top(), target.width(), target.height() * 0.82);
    const double pitch = std::min(area.width() / cellsX, area.height() / cellsY);
    const double gap = pitch * 0.12;
    const QPointF origin(area.center().x() - pitch * cellsX / 2, area.center().y() - pitch * cellsY / 2);

    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(40, 48, 43));
    painter.drawRoundedRect(
        QRectF(origin, QSizeF(pitch * cellsX, pitch * cellsY)).adjusted(-gap, -gap, gap, gap), gap, gap);
    QFont font = painter.font();
    font.setPixelSize(std::max(6, static_cast<int>(pitch * 0.28)));
    painter.setFont(font);
    for (int core = 0; core < chip.neuroCores; ++core) {
        const QRectF cell(origin.x() + (chip.coreRow(core) + 1) * pitch + gap / 2,
                          origin.y() + chip.coreColumn(core) * pitch + gap / 2, pitch - gap, pitch - gap);
        QColor fill(86, 118, 160);
        if (coloured && core < static_cast<int>(values.size()))
            fill = viridis(values[static_cast<std::size_t>(core)] / maxValue);
        painter.setBrush(fill);
        painter.setPen(core == selectedCore ? QPen(QColor(255, 196, 0), gap) : Qt::NoPen);
        painter.drawRect(cell);
        painter.setPen(fill.lightness() > 140 ? Qt::black : Qt::white);
        painter.drawText(cell, Qt::AlignCenter, QString::number(core));
    }
    for (int i = 0; i < chip.embeddedX86Cores; ++i) {
        const double h = (pitch * cellsY) / std::max(1, chip.embeddedX86Cores);
        const QRectF cell(origin.x() + gap / 2, origin.y() + i * h + gap / 2, pitch - gap, h - gap);
        painter.setBrush(QColor(150, 150, 150));
        painter.setPen(Qt::NoPen);
        painter.drawRect(cell);
        painter.setPen(Qt::black);
        painter.drawText(cell, Qt::AlignCenter, QStringLiteral("x86"));
    }

    // Title above the colour bar, each across the whole width (a long quantity name is never cut).
    const QRectF legend(target.left(), area.bottom() + pitch * 0.3, target.width(),
                        target.bottom() - area.bottom() - pitch * 0.3);
    // No larger than half a core's pitch: in a tall panel the title stays the size of the figure's text.
    font.setPixelSize(std::max(7, static_cast<int>(std::min(legend.height() * 0.24, pitch * 0.5))));
    painter.setFont(font);
    painter.setPen(Qt::black);
    const QString title =
        QStringLiteral("%1: %2 cores").arg(QString::fromStdString(chip.name)).arg(chip.neuroCores);
    const QRectF titleBox(legend.left(), legend.top(), legend.width(), legend.height() * 0.45);
    painter.drawText(
        titleBox, Qt::AlignHCenter | Qt::AlignVCenter,
        painter.fontMetrics().elidedText(coloured ? title + QStringLiteral(" - ") + quantity : title,
                                         Qt::ElideRight, static_cast<int>(titleBox.width())));
    if (coloured) {
        const QRectF bar(legend.left() + legend.width() * 0.25, legend.top() + legend.height() * 0.55,
                         legend.width() * 0.5, legend.height() * 0.3);
        QLinearGradient gradient(bar.topLeft(), bar.topRight());
        for (int i = 0; i <= 8; ++i)
            gradient.setColorAt(i / 8.0, viridis(i / 8.0));
        painter.setBrush(gradient);
        painter.setPen(Qt::NoPen);
        painter.drawRect(bar);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(legend.left(), bar.top(), bar.left() - legend.left() - 4, bar.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
        painter.drawText(QRectF(bar.right() + 4, bar.top(), legend.right() - bar.right() - 4, bar.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(maxValue, 'g', 3));
    }
    painter.restore();
}

} // namespace pulselab::widgets
