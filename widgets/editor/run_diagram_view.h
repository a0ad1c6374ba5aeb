#pragma once
// A read-only diagram of a run whose network its experiment fixes (the MNIST and bars demos, the spike-coding
// network): one box per population with its name and size, tinted in the population's raster colour so the
// diagram doubles as the raster's legend, and one arrow per link saying what it carries, laid out in layers
// left to right. Clicking a box selects its population (the main window highlights its raster rows); a
// neuron picked elsewhere selects its box.
#include "core/runtime/run_snapshot.h"

#include <QGraphicsView>
#include <vector>

class QGraphicsPathItem;

namespace pulselab::widgets {

class RunDiagramView : public QGraphicsView {
    Q_OBJECT
public:
    explicit RunDiagramView(QWidget* parent = nullptr);

    void setRunLayout(const core::RunLayout& layout);
    /// Marks population `index` (-1: none) without emitting populationClicked.
    void selectPopulation(int index);
    int selectedPopulation() const { return m_selected; }

    int boxCount() const { return static_cast<int>(m_boxes.size()); }
    int arrowCount() const { return m_arrowCount; }
    /// The box of population `index` in scene coordinates (empty when there is none).
    QRectF boxRect(int index) const;
    /// The population whose box is under `viewPos`, or -1.
    int populationAt(const QPoint& viewPos) const;

Q_SIGNALS:
    /// The user clicked population `index`'s box, or empty canvas (-1).
    void populationClicked(int index);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fit();
    void paintSelection();

    QGraphicsScene* m_scene;
    std::vector<QGraphicsPathItem*> m_boxes;
    int m_arrowCount = 0;
    int m_selected = -1;
};

} // namespace pulselab::widgets
