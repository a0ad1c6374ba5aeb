#include "widgets/explore/sweep_dialog.h"

#include "core/explore/sweepable_parameters.h"
#include "core/io/atomic_file.h"
#include "widgets/explore/sweep_axis_editor.h"
#include "widgets/explore/sweep_heatmap.h"
#include "widgets/explore/sweep_line_chart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace pulselab::widgets {

SweepDialog::SweepDialog(const core::Project& project, const QString& projectPath, QWidget* parent)
    : QDialog(parent), m_project(project), m_projectPath(projectPath) {
    setWindowTitle(tr("Parameter Sweep"));
    const auto choices = core::sweepableParameters(project);
    auto* form = new QFormLayout;
    for (int a = 0; a < 2; ++a) {
        m_axes[a] = new SweepAxisEditor(this);
        m_axes[a]->setChoices(choices);
    }
    if (choices.size() > 1)
        m_axes[1]->nameBox()->setCurrentIndex(1);
    form->addRow(tr("Parameter 1"), m_axes[0]);
    m_secondAxis = new QCheckBox(tr("Parameter 2"), this);
    m_axes[1]->setEnabled(false);
    connect(m_secondAxis, &QCheckBox::toggled, m_axes[1], &QWidget::setEnabled);
    form->addRow(m_secondAxis, m_axes[1]);

    auto* outcomeRow = new QHBoxLayout;
    m_outcome = new QComboBox(this);
    for (core::OutcomeKind kind : core::allOutcomeKinds())
        m_outcome->addItem(QString::fromStdString(core::outcomeDescription(kind)), static_cast<int>(kind));
    m_outcome->setCurrentIndex(m_outcome->findData(static_cast<int>(core::OutcomeKind::MeanRateHz)));
    m_population = new QComboBox(this);
    m_population->addItem(tr("all populations"), QString());
    for (const auto& pop : project.network.populations)
        m_population->addItem(QString::fromStdString(pop.name), QString::fromStdString(pop.name));
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        m_population->setEnabled(m_outcome->currentData().toInt() ==
                                 static_cast<int>(core::OutcomeKind::MeanRateHz));
    });
    outcomeRow->addWidget(m_outcome, 1);
    outcomeRow->addWidget(new QLabel(tr("of"), this));
    outcomeRow->addWidget(m_population);
    form->addRow(tr("Outcome"), outcomeRow);

    auto* runRow = new QHBoxLayout;
    m_seeds = new QSpinBox(this);
    m_seeds->setRange(1, 1000);
    m_seeds->setToolTip(tr("Runs per point, with seeds from the project's seed upwards: mean and s.d."));
    m_duration = new QDoubleSpinBox(this);
    m_duration->setRange(0.001, 1e6);
    m_duration->setDecimals(3);
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(project.network.run.durationMs / 1000.0);
    m_workers = new QSpinBox(this);
    m_workers->setRange(1, 256);
    m_workers->setValue(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    runRow->addWidget(new QLabel(tr("Seeds per point"), this));
    runRow->addWidget(m_seeds);
    runRow->addWidget(new QLabel(tr("Duration"), this));
    runRow->addWidget(m_duration);
    runRow->addWidget(new QLabel(tr("Workers"), this));
    runRow->addWidget(m_workers);
    runRow->addStretch(1);
    form->addRow(tr("Runs"), runRow);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Choose parameters and press Run."), this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_plots = new QStackedWidget(this);
    m_lineChart = new SweepLineChart(m_plots);
    m_heatmap = new SweepHeatmap(m_plots);
    m_plots->addWidget(m_lineChart);
    m_plots->addWidget(m_heatmap);
    connect(m_lineChart, &SweepLineChart::pointClicked, this, &SweepDialog::choosePoint);
    connect(m_heatmap, &SweepHeatmap::pointClicked, this, &SweepDialog::choosePoint);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* open = buttons->addButton(tr("Open..."), QDialogButtonBox::ActionRole);
    QPushButton* save = buttons->addButton(tr("Save..."), QDialogButtonBox::ActionRole);
    m_runButton = buttons->addButton(tr("Run"), QDialogButtonBox::ApplyRole);
    m_cancelButton = buttons->addButton(tr("Cancel Sweep"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_runButton, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &SweepDialog::cancel);
    const QString filter = tr("Sweeps (*.pulselab-sweep)");
    connect(open, &QPushButton::clicked, this, [this, filter] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a sweep"), QString(), filter);
        QString error;
        if (!path.isEmpty() && !openSpec(path, error))
            m_status->setText(error);
    });
    connect(save, &QPushButton::clicked, this, [this, filter] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save the sweep"), QString(), filter);
        if (!path.isEmpty() && !path.endsWith(QStringLiteral(".pulselab-sweep")))
            path += QStringLiteral(".pulselab-sweep");
        QString error;
        if (!path.isEmpty())
            m_status->setText(saveSpec(path, error) ? tr("Saved %1").arg(path) : error);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_plots, 1);
    layout->addWidget(buttons);
    resize(900, 720);
    updateButtons();
}

