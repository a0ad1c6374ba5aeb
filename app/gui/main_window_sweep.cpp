// MainWindow: the parameter-sweep dialog (Run > Parameter Sweep...) over the open project.
#include "app/gui/main_window.h"

#include "core/runtime/project_run.h"
#include "core/runtime/run_overrides.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/explore/sweep_dialog.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

namespace pulselab::app {

void MainWindow::addSweepActions(QMenu* runMenu) {
    runMenu->addSeparator();
    QAction* sweep = runMenu->addAction(tr("Parameter &Sweep..."));
    sweep->setObjectName(QStringLiteral("sweepAction"));
    sweep->setStatusTip(tr("Run the open project over a grid of 1 or 2 parameters and seeds"));
    connect(sweep, &QAction::triggered, this, [this] {
        // A snapshot of the project as it is now: later edits do not change a sweep already set up.
        auto* dialog = new widgets::SweepDialog(m_editorModel->project(), m_projectPath, this);
        dialog->setObjectName(QStringLiteral("sweepDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &widgets::SweepDialog::pointChosen, this,
                [this, project = m_editorModel->project()](const QVariantMap& overrides, quint64 seed) {
                    openSweepPoint(project, overrides, seed);
                });
        dialog->show();
    });
}

void MainWindow::openSweepPoint(const core::Project& project, const QVariantMap& overrides, quint64 seed) {
    // The point's run, built exactly as the sweep built it: the project with the seed and the overrides
    // written in, then the overrides through the run's setParameter. It replaces the current run; the
    // project is unchanged.
    core::Project seeded = project;
    core::applySeed(seeded, seed);
    std::vector<core::ParameterOverride> changes;
    QStringList settings;
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        const auto name = core::splitParameterName(it.key().toStdString());
        if (!name)
            continue;
        changes.push_back({name->first, name->second, it.value().toDouble()});
        settings << QStringLiteral("%1=%2").arg(it.key()).arg(it.value().toDouble(), 0, 'g', 6);
    }
    std::string error;
    auto run =
        core::writeParameterOverrides(seeded, changes, error)
            ? core::makeProjectRun(seeded, error, QFileInfo(m_projectPath).absolutePath().toStdString())
            : nullptr;
    if (!run) {
        statusBar()->showMessage(QString::fromStdString(error), 10000);
        return;
    }
    try {
        core::applyParameterOverrides(*run, changes);
    } catch (const std::invalid_argument& e) {
        statusBar()->showMessage(QString::fromStdString(e.what()), 10000);
        return;
    }
    const QString point = tr("sweep point %1, seed %2").arg(settings.join(QStringLiteral(", "))).arg(seed);
    setRunProject(seeded); // the overrides are written in: the run history shows them as settings
    setRun(std::move(run), QStringLiteral("%1 (%2)").arg(QString::fromStdString(project.title), point));
    statusBar()->showMessage(tr("Opened %1: press Run to watch it").arg(point), 10000);
}

} // namespace pulselab::app
