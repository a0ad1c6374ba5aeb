#include "widgets/plots/time_series_chart.h"

#include "widgets/common/colour_maps.h"
#include "widgets/plots/nice_ticks.h"

#include <QChart>
#include <QElapsedTimer>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QRegularExpression>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulselab::widgets {

namespace {
constexpr int kRefreshIntervalMs = 33;
const QColor kTotalColour(20, 20, 20);
} // namespace

TimeSeriesChart::TimeSeriesChart(std::set<core::SignalKind> kinds, const QString& title,
                                 const QString& yLabel, QWidget* parent)
    : QChartView(new QChart, parent), m_kinds(std::move(kinds)) {
    setRenderHint(QPainter::Antialiasing);
    m_title = title;
    chart()->setTitle(title);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    m_xAxis = new QValueAxis;
    m_xAxis->setTitleText(tr("time (s)"));
    m_xAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_xAxis->setRange(0.0, 1.0);
    chart()->addAxis(m_xAxis, Qt::AlignBottom);
    auto* y = new QValueAxis;
    y->setTitleText(yLabel);
    y->setLabelFormat(QStringLiteral("%g")); // nice ticks read "40", "-10", "0.25", not "40.0"
    m_yAxis = y;
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
    m_xAxis->setVisible(false); // until a run with these signals arrives
    m_yAxis->setVisible(false);
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_dirty)
            return;
        // What the last redraw cost (series update + paint) sets how soon the next one may come.
        if (m_cycleCostMs > 0.0)
            m_budget.addCostMs(m_cycleCostMs);
        m_cycleCostMs = 0.0;
        m_refreshTimer.setInterval(m_budget.intervalMs());
        refresh();
    });
    m_refreshTimer.start();
    connect(chart(), &QChart::plotAreaChanged, this, [this] { placeMarkers(); });
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::setRunLayout(const core::RunLayout& layout) {
    clear();
    for (const auto& line : m_lines)
        chart()->removeSeries(line->series);
    m_lines.clear();
    m_lineOfSignal.clear();
    m_highlighted = -1;
    m_dtMs = layout.dtMs;
    const int width = std::max(256, viewport()->width());
    for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
        const core::SignalInfo& info = layout.scalarSignals[i];
        if (!m_kinds.count(info.kind))
            continue;
        auto line = std::make_unique<Line>(
            Line{static_cast<int>(i), new QLineSeries, MinMaxDecimator(static_cast<std::size_t>(width))});
        line->series->setName(QString::fromStdString(info.name));
        QPen pen(info.kind == core::SignalKind::FreeEnergyTotal
                     ? kTotalColour
                     : lineColour(static_cast<int>(m_lines.size())));
        pen.setWidthF(info.kind == core::SignalKind::FreeEnergyTotal ? 2.5 : 1.5);
        line->series->setPen(pen);
        chart()->addSeries(line->series);
        line->series->attachAxis(m_xAxis);
        line->series->attachAxis(m_yAxis);
        const int index = static_cast<int>(m_lines.size());
        connect(line->series, &QLineSeries::clicked, this, [this, index] {
            const auto [population, neuron] = neuronOfSeries(index);
            if (!population.isEmpty())
                Q_EMIT neuronPicked(population, neuron);
        });
        m_lineOfSignal[static_cast<int>(i)] = m_lines.size();
        m_lines.push_back(std::move(line));
    }
    // A run that does not report these signals shows a note instead of empty axes.
    m_xAxis->setVisible(!m_lines.empty());
    m_yAxis->setVisible(!m_lines.empty());
    chart()->setTitle(m_lines.empty() ? m_title + tr(" (not reported by this run)") : m_title);
}

void TimeSeriesChart::appendSnapshot(const core::RunSnapshot& snapshot) {
    for (const core::SignalSamples& block : snapshot.samples) {
        const auto it = m_lineOfSignal.find(block.signal);
        if (it == m_lineOfSignal.end())
            continue;
        MinMaxDecimator& d = m_lines[it->second]->decimator;
        for (std::size_t k = 0; k < block.steps.size(); ++k)
            d.append(static_cast<double>(block.steps[k] + 1) * m_dtMs / 1000.0, block.values[k]);
        m_dirty = true;
    }
    m_lastT = std::max(m_lastT, static_cast<double>(snapshot.endStep) * m_dtMs / 1000.0);
    for (const auto& change : snapshot.parameterChanges)
        addMarker(change);
}

void TimeSeriesChart::refresh() {
    QElapsedTimer cost;
    cost.start();
    refreshSeries();
    m_cycleCostMs += static_cast<double>(cost.nsecsElapsed()) / 1e6;
}

void TimeSeriesChart::paintEvent(QPaintEvent* event) {
    QElapsedTimer cost;
    cost.start();
    QChartView::paintEvent(event);
    m_cycleCostMs += static_cast<double>(cost.nsecsElapsed()) / 1e6;
}

