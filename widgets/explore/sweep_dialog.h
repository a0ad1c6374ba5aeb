#pragma once
// The sweep dialog: choose 1 or 2 parameters of the open project with their ranges, the outcome, seeds per
// point and duration; Run executes the grid in the background (core::runSweep on a worker pool) with a
// progress bar and Cancel; the results appear as a line plot with error bars (1 parameter) or a heatmap
// (2 parameters). Clicking a point emits pointChosen with its overrides. Specs save and open as
// .pulselab-sweep files that `pulselab-cli sweep` runs too.
#include "core/explore/sweep_runner.h"

#include <QDialog>
#include <QVariantMap>

#include <atomic>
#include <thread>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace pulselab::widgets {

class SweepAxisEditor;
class SweepHeatmap;
class SweepLineChart;

class SweepDialog : public QDialog {
    Q_OBJECT
public:
    /// `projectPath` is written into saved specs and resolves the project's relative data paths.
    SweepDialog(const core::Project& project, const QString& projectPath, QWidget* parent = nullptr);
    ~SweepDialog() override;

    /// Fills the form from `spec` (its project path is ignored: the dialog sweeps its own project).
    void setSpec(const core::SweepSpec& spec);
    /// The spec the form describes; nullopt with `error` when a field is invalid.
    std::optional<core::SweepSpec> spec(QString& error) const;
    void setWorkers(int workers);

    /// Starts the sweep in the background; false (with the reason in the status line) when the form is
    /// invalid or a sweep is running.
    bool run();
    /// Asks the running sweep to stop; finished() follows once its workers have stopped.
    void cancel();
    bool isRunning() const { return m_running; }
    const core::SweepResults& results() const { return m_results; }
    QString status() const;

    SweepHeatmap* heatmap() const { return m_heatmap; }
    SweepLineChart* lineChart() const { return m_lineChart; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }

    bool saveSpec(const QString& path, QString& error) const;
    bool openSpec(const QString& path, QString& error);

Q_SIGNALS:
    /// The sweep stopped: all points done, or cancelled.
    void finished();
    /// The user clicked a point: "target.parameter" -> value for each swept parameter, and its first seed.
    void pointChosen(const QVariantMap& overrides, quint64 seed);

private:
    void onProgress(const core::SweepProgress& progress);
    void onFinished(core::SweepResults results);
    void showResults();
    void choosePoint(std::size_t point);
    void updateButtons();

    core::Project m_project;
    QString m_projectPath;
    SweepAxisEditor* m_axes[2] = {nullptr, nullptr};
    QCheckBox* m_secondAxis = nullptr;
    QComboBox* m_outcome = nullptr;
    QComboBox* m_population = nullptr;
    QSpinBox* m_seeds = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QSpinBox* m_workers = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_plots = nullptr;
    SweepLineChart* m_lineChart = nullptr;
    SweepHeatmap* m_heatmap = nullptr;

    core::SweepResults m_results;
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
    bool m_running = false;
};

} // namespace pulselab::widgets
