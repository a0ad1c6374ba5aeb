#include "widgets/raster/spike_raster_view.h"

#include "widgets/common/colour_maps.h"
#include "widgets/raster/label_spread.h"
#include "widgets/raster/row_bands.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pulselab::widgets {

namespace {
constexpr int kLeftMargin = 92;
constexpr int kBottomMargin = 24;
constexpr int kTopMargin = 6;
constexpr int kRightMargin = 8;
constexpr double kMinBandPx = 8.0; // the thinnest a population band gets while all rows are shown
constexpr double kMinWindowMs = 5.0;
constexpr double kMaxWindowMs = 600'000.0;
const QRgb kBackground = qRgb(255, 255, 255);
} // namespace

SpikeRasterView::SpikeRasterView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(240, 120);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void SpikeRasterView::setRunLayout(const core::RunLayout& layout) {
    m_layout = layout;
    m_colours.clear();
    m_neuronColours.assign(layout.neuronCount(), qRgb(0, 0, 0));
    for (std::size_t i = 0; i < layout.populations.size(); ++i) {
        m_colours.push_back(lineColour(static_cast<int>(i)).rgb());
        const auto& pop = layout.populations[i];
        const std::size_t end = std::min<std::size_t>(m_neuronColours.size(), pop.firstNeuron + pop.size);
        for (std::size_t n = pop.firstNeuron; n < end; ++n)
            m_neuronColours[n] = m_colours.back();
    }
    m_firstNeuron = 0;
    m_neuronCount = 0;
    m_selected = -1;
    m_highlightFirst = m_highlightCount = 0;
    m_shown.assign(layout.populations.size(), true);
    rebuildRows();
    clear();
}

void SpikeRasterView::rebuildRows() {
    m_rowOfNeuron.assign(m_layout.neuronCount(), -1);
    m_neuronOfRow.clear();
    for (std::size_t i = 0; i < m_layout.populations.size(); ++i) {
        if (!m_shown[i])
            continue;
        const auto& pop = m_layout.populations[i];
        const std::size_t end = std::min<std::size_t>(m_rowOfNeuron.size(), pop.firstNeuron + pop.size);
        for (std::size_t n = pop.firstNeuron; n < end; ++n) {
            m_rowOfNeuron[n] = static_cast<std::int32_t>(m_neuronOfRow.size());
            m_neuronOfRow.push_back(static_cast<std::uint32_t>(n));
        }
    }
}

void SpikeRasterView::setShownPopulations(const std::vector<bool>& shown) {
    for (std::size_t i = 0; i < m_shown.size(); ++i)
        m_shown[i] = i < shown.size() ? shown[i] : true;
    rebuildRows();
    m_firstNeuron = 0;
    m_neuronCount = 0;
    redraw();
}

bool SpikeRasterView::populationShown(int population) const {
    return population >= 0 && static_cast<std::size_t>(population) < m_shown.size() &&
           m_shown[static_cast<std::size_t>(population)];
}

std::int64_t SpikeRasterView::rowOf(std::uint32_t neuron) const {
    return neuron < m_rowOfNeuron.size() ? m_rowOfNeuron[neuron] : static_cast<std::int64_t>(rowCount());
}

int SpikeRasterView::rowTop(std::int64_t row) const {
    return plotRect().top() + static_cast<int>(std::floor(rowY(row)));
}

double SpikeRasterView::rowY(std::int64_t row) const {
    if (!m_rowY.empty() && row >= 0 && static_cast<std::size_t>(row) < m_rowY.size())
        return m_rowY[static_cast<std::size_t>(row)];
    return (static_cast<double>(row) - m_firstNeuron) * rowsPerNeuron();
}

std::int64_t SpikeRasterView::rowAtY(double y) const {
    if (m_rowY.empty())
        return static_cast<std::int64_t>(std::floor(m_firstNeuron + y / rowsPerNeuron()));
    const auto after = std::upper_bound(m_rowY.begin(), m_rowY.end(), y);
    return static_cast<std::int64_t>(after - m_rowY.begin()) - 1;
}

