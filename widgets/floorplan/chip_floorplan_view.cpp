#include "widgets/floorplan/chip_floorplan_view.h"

#include "widgets/common/colour_maps.h"

#include <QHelpEvent>
#include <QToolTip>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCoordinate.h>
#include <vtkCubeSource.h>
#include <vtkLineSource.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace pulselab::widgets {

namespace {
// Tile geometry in scene units: a core is a 1 x 1 square on the mesh pitch, the die sits below them.
constexpr double kTilePitch = 1.15;
constexpr double kTileHeight = ChipFloorplanView::kFlatTileHeight;
const QColor kTileColour(86, 118, 160);
const QColor kSelectedColour(255, 196, 0);
const QColor kHighlightEdgeColour(255, 110, 30); // population outline: orange, off the viridis map
const QColor kX86Colour(150, 150, 150);
} // namespace

ChipFloorplanView::ChipFloorplanView(QWidget* parent) : VtkRenderWidget(parent) {
    renderer()->SetBackground(0.11, 0.12, 0.14);
    renderer()->SetBackground2(0.22, 0.24, 0.28);
    renderer()->GradientBackgroundOn();
    connect(this, &VtkRenderWidget::propClicked, this, [this](vtkProp* prop) {
        const int core = coreOf(prop);
        selectCore(core);
    });
    setChip(core::loihi::loihi2());
}

void ChipFloorplanView::setChip(const core::loihi::ChipDescription& chip) {
    m_chip = chip;
    m_values.clear();
    m_selectedCore = -1;
    rebuildScene();
    resetCamera();
}

void ChipFloorplanView::rebuildScene() {
    renderer()->RemoveAllViewProps();
    m_coreActors.clear();

    vtkNew<vtkCubeSource> tile;
    tile->SetXLength(1.0);
    tile->SetYLength(1.0);
    tile->SetZLength(kTileHeight);
    vtkNew<vtkPolyDataMapper> tileMapper;
    tileMapper->SetInputConnection(tile->GetOutputPort());

    for (int core = 0; core < m_chip.neuroCores; ++core) {
        vtkNew<vtkActor> actor;
        actor->SetMapper(tileMapper);
        // The mesh is drawn with its long side (rows) horizontal, which suits wide docks.
        actor->SetPosition(m_chip.coreRow(core) * kTilePitch, -m_chip.coreColumn(core) * kTilePitch,
                           kTileHeight / 2);
        actor->GetProperty()->SetAmbient(0.25);
        actor->GetProperty()->SetDiffuse(0.8);
        renderer()->AddActor(actor);
        m_coreActors.push_back(actor);
    }

    // The die under the mesh, with the embedded x86 cores in a strip along its top edge.
    const double dieWidth = (m_chip.meshRows + 1) * kTilePitch + 0.6;
    const double dieHeight = m_chip.meshColumns * kTilePitch + 0.6;
    vtkNew<vtkCubeSource> die;
    die->SetXLength(dieWidth);
    die->SetYLength(dieHeight);
    die->SetZLength(0.1);
    vtkNew<vtkPolyDataMapper> dieMapper;
    dieMapper->SetInputConnection(die->GetOutputPort());
    vtkNew<vtkActor> dieActor;
    dieActor->SetMapper(dieMapper);
    dieActor->SetPosition((m_chip.meshRows - 2) * kTilePitch / 2, -(m_chip.meshColumns - 1) * kTilePitch / 2,
                          -0.05);
    dieActor->GetProperty()->SetColor(0.16, 0.19, 0.17);
    dieActor->PickableOff();
    renderer()->AddActor(dieActor);

    vtkNew<vtkCubeSource> x86;
    x86->SetXLength(0.6);
    x86->SetYLength(0.8);
    x86->SetZLength(kTileHeight);
    vtkNew<vtkPolyDataMapper> x86Mapper;
    x86Mapper->SetInputConnection(x86->GetOutputPort());
    const double x86Spacing =
        (m_chip.meshColumns - 1) * kTilePitch / std::max(1, m_chip.embeddedX86Cores - 1);
    for (int i = 0; i < m_chip.embeddedX86Cores; ++i) {
        vtkNew<vtkActor> actor;
        actor->SetMapper(x86Mapper);
        actor->SetPosition(-kTilePitch, -i * x86Spacing, kTileHeight / 2);
        actor->GetProperty()->SetColor(kX86Colour.redF(), kX86Colour.greenF(), kX86Colour.blueF());
        actor->PickableOff();
        renderer()->AddActor(actor);
    }

    vtkNew<vtkTextActor> caption;
    caption->GetTextProperty()->SetFontSize(12);
    caption->GetTextProperty()->SetColor(0.92, 0.92, 0.92);
    caption->SetPosition(8, 8);
    renderer()->AddActor2D(caption);
    m_caption = caption;

    // The colour bar: viridis from 0 to the largest value, as the tiles are coloured.
    vtkNew<vtkLookupTable> lookup;
    constexpr int kColours = 64;
    lookup->SetNumberOfTableValues(kColours);
    for (int i = 0; i < kColours; ++i) {
        const QColor c = viridis(i / double(kColours - 1));
        lookup->SetTableValue(i, c.redF(), c.greenF(), c.blueF(), 1.0);
    }
    lookup->SetTableRange(0.0, 1.0);
    vtkNew<vtkScalarBarActor> bar;
    bar->SetLookupTable(lookup);
    bar->SetOrientationToVertical();
    bar->SetNumberOfLabels(3);
    bar->SetLabelFormat("%-6.3g");
    bar->SetPosition(0.88, 0.12);
    bar->SetWidth(0.1);
    bar->SetHeight(0.76);
    bar->SetMaximumWidthInPixels(90);
    bar->GetLabelTextProperty()->SetFontSize(12);
    bar->GetLabelTextProperty()->SetColor(0.92, 0.92, 0.92);
    bar->GetLabelTextProperty()->ShadowOff();
    bar->GetLabelTextProperty()->ItalicOff();
    bar->GetTitleTextProperty()->SetFontSize(12);
    bar->GetTitleTextProperty()->SetColor(0.92, 0.92, 0.92);
    bar->GetTitleTextProperty()->ShadowOff();
    bar->GetTitleTextProperty()->ItalicOff();
    bar->PickableOff();
    bar->VisibilityOff();
    renderer()->AddActor2D(bar);
    m_colourBar = bar;
    m_lookup = lookup;

    applyColours();
    updateCaption();
    rebuildLinks();
}

