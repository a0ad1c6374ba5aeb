#include "widgets/export/figure_spike_raster.h"

#include "widgets/common/colour_maps.h"

#include <QFontInfo>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

FigureSpikeRaster::FigureSpikeRaster(QWidget* parent) : SpikeRasterView(parent) {}

void FigureSpikeRaster::startRun(const core::RunLayout& layout) {
    m_runLayout = layout;
    m_kept.clear();
    m_endStep = 0;
    setRunLayout(layout);
}

void FigureSpikeRaster::addSnapshot(const core::RunSnapshot& snapshot) {
    if (m_kept.size() <= kMaxVectorSpikes)
        m_kept.insert(m_kept.end(), snapshot.spikes.begin(), snapshot.spikes.end());
    m_endStep = std::max(m_endStep, snapshot.endStep);
    appendSnapshot(snapshot);
}

void FigureSpikeRaster::showWholeRun(double durationMs) {
    m_shownMs = std::max(5.0, durationMs);
    setWindowMs(m_shownMs);
}

std::size_t FigureSpikeRaster::vectorMarkCount() const {
    return m_kept.size() <= kMaxVectorSpikes ? m_kept.size() : 0;
}

void FigureSpikeRaster::paintFigure(QPainter& painter, const QRectF& target) {
    const QSizeF source = size();
    if (source.isEmpty() || target.isEmpty())
        return;
    const double scale = std::min(target.width() / source.width(), target.height() / source.height());
    const QSizeF drawn = source * scale;
    painter.save();
    painter.translate(target.center() - QPointF(drawn.width() / 2, drawn.height() / 2));
    painter.scale(scale, scale);
    if (m_kept.size() > kMaxVectorSpikes) {
        render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.restore();
        return;
    }
    const QRectF plot(plotRect());
    const std::uint32_t neurons = std::max<std::uint32_t>(1, m_runLayout.neuronCount());
    const double rowHeight = plot.height() / neurons;
    const double msPerUnit = m_shownMs / plot.width();
    painter.fillRect(QRectF(QPointF(0, 0), source), Qt::white);
    // Pixel-sized as on screen: a point size would grow with the figure's DPI (600 dpi PNG, PDF).
    QFont labelFont = font();
    labelFont.setPixelSize(std::max(6, QFontInfo(font()).pixelSize()));
    painter.setFont(labelFont);

    // Population names and colour bars on the left, separators across the plot (as the live view).
    QPen chrome(QColor(200, 200, 200));
    chrome.setCapStyle(Qt::SquareCap);
    for (std::size_t i = 0; i < m_runLayout.populations.size(); ++i) {
        const auto& pop = m_runLayout.populations[i];
        const double top = plot.top() + pop.firstNeuron * rowHeight;
        const double height = pop.size * rowHeight;
        painter.fillRect(QRectF(plot.left() - 6, top, 4, std::max(0.5, height)),
                         categoricalColour(static_cast<int>(i)));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(2, top, plot.left() - 14, std::max(14.0, height)),
                         Qt::AlignRight | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(QString::fromStdString(pop.name), Qt::ElideRight,
                                                          static_cast<int>(plot.left()) - 14));
        if (pop.firstNeuron > 0) {
            painter.setPen(chrome);
            painter.drawLine(QPointF(plot.left(), top), QPointF(plot.right(), top));
        }
    }

    // One flat-capped line per spike, population by population (one pen change each).
    std::vector<std::vector<const core::SpikeEvent*>> byPopulation(m_runLayout.populations.size());
    for (const core::SpikeEvent& spike : m_kept) {
        const int pop = m_runLayout.populationOf(spike.neuron);
        if (pop >= 0)
            byPopulation[static_cast<std::size_t>(pop)].push_back(&spike);
    }
    const double markHeight = std::max(0.8, rowHeight * 0.9);
    for (std::size_t i = 0; i < byPopulation.size(); ++i) {
        QPen pen(categoricalColour(static_cast<int>(i)));
        pen.setWidthF(std::clamp(0.2 / msPerUnit, 0.6, 1.5));
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        for (const core::SpikeEvent* spike : byPopulation[i]) {
            const double x = plot.left() + static_cast<double>(spike->step) * m_runLayout.dtMs / msPerUnit;
            const double y = plot.top() + spike->neuron * rowHeight;
            painter.drawLine(QPointF(x, y), QPointF(x, y + markHeight));
        }
    }

    // Frame and time axis.
    QPen axis(QColor(160, 160, 160));
    axis.setCapStyle(Qt::SquareCap);
    painter.setPen(axis);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    const double raw = m_shownMs / 6.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double tick = raw / magnitude < 2   ? 2 * magnitude
                        : raw / magnitude < 5 ? 5 * magnitude
                                              : 10 * magnitude;
    const bool seconds = m_shownMs >= 2000.0;
    QPen ticks(Qt::black);
    ticks.setCapStyle(Qt::SquareCap);
    painter.setPen(ticks);
    for (double t = 0.0; t <= m_shownMs + 1e-9; t += tick) {
        const double x = plot.left() + t / msPerUnit;
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        const QString label = seconds ? QString::number(t / 1000.0, 'g', 4) + QStringLiteral(" s")
                                      : QString::number(t, 'g', 5) + QStringLiteral(" ms");
        painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 18), Qt::AlignHCenter | Qt::AlignTop, label);
    }
    painter.restore();
}

} // namespace pulselab::widgets
