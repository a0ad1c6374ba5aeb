#pragma once
// The outcome of a 1-parameter sweep (Qt Charts): the mean over seeds against the parameter, with error bars
// of one standard deviation when there are several seeds. Clicking a point reports it.
#include "core/explore/sweep_results.h"

#include <QChartView>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace pulselab::widgets {

class SweepLineChart : public QChartView {
    Q_OBJECT
public:
    explicit SweepLineChart(QWidget* parent = nullptr);

    /// Shows `results` (1 axis; anything else clears the chart).
    void setResults(const core::SweepResults& results);
    /// Plotted (parameter, mean) points and their error-bar half-lengths, in grid order.
    const QList<QPointF>& points() const { return m_points; }
    const QList<double>& errorBars() const { return m_errors; }

Q_SIGNALS:
    void pointClicked(std::size_t point);

private:
    QLineSeries* m_line = nullptr;
    QScatterSeries* m_markers = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QList<QLineSeries*> m_bars;
    QList<QPointF> m_points;
    QList<double> m_errors;
    std::vector<std::size_t> m_pointIndex; ///< grid index of m_points[i]
};

} // namespace pulselab::widgets
