// MainWindow: guided tours, the start page and the slider panel. A tour's links act here; pinned sliders
// post changes to the running engine and settle as undoable edits; the start page opens the examples.
#include "app/gui/main_window.h"

#include "widgets/editor/network_editor_model.h"
#include "widgets/inspector/parameter_inspector.h"
#include "widgets/project/project_session.h"
#include "widgets/run/run_controller.h"
#include "widgets/sliders/slider_panel.h"
#include "widgets/sliders/slider_pins_json.h"
#include "widgets/tour/example_catalog.h"
#include "widgets/tour/start_page.h"
#include "widgets/tour/tour_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace pulselab::app {

namespace {

// Order of the demos on the start page: the most telling first.
const QStringList kExampleOrder = {
    QStringLiteral("bars-rate-pc"),
    QStringLiteral("default"),
    QStringLiteral("single-neuron"),
    QStringLiteral("bayesian-neuron"),
    QStringLiteral("bars-spiking-pc"),
    QStringLiteral("mnist-spiking-pc"),
    QStringLiteral("adaptation"),
    QStringLiteral("delays"),
    QStringLiteral("mnist-rate-pc"),
    QStringLiteral("mnist-spiking-pc-unsupervised"),
    QStringLiteral("cuba"),
    QStringLiteral("spike-coding-network"),
};

// Parameters that change the network's structure: the engine cannot take them mid-run (as the inspector).
bool isStructural(const QString& name) {
    return name == QLatin1String("size") || name == QLatin1String("weight") ||
           name == QLatin1String("probability") || name == QLatin1String("delay_steps");
}

} // namespace