void SpikeRasterView::layOutRows() {
    m_rowY.clear();
    const std::uint32_t rows = rowCount();
    if (rows == 0 || m_firstNeuron != 0 || (m_neuronCount != 0 && m_neuronCount < rows))
        return; // zoomed: every row as tall as the others
    std::vector<std::uint32_t> sizes;
    for (std::size_t i = 0; i < m_layout.populations.size(); ++i)
        sizes.push_back(m_shown[i] ? m_layout.populations[i].size : 0);
    const std::vector<double> heights = bandHeights(sizes, plotRect().height(), kMinBandPx);
    m_rowY.reserve(rows + 1);
    double top = 0.0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const double perRow = sizes[i] ? heights[i] / sizes[i] : 0.0;
        for (std::uint32_t k = 0; k < sizes[i] && m_rowY.size() < rows; ++k)
            m_rowY.push_back(top + k * perRow);
        top += heights[i];
    }
    m_rowY.push_back(top);
    if (m_rowY.size() != rows + 1)
        m_rowY.clear(); // a layout whose populations do not cover the rows: even rows
}

void SpikeRasterView::clear() {
    m_recent.clear();
    m_now = 0;
    m_leftColumn = 0;
    redraw();
}

QRect SpikeRasterView::plotRect() const {
    return QRect(kLeftMargin, kTopMargin, std::max(1, width() - kLeftMargin - kRightMargin),
                 std::max(1, height() - kTopMargin - kBottomMargin));
}

double SpikeRasterView::msPerPixel() const {
    return m_windowMs / plotRect().width();
}

double SpikeRasterView::rowsPerNeuron() const {
    const std::uint32_t count = m_neuronCount ? m_neuronCount : rowCount();
    return count ? static_cast<double>(plotRect().height()) / count : 1.0;
}

std::int64_t SpikeRasterView::columnOf(std::int64_t step) const {
    // Columns are anchored at t = 0, so scrolling by whole columns and redrawing agree pixel for pixel.
    return static_cast<std::int64_t>(std::floor(static_cast<double>(step) * m_layout.dtMs / msPerPixel()));
}

std::int64_t SpikeRasterView::leftColumnFor(std::int64_t now) const {
    return std::max<std::int64_t>(0, columnOf(std::max<std::int64_t>(0, now - 1)) - plotRect().width() + 1);
}

QPoint SpikeRasterView::pixelFor(std::int64_t step, std::uint32_t neuron) const {
    const QRect plot = plotRect();
    const double x = static_cast<double>(columnOf(step) - m_leftColumn);
    return {plot.left() + static_cast<int>(std::floor(x)), rowTop(rowOf(neuron))};
}

template <typename Spikes> void SpikeRasterView::plotSpikes(const Spikes& spikes) {
    const std::uint32_t first = m_firstNeuron;
    const std::uint32_t count = m_neuronCount ? m_neuronCount : rowCount();
    const double rows = rowsPerNeuron();
    const int evenTick = std::max(1, static_cast<int>(std::floor(rows)));
    const bool banded = !m_rowY.empty();
    const int width = m_image.width();
    const int height = m_image.height();
    const std::size_t colours = m_neuronColours.size();
    uchar* const bits = m_image.bits(); // detaches once, not once per pixel like scanLine()
    const qsizetype stride = m_image.bytesPerLine();
    // Spikes come step by step: the column is computed once per step, not once per spike.
    std::int64_t step = -1;
    int x = -1;
    for (const core::SpikeEvent& spike : spikes) {
        if (spike.step != step) {
            step = spike.step;
            x = static_cast<int>(std::clamp<std::int64_t>(columnOf(step) - m_leftColumn, -1, width));
        }
        if (x < 0 || x >= width || spike.neuron >= colours)
            continue;
        const std::int32_t row = m_rowOfNeuron[spike.neuron];
        if (row < static_cast<std::int64_t>(first) || static_cast<std::uint32_t>(row) - first >= count)
            continue;
        int y, tick = evenTick;
        if (banded) {
            const auto r = static_cast<std::size_t>(row);
            y = static_cast<int>(m_rowY[r]);
            tick = std::max(1, static_cast<int>(m_rowY[r + 1]) - y);
        } else {
            y = static_cast<int>(
                std::floor(static_cast<double>(static_cast<std::uint32_t>(row) - first) * rows));
        }
        const QRgb colour = m_neuronColours[spike.neuron];
        for (int r = std::max(0, y); r < y + tick && r < height; ++r)
            reinterpret_cast<QRgb*>(bits + r * stride)[x] = colour;
    }
}

