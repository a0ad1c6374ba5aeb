#include "widgets/explore/run_comparison_panel.h"

#include "core/explore/run_history.h"
#include "core/explore/run_overlay.h"
#include "core/explore/run_parameter_diff.h"
#include "widgets/common/colour_maps.h"
#include "widgets/export/figure_spike_raster.h"
#include "widgets/plots/time_series_chart.h"

#include <QAbstractSeries>
#include <QChart>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {

enum Column { kRun, kWhat, kSeed, kSimulated, kSpikes, kFinalF, kChanges, kColumns };

// The first run of a comparison is blue, the second vermillion (Okabe-Ito: told apart with any colour
// vision); within a run, signals differ by dash pattern.
QColor runColour(int run) {
    return categoricalColour(run == 0 ? 4 : 5);
}

void styleOverlay(TimeSeriesChart* chart, const core::RunOverlay& overlay) {
    static const Qt::PenStyle kStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine,
                                           Qt::DashDotDotLine};
    const QList<QAbstractSeries*> series = chart->chart()->series();
    int withinRun[2] = {0, 0};
    for (qsizetype i = 0; i < series.size() && i < static_cast<qsizetype>(overlay.runOfSignal.size()); ++i) {
        auto* line = qobject_cast<QLineSeries*>(series[i]);
        if (!line)
            continue;
        const int run = overlay.runOfSignal[static_cast<std::size_t>(i)];
        const core::SignalInfo& info = overlay.layout.scalarSignals[static_cast<std::size_t>(i)];
        QPen pen(runColour(run));
        const bool total = info.kind == core::SignalKind::FreeEnergyTotal;
        pen.setWidthF(total ? 2.5 : 1.5);
        if (info.kind == core::SignalKind::BeliefTruth) {
            pen.setColor(runColour(run).lighter(140));
            pen.setStyle(Qt::DotLine);
        } else {
            pen.setStyle(total ? Qt::SolidLine : kStyles[withinRun[run]++ % 5]);
        }
        line->setPen(pen);
    }
}

void fill(TimeSeriesChart* chart, const std::vector<const core::RunRecord*>& runs,
          const std::set<core::SignalKind>& kinds, double rateBinMs) {
    const core::RunOverlay overlay = core::overlayRuns(runs, kinds, rateBinMs);
    chart->setRunLayout(overlay.layout);
    chart->appendSnapshot(overlay.samples);
    styleOverlay(chart, overlay);
    chart->refresh();
}

QString formatNumber(double value) {
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'g', 5);
}

} // namespace

RunComparisonPanel::RunComparisonPanel(QWidget* parent) : QWidget(parent) {
    m_runs = new QTableWidget(0, kColumns, this);
    m_runs->setObjectName(QStringLiteral("runTable"));
    m_runs->setHorizontalHeaderLabels(
        {tr("Run"), tr("What"), tr("Seed"), tr("Simulated"), tr("Spikes"), tr("Final F"), tr("Changes")});
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->verticalHeader()->hide();
    m_runs->horizontalHeader()->setStretchLastSection(true);
    m_runs->setToolTip(tr("Select one run to see it, two (Ctrl+click) to compare them"));
    connect(m_runs, &QTableWidget::itemSelectionChanged, this, [this] {
        if (!m_updating)
            selectionChanged();
    });

    m_remove = new QPushButton(tr("Forget"), this);
    m_remove->setToolTip(tr("Remove the selected finished runs from the history"));
    connect(m_remove, &QPushButton::clicked, this, [this] {
        for (int run : selectedRuns())
            Q_EMIT removeRequested(run);
    });
    m_export = new QPushButton(tr("Save Recording..."), this);
    m_export->setToolTip(tr("Write the selected run's spikes, signals and project to an HDF5 recording"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const auto runs = selectedRuns();
        if (runs.size() == 1)
            Q_EMIT exportRequested(runs.front());
    });
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_export);

    m_freeEnergy =
        new TimeSeriesChart({core::SignalKind::FreeEnergyTotal}, tr("Free energy (total)"), tr("F"), this);
    m_beliefs = new TimeSeriesChart(
        {core::SignalKind::BeliefMean, core::SignalKind::BeliefTruth, core::SignalKind::ClassProbability},
        tr("Beliefs"), tr("posterior mean / probability"), this);
    m_rates = new TimeSeriesChart({core::SignalKind::PopulationRate}, tr("Population rates"), tr("rate (Hz)"),
                                  this);
    m_rasterA = new FigureSpikeRaster(this);
    m_rasterB = new FigureSpikeRaster(this);
    m_rasterTitleA = new QLabel(this);
    m_rasterTitleB = new QLabel(this);
    auto* rasters = new QWidget(this);
    auto* rasterLayout = new QVBoxLayout(rasters);
    rasterLayout->setContentsMargins(0, 0, 0, 0);
    auto* split = new QSplitter(Qt::Vertical, rasters);
    for (auto [title, raster] :
         {std::pair{m_rasterTitleA, m_rasterA}, std::pair{m_rasterTitleB, m_rasterB}}) {
        auto* box = new QWidget(split);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->addWidget(title);
        boxLayout->addWidget(raster, 1);
        split->addWidget(box);
    }
    rasterLayout->addWidget(split);
    m_differences = new QTableWidget(0, 3, this);
    m_differences->setObjectName(QStringLiteral("differenceTable"));
    m_differences->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_differences->verticalHeader()->hide();
    m_differences->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_freeEnergy, tr("Free energy"));
    m_tabs->addTab(m_beliefs, tr("Beliefs"));
    m_tabs->addTab(m_rates, tr("Rates"));
    m_tabs->addTab(rasters, tr("Rasters"));
    m_tabs->addTab(m_differences, tr("Parameters"));

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_runs, 1);
    topLayout->addLayout(buttons);
    auto* whole = new QSplitter(Qt::Vertical, this);
    whole->addWidget(top);
    whole->addWidget(m_tabs);
    whole->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(whole);
    refreshList();
}

