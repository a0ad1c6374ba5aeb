#include "widgets/explore/sweep_line_chart.h"

#include "widgets/common/colour_maps.h"

#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace pulselab::widgets {

SweepLineChart::SweepLineChart(QWidget* parent) : QChartView(parent) {
    auto* chart = new QChart;
    chart->legend()->hide();
    m_line = new QLineSeries(chart);
    m_markers = new QScatterSeries(chart);
    m_markers->setMarkerSize(9);
    const QColor colour = categoricalColour(0);
    m_line->setColor(colour);
    m_markers->setColor(colour);
    m_markers->setBorderColor(colour);
    chart->addSeries(m_line);
    chart->addSeries(m_markers);
    m_x = new QValueAxis(chart);
    m_y = new QValueAxis(chart);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (auto* s : std::initializer_list<QXYSeries*>{m_line, m_markers}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    connect(m_markers, &QScatterSeries::clicked, this, [this](const QPointF& clicked) {
        // The nearest plotted point, in screen distance.
        const QPointF at = this->chart()->mapToPosition(clicked, m_markers);
        double best = INFINITY;
        std::size_t chosen = 0;
        for (int i = 0; i < m_points.size(); ++i) {
            const QPointF d = this->chart()->mapToPosition(m_points[i], m_markers) - at;
            if (const double distance = std::hypot(d.x(), d.y()); distance < best) {
                best = distance;
                chosen = m_pointIndex[static_cast<std::size_t>(i)];
            }
        }
        if (!m_points.isEmpty())
            Q_EMIT pointClicked(chosen);
    });
}

void SweepLineChart::setResults(const core::SweepResults& results) {
    for (QLineSeries* bar : m_bars) {
        chart()->removeSeries(bar);
        delete bar;
    }
    m_bars.clear();
    m_points.clear();
    m_errors.clear();
    m_pointIndex.clear();
    if (results.axisValues.size() == 1) {
        for (const auto& p : results.points)
            if (p.finishedSeeds > 0) {
                m_points.append({p.values[0], p.mean()});
                m_errors.append(p.finishedSeeds > 1 ? p.sd() : 0.0);
                m_pointIndex.push_back(p.index);
            }
        chart()->setTitle(QString::fromStdString(core::outcomeDescription(results.outcome.kind)));
        m_x->setTitleText(QString::fromStdString(results.axisNames[0]));
    }
    m_line->replace(m_points);
    m_markers->replace(m_points);
    double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
    for (int i = 0; i < m_points.size(); ++i) {
        xMin = std::min(xMin, m_points[i].x());
        xMax = std::max(xMax, m_points[i].x());
        yMin = std::min(yMin, m_points[i].y() - m_errors[i]);
        yMax = std::max(yMax, m_points[i].y() + m_errors[i]);
        if (m_errors[i] > 0) {
            // One short vertical series per error bar: Qt Charts has no error-bar series.
            auto* bar = new QLineSeries(chart());
            bar->append(m_points[i].x(), m_points[i].y() - m_errors[i]);
            bar->append(m_points[i].x(), m_points[i].y() + m_errors[i]);
            bar->setColor(categoricalColour(0));
            chart()->addSeries(bar);
            bar->attachAxis(m_x);
            bar->attachAxis(m_y);
            m_bars.append(bar);
        }
    }
    if (m_points.isEmpty()) {
        xMin = yMin = 0.0;
        xMax = yMax = 1.0;
    }
    const double xPad = xMax > xMin ? 0.05 * (xMax - xMin) : 1.0;
    const double yPad = yMax > yMin ? 0.08 * (yMax - yMin) : std::max(1.0, std::abs(yMax) * 0.1);
    m_x->setRange(xMin - xPad, xMax + xPad);
    m_y->setRange(yMin - yPad, yMax + yPad);
}

} // namespace pulselab::widgets
