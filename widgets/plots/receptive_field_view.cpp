#include "widgets/plots/receptive_field_view.h"

#include "widgets/common/colour_maps.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {
constexpr int kTitleHeight = 22, kGap = 1; // gap in feature pixels between tiles
}

ReceptiveFieldView::ReceptiveFieldView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(160, 120);
    setAutoFillBackground(true);
}

void ReceptiveFieldView::appendSnapshot(const core::RunSnapshot& snapshot) {
    if (!snapshot.features || snapshot.features->count <= 0 || snapshot.features->width <= 0 ||
        snapshot.features->height <= 0)
        return;
    m_features = snapshot.features;
    rebuildTiles();
    update();
}

void ReceptiveFieldView::clear() {
    m_features.reset();
    m_tiles = {};
    update();
}

int ReceptiveFieldView::columnsFor(int count) const {
    if (count <= 0)
        return 1;
    // As many columns as keep the grid's aspect close to the widget's.
    const double aspect = std::max(0.2, static_cast<double>(width()) / std::max(1, height() - kTitleHeight));
    return std::clamp(static_cast<int>(std::ceil(std::sqrt(count * aspect))), 1, count);
}

void ReceptiveFieldView::rebuildTiles() {
    const core::FeatureImages& f = *m_features;
    const int columns = columnsFor(f.count), rows = (f.count + columns - 1) / columns;
    m_tiles =
        QImage(columns * (f.width + kGap) - kGap, rows * (f.height + kGap) - kGap, QImage::Format_RGB32);
    m_tiles.fill(palette().color(QPalette::Window));
    const std::size_t per = static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height);
    for (int k = 0; k < f.count && (k + 1) * per <= f.pixels.size(); ++k) {
        const float* p = f.pixels.data() + static_cast<std::size_t>(k) * per;
        const auto [lo, hi] = std::minmax_element(p, p + per);
        const float range = *hi - *lo;
        const int x0 = (k % columns) * (f.width + kGap), y0 = (k / columns) * (f.height + kGap);
        for (int y = 0; y < f.height; ++y)
            for (int x = 0; x < f.width; ++x) {
                const float v = p[static_cast<std::size_t>(y * f.width + x)];
                const double t = range > 0 ? (v - *lo) / range : 0.0;
                m_tiles.setPixel(x0 + x, y0 + y, viridis(t).rgb());
            }
    }
}

QRect ReceptiveFieldView::tileRect(int index) const {
    if (!m_features || index < 0 || index >= m_features->count || m_tiles.isNull())
        return {};
    const core::FeatureImages& f = *m_features;
    const int columns = columnsFor(f.count);
    const QRect area = rect().adjusted(4, kTitleHeight, -4, -4);
    const double scale = std::min(static_cast<double>(area.width()) / m_tiles.width(),
                                  static_cast<double>(area.height()) / m_tiles.height());
    const QPointF origin(area.left() + (area.width() - m_tiles.width() * scale) / 2.0,
                         area.top() + (area.height() - m_tiles.height() * scale) / 2.0);
    const int x0 = (index % columns) * (f.width + kGap), y0 = (index / columns) * (f.height + kGap);
    return QRectF(origin.x() + x0 * scale, origin.y() + y0 * scale, f.width * scale, f.height * scale)
        .toAlignedRect();
}

void ReceptiveFieldView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    paintInto(painter, rect(), bold);
}

void ReceptiveFieldView::paintInto(QPainter& painter, const QRectF& bounds, const QFont& titleFont) {
    painter.setFont(titleFont);
    if (!m_features) {
        painter.drawText(bounds, Qt::AlignCenter, tr("Receptive fields (not reported by this run)"));
        return;
    }
    if (m_tiles.isNull() ||
        columnsFor(m_features->count) * (m_features->width + kGap) - kGap != m_tiles.width())
        rebuildTiles(); // resized: regrid
    const double titleHeight = std::max<double>(kTitleHeight, QFontMetricsF(titleFont).height() * 1.4);
    painter.drawText(QRectF(bounds.left(), bounds.top() + 2, bounds.width(), titleHeight - 4),
                     Qt::AlignCenter,
                     QString::fromStdString(m_features->title) + tr(" - %1 features").arg(m_features->count));
    const QRectF area = bounds.adjusted(4, titleHeight, -4, -4);
    const double scale = std::min(static_cast<double>(area.width()) / m_tiles.width(),
                                  static_cast<double>(area.height()) / m_tiles.height());
    const QSizeF size(m_tiles.width() * scale, m_tiles.height() * scale);
    const QRectF target(area.left() + (area.width() - size.width()) / 2.0,
                        area.top() + (area.height() - size.height()) / 2.0, size.width(), size.height());
    painter.drawImage(target, m_tiles); // nearest-neighbour: weights stay crisp squares
}

} // namespace pulselab::widgets
