#pragma once
// A live chart of scalar run signals against simulated time (Qt Charts): one line per signal of the chosen
// kinds, decimated with MinMaxDecimator so hours of samples stay cheap without hiding extremes, an optional
// logarithmic y axis, and a vertical marker at every parameter change. The free-energy plot is this chart
// showing FreeEnergyTotal and FreeEnergyLayer signals.
#include "core/runtime/run_snapshot.h"
#include "widgets/plots/min_max_decimator.h"
#include "widgets/plots/refresh_budget.h"

#include <QChartView>
#include <QTimer>

#include <map>
#include <memory>
#include <set>
#include <vector>

class QLineSeries;
class QValueAxis;
class QAbstractAxis;
class QGraphicsSimpleTextItem;

namespace pulselab::widgets {

class TimeSeriesChart : public QChartView {
    Q_OBJECT
public:
    TimeSeriesChart(std::set<core::SignalKind> kinds, const QString& title, const QString& yLabel,
                    QWidget* parent = nullptr);
    ~TimeSeriesChart() override;

    void setRunLayout(const core::RunLayout& layout);
    void appendSnapshot(const core::RunSnapshot& snapshot);
    void addMarker(const core::AppliedParameterChange& change);
    void clear();

    /// Switches the y axis to log scale. Refused (returns false) while any plotted value is <= 0.
    bool setLogScale(bool on);
    bool logScale() const { return m_log; }

    /// Redraws the series from the decimators now (normally on a timer: ~30 Hz, slower when redraws are
    /// costly, see RefreshBudget).
    void refresh();
    /// Milliseconds between timed redraws now.
    int refreshIntervalMs() const { return m_refreshTimer.interval(); }

    int seriesCount() const { return static_cast<int>(m_lines.size()); }
    /// Points currently handed to Qt Charts for series `i` (after decimation).
    QList<QPointF> seriesPoints(int i) const;
    QString seriesName(int i) const;
    int markerCount() const { return static_cast<int>(m_markers.size()); }

    /// Linked selection: draws the trace of `population`'s neuron `index` (a signal named
    /// "population.variable[index]") thicker than the others; an empty population clears it.
    void highlightNeuron(const QString& population, int index);
    /// The series drawn highlighted, or -1.
    int highlightedSeries() const { return m_highlighted; }
    /// The population and neuron index a series traces, or an empty name when it is not a neuron's trace.
    std::pair<QString, int> neuronOfSeries(int i) const;

Q_SIGNALS:
    /// A neuron's trace was clicked.
    void neuronPicked(const QString& population, int index);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    struct Line {
        int signal;
        QLineSeries* series;
        MinMaxDecimator decimator;
    };
    struct Marker {
        double tSeconds;
        QLineSeries* series;
        QGraphicsSimpleTextItem* label;
    };
    void refreshSeries();
    void attachYAxis();
    void placeMarkers();

    std::set<core::SignalKind> m_kinds;
    QString m_title;
    double m_dtMs = 0.1;
    std::vector<std::unique_ptr<Line>> m_lines;
    std::map<int, std::size_t> m_lineOfSignal;
    std::vector<Marker> m_markers;
    QValueAxis* m_xAxis = nullptr;
    QAbstractAxis* m_yAxis = nullptr;
    int m_highlighted = -1;
    bool m_log = false;
    bool m_dirty = false;
    double m_lastT = 0.0;
    QTimer m_refreshTimer;
    RefreshBudget m_budget;
    double m_cycleCostMs = 0.0; ///< refresh and paint time since the last timed refresh
};

} // namespace pulselab::widgets
