#pragma once
// The spike raster as it goes into a figure: the same SpikeRasterView the main window docks, which also keeps
// every spike it was given so that vector figures (SVG, PDF) draw each spike as its own mark -- one short
// line per spike, countable and sharp at any zoom -- instead of the view's screen image. Past
// kMaxVectorSpikes it falls back to the screen image (a vector file with millions of marks helps nobody).
#include "widgets/raster/spike_raster_view.h"

#include <vector>

class QPainter;
class QRectF;

namespace pulselab::widgets {

class FigureSpikeRaster : public SpikeRasterView {
    Q_OBJECT
public:
    static constexpr std::size_t kMaxVectorSpikes = 200'000;

    explicit FigureSpikeRaster(QWidget* parent = nullptr);

    /// As SpikeRasterView::setRunLayout, and forgets the kept spikes.
    void startRun(const core::RunLayout& layout);
    /// As SpikeRasterView::appendSnapshot, and keeps the snapshot's spikes.
    void addSnapshot(const core::RunSnapshot& snapshot);
    /// Shows simulated time [0, durationMs] in full.
    void showWholeRun(double durationMs);

    /// Spikes drawn as vector marks by paintFigure (0 when it falls back to the screen image).
    std::size_t vectorMarkCount() const;
    /// Paints the raster into `target` (a page with `devicePxPerMm` device pixels per mm), laid out at the
    /// target's physical size in the figure style (figure_style.h), each spike as one line.
    void paintFigure(QPainter& painter, const QRectF& target, double devicePxPerMm);

private:
    core::RunLayout m_runLayout;
    std::vector<core::SpikeEvent> m_kept;
    std::int64_t m_endStep = 0;
    double m_shownMs = 1000.0;
};

} // namespace pulselab::widgets
