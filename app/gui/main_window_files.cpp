// MainWindow: opening, saving and exporting projects (and figures that carry them).
#include "app/gui/main_window.h"

#include "app/gui/about_dialog.h"
#include "widgets/data/event_browser.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/editor/node_palette.h"
#include "widgets/editor/run_diagram_view.h"
#include "widgets/export/figure_export.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/inspector/parameter_inspector.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/receptive_field_view.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/project/project_session.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include "core/io/atomic_file.h"
#include "core/io/nir_file.h"
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/network_mapping.h"
#include "core/loihi/traffic_accounting.h"
#include "core/model/project_file.h"
#include "core/runtime/project_run.h"

#include <pulselab/version.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

namespace pulselab::app {

namespace {
bool isNirPath(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String("nir"), Qt::CaseInsensitive) == 0;
}
} // namespace

bool MainWindow::openProject(const QString& path, QString* error) {
    // A figure exported by PulseLab carries its project: opening the figure reopens that project.
    core::ProjectLoad load;
    if (widgets::figureFormatForPath(path)) {
        QString figureError;
        const QString text = widgets::readFigureMetadata(path, &figureError);
        if (text.isEmpty()) {
            if (error)
                *error = figureError;
            return false;
        }
        load = core::parseProject(text.toStdString(), path.toStdString());
    } else if (isNirPath(path)) {
        core::NirLoad nir = core::importNir(path.toStdString());
        if (!nir.network) {
            if (error)
                *error = QString::fromStdString(nir.error);
            return false;
        }
        core::Project project;
        project.title = QFileInfo(path).completeBaseName().toStdString();
        project.description = "Imported from the NIR graph " + QFileInfo(path).fileName().toStdString();
        project.network = std::move(*nir.network);
        load.project = std::move(project);
        if (!applyProject(load, path, error))
            return false;
        m_editorScene->autoLayout();
        QTimer::singleShot(0, m_editorView, &widgets::EditorView::fitAll);
        if (!nir.warnings.empty()) {
            QStringList lines;
            for (const std::string& w : nir.warnings)
                lines << QString::fromStdString(w);
            statusBar()->showMessage(tr("Imported %1 with %2 warning(s): %3")
                                         .arg(QFileInfo(path).fileName())
                                         .arg(lines.size())
                                         .arg(lines.join(QStringLiteral("; "))),
                                     15000);
        }
        return true;
    } else {
        load = core::loadProjectFile(path.toStdString());
    }
    return applyProject(load, path, error);
}

widgets::EventBrowser* MainWindow::eventBrowser() {
    if (!m_eventBrowser) {
        m_eventBrowser = new widgets::EventBrowser(this);
        connect(
            m_eventBrowser, &widgets::EventBrowser::addInputRequested, this,
            [this](const core::InputSpec& input) {
                if (!m_networkProject) {
                    QMessageBox::information(
                        m_eventBrowser, tr("Not a spiking network"),
                        tr("This project is a predictive-coding experiment, not a spiking network. Open or "
                           "create a network project, then add the events to it."));
                    return;
                }
                const QString id = m_editorModel->addInput(input, QPointF(0, 0));
                statusBar()->showMessage(
                    tr("Added input %1 (%2 neurons) replaying the events").arg(id).arg(input.size), 8000);
            });
    }
    return m_eventBrowser;
}

void MainWindow::showEventBrowser() {
    eventBrowser()->show();
    eventBrowser()->raise();
}

