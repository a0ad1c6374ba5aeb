#include "widgets/export/figure_spike_raster.h"

#include "widgets/common/colour_maps.h"
#include "widgets/export/figure_style.h"

#include <QFontMetricsF>
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

void FigureSpikeRaster::paintFigure(QPainter& painter, const QRectF& target, double devicePxPerMm) {
    if (target.isEmpty() || devicePxPerMm <= 0)
        return;
    if (m_kept.size() > kMaxVectorSpikes) {
        // Too many marks for a useful vector file: the screen image, scaled uniformly and centred.
        const QSizeF source = size();
        if (source.isEmpty())
            return;
        const double scale = std::min(target.width() / source.width(), target.height() / source.height());
        const QSizeF drawn = source * scale;
        painter.save();
        painter.translate(target.center() - QPointF(drawn.width() / 2, drawn.height() / 2));
        painter.scale(scale, scale);
        render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.restore();
        return;
    }
    // Laid out in figure_style's layout pixels at the target's physical size, then scaled onto the page.
    const double px = figure_style::kLayoutPxPerMm;
    const QSizeF canvas = target.size() / devicePxPerMm * px;
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / canvas.width(), target.height() / canvas.height());
    painter.fillRect(QRectF(QPointF(0, 0), canvas), Qt::white);

    const QFont labelFont = figure_style::font(figure_style::kLabelPt);
    const QFont tickFont = figure_style::font(figure_style::kTickPt);
    const QFontMetricsF labels(labelFont);
    const QFontMetricsF ticks(tickFont);
    // Room for the names (up to 30 % of the width), and at least for their longest words (up to 40 %), so
    // that a long name wraps rather than loses letters.
    double nameWidth = 0.0, wordWidth = 0.0;
    for (const auto& pop : m_runLayout.populations) {
        const QString name = QString::fromStdString(pop.name);
        nameWidth = std::max(nameWidth, labels.horizontalAdvance(name));
        for (const QString& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            wordWidth = std::max(wordWidth, labels.horizontalAdvance(word));
    }
    const double left =
        std::max(std::min(nameWidth, canvas.width() * 0.3), std::min(wordWidth, canvas.width() * 0.4)) +
        2.5 * px;
    const double bottom = ticks.height() + labels.height() + 2.0 * px;
    // The last time label is centred on the plot's right edge: half of it must fit.
    const double right = std::max(2.0 * px, 0.5 * ticks.horizontalAdvance(QStringLiteral("00000")));
    const QRectF plot(left, 1.0 * px, std::max(1.0, canvas.width() - left - right),
                      std::max(1.0, canvas.height() - bottom - 1.0 * px));
    const std::uint32_t neurons = std::max<std::uint32_t>(1, m_runLayout.neuronCount());
    const double rowHeight = plot.height() / neurons;
    const double msPerUnit = m_shownMs / plot.width();

    // Population names and colour bars on the left, separators across the plot (as the live view).
    painter.setFont(labelFont);
    QPen chrome(QColor(200, 200, 200));
    chrome.setCapStyle(Qt::SquareCap);
    chrome.setWidthF(0.5);
    for (std::size_t i = 0; i < m_runLayout.populations.size(); ++i) {
        const auto& pop = m_runLayout.populations[i];
        const double top = plot.top() + pop.firstNeuron * rowHeight;
        const double height = pop.size * rowHeight;
        painter.fillRect(QRectF(plot.left() - 1.2 * px, top, 0.7 * px, std::max(0.5, height)),
                         lineColour(static_cast<int>(i)));
        painter.setPen(Qt::black);
        const double nameRight = plot.left() - 1.8 * px;
        const double nameHeight = std::max(labels.height(), height);
        // A name wider than the margin wraps at its spaces when the band has room for the lines, and is
        // elided otherwise.
        const QString name = QString::fromStdString(pop.name);
        const QRectF nameBox(0, top + height / 2 - nameHeight / 2, nameRight, nameHeight);
        const QRectF wrapped =
            labels.boundingRect(QRectF(0, 0, nameRight, 1e6), Qt::AlignRight | Qt::TextWordWrap, name);
        if (labels.horizontalAdvance(name) > nameRight && wrapped.width() <= nameRight &&
            wrapped.height() <= nameHeight)
            painter.drawText(nameBox, Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, name);
        else
            painter.drawText(nameBox, Qt::AlignRight | Qt::AlignVCenter,
                             labels.elidedText(name, Qt::ElideRight, nameRight));
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
        QPen pen(lineColour(static_cast<int>(i)));
        pen.setWidthF(std::clamp(0.2 / msPerUnit, 0.6, 1.5));
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        for (const core::SpikeEvent* spike : byPopulation[i]) {
            const double x = plot.left() + static_cast<double>(spike->step) * m_runLayout.dtMs / msPerUnit;
            const double y = plot.top() + spike->neuron * rowHeight;
            painter.drawLine(QPointF(x, y), QPointF(x, y + markHeight));
        }
    }

    // Frame, time axis with nice ticks, and its title.
    QPen axis(QColor(90, 90, 90));
    axis.setCapStyle(Qt::SquareCap);
    axis.setWidthF(0.8);
    painter.setPen(axis);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    const bool seconds = m_shownMs >= 2000.0;
    const double unit = seconds ? 1000.0 : 1.0;
    const int fit = std::max(
        2, static_cast<int>(plot.width() / (ticks.horizontalAdvance(QStringLiteral("0000")) + 2.0 * px)));
    const double raw = m_shownMs / std::min(6, fit);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double tick = raw / magnitude <= 2   ? 2 * magnitude
                        : raw / magnitude <= 5 ? 5 * magnitude
                                               : 10 * magnitude;
    QPen tickPen(Qt::black);
    tickPen.setCapStyle(Qt::SquareCap);
    tickPen.setWidthF(0.8);
    painter.setPen(tickPen);
    painter.setFont(tickFont);
    for (double t = 0.0; t <= m_shownMs + 1e-9; t += tick) {
        const double x = plot.left() + t / msPerUnit;
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 0.8 * px));
        painter.drawText(QRectF(x - 10 * px, plot.bottom() + 1.0 * px, 20 * px, ticks.height()),
                         Qt::AlignHCenter | Qt::AlignTop, QString::number(t / unit, 'g', 5));
    }
    painter.setFont(labelFont);
    painter.drawText(
        QRectF(plot.left(), canvas.height() - labels.height() - 0.5 * px, plot.width(), labels.height()),
        Qt::AlignHCenter | Qt::AlignTop, seconds ? tr("time (s)") : tr("time (ms)"));
    painter.restore();
}

} // namespace pulselab::widgets
