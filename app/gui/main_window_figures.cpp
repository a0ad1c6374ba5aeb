// MainWindow: the figure composer (several views as panels A, B, C ... in one file) and Copy View as Image.
#include "app/gui/main_window.h"

#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/export/figure_composer.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/receptive_field_view.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/raster/spike_raster_view.h"

#include "core/model/project_file.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QStatusBar>

namespace pulselab::app {

namespace {

/// The views a figure can show, with the ones a predictive-coding figure usually has ticked when open.
QList<widgets::FigureComposer::View> figureViews(const MainWindow& window) {
    const auto open = [&window](const char* dockName) {
        const QDockWidget* d = window.dock(QString::fromLatin1(dockName));
        return d && d->isVisible();
    };
    QWidget* editor = window.editorScene()->views().value(0);
    return {{QObject::tr("Free energy"), window.freeEnergyChart(), open("freeEnergyDock")},
            {QObject::tr("Beliefs"), window.beliefChart(), open("beliefsDock")},
            {QObject::tr("Spike raster"), window.raster(), open("rasterDock")},
            {QObject::tr("Traces"), window.traceChart(), false},
            {QObject::tr("Receptive fields"), window.receptiveFields(), open("receptiveFieldsDock")},
            {QObject::tr("Loihi 2 floorplan"), window.loihiPanel(), false},
            {QObject::tr("Network editor"), editor, false}};
}

} // namespace

void MainWindow::addFigureActions(QMenu* fileMenu) {
    QAction* compose = fileMenu->addAction(tr("&Compose Figure..."), this, [this] {
        const QString metadata = QString::fromStdString(core::projectToJson(runProject()));
        widgets::FigureComposer composer(figureViews(*this), metadata, this);
        composer.exec();
    });
    compose->setObjectName(QStringLiteral("composeFigureAction"));
    compose->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QMenu* copy = fileMenu->addMenu(tr("Copy &View as Image"));
    copy->setObjectName(QStringLiteral("copyViewMenu"));
    connect(copy, &QMenu::aboutToShow, this, [this, copy] {
        copy->clear();
        for (const auto& view : figureViews(*this)) {
            QWidget* widget = view.widget;
            const QString name = view.name;
            copy->addAction(name, this, [this, widget, name] {
                widgets::copyViewAsImage(widget, widgets::FigureSize::journalSingleColumn());
                statusBar()->showMessage(tr("Copied %1 to the clipboard (85 mm at 600 dpi)").arg(name), 5000);
            });
        }
    });
}

} // namespace pulselab::app
