// MainWindow: the parameter-sweep dialog (Run > Parameter Sweep...) over the open project.
#include "app/gui/main_window.h"

#include "widgets/editor/network_editor_model.h"
#include "widgets/explore/sweep_dialog.h"

#include <QAction>
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
        connect(
            dialog, &widgets::SweepDialog::pointChosen, this,
            [this](const QVariantMap& overrides, quint64 seed) {
                QStringList settings;
                for (auto it = overrides.begin(); it != overrides.end(); ++it)
                    settings << QStringLiteral("%1=%2").arg(it.key()).arg(it.value().toDouble(), 0, 'g', 17);
                statusBar()->showMessage(
                    tr("Sweep point: %1, seed %2").arg(settings.join(QStringLiteral(" "))).arg(seed), 10000);
            });
        dialog->show();
    });
}

} // namespace pulselab::app
