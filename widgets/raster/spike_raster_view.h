#pragma once
// The spike raster: every neuron of the run (grouped and coloured by population, names on the left) against
// time. Spikes are drawn incrementally into an image that scrolls by whole pixels as time advances -- never
// one item per spike, never a full redraw per frame while following. A full redraw from the stored recent
// spikes happens only on resize, zoom or layout change. Wheel zooms time, Ctrl+wheel zooms neurons, hover
// names the spike under the cursor, click selects a neuron.
#include "core/runtime/run_snapshot.h"

#include <QImage>
#include <QWidget>

#include <deque>
#include <optional>
#include <span>

namespace pulselab::widgets {

class SpikeRasterView : public QWidget {
    Q_OBJECT
public:
    explicit SpikeRasterView(QWidget* parent = nullptr);

    void setRunLayout(const core::RunLayout& layout);
    void clear();
    /// New spikes up to `endStep` (exclusive), which is "now".
    void appendSpikes(std::span<const core::SpikeEvent> spikes, std::int64_t endStep);
    void appendSnapshot(const core::RunSnapshot& snapshot) {
        appendSpikes(snapshot.spikes, snapshot.endStep);
    }

    /// Which populations get rows (by index in the run layout; all by default). Hidden ones are not drawn and
    /// the shown ones close up; the neuron zoom resets. Also offered by the view's context menu.
    void setShownPopulations(const std::vector<bool>& shown);
    bool populationShown(int population) const;
    /// Rows in the raster: the neurons of the shown populations.
    std::uint32_t rowCount() const { return static_cast<std::uint32_t>(m_neuronOfRow.size()); }

    void setWindowMs(double ms);
    double windowMs() const { return m_windowMs; }
    /// Rows shown: rows [first, first + count) (rows are neurons when every population is shown).
    void setNeuronRange(std::uint32_t first, std::uint32_t count);
    void selectNeuron(int neuron);
    int selectedNeuron() const { return m_selected; }
    /// Tints the rows of neurons [first, first + count) -- a population picked in the node editor, or the
    /// neurons of a Loihi core picked on the floorplan (linked selection). count 0 clears it. No signal.
    void highlightNeurons(std::uint32_t first, std::uint32_t count);
    std::pair<std::uint32_t, std::uint32_t> highlightedNeurons() const {
        return {m_highlightFirst, m_highlightCount};
    }

    /// The plot area (widget coordinates) and where a spike is drawn in it.
    QRect plotRect() const;
    QPoint pixelFor(std::int64_t step, std::uint32_t neuron) const;
    /// Neuron under a widget position, or -1; the stored spike nearest to it within a few pixels.
    int neuronAt(const QPoint& position) const;
    std::optional<core::SpikeEvent> spikeNear(const QPoint& position) const;
    const QImage& image() const { return m_image; }
    /// Frames painted so far (for the frame-rate benchmark).
    std::uint64_t framesPainted() const { return m_frames; }

Q_SIGNALS:
    void neuronSelected(int neuron);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    double msPerPixel() const;
    std::int64_t columnOf(std::int64_t step) const;
    std::int64_t leftColumnFor(std::int64_t now) const;
    double rowsPerNeuron() const;
    /// Row of a global neuron (-1 when its population is hidden; rowCount() past the last neuron).
    std::int64_t rowOf(std::uint32_t neuron) const;
    /// Widget y of the top of `row`.
    int rowTop(std::int64_t row) const;
    /// y of the top of `row` below the plot's top, and its height (rows of thin populations are taller).
    double rowY(std::int64_t row) const;
    double rowHeight(std::int64_t row) const { return rowY(row + 1) - rowY(row); }
    /// The row at `y` below the plot's top (may be outside [0, rowCount())).
    std::int64_t rowAtY(double y) const;
    /// Recomputes m_rowY for the plot's height, the shown populations and the zoom.
    void layOutRows();
    void rebuildRows();
    void redraw();
    /// Plots spikes (in step order, as runs publish them) with the constants of the current view hoisted out
    /// of the loop: at 50x real time with 10,000 neurons a frame brings ~200,000 spikes.
    template <typename Spikes> void plotSpikes(const Spikes& spikes);
    void scrollTo(std::int64_t endStep);
    QString describe(const core::SpikeEvent& spike) const;

    core::RunLayout m_layout;
    std::deque<core::SpikeEvent> m_recent; // sorted by step, bounded to what can be shown
    QImage m_image;                        // the plot area, one pixel per image pixel
    std::int64_t m_leftColumn = 0;         // time column (anchored at t = 0) at the image's left edge
    std::int64_t m_now = 0;
    double m_windowMs = 1000.0;
    std::uint32_t m_firstNeuron = 0;
    std::uint32_t m_neuronCount = 0; // 0 = all
    int m_selected = -1;
    std::uint32_t m_highlightFirst = 0;
    std::uint32_t m_highlightCount = 0;
    std::uint64_t m_frames = 0;
    std::vector<QRgb> m_colours;             // per population
    std::vector<QRgb> m_neuronColours;       // per global neuron: its population's colour
    std::vector<bool> m_shown;               // per population
    std::vector<std::int32_t> m_rowOfNeuron; // per global neuron: its row, -1 when hidden
    std::vector<std::uint32_t> m_neuronOfRow;
    /// y (below the plot's top) of each row's top and one past the last, when showing all rows with no
    /// population band thinner than kMinBandPx; empty when zoomed (rows then share the height evenly).
    std::vector<double> m_rowY;
};

} // namespace pulselab::widgets