bool MainWindow::applyProject(const core::ProjectLoad& load, const QString& path, QString* error) {
    if (!load.project) {
        if (error)
            *error = QString::fromStdString(load.error);
        return false;
    }
    std::string buildError;
    auto run = core::makeProjectRun(*load.project, buildError, QFileInfo(path).absolutePath().toStdString());
    if (!run) {
        if (error)
            *error = path + QStringLiteral(": ") + QString::fromStdString(buildError);
        return false;
    }
    m_projectPath = path;
    m_networkProject = !core::isPredictiveCodingProject(*load.project);
    m_loadingProject = true; // the run is built below, not by the change signal
    m_editorModel->setProject(*load.project);
    m_loadingProject = false;
    m_editorScene->clearSelection();
    QString text;
    QString ignored;
    // A figure or a NIR graph is not the project's file: the project starts untitled, and Save asks where.
    if (!widgets::figureFormatForPath(path) && !isNirPath(path))
        m_session->open(path, text, ignored);
    else
        m_session->newUntitled();
    // A rate-PC hierarchy is edited on the canvas (one node per layer); other experiments show a diagram of
    // their fixed network under a note.
    QString note;
    if (!m_networkProject && load.project->experiment.value("kind", "") != "rate_pc") {
        const auto layers = load.project->experiment.value("layers", nlohmann::json::array());
        const std::string kind = load.project->experiment.value("kind", "");
        if (kind == "spike_coding")
            note =
                tr("<b>Spike-coding network</b> (error in the membrane). Its settings are in the project's "
                   "experiment section; Run shows spikes, readout and loss live.");
        else if (kind == "spiking_pc_bars")
            note = tr("<b>Spiking predictive coding with error populations</b> learning the bars problem: "
                      "input pixels, latent causes, and positive and negative error neurons, all spiking; "
                      "learning is local (error trace x cause trace). Run shows free energy and "
                      "reconstruction error falling and the causes' beliefs sharpening.");
        else if (kind == "rate_pc_bars")
            note =
                tr("<b>Predictive coding in two layers</b> learning the bars: pixels below, 20 causes above "
                   "predicting them; errors flow up, predictions down, and each weight learns from its two "
                   "ends. Run shows free energy falling within every image (the saw-tooth), the beliefs "
                   "against the true bars, and the learned weights under Receptive fields.");
        else if (kind == "spiking_pc_mnist")
            note =
                tr("<b>Spiking predictive coding on MNIST</b>: Poisson pixels, latent causes and +/- error "
                   "neurons, all spiking, learning locally; ten label units learn from the causes. Run shows "
                   "the receptive fields forming, free energy per digit, the class beliefs for the current "
                   "digit and held-out accuracy as it climbs (pulselab-cli trains on all 7,996 digits).");
        else if (kind == "spiking_supervised_pc_mnist")
            note =
                tr("<b>Supervised spiking predictive coding on MNIST</b> (784 Poisson pixels, %1 hidden "
                   "neurons, +/- error neurons for the hidden layer and the 10 labels; every synapse learns "
                   "from its own traces). Each digit is shown twice: first the network guesses with the "
                   "label free (the class beliefs), then the label is clamped and the error neurons fire. "
                   "Run shows free energy per digit, held-out accuracy climbing and the hidden units' "
                   "receptive fields.")
                    .arg(load.project->experiment.value("hidden", 128));
        else if (kind == "rate_pc_mnist")
            note = tr("<b>Supervised predictive coding on MNIST</b> (784 pixels, %1 hidden units, 10 labels; "
                      "local "
                      "learning). Run shows free energy, the class beliefs for the current digit and the "
                      "held-out "
                      "accuracy as it climbs.")
                       .arg(load.project->experiment.value("hidden", 128));
        else
            note =
                tr("<b>Rate predictive-coding experiment</b> (layers %1). Its settings are in the project's "
                   "experiment section; Run shows inference and learning live.")
                    .arg(QString::fromStdString(layers.dump()));
    }
    showRunDiagram(note);
    QTimer::singleShot(0, m_editorView, &widgets::EditorView::fitAll);
    const QString title = load.project->title.empty() ? QFileInfo(path).completeBaseName()
                                                      : QString::fromStdString(load.project->title);
    setRunProject(std::nullopt);
    setRun(std::move(run), title);
    m_durationBox->setValue(load.project->network.run.durationMs);
    if (core::isPredictiveCodingProject(*load.project)) {
        m_mapping.reset();
        m_mappingProblem.reset();
        core::loihi::MappingFailure notMapped;
        notMapped.message =
            "this project is a predictive-coding experiment, not a network of populations: the mapper "
            "places populations and projections on Loihi cores";
        m_loihiPanel->setMappingFailure(notMapped);
    } else {
        remapOnLoihi(load.project->network);
    }
    // Slow, teaching-sized networks are easier to follow at real time; big ones run flat out. A project can
    // say which speed it is best watched at (editor.real_time_factor: 0 = as fast as possible, 10, 1, ...).
    const bool small =
        load.project->network.populations.size() < 3 && m_controller->layout().neuronCount() < 200;
    const nlohmann::json& editor = load.project->editor;
    const auto speed = editor.find("real_time_factor");
    const int speedIndex = speed != editor.end() && speed->is_number()
                               ? m_speedBox->findData(speed->get<double>())
                               : m_speedBox->findData(small ? 1.0 : 0.0);
    m_speedBox->setCurrentIndex(std::max(speedIndex, 0));
    statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
    return true;
}