void SpikeRasterView::redraw() {
    layOutRows();
    const QRect area = plotRect();
    if (m_image.size() != area.size())
        m_image = QImage(area.size(), QImage::Format_RGB32);
    m_image.fill(kBackground);
    m_leftColumn = leftColumnFor(m_now);
    plotSpikes(m_recent);
    update();
}

void SpikeRasterView::scrollTo(std::int64_t endStep) {
    m_now = endStep;
    const std::int64_t left = leftColumnFor(m_now);
    const std::int64_t pixels = left - m_leftColumn;
    if (pixels <= 0)
        return;
    m_leftColumn = left;
    if (pixels >= m_image.width()) {
        m_image.fill(kBackground);
        return;
    }
    const int shift = static_cast<int>(pixels);
    const int keep = m_image.width() - shift;
    for (int y = 0; y < m_image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(y));
        std::memmove(line, line + shift, static_cast<std::size_t>(keep) * sizeof(QRgb));
        std::fill(line + keep, line + m_image.width(), kBackground);
    }
}

void SpikeRasterView::appendSpikes(std::span<const core::SpikeEvent> spikes, std::int64_t endStep) {
    if (m_image.isNull())
        redraw();
    scrollTo(endStep);
    plotSpikes(spikes);
    m_recent.insert(m_recent.end(), spikes.begin(), spikes.end());
    // Keep two windows' worth (at least 2 s) for zooming out and hover.
    const double keepMs = std::max(2.0 * m_windowMs, 2000.0);
    const auto oldest = m_now - static_cast<std::int64_t>(keepMs / std::max(1e-9, m_layout.dtMs));
    while (!m_recent.empty() && m_recent.front().step < oldest)
        m_recent.pop_front();
    update();
}

void SpikeRasterView::setWindowMs(double ms) {
    m_windowMs = std::clamp(ms, kMinWindowMs, kMaxWindowMs);
    redraw();
}

void SpikeRasterView::setNeuronRange(std::uint32_t first, std::uint32_t count) {
    m_firstNeuron = std::min(first, rowCount());
    m_neuronCount = count;
    redraw();
}

void SpikeRasterView::selectNeuron(int neuron) {
    if (neuron == m_selected)
        return;
    m_selected = neuron;
    update();
    Q_EMIT neuronSelected(neuron);
}

void SpikeRasterView::highlightNeurons(std::uint32_t first, std::uint32_t count) {
    if (first == m_highlightFirst && count == m_highlightCount)
        return;
    m_highlightFirst = first;
    m_highlightCount = count;
    update();
}

int SpikeRasterView::neuronAt(const QPoint& position) const {
    const QRect plot = plotRect();
    if (!plot.contains(position))
        return -1;
    const std::int64_t row = rowAtY(position.y() - plot.top());
    return row >= 0 && row < static_cast<std::int64_t>(rowCount())
               ? static_cast<int>(m_neuronOfRow[static_cast<std::size_t>(row)])
               : -1;
}

std::optional<core::SpikeEvent> SpikeRasterView::spikeNear(const QPoint& position) const {
    const int neuron = neuronAt(position);
    if (neuron < 0)
        return std::nullopt;
    const std::int64_t row = rowOf(static_cast<std::uint32_t>(neuron));
    const int slack = std::max(1, static_cast<int>(std::ceil(1.0 / std::max(1e-9, rowHeight(row)))));
    std::optional<core::SpikeEvent> best;
    int bestDistance = 5;
    for (const core::SpikeEvent& s : m_recent) {
        const std::int64_t r = rowOf(s.neuron);
        if (r < 0 || std::abs(r - row) > slack)
            continue;
        const QPoint p = pixelFor(s.step, s.neuron);
        const int d = std::abs(p.x() - position.x()) + std::abs(p.y() - position.y()) / 2;
        if (d <= bestDistance) {
            bestDistance = d;
            best = s;
        }
    }
    return best;
}

