#include "widgets/raster/spike_raster_view.h"

#include "widgets/common/colour_maps.h"

#include <QHelpEvent>
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
    for (std::size_t i = 0; i < layout.populations.size(); ++i)
        m_colours.push_back(lineColour(static_cast<int>(i)).rgb());
    m_firstNeuron = 0;
    m_neuronCount = 0;
    m_selected = -1;
    clear();
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
    const std::uint32_t count = m_neuronCount ? m_neuronCount : m_layout.neuronCount();
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
    const double y = (static_cast<double>(neuron) - m_firstNeuron) * rowsPerNeuron();
    return {plot.left() + static_cast<int>(std::floor(x)), plot.top() + static_cast<int>(std::floor(y))};
}

QColor SpikeRasterView::colourOf(std::uint32_t neuron) const {
    const int pop = m_layout.populationOf(neuron);
    return pop >= 0 ? QColor::fromRgb(m_colours[static_cast<std::size_t>(pop)]) : QColor(Qt::black);
}

void SpikeRasterView::plot(const core::SpikeEvent& spike) {
    const std::uint32_t count = m_neuronCount ? m_neuronCount : m_layout.neuronCount();
    if (spike.neuron < m_firstNeuron || spike.neuron >= m_firstNeuron + count)
        return;
    const QPoint p = pixelFor(spike.step, spike.neuron) - plotRect().topLeft();
    if (p.x() < 0 || p.x() >= m_image.width())
        return;
    const int rows = std::max(1, static_cast<int>(std::floor(rowsPerNeuron())));
    const QRgb colour = colourOf(spike.neuron).rgb();
    for (int r = 0; r < rows && p.y() + r < m_image.height(); ++r)
        if (p.y() + r >= 0)
            reinterpret_cast<QRgb*>(m_image.scanLine(p.y() + r))[p.x()] = colour;
}

void SpikeRasterView::redraw() {
    const QRect area = plotRect();
    if (m_image.size() != area.size())
        m_image = QImage(area.size(), QImage::Format_RGB32);
    m_image.fill(kBackground);
    m_leftColumn = leftColumnFor(m_now);
    for (const core::SpikeEvent& s : m_recent)
        plot(s);
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
    for (const core::SpikeEvent& s : spikes) {
        m_recent.push_back(s);
        plot(s);
    }
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
    m_firstNeuron = std::min(first, m_layout.neuronCount());
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

int SpikeRasterView::neuronAt(const QPoint& position) const {
    const QRect plot = plotRect();
    if (!plot.contains(position))
        return -1;
    const auto neuron =
        static_cast<std::int64_t>(m_firstNeuron + (position.y() - plot.top()) / rowsPerNeuron());
    return neuron < static_cast<std::int64_t>(m_layout.neuronCount()) ? static_cast<int>(neuron) : -1;
}

std::optional<core::SpikeEvent> SpikeRasterView::spikeNear(const QPoint& position) const {
    const int neuron = neuronAt(position);
    if (neuron < 0)
        return std::nullopt;
    const int slack = std::max(1, static_cast<int>(std::ceil(1.0 / rowsPerNeuron())));
    std::optional<core::SpikeEvent> best;
    int bestDistance = 5;
    for (const core::SpikeEvent& s : m_recent) {
        if (std::abs(static_cast<int>(s.neuron) - neuron) > slack)
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

    // Population labels and colour bars on the left, separators across the plot.
    const std::uint32_t count = m_neuronCount ? m_neuronCount : m_layout.neuronCount();
    for (std::size_t i = 0; i < m_layout.populations.size(); ++i) {
        const auto& pop = m_layout.populations[i];
        const std::uint32_t from = std::max(pop.firstNeuron, m_firstNeuron);
        const std::uint32_t to = std::min(pop.firstNeuron + pop.size, m_firstNeuron + count);
        if (from >= to)
            continue;
        const int top = pixelFor(m_leftColumn, from).y();
        const int bottom = pixelFor(m_leftColumn, to).y();
        painter.fillRect(QRect(kLeftMargin - 6, top, 4, std::max(1, bottom - top)),
                         QColor::fromRgb(m_colours[i]));
        painter.setPen(palette().windowText().color());
        painter.drawText(QRect(2, top, kLeftMargin - 12, std::max(14, bottom - top)),
                         Qt::AlignRight | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(QString::fromStdString(pop.name), Qt::ElideRight,
                                                          kLeftMargin - 14));
        if (pop.firstNeuron > m_firstNeuron) {
            painter.setPen(QColor(200, 200, 200));
            painter.drawLine(plot.left(), top, plot.right(), top);
        }
    }
    if (m_selected >= 0) {
        const int y = pixelFor(m_leftColumn, static_cast<std::uint32_t>(m_selected)).y();
        painter.fillRect(QRect(plot.left(), y, plot.width(), std::max(1, static_cast<int>(rowsPerNeuron()))),
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
    for (double t = std::ceil(leftMs / tick) * tick; t <= leftMs + m_windowMs; t += tick) {
        const int x = plot.left() + static_cast<int>((t - leftMs) / msPerPixel());
        painter.drawLine(x, plot.bottom(), x, plot.bottom() + 4);
        const QString label = seconds ? QString::number(t / 1000.0, 'g', 4) + QStringLiteral(" s")
                                      : QString::number(t, 'g', 5) + QStringLiteral(" ms");
        painter.drawText(QRect(x - 40, plot.bottom() + 4, 80, kBottomMargin - 4),
                         Qt::AlignHCenter | Qt::AlignTop, label);
    }
}

void SpikeRasterView::resizeEvent(QResizeEvent*) {
    redraw();
}

void SpikeRasterView::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(1.2, -event->angleDelta().y() / 120.0);
    if (event->modifiers() & Qt::ControlModifier) {
        const std::uint32_t total = m_layout.neuronCount();
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