bool MainWindow::saveProject(bool askForName) {
    QString path = m_session->path();
    if (askForName || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save project"), path,
                                            tr("PulseLab projects (*.pulselab)"));
        if (path.isEmpty())
            return false;
    }
    QString error;
    const bool ok = path == m_session->path() ? m_session->save(error) : m_session->saveAs(path, error);
    if (!ok) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    m_editorModel->undoStack()->setClean();
    m_projectPath = path;
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::chooseAndOpenProject() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open project"), QString(),
        tr("PulseLab projects, figures and NIR graphs (*.pulselab *.png *.svg *.pdf *.nir);;All files (*)"));
    if (!path.isEmpty())
        openInteractively(path);
}

bool MainWindow::maybeSave() {
    if (!m_session->isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("The project has unsaved changes. Save them first?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    return answer == QMessageBox::Discard || saveProject(false);
}

void MainWindow::openInteractively(const QString& path) {
    if (!maybeSave())
        return;
    QString error;
    if (!widgets::figureFormatForPath(path) && widgets::ProjectSession::hasNewerAutosave(path) &&
        QMessageBox::question(
            this, tr("Recover unsaved work?"),
            tr("%1 has an autosave newer than the file: PulseLab may have stopped before it was "
               "saved. Open the autosave?")
                .arg(path)) == QMessageBox::Yes) {
        std::string text, readError;
        if (core::readWholeFile(widgets::ProjectSession::autosavePathFor(path).toStdString(), text,
                                readError) &&
            applyProject(core::parseProject(text, path.toStdString()), path, &error)) {
            m_session->setModified(true);
            statusBar()->showMessage(tr("Recovered the autosave of %1: save to keep it").arg(path), 8000);
            return;
        }
    }
    if (!openProject(path, &error))
        QMessageBox::warning(this, tr("Cannot open project"), error);
}

void MainWindow::exportFigure() {
    const QList<QPair<QString, QWidget*>> views = {
        {tr("Spike raster"), m_raster},
        {tr("Free energy"), m_freeEnergy},
        {tr("Beliefs"), m_beliefs},
        {tr("Traces"), m_traces},
        {tr("Receptive fields (learned weights)"), m_receptiveFields},
        {tr("Loihi 2 floorplan"), m_loihiPanel},
        {tr("Network editor"),
         m_centre->currentWidget() == m_diagramPage ? static_cast<QWidget*>(m_runDiagram) : m_editorView},
        {tr("Free energy + beliefs + raster (panels A-C)"), nullptr}};
    QStringList names;
    for (const auto& v : views)
        names << v.first;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Export figure"), tr("View"), names, 0, false, &ok);
    if (!ok)
        return;
    const QStringList presets = {tr("Journal, single column (85 mm)"), tr("Journal, double column (180 mm)"),
                                 tr("Slide 16:9")};
    const QString preset =
        QInputDialog::getItem(this, tr("Export figure"), tr("Size"), presets, 0, false, &ok);
    if (!ok)
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export figure"), QString(), tr("Figures (*.svg *.pdf *.png)"));
    if (path.isEmpty())
        return;
    const int index = static_cast<int>(names.indexOf(chosen));
    QList<QWidget*> widgetsToExport;
    if (views[index].second)
        widgetsToExport << views[index].second;
    else
        widgetsToExport << m_freeEnergy << m_beliefs << m_raster;
    const widgets::FigureSize size = preset == presets[0]   ? widgets::FigureSize::journalSingleColumn()
                                     : preset == presets[1] ? widgets::FigureSize::journalDoubleColumn()
                                                            : widgets::FigureSize::slide16by9();
    const QString metadata = QString::fromStdString(core::projectToJson(runProject()));
    const QString error =
        widgets::exportFigure(widgetsToExport, path, size, metadata, widgetsToExport.size() > 1 ? 1 : 0);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), error);
    else
        statusBar()->showMessage(
            tr("Exported %1 (the project is embedded: open the figure to reopen it)").arg(path), 8000);
}

void MainWindow::populateExamplesMenu(QMenu* menu) {
    const QDir dir(QStringLiteral(PULSELAB_EXAMPLES_DIR));
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*.pulselab")}, QDir::Files, QDir::Name)) {
        const core::ProjectLoad load = core::loadProjectFile(info.absoluteFilePath().toStdString());
        const QString title = load.project && !load.project->title.empty()
                                  ? QString::fromStdString(load.project->title)
                                  : info.completeBaseName();
        const QString path = info.absoluteFilePath();
        menu->addAction(title, this, [this, path] { openInteractively(path); });
    }
    if (menu->isEmpty())
        menu->addAction(tr("(no examples found in %1)").arg(dir.path()))->setEnabled(false);
}

} // namespace pulselab::app
