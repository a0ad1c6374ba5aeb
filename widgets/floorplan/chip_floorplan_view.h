#pragma once
// The Loihi 2 floorplan in 3-D: one tile per neuromorphic core on the chip's mesh, plus the embedded x86
// cores, coloured by a per-core value (load, traffic, energy). Clicking a tile selects that core.
#include "core/loihi/chip_description.h"
#include "widgets/floorplan/vtk_render_widget.h"

#include <QString>
#include <vector>

class vtkActor;
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

private:
    void rebuildScene();
    void rebuildLinks();
    void applyColours();
    void updateCaption();

    core::loihi::ChipDescription m_chip;
    std::vector<vtkActor*> m_coreActors; // owned by the renderer
    std::vector<vtkActor*> m_linkActors; // owned by the renderer, busiest link first
    std::vector<LinkLoad> m_links;       // undirected, busiest first
    std::vector<double> m_values;
    QString m_quantityLabel;
    vtkTextActor* m_caption = nullptr;
    int m_selectedCore = -1;
};

} // namespace pulselab::widgets