QString SpikeRasterView::describe(const core::SpikeEvent& spike) const {
    const int pop = m_layout.populationOf(spike.neuron);
    if (pop < 0)
        return {};
    const auto& info = m_layout.populations[static_cast<std::size_t>(pop)];
    return tr("%1[%2] (neuron %3)\nspike at %4 ms")
        .arg(QString::fromStdString(info.name))
        .arg(spike.neuron - info.firstNeuron)
        .arg(spike.neuron)
        .arg(static_cast<double>(spike.step) * m_layout.dtMs, 0, 'f', 2);
}

void SpikeRasterView::paintEvent(QPaintEvent*) {
    ++m_frames;
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    const QRect plot = plotRect();
    painter.drawImage(plot.topLeft(), m_image);
    painter.setPen(QColor(160, 160, 160));
    painter.drawRect(plot.adjusted(0, 0, -1, -1));

    // Population labels and colour bars on the left, separators across the plot. A label sits at the middle
    // of its band; bands thinner than a line of text push their labels apart (down, then back up from the
    // bottom) so that neighbouring names never overlap.
    const std::uint32_t count = m_neuronCount ? m_neuronCount : rowCount();
    struct Label {
        QString text;
        double y; // top of the text line
    };
    std::vector<Label> labels;
    const int lineHeight = painter.fontMetrics().height();
    for (std::size_t i = 0; i < m_layout.populations.size(); ++i) {
        const auto& pop = m_layout.populations[i];
        if (!m_shown[i] || pop.size == 0)
            continue;
        const std::int64_t firstRow = rowOf(pop.firstNeuron);
        const std::int64_t from = std::max<std::int64_t>(firstRow, m_firstNeuron);
        const std::int64_t to =
            std::min<std::int64_t>(firstRow + pop.size, std::int64_t{m_firstNeuron} + count);
        if (from >= to)
            continue;
        const int top = rowTop(from);
        const int bottom = rowTop(to);
        painter.fillRect(QRect(kLeftMargin - 6, top, 4, std::max(1, bottom - top)),
                         QColor::fromRgb(m_colours[i]));
        labels.push_back({painter.fontMetrics().elidedText(QString::fromStdString(pop.name), Qt::ElideRight,
                                                           kLeftMargin - 14),
                          0.5 * (top + bottom) - 0.5 * lineHeight});
        if (firstRow > m_firstNeuron) {
            painter.setPen(QColor(200, 200, 200));
            painter.drawLine(plot.left(), top, plot.right(), top);
        }
    }
    std::vector<double> tops;
    for (const Label& label : labels)
        tops.push_back(label.y);
    tops = spreadLabelTops(std::move(tops), lineHeight,
                           std::max<double>(plot.top(), plot.bottom() + 1 - lineHeight));
    for (std::size_t k = 0; k < labels.size(); ++k)
        labels[k].y = tops[k];
    painter.setPen(palette().windowText().color());
    for (const Label& label : labels)
        painter.drawText(QRect(2, static_cast<int>(std::lround(label.y)), kLeftMargin - 12, lineHeight),
                         Qt::AlignRight | Qt::AlignVCenter, label.text);
    const std::int64_t highlightRow = m_highlightCount > 0 ? rowOf(m_highlightFirst) : -1;
    if (highlightRow >= 0) {
        const int top = std::max(plot.top(), rowTop(highlightRow));
        const int bottom = std::min(plot.bottom() + 1, rowTop(highlightRow + m_highlightCount));
        if (bottom > top)
            painter.fillRect(QRect(plot.left(), top, plot.width(), bottom - top), QColor(0, 114, 178, 45));
    }
    const std::int64_t selectedRow = m_selected >= 0 ? rowOf(static_cast<std::uint32_t>(m_selected)) : -1;
    if (selectedRow >= 0) {
        const int y = rowTop(selectedRow);
        painter.fillRect(
            QRect(plot.left(), y, plot.width(), std::max(1, static_cast<int>(rowHeight(selectedRow)))),
            QColor(255, 196, 0, 110));
    }

    // Time axis: ticks at round intervals.
    const double leftMs = static_cast<double>(m_leftColumn) * msPerPixel();
    const double raw = m_windowMs / 6.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double tick = raw / magnitude < 2   ? 2 * magnitude
                        : raw / magnitude < 5 ? 5 * magnitude
                                              : 10 * magnitude;
    painter.setPen(palette().windowText().color());
    const bool seconds = m_windowMs >= 2000.0;
    // Fixed-point labels with just the decimals the tick needs: "3600.5 s" at an hour into a run, never
    // "3.6e+03 s", and as wide as the text (no clipping at large times).
    const double tickInUnit = seconds ? tick / 1000.0 : tick;
    const int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(tickInUnit) - 1e-9)));
    for (double t = std::ceil(leftMs / tick) * tick; t <= leftMs + m_windowMs; t += tick) {
        const int x = plot.left() + static_cast<int>((t - leftMs) / msPerPixel());
        painter.drawLine(x, plot.bottom(), x, plot.bottom() + 4);
        const QString label = seconds ? QString::number(t / 1000.0, 'f', decimals) + QStringLiteral(" s")
                                      : QString::number(t, 'f', decimals) + QStringLiteral(" ms");
        const int width = painter.fontMetrics().horizontalAdvance(label) + 6;
        const int left = std::clamp(x - width / 2, 0, std::max(0, this->width() - width));
        painter.drawText(QRect(left, plot.bottom() + 4, width, kBottomMargin - 4),
                         Qt::AlignHCenter | Qt::AlignTop, label);
    }
}

