#pragma once
// Publication figures from any view: SVG and PDF stay vector where the view is vector (charts, editor
// canvas), PNG is rendered at a chosen DPI, all at a physical size (journal columns, slides). Several views
// can be composed into one figure with panel labels A, B, C ... Every file embeds the project (network,
// parameters, seed, PulseLab version) as metadata so opening the figure reopens the exact project.
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class QImage;
class QPainter;
class QRectF;
class QWidget;

namespace pulselab::widgets {

struct FigureSize {
    double widthMm = 85.0;
    double heightMm = 60.0; ///< of a figure with one row of panels
    int dpi = 300;          ///< for PNG (and for rasterised parts of vector files)
    /// Height added per further row of panels: a journal fixes a figure's width, not its height, and a
    /// chart needs ~40 mm to stay legible. 0 for slides, whose page is fixed.
    double extraRowMm = 0.0;

    static FigureSize journalSingleColumn() { return {85.0, 60.0, 600, 45.0}; }
    static FigureSize journalDoubleColumn() { return {180.0, 100.0, 600, 70.0}; }
    static FigureSize slide16by9() { return {254.0, 142.875, 150, 0.0}; } // 10 in x 5.625 in

    /// The page of a figure of `rows` rows of panels.
    FigureSize withRows(int rows) const {
        FigureSize page = *this;
        page.heightMm += extraRowMm * (rows > 1 ? rows - 1 : 0);
        return page;
    }
};

/// Rows of the grid exportFigure draws `panels` views in with `columns` columns (0: automatic).
int figureRows(int panels, int columns);

enum class FigureFormat { Svg, Pdf, Png };

/// The format a path's suffix names (svg, pdf, png), or nothing for anything else.
std::optional<FigureFormat> figureFormatForPath(const QString& path);

/// Paints `view` into `target` of a page with `devicePxPerMm` device pixels per millimetre. Charts and the
/// raster are laid out afresh at the target's physical size in the figure style (figure_style.h: one font
/// family at fixed point sizes, white background, full legends); other views are scaled uniformly and
/// centred. QGraphicsView-based views (charts, the editor) are drawn from their scene, so vector output
/// stays vector.
void paintView(QWidget* view, QPainter& painter, const QRectF& target, double devicePxPerMm);

/// Writes one view, or several as labelled panels in a grid of `columns` columns, on a page of
/// size.withRows(rows). `metadataJson` is embedded:
/// PNG text chunk "pulselab-project", SVG <metadata>, PDF XMP packet. Returns an empty string on success,
/// otherwise a message naming the file and the problem.
QString exportFigure(const QList<QWidget*>& views, const QString& path, const FigureSize& size,
                     const QString& metadataJson, int columns = 0);

/// The figure exportFigure would write, as an image of `size` at its DPI (a preview, or an image for the
/// clipboard). Null for no views or an empty size.
QImage renderFigure(const QList<QWidget*>& views, const FigureSize& size, int columns = 0);

/// The project JSON embedded in a figure written by exportFigure; empty with `error` set when there is none.
QString readFigureMetadata(const QString& path, QString* error = nullptr);

} // namespace pulselab::widgets
