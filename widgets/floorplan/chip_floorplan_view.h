#pragma once
// The Loihi 2 floorplan in 3-D: one tile per neuromorphic core on the chip's mesh, plus the embedded x86
// cores, coloured by a per-core value (load, traffic, energy) with a colour bar. Seen from above by default;
// in height mode the camera tilts and each tile rises in proportion to its value. Clicking a tile selects
// that core, hovering shows its numbers in a tooltip, and cores can be outlined (a population's cores).
#include "core/loihi/chip_description.h"
#include "widgets/floorplan/vtk_render_widget.h"

#include <QString>
#include <functional>
#include <set>
#include <vector>

class vtkActor;
class vtkLookupTable;
class vtkScalarBarActor;
class vtkTextActor;

namespace pulselab::widgets {

class ChipFloorplanView : public VtkRenderWidget {
    Q_OBJECT
public:
    explicit ChipFloorplanView(QWidget* parent = nullptr);

    void setChip(const core::loihi::ChipDescription& chip);
    const core::loihi::ChipDescription& chip() const { return m_chip; }

    /// Colours the core tiles by `values` (one per neuromorphic core) on a sequential colour map.
    void setCoreValues(const std::vector<double>& values, const QString& quantityLabel);

    const std::vector<double>& coreValues() const { return m_values; }
    const QString& quantityLabel() const { return m_quantityLabel; }

    int coreCount() const { return static_cast<int>(m_coreActors.size()); }
    int selectedCore() const { return m_selectedCore; }
    void selectCore(int core);

    /// The core a picked prop belongs to, or -1.
    int coreOf(const vtkProp* prop) const;
    /// The core under a widget position (logical pixels), or -1.
    int coreAt(const QPoint& position);

    /// Height mode: the camera tilts and every tile's height grows with its value (the tallest tile is
    /// kMaxTileRise above the flat tiles); off, the chip is seen from straight above with flat tiles.
    void setHeightMode(bool on);
    bool heightMode() const { return m_heightMode; }
    /// Height of a core's tile in scene units (the flat tile height unless in height mode).
    double tileHeight(int core) const;
    static constexpr double kFlatTileHeight = 0.18;
    static constexpr double kMaxTileRise = 4.0;

    /// Cores outlined in the highlight colour (e.g. those holding the population selected elsewhere).
    void setHighlightedCores(const std::set<int>& cores);
    const std::set<int>& highlightedCores() const { return m_highlighted; }

    /// What the tooltip over a core says; without a describer it names the core and its value.
    void setCoreDescriber(std::function<QString(int core)> describer) { m_describer = std::move(describer); }
    /// The tooltip text for a widget position (empty off the cores).
    QString toolTipAt(const QPoint& position);
    /// Whether the colour bar is shown (there are values above zero) and the maximum it is labelled with.
    bool colourBarVisible() const;
    double colourBarMaximum() const { return m_maxValue; }
    /// Widget position (logical pixels) of the centre of a core's tile in the current camera.
    QPoint coreCentreOnScreen(int core);

    /// Spike messages over the mesh links between neighbouring cores: each link with traffic is drawn over
    /// the tiles as a line whose width grows with its messages (both directions of a link added).
    struct LinkLoad {
        int fromCore = 0;
        int toCore = 0;
        double messages = 0.0;
    };
    void setLinkTraffic(const std::vector<LinkLoad>& links);
    int drawnLinkCount() const { return static_cast<int>(m_linkActors.size()); }
    /// Line width (pixels) of drawn link `index`, in the order of the busiest first.
    double drawnLinkWidth(int index) const;

    /// Back to the default oblique view of the whole chip.
    void resetCamera();

Q_SIGNALS:
    void coreSelected(int core);

protected:
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildScene();
    void rebuildLinks();
    void applyColours();
    void updateCaption();
    void applyHeights();
    void fitCamera();

    core::loihi::ChipDescription m_chip;
    std::vector<vtkActor*> m_coreActors; // owned by the renderer
    std::vector<vtkActor*> m_linkActors; // owned by the renderer, busiest link first
    std::vector<LinkLoad> m_links;       // undirected, busiest first
    std::vector<double> m_values;
    QString m_quantityLabel;
    vtkTextActor* m_caption = nullptr;
    vtkScalarBarActor* m_colourBar = nullptr; // owned by the renderer
    vtkLookupTable* m_lookup = nullptr;       // owned by m_colourBar
    double m_maxValue = 0.0;
    int m_selectedCore = -1;
    bool m_heightMode = false;
    std::vector<double> m_heights; // per core, scene units
    std::set<int> m_highlighted;
    std::function<QString(int)> m_describer;
};

} // namespace pulselab::widgets
