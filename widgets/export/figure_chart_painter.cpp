#include "widgets/export/figure_chart_painter.h"

#include "widgets/export/figure_style.h"

#include <QAbstractAxis>
#include <QAreaSeries>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QXYSeries>

#include <algorithm>
#include <vector>

namespace pulselab::widgets {

namespace {

struct LegendEntry {
    QString label;
    QPen pen;
    QBrush brush;
    bool area = false;
    bool shared = false; ///< stands for several series (kFigureLabelProperty)
};

constexpr double kSampleMm = 5.0;  // line sample beside each legend label
constexpr double kGapMm = 1.2;     // sample to label
constexpr double kSpacingMm = 3.0; // between entries of a row
constexpr double kPadMm = 1.0;     // above and below the legend

std::vector<LegendEntry> legendEntries(QChart* chart) {
    std::vector<LegendEntry> entries;
    for (QLegendMarker* marker : chart->legend()->markers()) {
        const QVariant figureLabel = marker->property(kFigureLabelProperty);
        if (!marker->series() || !marker->series()->isVisible() ||
            (!marker->isVisible() && !figureLabel.isValid()))
            continue;
        LegendEntry entry;
        entry.label = figureLabel.isValid() ? figureLabel.toString() : marker->label();
        if (auto* area = qobject_cast<QAreaSeries*>(marker->series())) {
            entry.area = true;
            entry.brush = area->brush();
            entry.pen = area->pen();
        } else if (auto* line = qobject_cast<QXYSeries*>(marker->series())) {
            entry.pen = line->pen();
        } else {
            entry.area = true;
            entry.brush = marker->brush();
            entry.pen = Qt::NoPen;
        }
        entry.shared = figureLabel.isValid();
        if (entry.shared) {
            // An entry that stands for several series (one per latent): its style in neutral grey.
            const QColor grey(90, 90, 90);
            if (entry.pen.style() != Qt::NoPen)
                entry.pen.setColor(grey);
            QColor fill = grey;
            fill.setAlphaF(entry.brush.color().alphaF());
            entry.brush.setColor(fill);
        }
        if (!entry.label.isEmpty())
            entries.push_back(entry);
    }
    // Series by name first, then the entries that explain a style shared by several (dashes, bands).
    std::stable_partition(entries.begin(), entries.end(), [](const LegendEntry& e) { return !e.shared; });
    return entries;
}

/// Rows of entry indices that fit `width` layout pixels.
std::vector<std::vector<std::size_t>> legendRows(const std::vector<LegendEntry>& entries,
                                                 const QFontMetricsF& metrics, double width) {
    const double px = figure_style::kLayoutPxPerMm;
    std::vector<std::vector<std::size_t>> rows;
    double used = 0.0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const double w = (kSampleMm + kGapMm) * px + metrics.horizontalAdvance(entries[i].label);
        if (rows.empty() || (used > 0.0 && used + kSpacingMm * px + w > width)) {
            rows.emplace_back();
            used = 0.0;
        } else if (used > 0.0) {
            used += kSpacingMm * px;
        }
        rows.back().push_back(i);
        used += w;
    }
    return rows;
}

void paintLegend(QPainter& painter, const std::vector<LegendEntry>& entries,
                 const std::vector<std::vector<std::size_t>>& rows, const QRectF& area) {
    const double px = figure_style::kLayoutPxPerMm;
    const QFont font = figure_style::font(figure_style::kLabelPt);
    const QFontMetricsF metrics(font);
    painter.setFont(font);
    double y = area.top() + kPadMm * px;
    for (const auto& row : rows) {
        double rowWidth = 0.0;
        for (std::size_t i : row)
            rowWidth += (kSampleMm + kGapMm) * px + metrics.horizontalAdvance(entries[i].label);
        rowWidth += kSpacingMm * px * static_cast<double>(row.size() - 1);
        double x = area.left() + std::max(0.0, (area.width() - rowWidth) / 2);
        const double mid = y + metrics.height() / 2;
        for (std::size_t i : row) {
            const LegendEntry& e = entries[i];
            const QRectF sample(x, mid - metrics.height() * 0.3, kSampleMm * px, metrics.height() * 0.6);
            if (e.area) {
                painter.setPen(e.pen);
                painter.setBrush(e.brush);
                painter.drawRect(sample);
            } else {
                QPen pen = e.pen;
                pen.setCapStyle(Qt::FlatCap);
                painter.setPen(pen);
                painter.drawLine(QPointF(sample.left(), mid), QPointF(sample.right(), mid));
            }
            x += (kSampleMm + kGapMm) * px;
            painter.setPen(Qt::black);
            const double w = metrics.horizontalAdvance(e.label);
            painter.drawText(QRectF(x, y, w + 2, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                             e.label);
            x += w + kSpacingMm * px;
        }
        y += metrics.height() * 1.15;
    }
}

/// What paintChartForFigure changes, to put back afterwards.
struct SavedChart {
    QRectF geometry;
    QMargins margins;
    bool legendVisible;
    bool backgroundVisible;
    bool dropShadow;
    qreal roundness;
    QBrush background;
    QPen backgroundPen;
    QFont titleFont;
    struct Axis {
        QAbstractAxis* axis;
        QFont labels;
        QFont title;
    };
    std::vector<Axis> axes;
};

} // namespace

void paintChartForFigure(QChart* chart, QPainter& painter, const QRectF& target, double devicePxPerMm,
                         const std::function<void()>& relayout) {
    if (!chart || target.isEmpty() || devicePxPerMm <= 0)
        return;
    const double px = figure_style::kLayoutPxPerMm;
    const QSizeF layout = target.size() / devicePxPerMm * px;

    SavedChart saved{chart->geometry(),
                     chart->margins(),
                     chart->legend()->isVisible(),
                     chart->isBackgroundVisible(),
                     chart->isDropShadowEnabled(),
                     chart->backgroundRoundness(),
                     chart->backgroundBrush(),
                     chart->backgroundPen(),
                     chart->titleFont(),
                     {}};
    for (QAbstractAxis* axis : chart->axes())
        saved.axes.push_back({axis, axis->labelsFont(), axis->titleFont()});

    // Print style: white, no frame, the figure fonts; the legend is ours (below).
    chart->setBackgroundVisible(false);
    chart->setDropShadowEnabled(false);
    chart->setBackgroundRoundness(0);
    chart->setTitleFont(figure_style::font(figure_style::kTitlePt, true));
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(figure_style::font(figure_style::kTickPt));
        axis->setTitleFont(figure_style::font(figure_style::kLabelPt));
    }
    const std::vector<LegendEntry> entries = legendEntries(chart);
    const QFontMetricsF metrics(figure_style::font(figure_style::kLabelPt));
    const auto rows = legendRows(entries, metrics, layout.width() - 2 * px);
    const double legendHeight =
        rows.empty() ? 0.0 : static_cast<double>(rows.size()) * metrics.height() * 1.15 + 2 * kPadMm * px;
    chart->legend()->setVisible(false);
    chart->setMargins(QMargins(2, 2, 6, 2 + static_cast<int>(std::ceil(legendHeight))));
    chart->setGeometry(QRectF(chart->geometry().topLeft(), layout));
    // Lay out, let the view fit its axes to the new plot area, and lay out again: axis changes (tick
    // counts) reach the axis items only at the next layout pass, which must happen before rendering.
    const auto layOut = [chart] {
        if (chart->layout()) {
            chart->layout()->invalidate();
            chart->layout()->activate();
        }
    };
    layOut();
    for (int pass = 0; relayout && pass < 2; ++pass) {
        relayout();
        layOut();
    }