void RunComparisonPanel::setHistory(const core::RunHistory* history) {
    m_history = history;
    refreshList();
}

std::vector<int> RunComparisonPanel::selectedRuns() const {
    std::vector<int> out;
    for (const QModelIndex& index : m_runs->selectionModel()->selectedRows())
        out.push_back(m_runs->item(index.row(), kRun)->data(Qt::UserRole).toInt());
    std::sort(out.begin(), out.end());
    return out;
}

void RunComparisonPanel::refreshList() {
    const std::vector<int> selected = selectedRuns();
    m_updating = true;
    m_runs->setRowCount(0);
    const auto runs = m_history ? m_history->runs() : std::vector<const core::RunRecord*>{};
    const int current = m_history ? m_history->currentNumber() : 0;
    for (const core::RunRecord* run : runs) {
        const int row = m_runs->rowCount();
        m_runs->insertRow(row);
        auto* number = new QTableWidgetItem(run->number == current ? tr("%1 (now)").arg(run->number)
                                                                   : QString::number(run->number));
        number->setData(Qt::UserRole, run->number);
        m_runs->setItem(row, kRun, number);
        auto* what = new QTableWidgetItem(QString::fromStdString(run->title));
        what->setToolTip(run->note.empty() ? what->text() : QString::fromStdString(run->note));
        m_runs->setItem(row, kWhat, what);
        m_runs->setItem(row, kSeed, new QTableWidgetItem(QString::number(run->recording.seed)));
        m_runs->setItem(row, kSimulated,
                        new QTableWidgetItem(tr("%1 s").arg(run->simulatedMs() / 1000.0, 0, 'g', 4)));
        m_runs->setItem(row, kSpikes, new QTableWidgetItem(QString::number(run->spikes)));
        m_runs->setItem(row, kFinalF, new QTableWidgetItem(formatNumber(run->lastFreeEnergy)));
        m_runs->setItem(row, kChanges, new QTableWidgetItem(QString::number(run->parameterChanges.size())));
        if (std::find(selected.begin(), selected.end(), run->number) != selected.end())
            m_runs->selectRow(row);
    }
    m_runs->resizeColumnsToContents();
    m_updating = false;
    m_hint->setText(runs.empty()
                        ? tr("Each run of this project is kept here: run, reset or change the "
                             "network, run again, then select two runs to compare them.")
                        : tr("%n run(s). Select two to compare.", nullptr, static_cast<int>(runs.size())));
    const auto now = selectedRuns();
    m_remove->setEnabled(!now.empty());
    m_export->setEnabled(now.size() == 1);
}

bool RunComparisonPanel::compare(int a, int b) {
    if (!m_history || !m_history->run(a) || !m_history->run(b))
        return false;
    m_updating = true;
    m_runs->clearSelection();
    m_runs->setSelectionMode(QAbstractItemView::MultiSelection);
    for (int row = 0; row < m_runs->rowCount(); ++row) {
        const int number = m_runs->item(row, kRun)->data(Qt::UserRole).toInt();
        if (number == a || number == b)
            m_runs->selectRow(row);
    }
    m_runs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_updating = false;
    selectionChanged();
    return true;
}