SweepDialog::~SweepDialog() {
    m_cancel = true;
    if (m_thread.joinable())
        m_thread.join();
}

void SweepDialog::setWorkers(int workers) {
    m_workers->setValue(workers);
}

void SweepDialog::setSpec(const core::SweepSpec& spec) {
    m_axes[0]->setAxis(spec.axes.at(0));
    m_secondAxis->setChecked(spec.axes.size() > 1);
    if (spec.axes.size() > 1)
        m_axes[1]->setAxis(spec.axes[1]);
    m_outcome->setCurrentIndex(m_outcome->findData(static_cast<int>(spec.outcome.kind)));
    const int pop = m_population->findData(QString::fromStdString(spec.outcome.population));
    m_population->setCurrentIndex(std::max(0, pop));
    m_seeds->setValue(spec.seedCount);
    if (spec.durationS)
        m_duration->setValue(*spec.durationS);
}

std::optional<core::SweepSpec> SweepDialog::spec(QString& error) const {
    core::SweepSpec spec;
    spec.projectPath = m_projectPath.toStdString();
    for (int a = 0; a < (m_secondAxis->isChecked() ? 2 : 1); ++a) {
        auto axis = m_axes[a]->axis(error);
        if (!axis)
            return std::nullopt;
        spec.axes.push_back(std::move(*axis));
    }
    if (spec.axes.size() == 2 && spec.axes[0].name() == spec.axes[1].name()) {
        error = tr("Parameter 2 must differ from parameter 1");
        return std::nullopt;
    }
    spec.outcome.kind = static_cast<core::OutcomeKind>(m_outcome->currentData().toInt());
    if (spec.outcome.kind == core::OutcomeKind::MeanRateHz)
        spec.outcome.population = m_population->currentData().toString().toStdString();
    spec.seedCount = m_seeds->value();
    spec.durationS = m_duration->value();
    return spec;
}

QString SweepDialog::status() const {
    return m_status->text();
}

bool SweepDialog::run() {
    if (m_running)
        return false;
    QString error;
    const auto spec = this->spec(error);
    if (!spec) {
        m_status->setText(error);
        return false;
    }
    // The grid, every outcome NaN until its run reports: the plots fill in as points finish.
    m_results = {};
    m_results.outcome = spec->outcome;
    for (const auto& axis : spec->axes) {
        m_results.axisNames.push_back(axis.name());
        m_results.axisValues.push_back(axis.values);
    }
    const auto seeds = spec->seedsFor(m_project.network.run.seed);
    for (std::size_t i = 0; i < spec->pointCount(); ++i)
        m_results.points.push_back(
            {i,
             spec->pointValues(i),
             seeds,
             std::vector<double>(seeds.size(), std::numeric_limits<double>::quiet_NaN()),
             0,
             {}});
    m_plots->setCurrentWidget(spec->axes.size() == 2 ? static_cast<QWidget*>(m_heatmap) : m_lineChart);
    showResults();
    m_progress->setRange(0, static_cast<int>(spec->pointCount() * seeds.size()));
    m_progress->setValue(0);
    m_status->setText(tr("Running %1 points x %2 seeds...").arg(spec->pointCount()).arg(seeds.size()));
    m_cancel = false;
    m_running = true;
    updateButtons();
    if (m_thread.joinable())
        m_thread.join();
    core::SweepRunOptions options;
    options.workers = m_workers->value();
    options.cancel = &m_cancel;
    const QString dir = QFileInfo(m_projectPath).absolutePath();
    options.projectDir = m_projectPath.isEmpty() ? std::string(".") : dir.toStdString();
    options.progress = [this](const core::SweepProgress& p) {
        QMetaObject::invokeMethod(
            this, [this, p] { onProgress(p); }, Qt::QueuedConnection);
    };
    m_thread = std::thread([this, spec = *spec, options, project = m_project] {
        core::SweepResults results = core::runSweep(spec, project, options);
        QMetaObject::invokeMethod(
            this, [this, results = std::move(results)]() mutable { onFinished(std::move(results)); },
            Qt::QueuedConnection);
    });
    return true;
}

