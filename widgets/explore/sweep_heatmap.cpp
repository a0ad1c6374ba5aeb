#include "widgets/explore/sweep_heatmap.h"

#include "widgets/common/colour_maps.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace pulselab::widgets {

namespace {

constexpr int kLeftMargin = 90, kTopMargin = 30, kBottomMargin = 60, kBarWidth = 18, kBarGap = 20,
              kBarLabels = 80;
const QColor kMissing(200, 200, 200);

QString number(double v) {
    return QString::number(v, 'g', 4);
}

} // namespace

SweepHeatmap::SweepHeatmap(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 240);
    setMouseTracking(false);
}

void SweepHeatmap::setResults(const core::SweepResults& results) {
    m_rowValues.clear();
    m_columnValues.clear();
    m_means.clear();
    if (results.axisValues.size() == 2) {
        m_rowValues = results.axisValues[0];
        m_columnValues = results.axisValues[1];
        m_rowName = QString::fromStdString(results.axisNames[0]);
        m_columnName = QString::fromStdString(results.axisNames[1]);
        m_outcomeName = QString::fromStdString(core::outcomeDescription(results.outcome.kind));
        m_means.assign(m_rowValues.size() * m_columnValues.size(), std::nan(""));
        for (const auto& p : results.points)
            if (p.index < m_means.size() && p.finishedSeeds > 0)
                m_means[p.index] = p.mean();
    }
    m_min = INFINITY;
    m_max = -INFINITY;
    for (double v : m_means)
        if (std::isfinite(v)) {
            m_min = std::min(m_min, v);
            m_max = std::max(m_max, v);
        }
    if (!(m_min <= m_max))
        m_min = m_max = 0.0;
    update();
}

QRect SweepHeatmap::plotArea() const {
    return QRect(kLeftMargin, kTopMargin, width() - kLeftMargin - kBarGap - kBarWidth - kBarLabels,
                 height() - kTopMargin - kBottomMargin);
}

QRect SweepHeatmap::colourBarArea() const {
    const QRect plot = plotArea();
    return QRect(plot.right() + kBarGap, plot.top(), kBarWidth, plot.height());
}

QRect SweepHeatmap::cellRect(int row, int column) const {
    const QRect plot = plotArea();
    if (rows() == 0 || columns() == 0)
        return {};
    // Row 0 (the first value) at the bottom, as on a y axis.
    const int x0 = plot.left() + plot.width() * column / columns();
    const int x1 = plot.left() + plot.width() * (column + 1) / columns();
    const int y0 = plot.bottom() + 1 - plot.height() * (row + 1) / rows();
    const int y1 = plot.bottom() + 1 - plot.height() * row / rows();
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

QColor SweepHeatmap::cellColour(int row, int column) const {
    const double v = m_means.at(static_cast<std::size_t>(row * columns() + column));
    if (!std::isfinite(v))
        return kMissing;
    return viridis(m_max > m_min ? (v - m_min) / (m_max - m_min) : 0.5);
}

void SweepHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (cellCount() == 0) {
        p.drawText(rect(), Qt::AlignCenter, tr("Run a sweep over two parameters to see its heatmap"));
        return;
    }
    for (int r = 0; r < rows(); ++r)
        for (int c = 0; c < columns(); ++c)
            p.fillRect(cellRect(r, c), cellColour(r, c));
    const QRect plot = plotArea();
    p.setPen(palette().text().color());
    p.drawRect(plot.adjusted(0, 0, -1, -1));
    // Tick labels at cell centres, thinned so they do not overlap.
    const QFontMetrics fm(font());
    const int columnStep = std::max(1, (fm.horizontalAdvance(QStringLiteral("-0.0000")) + 8) * columns() /
                                           std::max(1, plot.width()));
    for (int c = 0; c < columns(); c += columnStep) {
        const QRect cell = cellRect(0, c);
        p.drawText(QRect(cell.center().x() - 40, plot.bottom() + 4, 80, fm.height()), Qt::AlignHCenter,
                   number(m_columnValues[static_cast<std::size_t>(c)]));
    }
    const int rowStep = std::max(1, (fm.height() + 4) * rows() / std::max(1, plot.height()));
    for (int r = 0; r < rows(); r += rowStep) {
        const QRect cell = cellRect(r, 0);
        p.drawText(QRect(0, cell.center().y() - fm.height() / 2, kLeftMargin - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, number(m_rowValues[static_cast<std::size_t>(r)]));
    }
    p.drawText(QRect(plot.left(), plot.bottom() + 6 + fm.height(), plot.width(), fm.height() + 4),
               Qt::AlignHCenter, m_columnName);
    p.save();
    p.translate(12, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-plot.height() / 2, -fm.height() + 4, plot.height(), fm.height() + 4), Qt::AlignHCenter,
               m_rowName);
    p.restore();
    p.drawText(QRect(0, 4, width(), fm.height() + 4), Qt::AlignHCenter, m_outcomeName);
    // Colour bar: max at the top.
    const QRect bar = colourBarArea();
    for (int y = 0; y < bar.height(); ++y)
        p.fillRect(QRect(bar.left(), bar.top() + y, bar.width(), 1),
                   viridis(1.0 - static_cast<double>(y) / std::max(1, bar.height() - 1)));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.drawText(QRect(bar.right() + 4, bar.top() - fm.height() / 2, kBarLabels, fm.height()), Qt::AlignLeft,
               number(m_max));
    p.drawText(QRect(bar.right() + 4, bar.bottom() - fm.height() / 2, kBarLabels, fm.height()), Qt::AlignLeft,
               number(m_min));
}

void SweepHeatmap::mousePressEvent(QMouseEvent* event) {
    for (int r = 0; r < rows(); ++r)
        for (int c = 0; c < columns(); ++c)
            if (cellRect(r, c).contains(event->position().toPoint())) {
                Q_EMIT pointClicked(static_cast<std::size_t>(r * columns() + c));
                return;
            }
    QWidget::mousePressEvent(event);
}

} // namespace pulselab::widgets
