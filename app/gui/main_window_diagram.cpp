// The centre of the main window: the node editor's canvas for networks and rate-PC hierarchies, or, for an
// experiment whose network is fixed (MNIST, bars, spike coding), a read-only diagram of its populations under
// a note saying what the experiment is. The diagram is linked like the editor: a box picked selects its
// population's raster rows; a neuron picked in the raster selects its box.
#include "app/gui/main_window.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/run_diagram_view.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pulselab::app {

void MainWindow::createRunDiagram() {
    m_centre = new QStackedWidget(this);
    m_centre->setObjectName(QStringLiteral("centre"));
    m_centre->addWidget(m_editorView);
    m_diagramPage = new QWidget(m_centre);
    auto* layout = new QVBoxLayout(m_diagramPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_editorNote = new QLabel(m_diagramPage);
    m_editorNote->setObjectName(QStringLiteral("experimentNote"));
    m_editorNote->setWordWrap(true);
    m_editorNote->setMargin(8);
    m_editorNote->setStyleSheet(QStringLiteral("background: #fbfbf9; border-bottom: 1px solid #ccc;"));
    m_runDiagram = new widgets::RunDiagramView(m_diagramPage);
    m_runDiagram->setObjectName(QStringLiteral("runDiagram"));
    m_runDiagram->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_editorNote);
    layout->addWidget(m_runDiagram, 1);
    m_centre->addWidget(m_diagramPage);
    setCentralWidget(m_centre);
}

void MainWindow::wireRunDiagram() {
    connect(m_controller, &widgets::RunController::layoutChanged, m_runDiagram,
            &widgets::RunDiagramView::setRunLayout);
    connect(m_runDiagram, &widgets::RunDiagramView::populationClicked, this, [this](int population) {
        const auto& pops = m_controller->layout().populations;
        if (population < 0 || static_cast<std::size_t>(population) >= pops.size()) {
            m_raster->highlightNeurons(0, 0);
            return;
        }
        const auto& info = pops[static_cast<std::size_t>(population)];
        m_raster->highlightNeurons(info.firstNeuron, info.size);
    });
    connect(m_raster, &widgets::SpikeRasterView::neuronSelected, this, [this](int neuron) {
        if (m_centre->currentWidget() != m_diagramPage)
            return;
        m_runDiagram->selectPopulation(
            neuron >= 0 ? m_controller->layout().populationOf(static_cast<std::uint32_t>(neuron)) : -1);
    });
}

void MainWindow::showRunDiagram(const QString& note) {
    m_editorNote->setText(note);
    m_centre->setCurrentWidget(note.isEmpty() ? static_cast<QWidget*>(m_editorView) : m_diagramPage);
}

} // namespace pulselab::app
