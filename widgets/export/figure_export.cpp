#include "widgets/export/figure_export.h"

#include "widgets/editor/editor_scene.h"
#include "widgets/editor/run_diagram_view.h"
#include "widgets/export/figure_chart_painter.h"
#include "widgets/export/figure_spike_raster.h"
#include "widgets/export/figure_style.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/floorplan_painter.h"
#include "widgets/floorplan/loihi_panel.h"
#include "widgets/plots/belief_chart.h"
#include "widgets/plots/receptive_field_view.h"
#include "widgets/plots/time_series_chart.h"

#include <QBuffer>
#include <QChartView>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QOpenGLWidget>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace pulselab::widgets {

namespace {

constexpr const char* kPngKey = "pulselab-project";
constexpr const char* kXmpBegin = "<pulselab:project>";
constexpr const char* kXmpEnd = "</pulselab:project>";
constexpr double kMmPerInch = 25.4;
constexpr double kPanelLabelPt = 10.0;

int figureColumns(int panels, int columns) {
    return columns > 0 ? columns : (panels <= 3 ? panels : static_cast<int>(std::ceil(std::sqrt(panels))));
}

QSize pixelsFor(const FigureSize& size) {
    return {static_cast<int>(std::lround(size.widthMm / kMmPerInch * size.dpi)),
            static_cast<int>(std::lround(size.heightMm / kMmPerInch * size.dpi))};
}

/// Panels in a grid, each labelled with a capital letter when there are several.
void paintPanels(const QList<QWidget*>& views, QPainter& painter, const QRectF& page, int columns,
                 double devicePxPerMm) {
    const double labelPx = 3.5 * devicePxPerMm; // 3.5 mm of page per panel letter
    const int n = static_cast<int>(views.size());
    const int cols = figureColumns(n, columns);
    const int rows = figureRows(n, columns);
    const double cellW = page.width() / cols;
    const double cellH = page.height() / rows;
    for (int i = 0; i < n; ++i) {
        QRectF cell(page.left() + (i % cols) * cellW, page.top() + (i / cols) * cellH, cellW, cellH);
        if (n > 1) {
            QFont font = figure_style::font(kPanelLabelPt, true);
            font.setPixelSize(std::max(
                8, static_cast<int>(kPanelLabelPt * figure_style::kMmPerPoint * devicePxPerMm + 0.5)));
            painter.setFont(font);
            painter.setPen(Qt::black);
            painter.drawText(cell.adjusted(labelPx * 0.2, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                             QString(QChar('A' + i)));
            cell.adjust(labelPx * 1.2, labelPx * 0.4, 0, 0);
        }
        paintView(views[i], painter, cell, devicePxPerMm);
    }
}

/// The charts a composite view (the belief plot: beliefs over time, class bars) shows, each with the part
/// of the view it covers as a fraction of the view.
QList<QPair<QChartView*, QRectF>> visibleChartViews(QWidget* view) {
    QList<QPair<QChartView*, QRectF>> charts;
    const QSizeF size = view->size();
    if (size.isEmpty())
        return charts;
    for (QChartView* child : view->findChildren<QChartView*>(Qt::FindDirectChildrenOnly)) {
        if (!child->isVisibleTo(view))
            continue;
        const QRectF g = child->geometry();
        charts.append({child, QRectF(g.x() / size.width(), g.y() / size.height(), g.width() / size.width(),
                                     g.height() / size.height())});
    }
    return charts;
}

QString svgWithMetadata(const QByteArray& svg, const QString& metadataJson) {
    QString text = QString::fromUtf8(svg);
    QString escaped = metadataJson;
    escaped.replace(QStringLiteral("]]>"), QStringLiteral("]]]]><![CDATA[>"));
    const QString block =
        QStringLiteral("<metadata id=\"pulselab-project\"><![CDATA[%1]]></metadata>\n").arg(escaped);
    const int afterRoot = text.indexOf(QLatin1Char('>'), text.indexOf(QStringLiteral("<svg")));
    if (afterRoot >= 0)
        text.insert(afterRoot + 1, QLatin1Char('\n') + block);
    return text;
}

QString writeBytes(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path); // atomic: a crash never leaves half a figure
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    file.write(bytes);
    if (!file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace

int figureRows(int panels, int columns) {
    const int cols = std::max(1, figureColumns(panels, columns));
    return std::max(1, (panels + cols - 1) / cols);
}

std::optional<FigureFormat> figureFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    return std::nullopt;
}

void paintView(QWidget* view, QPainter& painter, const QRectF& target, double devicePxPerMm) {
    const QSizeF source = view->size();
    if (source.isEmpty() || target.isEmpty())
        return;
    const double scale = std::min(target.width() / source.width(), target.height() / source.height());
    const QSizeF drawn = source * scale;
    const QRectF box(target.center() - QPointF(drawn.width() / 2, drawn.height() / 2), drawn);
    painter.setFont(figure_style::font(figure_style::kLabelPt));
    painter.fillRect(target, Qt::white); // paper, never the widget's palette
    if (auto* raster = qobject_cast<FigureSpikeRaster*>(view)) {
        raster->paintFigure(painter, target, devicePxPerMm); // every spike a vector mark
        return;
    }
    if (auto* chart = qobject_cast<TimeSeriesChart*>(view)) {
        paintChartForFigure(chart->chart(), painter, target, devicePxPerMm, [chart] { chart->refresh(); });
        return;
    }
    if (auto* chartView = qobject_cast<QChartView*>(view)) {
        paintChartForFigure(chartView->chart(), painter, target, devicePxPerMm);
        return;
    }
    // A view made of charts (the belief plot) is drawn chart by chart, each in its share of the target.
    if (const auto charts = visibleChartViews(view); !charts.isEmpty()) {
        auto* beliefs = qobject_cast<BeliefChart*>(view);
        for (const auto& [chartView, share] : charts) {
            const QRectF part(target.left() + share.left() * target.width(),
                              target.top() + share.top() * target.height(), share.width() * target.width(),
                              share.height() * target.height());
            paintChartForFigure(chartView->chart(), painter, part, devicePxPerMm, [beliefs] {
                if (beliefs)
                    beliefs->refresh();
            });
        }
        return;
    }
    // A fixed experiment's diagram: all of it, on white, without the selection.
    if (auto* diagram = qobject_cast<RunDiagramView*>(view)) {
        const int selected = diagram->selectedPopulation();
        diagram->selectPopulation(-1);
        QGraphicsScene* scene = diagram->scene();
        const QRectF items = scene->itemsBoundingRect();
        const double margin = 0.04 * std::max(items.width(), items.height());
        const QRectF whole = items.adjusted(-margin, -margin, margin, margin);
        const double fit = std::min(target.width() / whole.width(), target.height() / whole.height());
        const QSizeF size = whole.size() * fit;
        scene->render(&painter, QRectF(target.center() - QPointF(size.width() / 2, size.height() / 2), size),
                      whole);
        diagram->selectPopulation(selected);
        return;
    }
    // The network editor: the whole network (not the part scrolled into view), on white without the grid.
    if (auto* graphics = qobject_cast<QGraphicsView*>(view);
        graphics && qobject_cast<EditorScene*>(graphics->scene())) {
        auto* scene = static_cast<EditorScene*>(graphics->scene());
        const bool grid = scene->backgroundGridVisible();
        const QList<QGraphicsItem*> selected = scene->selectedItems();
        for (QGraphicsItem* item : selected)
            item->setSelected(false); // selection is screen state, not part of the network
        scene->setBackgroundGridVisible(false);
        const QRectF items = scene->itemsBoundingRect();
        const double margin = 0.04 * std::max(items.width(), items.height());
        scene->render(&painter, target, items.adjusted(-margin, -margin, margin, margin));
        scene->setBackgroundGridVisible(grid);
        for (QGraphicsItem* item : selected)
            item->setSelected(true);
        return;
    }
    if (auto* fields = qobject_cast<ReceptiveFieldView*>(view)) {
        const QSizeF canvas = target.size() / devicePxPerMm * figure_style::kLayoutPxPerMm;
        painter.save();
        painter.translate(target.topLeft());
        painter.scale(target.width() / canvas.width(), target.height() / canvas.height());
        painter.setPen(Qt::black);
        fields->paintInto(painter, QRectF(QPointF(0, 0), canvas),
                          figure_style::font(figure_style::kTitlePt, true));
        painter.restore();
        return;
    }
    if (auto* graphics = qobject_cast<QGraphicsView*>(view); graphics && graphics->scene()) {
        graphics->scene()->render(&painter, box,
                                  graphics->mapToScene(graphics->viewport()->rect()).boundingRect());
        return;
    }
    // The floorplan is drawn top-down as vector shapes (no OpenGL needed, so this works headless too).
    ChipFloorplanView* plan = qobject_cast<ChipFloorplanView*>(view);
    if (auto* panel = qobject_cast<LoihiPanel*>(view))
        plan = panel->floorplan();
    if (plan) {
        // Laid out in figure pixels at the panel's physical size, so its text has a print size.
        const QSizeF canvas = target.size() / devicePxPerMm * figure_style::kLayoutPxPerMm;
        painter.save();
        painter.translate(target.topLeft());
        painter.scale(target.width() / canvas.width(), target.height() / canvas.height());
        paintFloorplan2D(painter, QRectF(QPointF(0, 0), canvas), plan->chip(), plan->coreValues(),
                         plan->quantityLabel(), -1); // the selection is screen state
        painter.restore();
        return;
    }
    if (auto* gl = qobject_cast<QOpenGLWidget*>(view)) {
        painter.drawImage(box, gl->grabFramebuffer());
        return;
    }
    painter.save();
    painter.translate(box.topLeft());
    painter.scale(scale, scale);
    view->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
}

QString exportFigure(const QList<QWidget*>& views, const QString& path, const FigureSize& requested,
                     const QString& metadataJson, int columns) {
    const FigureSize size = requested.withRows(figureRows(static_cast<int>(views.size()), columns));
    const auto format = figureFormatForPath(path);
    if (!format)
        return QStringLiteral("%1: unknown figure format (use .svg, .pdf or .png)").arg(path);
    if (views.isEmpty())
        return QStringLiteral("%1: no view to export").arg(path);
    if (size.widthMm <= 0 || size.heightMm <= 0 || size.dpi < 36 || size.dpi > 2400)
        return QStringLiteral("%1: figure size %2 x %3 mm at %4 dpi is out of range")
            .arg(path)
            .arg(size.widthMm)
            .arg(size.heightMm)
            .arg(size.dpi);
    const QSize pixels = pixelsFor(size);
    const double pxPerMm = size.dpi / kMmPerInch; // device pixels per mm of paper, in every format

    switch (*format) {
    case FigureFormat::Png: {
        QImage image(pixels, QImage::Format_ARGB32);
        image.fill(Qt::white);
        const int dotsPerMeter = static_cast<int>(std::lround(size.dpi / 0.0254));
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            paintPanels(views, painter, QRectF(QPointF(0, 0), QSizeF(pixels)), columns, pxPerMm);
        }
        image.setText(QString::fromLatin1(kPngKey), metadataJson);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        if (!writer.write(image))
            return QStringLiteral("%1: PNG encoding failed: %2").arg(path, writer.errorString());
        return writeBytes(path, bytes);
    }
    case FigureFormat::Svg: {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setResolution(size.dpi);
        svg.setSize(pixels);
        svg.setViewBox(QRect(QPoint(0, 0), pixels));
        svg.setTitle(QStringLiteral("PulseLab figure"));
        {
            QPainter painter(&svg);
            paintPanels(views, painter, QRectF(QPointF(0, 0), QSizeF(pixels)), columns, pxPerMm);
        }
        return writeBytes(path, svgWithMetadata(bytes, metadataJson).toUtf8());
    }
    case FigureFormat::Pdf: {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setPageSize(QPageSize(QSizeF(size.widthMm, size.heightMm), QPageSize::Millimeter));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(size.dpi);
        pdf.setTitle(QStringLiteral("PulseLab figure"));
        pdf.setCreator(QStringLiteral("PulseLab"));
        // The project travels in the XMP packet, base64 so that no PDF or XML syntax can break it.
        const QByteArray xmp =
            QByteArrayLiteral(
                "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
                "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                "<rdf:Description rdf:about='' xmlns:pulselab='https://pulselab.invalid/ns/1'>") +
            kXmpBegin + metadataJson.toUtf8().toBase64() + kXmpEnd +
            QByteArrayLiteral("</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>");
        pdf.setDocumentXmpMetadata(xmp);
        {
            QPainter painter(&pdf);
            const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
            paintPanels(views, painter, page, columns, pxPerMm);
        }
        buffer.close();
        return writeBytes(path, bytes);
    }
    }
    return QStringLiteral("%1: unsupported format").arg(path);
}

QImage renderFigure(const QList<QWidget*>& views, const FigureSize& requested, int columns) {
    const FigureSize size = requested.withRows(figureRows(static_cast<int>(views.size()), columns));
    const QSize pixels = pixelsFor(size);
    if (views.isEmpty() || pixels.isEmpty())
        return {};
    QImage image(pixels, QImage::Format_ARGB32);
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(size.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintPanels(views, painter, QRectF(QPointF(0, 0), QSizeF(pixels)), columns, size.dpi / kMmPerInch);
    return image;
}

QString readFigureMetadata(const QString& path, QString* error) {
    auto fail = [&](const QString& message) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, message);
        return QString();
    };
    const auto format = figureFormatForPath(path);
    if (!format)
        return fail(QStringLiteral("not a PulseLab figure format (svg, pdf, png)"));
    if (*format == FigureFormat::Png) {
        QImageReader reader(path);
        if (!reader.canRead())
            return fail(QStringLiteral("not a readable PNG image"));
        const QString text = reader.text(QString::fromLatin1(kPngKey));
        return text.isEmpty() ? fail(QStringLiteral("has no embedded PulseLab project")) : text;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    const QByteArray bytes = file.read(512 * 1024 * 1024);
    if (*format == FigureFormat::Svg) {
        const QByteArray begin = "<metadata id=\"pulselab-project\"><![CDATA[";
        const qsizetype start = bytes.indexOf(begin);
        const qsizetype end = start < 0 ? -1 : bytes.indexOf("]]></metadata>", start);
        if (start < 0 || end < 0)
            return fail(QStringLiteral("has no embedded PulseLab project"));
        QString text = QString::fromUtf8(bytes.mid(start + begin.size(), end - start - begin.size()));
        return text.replace(QStringLiteral("]]]]><![CDATA[>"), QStringLiteral("]]>"));
    }
    const qsizetype start = bytes.indexOf(kXmpBegin);
    const qsizetype end = start < 0 ? -1 : bytes.indexOf(kXmpEnd, start);
    if (start < 0 || end < 0)
        return fail(QStringLiteral("has no embedded PulseLab project"));
    const qsizetype from = start + static_cast<qsizetype>(qstrlen(kXmpBegin));
    return QString::fromUtf8(QByteArray::fromBase64(bytes.mid(from, end - from)));
}

} // namespace pulselab::widgets