void TimeSeriesChart::refreshSeries() {
    m_dirty = false;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& line : m_lines) {
        const auto points = line->decimator.points();
        QList<QPointF> qpoints;
        qpoints.reserve(static_cast<qsizetype>(points.size()));
        for (const auto& p : points) {
            if (m_log && p.v <= 0.0)
                continue;
            qpoints.append(QPointF(p.t, p.v));
        }
        line->series->replace(qpoints);
        if (line->decimator.sampleCount() > 0) {
            lo = std::min(lo, line->decimator.minimum());
            hi = std::max(hi, line->decimator.maximum());
        }
    }
    setNiceRange(m_xAxis, 0.0, std::max(m_lastT, 1e-3),
                 std::clamp(static_cast<int>(chart()->plotArea().width() / 55.0), 2, 10));
    if (std::isfinite(lo) && std::isfinite(hi)) {
        if (m_log) {
            lo = std::max(lo, 1e-12);
            static_cast<QLogValueAxis*>(m_yAxis)->setRange(lo / 1.5, hi * 1.5);
        } else {
            const double pad = hi > lo ? 0.05 * (hi - lo) : std::max(1e-9, std::abs(hi) * 0.05 + 1e-9);
            // Round ticks, as many as fit ~22 px apart and at most 8: what a reader of a paper figure
            // expects, and no more than fit (Qt elides every label of a crowded short chart).
            // The padding never crosses zero: a quantity that is never negative (F with fixed variances, a
            // rate) keeps its axis at 0 instead of showing an empty band of negative values.
            const double axisLo = lo >= 0.0 ? std::max(0.0, lo - pad) : lo - pad;
            const double axisHi = hi <= 0.0 ? std::min(0.0, hi + pad) : hi + pad;
            setNiceRange(static_cast<QValueAxis*>(m_yAxis), axisLo, axisHi,
                         std::clamp(static_cast<int>(chart()->plotArea().height() / 22.0), 2, 8));
        }
    }
    placeMarkers();
}

void TimeSeriesChart::addMarker(const core::AppliedParameterChange& change) {
    Marker marker;
    marker.tSeconds = static_cast<double>(change.step) * m_dtMs / 1000.0;
    marker.series = new QLineSeries;
    QPen pen(QColor(213, 94, 0));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.2);
    marker.series->setPen(pen);
    chart()->addSeries(marker.series);
    marker.series->attachAxis(m_xAxis);
    marker.series->attachAxis(m_yAxis);
    for (QLegendMarker* legend : chart()->legend()->markers(marker.series))
        legend->setVisible(false);
    marker.label = new QGraphicsSimpleTextItem(
        QStringLiteral("%1.%2 = %3")
            .arg(QString::fromStdString(change.target), QString::fromStdString(change.parameter))
            .arg(change.newValue, 0, 'g', 4),
        chart());
    marker.label->setBrush(QColor(213, 94, 0));
    m_markers.push_back(marker);
    m_dirty = true;
}

void TimeSeriesChart::placeMarkers() {
    if (m_markers.empty())
        return;
    double lo = 0.0;
    double hi = 1.0;
    if (m_log) {
        auto* axis = static_cast<QLogValueAxis*>(m_yAxis);
        lo = axis->min();
        hi = axis->max();
    } else {
        auto* axis = static_cast<QValueAxis*>(m_yAxis);
        lo = axis->min();
        hi = axis->max();
    }
    for (const Marker& m : m_markers) {
        m.series->replace(QList<QPointF>{{m.tSeconds, lo}, {m.tSeconds, hi}});
        const QPointF top = chart()->mapToPosition(QPointF(m.tSeconds, hi), m.series);
        m.label->setPos(top + QPointF(3, 2));
    }
}

void TimeSeriesChart::clear() {
    for (const auto& line : m_lines) {
        line->decimator.clear();
        line->series->clear();
    }
    for (const Marker& m : m_markers) {
        chart()->removeSeries(m.series);
        delete m.series;
        delete m.label;
    }
    m_markers.clear();
    m_lastT = 0.0;
    m_dirty = true;
}

bool TimeSeriesChart::setLogScale(bool on) {
    if (on == m_log)
        return true;
    if (on) {
        for (const auto& line : m_lines) {
            if (line->decimator.sampleCount() > 0 && line->decimator.minimum() <= 0.0)
                return false;
        }
    }
    const QString title = m_yAxis->titleText();
    chart()->removeAxis(m_yAxis);
    delete m_yAxis;
    if (on) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10.0);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        m_yAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        m_yAxis = axis;
    }
    m_yAxis->setTitleText(title);
    m_log = on;
    attachYAxis();
    refresh();
    return true;
}

void TimeSeriesChart::attachYAxis() {
    chart()->addAxis(m_yAxis, Qt::AlignLeft);
    for (const auto& line : m_lines)
        line->series->attachAxis(m_yAxis);
    for (const Marker& m : m_markers)
        m.series->attachAxis(m_yAxis);
}

void TimeSeriesChart::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    placeMarkers();
}

std::pair<QString, int> TimeSeriesChart::neuronOfSeries(int i) const {
    // Probed state variables are named "population.variable[neuron]" by the engine's run layout.
    static const QRegularExpression pattern(QStringLiteral("^(.+)\\.[^.\\[]+\\[(\\d+)\\]$"));
    const auto match = pattern.match(seriesName(i));
    if (!match.hasMatch())
        return {QString(), -1};
    return {match.captured(1), match.captured(2).toInt()};
}

void TimeSeriesChart::highlightNeuron(const QString& population, int index) {
    int found = -1;
    for (int i = 0; i < seriesCount() && !population.isEmpty(); ++i) {
        const auto [name, neuron] = neuronOfSeries(i);
        if (name == population && neuron == index) {
            found = i;
            break;
        }
    }
    if (found == m_highlighted)
        return;
    for (int i : {m_highlighted, found}) {
        if (i < 0)
            continue;
        QLineSeries* series = m_lines[static_cast<std::size_t>(i)]->series;
        QPen pen = series->pen();
        pen.setWidthF(i == found ? 4.0 : 1.5);
        series->setPen(pen);
    }
    m_highlighted = found;
}

QList<QPointF> TimeSeriesChart::seriesPoints(int i) const {
    return m_lines.at(static_cast<std::size_t>(i))->series->points();
}

QString TimeSeriesChart::seriesName(int i) const {
    return m_lines.at(static_cast<std::size_t>(i))->series->name();
}

} // namespace pulselab::widgets