    const QRectF source = chart->mapRectToScene(chart->rect());
    painter.save();
    painter.fillRect(target, Qt::white);
    if (chart->scene())
        chart->scene()->render(&painter, target, source, Qt::IgnoreAspectRatio);
    // The legend in layout pixels, mapped onto the target.
    painter.translate(target.topLeft());
    painter.scale(target.width() / layout.width(), target.height() / layout.height());
    paintLegend(painter, entries, rows,
                QRectF(px, layout.height() - legendHeight, layout.width() - 2 * px, legendHeight));
    painter.restore();

    chart->setMargins(saved.margins);
    chart->legend()->setVisible(saved.legendVisible);
    chart->setBackgroundVisible(saved.backgroundVisible);
    chart->setDropShadowEnabled(saved.dropShadow);
    chart->setBackgroundRoundness(saved.roundness);
    chart->setBackgroundBrush(saved.background);
    chart->setBackgroundPen(saved.backgroundPen);
    chart->setTitleFont(saved.titleFont);
    for (const SavedChart::Axis& a : saved.axes) {
        a.axis->setLabelsFont(a.labels);
        a.axis->setTitleFont(a.title);
    }
    chart->setGeometry(saved.geometry);
    layOut();
    if (relayout) {
        relayout();
        layOut();
    }
}

} // namespace pulselab::widgets