void SweepDialog::cancel() {
    if (m_running) {
        m_cancel = true;
        m_status->setText(tr("Cancelling..."));
    }
}

void SweepDialog::onProgress(const core::SweepProgress& p) {
    if (!m_running || p.point >= m_results.points.size())
        return;
    auto& point = m_results.points[p.point];
    if (p.seedIndex < point.outcomes.size() && !std::isnan(p.outcome)) {
        point.outcomes[p.seedIndex] = p.outcome;
        ++point.finishedSeeds;
    }
    m_progress->setValue(static_cast<int>(p.runsDone));
    if (p.pointFinished)
        showResults();
}

void SweepDialog::onFinished(core::SweepResults results) {
    m_results = std::move(results);
    m_running = false;
    if (m_thread.joinable())
        m_thread.join();
    showResults();
    std::size_t failed = 0;
    QString firstError;
    for (const auto& p : m_results.points)
        if (!p.error.empty() && failed++ == 0)
            firstError = tr("point %1: %2").arg(p.index).arg(QString::fromStdString(p.error));
    const std::size_t done = m_results.completedPoints().size();
    QString text = m_results.cancelled
                       ? tr("Cancelled: %1 of %2 points finished.").arg(done).arg(m_results.points.size())
                       : tr("Done: %1 of %2 points.").arg(done).arg(m_results.points.size());
    if (!m_results.error.empty())
        text = QString::fromStdString(m_results.error);
    else if (failed)
        text += tr(" %1 failed; %2").arg(failed).arg(firstError);
    else if (!m_results.cancelled)
        text += tr(" Click a point to see its parameters.");
    m_status->setText(text);
    updateButtons();
    Q_EMIT finished();
}

void SweepDialog::showResults() {
    if (m_results.axisNames.size() == 2)
        m_heatmap->setResults(m_results);
    else
        m_lineChart->setResults(m_results);
}

void SweepDialog::choosePoint(std::size_t point) {
    for (const auto& p : m_results.points) {
        if (p.index != point)
            continue;
        QVariantMap overrides;
        QStringList text;
        for (std::size_t a = 0; a < p.values.size(); ++a) {
            const QString name = QString::fromStdString(m_results.axisNames[a]);
            overrides.insert(name, p.values[a]);
            text << QStringLiteral("%1 = %2").arg(name).arg(p.values[a], 0, 'g', 6);
        }
        m_status->setText(tr("Point %1: %2 -> %3 %4 (s.d. %5, %6 seeds)")
                              .arg(point)
                              .arg(text.join(QStringLiteral(", ")))
                              .arg(QString::fromStdString(core::outcomeName(m_results.outcome.kind)))
                              .arg(p.mean(), 0, 'g', 6)
                              .arg(p.sd(), 0, 'g', 3)
                              .arg(p.finishedSeeds));
        Q_EMIT pointChosen(overrides, p.seeds.empty() ? 0 : p.seeds.front());
        return;
    }
}

void SweepDialog::updateButtons() {
    m_runButton->setEnabled(!m_running);
    m_cancelButton->setEnabled(m_running);
}

bool SweepDialog::saveSpec(const QString& path, QString& error) const {
    auto spec = this->spec(error);
    if (!spec)
        return false;
    // Relative to the sweep file when the project sits beside or below it, so the pair can move together.
    if (!m_projectPath.isEmpty())
        spec->projectPath = QFileInfo(path)
                                .absoluteDir()
                                .relativeFilePath(QFileInfo(m_projectPath).absoluteFilePath())
                                .toStdString();
    const core::WriteResult written =
        core::writeFileAtomically(path.toStdString(), core::sweepSpecToJson(*spec));
    if (!written.ok)
        error = QString::fromStdString(written.error);
    return written.ok;
}

bool SweepDialog::openSpec(const QString& path, QString& error) {
    const core::SweepSpecLoad load = core::loadSweepFile(path.toStdString());
    if (!load.spec) {
        error = QString::fromStdString(load.error);
        return false;
    }
    setSpec(*load.spec);
    m_status->setText(tr("Opened %1").arg(path));
    return true;
}

} // namespace pulselab::widgets
