#pragma once
// Learned features as small images (receptive fields): each latent's weights onto an image-shaped input, in a
// grid, each scaled to its own range on the viridis map, redrawn as learning goes on. Shows the latest
// features a run published (RunSnapshot::features).
#include "core/runtime/run_snapshot.h"

#include <QImage>
#include <QWidget>

#include <memory>

class QPainter;

namespace pulselab::widgets {

class ReceptiveFieldView : public QWidget {
    Q_OBJECT
public:
    explicit ReceptiveFieldView(QWidget* parent = nullptr);

    const core::FeatureImages* features() const { return m_features.get(); }
    /// Grid columns used for `count` features in the current size.
    int columnsFor(int count) const;
    /// The rectangle feature `index` is drawn in (widget coordinates); empty when there is none.
    QRect tileRect(int index) const;
    /// Draws the title and the grid of features into `area` of `painter` with `titleFont` (paintEvent, and
    /// figures at their own size and fonts).
    void paintInto(QPainter& painter, const QRectF& area, const QFont& titleFont);

public Q_SLOTS:
    void appendSnapshot(const pulselab::core::RunSnapshot& snapshot);
    void clear();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void rebuildTiles();

    std::shared_ptr<const core::FeatureImages> m_features;
    QImage m_tiles; // all features at one pixel per weight, laid out in the grid
};

} // namespace pulselab::widgets