bool RunComparisonPanel::showRun(int run) {
    if (!m_history || !m_history->run(run))
        return false;
    m_updating = true;
    m_runs->clearSelection();
    for (int row = 0; row < m_runs->rowCount(); ++row)
        if (m_runs->item(row, kRun)->data(Qt::UserRole).toInt() == run)
            m_runs->selectRow(row);
    m_updating = false;
    selectionChanged();
    return true;
}

void RunComparisonPanel::selectionChanged() {
    const std::vector<int> numbers = selectedRuns();
    m_remove->setEnabled(!numbers.empty());
    m_export->setEnabled(numbers.size() == 1);
    std::vector<const core::RunRecord*> runs;
    for (int number : numbers)
        if (const core::RunRecord* run = m_history ? m_history->run(number) : nullptr)
            runs.push_back(run);
    if (runs.size() > 2) {
        m_hint->setText(tr("%1 runs selected: the first two are compared.").arg(runs.size()));
        runs.resize(2);
    }
    showRuns(runs);
}

void RunComparisonPanel::showRuns(const std::vector<const core::RunRecord*>& runs) {
    double longestMs = 0.0;
    for (const core::RunRecord* run : runs)
        longestMs = std::max(longestMs, run->simulatedMs());
    // About 200 rate bins over the longer run, never finer than its time step.
    const double dt = runs.empty() ? 0.1 : runs.front()->layout.dtMs;
    const double binMs = std::max(dt, longestMs / 200.0);
    // Total free energy only: per-layer lines of two runs would hide the comparison (the live chart has
    // them).
    fill(m_freeEnergy, runs, {core::SignalKind::FreeEnergyTotal}, binMs);
    fill(m_beliefs, runs,
         {core::SignalKind::BeliefMean, core::SignalKind::BeliefTruth, core::SignalKind::ClassProbability},
         binMs);
    fill(m_rates, runs, {core::SignalKind::PopulationRate}, binMs);
    showRaster(m_rasterA, m_rasterTitleA, runs.empty() ? nullptr : runs[0]);
    showRaster(m_rasterB, m_rasterTitleB, runs.size() < 2 ? nullptr : runs[1]);
    showDifferences(runs.empty() ? nullptr : runs[0], runs.size() < 2 ? nullptr : runs[1]);
}

void RunComparisonPanel::showRaster(FigureSpikeRaster* raster, QLabel* title, const core::RunRecord* run) {
    raster->setVisible(run != nullptr);
    title->setVisible(run != nullptr);
    if (!run) {
        raster->startRun({});
        return;
    }
    title->setText(tr("<b>Run %1</b>: %2, seed %3")
                       .arg(run->number)
                       .arg(QString::fromStdString(run->title).toHtmlEscaped())
                       .arg(run->recording.seed));
    title->setStyleSheet(QStringLiteral("color: %1").arg(runColour(raster == m_rasterA ? 0 : 1).name()));
    raster->startRun(run->layout);
    raster->showWholeRun(run->simulatedMs());
    core::RunSnapshot all;
    all.endStep = run->steps;
    for (const core::PopulationInfo& population : run->layout.populations) {
        const core::RecordedSpikes* spikes = run->recording.population(population.name);
        if (!spikes)
            continue;
        for (std::size_t i = 0; i < spikes->timesMs.size() && i < spikes->ids.size(); ++i)
            all.spikes.push_back(
                {static_cast<std::int64_t>(std::llround(spikes->timesMs[i] / run->layout.dtMs)),
                 population.firstNeuron + spikes->ids[i]});
    }
    std::sort(all.spikes.begin(), all.spikes.end(),
              [](const core::SpikeEvent& x, const core::SpikeEvent& y) { return x.step < y.step; });
    raster->addSnapshot(all);
}

void RunComparisonPanel::showDifferences(const core::RunRecord* a, const core::RunRecord* b) {
    m_differences->setRowCount(0);
    if (!a || !b) {
        m_differences->setColumnCount(1);
        m_differences->setHorizontalHeaderLabels({tr("Select two runs to list what differs between them")});
        return;
    }
    m_differences->setColumnCount(3);
    m_differences->setHorizontalHeaderLabels(
        {tr("Setting"), tr("Run %1").arg(a->number), tr("Run %1").arg(b->number)});
    const auto differences = core::diffRuns(*a, *b);
    for (const core::ParameterDifference& d : differences) {
        const int row = m_differences->rowCount();
        m_differences->insertRow(row);
        m_differences->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(d.path)));
        m_differences->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(d.valueA)));
        m_differences->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(d.valueB)));
    }
    if (differences.empty()) {
        m_differences->insertRow(0);
        m_differences->setItem(0, 0, new QTableWidgetItem(tr("(the two runs have the same settings)")));
    }
    m_differences->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

} // namespace pulselab::widgets
