#pragma once
// The outcome of a 2-parameter sweep as a heatmap: one cell per grid point (first parameter down, second
// across), coloured by the mean outcome with viridis, unfinished or failed points grey, and a colour bar.
// Clicking a cell reports its point.
#include "core/explore/sweep_results.h"

#include <QWidget>

namespace pulselab::widgets {

class SweepHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit SweepHeatmap(QWidget* parent = nullptr);

    /// Shows `results` (2 axes; anything else clears the map).
    void setResults(const core::SweepResults& results);
    int rows() const { return static_cast<int>(m_rowValues.size()); }
    int columns() const { return static_cast<int>(m_columnValues.size()); }
    int cellCount() const { return rows() * columns(); }
    /// The cell of grid point (row, column) in widget coordinates.
    QRect cellRect(int row, int column) const;
    /// Colour of the cell at (row, column) as painted.
    QColor cellColour(int row, int column) const;

    QSize sizeHint() const override { return {640, 480}; }

Q_SIGNALS:
    /// The user clicked the cell of grid point `point` (index into the sweep's grid).
    void pointClicked(std::size_t point);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect plotArea() const;
    QRect colourBarArea() const;
    std::vector<double> m_rowValues, m_columnValues;
    std::vector<double> m_means; ///< row-major, NaN where not finished
    QString m_rowName, m_columnName, m_outcomeName;
    double m_min = 0.0, m_max = 1.0;
};

} // namespace pulselab::widgets