void ChipFloorplanView::setLinkTraffic(const std::vector<LinkLoad>& links) {
    // Both directions of a link share one line: key by the unordered core pair.
    std::map<std::pair<int, int>, double> undirected;
    for (const LinkLoad& l : links)
        if (l.messages > 0.0 && l.fromCore >= 0 && l.toCore >= 0 && l.fromCore < m_chip.neuroCores &&
            l.toCore < m_chip.neuroCores)
            undirected[{std::min(l.fromCore, l.toCore), std::max(l.fromCore, l.toCore)}] += l.messages;
    m_links.clear();
    for (const auto& [pair, messages] : undirected)
        m_links.push_back({pair.first, pair.second, messages});
    std::stable_sort(m_links.begin(), m_links.end(),
                     [](const LinkLoad& a, const LinkLoad& b) { return a.messages > b.messages; });
    rebuildLinks();
    update();
}

double ChipFloorplanView::drawnLinkWidth(int index) const {
    if (index < 0 || index >= drawnLinkCount())
        return 0.0;
    return m_linkActors[static_cast<std::size_t>(index)]->GetProperty()->GetLineWidth();
}

void ChipFloorplanView::rebuildLinks() {
    for (vtkActor* actor : m_linkActors)
        renderer()->RemoveActor(actor);
    m_linkActors.clear();
    if (m_links.empty())
        return;
    const double busiest = m_links.front().messages;
    constexpr double kMinWidth = 1.5, kMaxWidth = 9.0;
    const QColor colour(230, 0, 126); // magenta: not on the viridis map the tiles use
    for (const LinkLoad& link : m_links) {
        // Over the taller of the two tiles, so the link stays visible in height mode.
        const double z = std::max(tileHeight(link.fromCore), tileHeight(link.toCore)) + 0.03;
        auto centre = [&](int core) {
            return std::array<double, 3>{m_chip.coreRow(core) * kTilePitch,
                                         -m_chip.coreColumn(core) * kTilePitch, z};
        };
        const auto a = centre(link.fromCore), b = centre(link.toCore);
        vtkNew<vtkLineSource> line;
        line->SetPoint1(a.data());
        line->SetPoint2(b.data());
        vtkNew<vtkPolyDataMapper> mapper;
        mapper->SetInputConnection(line->GetOutputPort());
        vtkNew<vtkActor> actor;
        actor->SetMapper(mapper);
        // Width by traffic on a square-root scale, so quiet links stay visible next to the busiest.
        actor->GetProperty()->SetLineWidth(
            static_cast<float>(kMinWidth + (kMaxWidth - kMinWidth) * std::sqrt(link.messages / busiest)));
        actor->GetProperty()->SetColor(colour.redF(), colour.greenF(), colour.blueF());
        actor->GetProperty()->RenderLinesAsTubesOn();
        actor->GetProperty()->LightingOff();
        actor->PickableOff();
        renderer()->AddActor(actor);
        m_linkActors.push_back(actor);
    }
}