void MainWindow::createTourAndSliders() {
    m_sliderPanel = new widgets::SliderPanel(m_controller, this);
    m_sliderPanel->setObjectName(QStringLiteral("sliderPanel"));
    QDockWidget* sliders =
        addViewDock(tr("Sliders"), QStringLiteral("slidersDock"), m_sliderPanel, Qt::LeftDockWidgetArea);
    if (QDockWidget* inspector = dock(QStringLiteral("inspectorDock")))
        splitDockWidget(inspector, sliders, Qt::Vertical);
    m_tourPanel = new widgets::TourPanel(this);
    m_tourPanel->setObjectName(QStringLiteral("tourPanel"));
    QDockWidget* tour =
        addViewDock(tr("Tour"), QStringLiteral("tourDock"), m_tourPanel, Qt::LeftDockWidgetArea);
    if (QDockWidget* palette = dock(QStringLiteral("paletteDock")))
        tabifyDockWidget(palette, tour);
    tour->raise();
    resizeDocks({tour}, {330}, Qt::Horizontal); // room for the tour's text
    if (auto* view = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu"))) {
        const QList<QAction*> actions = view->actions();
        QAction* before = actions.size() >= 2 ? actions[actions.size() - 2] : nullptr; // above Reset Layout
        view->insertActions(before, {sliders->toggleViewAction(), tour->toggleViewAction()});
    }

    connect(m_inspector, &widgets::ParameterInspector::pinRequested, this,
            [this](const QString& target, const QString& name) {
                QString reason;
                if (!pinSlider(target, name, std::nullopt, std::nullopt, QString(), &reason))
                    statusBar()->showMessage(reason, 8000);
            });
    connect(m_sliderPanel, &widgets::SliderPanel::valueMoved, this, &MainWindow::applySliderValue);
    connect(m_sliderPanel, &widgets::SliderPanel::pinsChanged, this, &MainWindow::storeSliderPins);
    connect(m_tourPanel, &widgets::TourPanel::actionRequested, this, &MainWindow::performTourAction);
    connect(m_tourPanel, &widgets::TourPanel::linkRefused, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    // A project was loaded (not an edit or undo): its pins and tour come with it, once its run is built.
    connect(m_editorModel, &widgets::NetworkEditorModel::modelReset, this, [this] {
        if (m_loadingProject)
            QTimer::singleShot(0, this, &MainWindow::projectOpened);
    });
    connect(m_editorModel, &widgets::NetworkEditorModel::projectChanged, this, [this] {
        if (!m_loadingProject && m_startPage)
            m_startPage->hide(); // the user is building a network: the canvas is needed
        for (const widgets::SliderPin& pin : m_sliderPanel->pins()) // undo/redo move the sliders too
            for (const auto& field : m_editorModel->fields(pin.target))
                if (field.name == pin.parameter)
                    m_sliderPanel->showValue(pin.target, pin.parameter, field.value);
    });

    m_startPage = new widgets::StartPage(this);
    m_startPage->setObjectName(QStringLiteral("startPage"));
    m_startPage->setExamples(widgets::listExamples(QStringLiteral(PULSELAB_EXAMPLES_DIR), kExampleOrder));
    connect(m_startPage, &widgets::StartPage::exampleChosen, this,
            [this](const QString& path) { openInteractively(path); });
    showStartPage();
}

void MainWindow::addTourMenuActions(QMenu* helpMenu) {
    QAction* tour = helpMenu->addAction(tr("&Tour"), this, [this] {
        if (!showTour())
            statusBar()->showMessage(tr("This project has no guided tour: the examples have one "
                                        "(Help > Start Page)"),
                                     8000);
    });
    tour->setObjectName(QStringLiteral("tourAction"));
    QAction* start = helpMenu->addAction(tr("&Start Page"), this, &MainWindow::showStartPage);
    start->setObjectName(QStringLiteral("startPageAction"));
    helpMenu->addSeparator();
}

void MainWindow::showStartPage() {
    if (m_startPage && centralWidget())
        m_startPage->overlay(centralWidget());
}

bool MainWindow::showTour() {
    const QString path =
        m_projectPath.isEmpty() ? QString() : widgets::TourDocument::tourPathFor(m_projectPath);
    if (path.isEmpty()) {
        m_tourPanel->clear();
        return false;
    }
    QString error;
    const widgets::TourDocument tour = widgets::TourDocument::fromFile(path, &error);
    if (!error.isEmpty() || tour.steps().empty()) {
        statusBar()->showMessage(error.isEmpty() ? tr("%1: the tour has no steps").arg(path) : error, 10000);
        return false;
    }
    m_tourPanel->setTour(tour, QFileInfo(m_projectPath).completeBaseName());
    QDockWidget* d = dock(QStringLiteral("tourDock"));
    d->show();
    d->raise();
    return true;
}

void MainWindow::projectOpened() {
    if (m_startPage)
        m_startPage->hide();
    QStringList problems;
    auto pins = widgets::slidersFromEditor(m_editorModel->project().editor, &problems);
    for (widgets::SliderPin& pin : pins) // the saved value may be older than the parameter itself
        for (const auto& field : m_editorModel->fields(pin.target))
            if (field.name == pin.parameter)
                pin.value = field.value;
    {
        const QSignalBlocker block(m_sliderPanel); // loading pins is not an edit
        m_sliderPanel->setPins(pins);
    }
    if (!pins.empty())
        dock(QStringLiteral("slidersDock"))->show();
    if (!problems.isEmpty())
        statusBar()->showMessage(tr("%1: %2").arg(m_projectPath, problems.join(QStringLiteral("; "))), 15000);
    if (m_tourProjectPath != m_projectPath || !m_tourPanel->hasTour()) {
        if (!showTour())
            m_tourPanel->clear();
        m_tourProjectPath = m_projectPath;
    }
}

bool MainWindow::pinSlider(const QString& target, const QString& parameter, std::optional<double> minimum,
                           std::optional<double> maximum, const QString& unit, QString* reason) {
    widgets::SliderPin pin;
    pin.target = target;
    pin.parameter = parameter;
    pin.unit = unit;
    bool known = false;
    for (const auto& field : m_editorModel->fields(target)) {
        if (field.name != parameter)
            continue;
        known = true;
        pin.unit = unit.isEmpty() ? field.unit : unit;
        pin.value = field.value;
        pin.integer = field.integer;
        pin.minimum = field.minimum;
        pin.maximum = field.maximum;
        // Schema ranges can be vast (a current of +-1e6): a slider over them could not hit a useful value,
        // so without a given range it spans a decade around the present value.
        if (!minimum && !maximum && pin.maximum - pin.minimum > 1e4) {
            const double span = 10.0 * std::max(1.0, std::abs(field.value));
            pin.minimum = std::max(pin.minimum, field.value - span);
            pin.maximum = std::min(pin.maximum, field.value + span);
        }
    }
    if (!known) {
        // A run parameter without an editor schema (e.g. pc.inference_rate): the range must be given, and
        // the present value comes from the project's experiment settings of the same name.
        if (!minimum || !maximum) {
            if (reason)
                *reason = tr("%1.%2: not a parameter of a node here; a slider for it needs min= and max=")
                              .arg(target, parameter);
            return false;
        }
        const nlohmann::json& experiment = m_editorModel->project().experiment;
        const auto it = experiment.find(parameter.toStdString());
        pin.value = it != experiment.end() && it->is_number() ? it->get<double>() : *minimum;
    }
    if (minimum)
        pin.minimum = *minimum;
    if (maximum)
        pin.maximum = *maximum;
    if (m_sliderPanel->hasPin(target, parameter)) {
        dock(QStringLiteral("slidersDock"))->show();
        return true; // already there: showing it is what was asked
    }
    if (!m_sliderPanel->addPin(pin, reason))
        return false;
    QDockWidget* d = dock(QStringLiteral("slidersDock"));
    d->show();
    d->raise();
    return true;
}

void MainWindow::applySliderValue(const QString& target, const QString& parameter, double value,
                                  bool postedToRun, bool settled) {
    if (!settled)
        return; // mid-drag: the panel already posted it to the running engine
    QString reason;
    if (!setParameterAsUser(target, parameter, value, &reason, postedToRun))
        statusBar()->showMessage(reason, 8000);
}

bool MainWindow::setParameterAsUser(const QString& target, const QString& parameter, double value,
                                    QString* reason, bool alreadyPosted) {
    const bool running = m_controller->state() == core::RunLoop::State::Running;
    bool editable = false;
    for (const auto& field : m_editorModel->fields(target))
        editable = editable || field.name == parameter;
    if (editable) {
        // The inspector's path: one undo step; while idle the run is rebuilt with it, while running it goes
        // to the engine at the next step (structural edits wait for Reset).
        if (!m_editorModel->setParameter(target, parameter, value, reason))
            return false;
        if (running && !alreadyPosted && !isStructural(parameter))
            m_controller->postParameterChange(target, parameter, value);
    } else if (!alreadyPosted) {
        // A run parameter (predictive-coding experiments): the engine takes it at the next step boundary,
        // also while paused; a refusal comes back as a fault message naming it.
        if (!m_controller->hasRun()) {
            if (reason)
                *reason = tr("%1.%2: no run to change").arg(target, parameter);
            return false;
        }
        m_controller->postParameterChange(target, parameter, value);
    }
    m_sliderPanel->showValue(target, parameter, value);
    return true;
}

void MainWindow::performTourAction(const widgets::TourAction& action) {
    using Kind = widgets::TourAction::Kind;
    QString reason;
    switch (action.kind) {
    case Kind::Run:
        if (m_controller->state() == core::RunLoop::State::Finished)
            m_controller->reset();
        if (m_runAction->isEnabled())
            m_runAction->trigger();
        else
            m_controller->run();
        return;
    case Kind::Pause:
        m_controller->pause();
        return;
    case Kind::Reset:
        m_controller->reset();
        return;
    case Kind::ShowDock:
        if (QDockWidget* d = dock(action.dock)) {
            d->show();
            d->raise();
        } else {
            statusBar()->showMessage(
                tr("The tour asks for a view '%1' that this window does not have").arg(action.dock), 8000);
        }
        return;
    case Kind::SetParameter:
        if (!setParameterAsUser(action.target, action.parameter, action.value, &reason, false))
            statusBar()->showMessage(reason, 8000);
        else
            statusBar()->showMessage(
                tr("%1.%2 = %3").arg(action.target, action.parameter).arg(action.value, 0, 'g', 6), 5000);
        return;
    case Kind::PinSlider:
        if (!pinSlider(action.target, action.parameter, action.minimum, action.maximum, action.unit, &reason))
            statusBar()->showMessage(reason, 8000);
        return;
    }
}

void MainWindow::storeSliderPins() {
    if (m_loadingProject)
        return;
    // View state, not a network edit: no undo step and no rebuild of the run, but the project is modified.
    m_editorModel->setEditorEntry(QStringLiteral("sliders"), widgets::slidersToJson(m_sliderPanel->pins()));
    m_session->setModified(true);
}

} // namespace pulselab::app
