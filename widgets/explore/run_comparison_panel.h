#pragma once
// The Runs dock: every run of the open project (its seed, length, spikes, final free energy, changes made
// while it ran) and, for two selected runs, their free energy, beliefs and population rates overlaid in
// distinct colours (first run solid, second dashed), their rasters one above the other, and the parameter
// differences between them. Reads a core::RunHistory the main window fills; never touches a running engine.
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace pulselab::core {
class RunHistory;
struct RunRecord;
} // namespace pulselab::core

namespace pulselab::widgets {

class FigureSpikeRaster;
class TimeSeriesChart;

class RunComparisonPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunComparisonPanel(QWidget* parent = nullptr);

    /// The history shown (not owned; must outlive this panel or be reset to nullptr).
    void setHistory(const core::RunHistory* history);
    /// Re-reads the list of runs (keeps the selection where the runs still exist).
    void refreshList();
    /// Selects runs `a` and `b` (numbers) and shows their comparison; false when either is unknown.
    bool compare(int a, int b);
    /// Shows one run alone (its signals, its raster); false when unknown.
    bool showRun(int run);

    QTableWidget* runTable() const { return m_runs; }
    QTableWidget* differenceTable() const { return m_differences; }
    TimeSeriesChart* freeEnergyChart() const { return m_freeEnergy; }
    TimeSeriesChart* beliefChart() const { return m_beliefs; }
    TimeSeriesChart* rateChart() const { return m_rates; }
    FigureSpikeRaster* raster(int index) const { return index == 0 ? m_rasterA : m_rasterB; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    /// The user asked to forget a run.
    void removeRequested(int run);
    /// The user asked to save a run's recording (HDF5).
    void exportRequested(int run);

private:
    void selectionChanged();
    void showRuns(const std::vector<const core::RunRecord*>& runs);
    void showRaster(FigureSpikeRaster* raster, QLabel* title, const core::RunRecord* run);
    void showDifferences(const core::RunRecord* a, const core::RunRecord* b);
    std::vector<int> selectedRuns() const;

    const core::RunHistory* m_history = nullptr;
    QTableWidget* m_runs = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_hint = nullptr;
    QTabWidget* m_tabs = nullptr;
    TimeSeriesChart* m_freeEnergy = nullptr;
    TimeSeriesChart* m_beliefs = nullptr;
    TimeSeriesChart* m_rates = nullptr;
    FigureSpikeRaster* m_rasterA = nullptr;
    FigureSpikeRaster* m_rasterB = nullptr;
    QLabel* m_rasterTitleA = nullptr;
    QLabel* m_rasterTitleB = nullptr;
    QTableWidget* m_differences = nullptr;
    bool m_updating = false;
};

} // namespace pulselab::widgets