void ChipFloorplanView::setCoreValues(const std::vector<double>& values, const QString& quantityLabel) {
    m_values = values;
    m_quantityLabel = quantityLabel;
    applyColours();
    if (m_heightMode)
        rebuildLinks(); // they ride on the tile tops
    updateCaption();
}

void ChipFloorplanView::applyColours() {
    m_maxValue = 0.0;
    for (double v : m_values)
        m_maxValue = std::max(m_maxValue, v);
    for (int core = 0; core < coreCount(); ++core) {
        QColor colour = kTileColour;
        if (core == m_selectedCore)
            colour = kSelectedColour;
        else if (core < static_cast<int>(m_values.size()) && m_maxValue > 0.0)
            colour = viridis(m_values[static_cast<size_t>(core)] / m_maxValue);
        vtkProperty* property = m_coreActors[static_cast<size_t>(core)]->GetProperty();
        property->SetColor(colour.redF(), colour.greenF(), colour.blueF());
        const bool outlined = m_highlighted.count(core) > 0;
        property->SetEdgeVisibility(outlined);
        property->SetEdgeColor(kHighlightEdgeColour.redF(), kHighlightEdgeColour.greenF(),
                               kHighlightEdgeColour.blueF());
        property->SetLineWidth(outlined ? 4.0f : 1.0f);
    }
    if (m_colourBar) {
        m_colourBar->SetVisibility(m_maxValue > 0.0);
        m_lookup->SetTableRange(0.0, m_maxValue > 0.0 ? m_maxValue : 1.0);
        m_colourBar->SetTitle(m_quantityLabel.toUtf8().constData());
    }
    applyHeights();
    update();
}

void ChipFloorplanView::applyHeights() {
    m_heights.assign(static_cast<std::size_t>(coreCount()), kTileHeight);
    for (int core = 0; core < coreCount(); ++core) {
        double h = kTileHeight;
        if (m_heightMode && m_maxValue > 0.0 && core < static_cast<int>(m_values.size()))
            h += kMaxTileRise * std::max(0.0, m_values[static_cast<std::size_t>(core)]) / m_maxValue;
        m_heights[static_cast<std::size_t>(core)] = h;
        vtkActor* actor = m_coreActors[static_cast<std::size_t>(core)];
        // The shared tile is kTileHeight tall and centred on the origin: scale it, then stand it on the die.
        actor->SetScale(1.0, 1.0, h / kTileHeight);
        actor->SetPosition(m_chip.coreRow(core) * kTilePitch, -m_chip.coreColumn(core) * kTilePitch, h / 2);
    }
}

double ChipFloorplanView::tileHeight(int core) const {
    if (core < 0 || core >= static_cast<int>(m_heights.size()))
        return kTileHeight;
    return m_heights[static_cast<std::size_t>(core)];
}

void ChipFloorplanView::setHeightMode(bool on) {
    if (on == m_heightMode)
        return;
    m_heightMode = on;
    applyColours();
    rebuildLinks();
    resetCamera();
}

void ChipFloorplanView::setHighlightedCores(const std::set<int>& cores) {
    m_highlighted = cores;
    applyColours();
}

bool ChipFloorplanView::colourBarVisible() const {
    return m_colourBar && m_colourBar->GetVisibility() != 0;
}

int ChipFloorplanView::coreAt(const QPoint& position) {
    return coreOf(propAt(position));
}

QString ChipFloorplanView::toolTipAt(const QPoint& position) {
    const int core = coreAt(position);
    if (core < 0)
        return {};
    if (m_describer)
        return m_describer(core);
    QString text =
        tr("Core %1 (column %2, row %3)").arg(core).arg(m_chip.coreColumn(core)).arg(m_chip.coreRow(core));
    if (core < static_cast<int>(m_values.size()) && !m_quantityLabel.isEmpty())
        text += QStringLiteral("\n%1: %2")
                    .arg(m_quantityLabel)
                    .arg(m_values[static_cast<std::size_t>(core)], 0, 'g', 4);
    return text;
}