void SpikeRasterView::resizeEvent(QResizeEvent*) {
    redraw();
}

void SpikeRasterView::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(1.2, -event->angleDelta().y() / 120.0);
    if (event->modifiers() & Qt::ControlModifier) {
        const std::uint32_t total = rowCount();
        if (total == 0)
            return;
        const std::uint32_t count = m_neuronCount ? m_neuronCount : total;
        const auto next =
            static_cast<std::uint32_t>(std::clamp(count * factor, 1.0, static_cast<double>(total)));
        const int anchor = std::max(0, neuronAt(event->position().toPoint()));
        const auto first = static_cast<std::uint32_t>(std::clamp<std::int64_t>(
            anchor - static_cast<std::int64_t>(next) / 2, 0, static_cast<std::int64_t>(total - next)));
        setNeuronRange(first, next >= total ? 0 : next);
    } else {
        setWindowMs(m_windowMs * factor);
    }
    event->accept();
}

void SpikeRasterView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        selectNeuron(neuronAt(event->position().toPoint()));
}

void SpikeRasterView::contextMenuEvent(QContextMenuEvent* event) {
    if (m_layout.populations.empty())
        return;
    QMenu menu(this);
    menu.addSection(tr("Populations shown"));
    for (std::size_t i = 0; i < m_layout.populations.size(); ++i) {
        QAction* action = menu.addAction(QString::fromStdString(m_layout.populations[i].name));
        action->setCheckable(true);
        action->setChecked(m_shown[i]);
        action->setData(static_cast<int>(i));
    }
    menu.addSeparator();
    QAction* all = menu.addAction(tr("Show all"));
    QAction* chosen = menu.exec(event->globalPos());
    if (!chosen)
        return;
    std::vector<bool> shown = m_shown;
    if (chosen == all) {
        shown.assign(shown.size(), true);
    } else {
        const auto i = static_cast<std::size_t>(chosen->data().toInt());
        shown[i] = !shown[i];
        if (std::none_of(shown.begin(), shown.end(), [](bool b) { return b; }))
            return; // at least one population keeps its rows
    }
    setShownPopulations(shown);
}

bool SpikeRasterView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto spike = spikeNear(help->pos()))
            QToolTip::showText(help->globalPos(), describe(*spike), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace pulselab::widgets