bool ChipFloorplanView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return VtkRenderWidget::event(event);
}

void ChipFloorplanView::updateCaption() {
    if (!m_caption)
        return;
    QString text = QString::fromStdString(m_chip.name) + QStringLiteral(": %1 cores (%2 x %3 mesh), %4 x86")
                                                             .arg(m_chip.neuroCores)
                                                             .arg(m_chip.meshColumns)
                                                             .arg(m_chip.meshRows)
                                                             .arg(m_chip.embeddedX86Cores);
    if (!m_quantityLabel.isEmpty())
        text += QStringLiteral("\nColour: ") + m_quantityLabel;
    if (m_selectedCore >= 0)
        text += QStringLiteral("\nSelected core %1 (column %2, row %3)")
                    .arg(m_selectedCore)
                    .arg(m_chip.coreColumn(m_selectedCore))
                    .arg(m_chip.coreRow(m_selectedCore));
    m_caption->SetInput(text.toUtf8().constData());
}

void ChipFloorplanView::selectCore(int core) {
    if (core < -1 || core >= coreCount())
        core = -1;
    if (core == m_selectedCore)
        return;
    m_selectedCore = core;
    applyColours();
    updateCaption();
    Q_EMIT coreSelected(core);
}

int ChipFloorplanView::coreOf(const vtkProp* prop) const {
    const auto it = std::find(m_coreActors.begin(), m_coreActors.end(), prop);
    return it == m_coreActors.end() ? -1 : static_cast<int>(it - m_coreActors.begin());
}

QPoint ChipFloorplanView::coreCentreOnScreen(int core) {
    if (core < 0 || core >= coreCount())
        return {};
    double* position = m_coreActors[static_cast<size_t>(core)]->GetPosition();
    vtkNew<vtkCoordinate> coordinate;
    coordinate->SetCoordinateSystemToWorld();
    coordinate->SetValue(position[0], position[1], tileHeight(core));
    const double* display = coordinate->GetComputedDoubleDisplayValue(renderer());
    const qreal ratio = devicePixelRatioF();
    return {static_cast<int>(display[0] / ratio), static_cast<int>(height() - 1 - display[1] / ratio)};
}

void ChipFloorplanView::resetCamera() {
    vtkCamera* camera = renderer()->GetActiveCamera();
    const double cx = (m_chip.meshRows - 2) * kTilePitch / 2;
    const double cy = -(m_chip.meshColumns - 1) * kTilePitch / 2;
    camera->SetFocalPoint(cx, cy, 0.0);
    // Flat: from straight above, parallel projection. Height mode: from the south at about 50 degrees, in
    // perspective, so heights read as bars.
    camera->SetParallelProjection(!m_heightMode);
    if (m_heightMode)
        camera->SetPosition(cx, cy - 24.0, 20.0);
    else
        camera->SetPosition(cx, cy, 30.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    renderer()->ResetCamera();
    if (m_heightMode)
        camera->Zoom(0.92); // the window-centre shift in fitCamera() must not push the near corner out
    fitCamera();
    update();
}

void ChipFloorplanView::fitCamera() {
    // The chip goes in the part of the view that the colour bar (right) and caption (bottom) leave free:
    // about 84 % of the width and 78 % of the height, its centre shifted left and up by the window centre.
    vtkCamera* camera = renderer()->GetActiveCamera();
    const double aspect = height() > 0 ? double(width()) / height() : 1.0;
    constexpr double kFreeWidth = 0.84, kFreeHeight = 0.78;
    const double shift = m_heightMode ? 0.6 : 1.0; // perspective: the near edge is the widest
    camera->SetWindowCenter(shift * (1.0 - kFreeWidth), -shift * (1.0 - kFreeHeight));
    if (!m_heightMode) {
        const double dieWidth = (m_chip.meshRows + 1) * kTilePitch + 0.6;
        const double dieHeight = m_chip.meshColumns * kTilePitch + 0.6;
        camera->SetParallelScale(
            std::max(dieHeight / (2 * kFreeHeight), dieWidth / (2 * kFreeWidth * std::max(aspect, 0.1))));
    }
    renderer()->ResetCameraClippingRange();
}

void ChipFloorplanView::resizeEvent(QResizeEvent* event) {
    VtkRenderWidget::resizeEvent(event);
    fitCamera();
}

} // namespace pulselab::widgets
