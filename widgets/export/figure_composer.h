#pragma once
// The figure composer: pick some of the open views, arrange them in a grid (rows x columns), see a live
// preview with the panel letters A, B, C ..., choose the size preset and DPI, and export the whole figure
// into one file (SVG, PDF or PNG) through exportFigure, the project embedded.
#include "widgets/export/figure_export.h"

#include <QDialog>
#include <QList>
#include <QString>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace pulselab::widgets {

class FigureComposer : public QDialog {
    Q_OBJECT
public:
    struct View {
        QString name;
        QWidget* widget = nullptr;
        bool checked = false;
    };

    /// `metadataJson` (the project) is embedded in what Export writes.
    FigureComposer(const QList<View>& views, const QString& metadataJson, QWidget* parent = nullptr);

    void setViewChecked(int index, bool checked);
    /// The views ticked, in list order: panels A, B, ... of the figure.
    QList<QWidget*> selectedViews() const;
    /// Rows x columns; a change to one keeps the other large enough for every selected view.
    void setGrid(int rows, int columns);
    int rows() const;
    int columns() const;
    /// 0 single column, 1 double column, 2 slide.
    void setPreset(int index);
    void setDpi(int dpi);
    FigureSize figureSize() const;

    /// Writes the figure; empty on success, else the message (also shown in the dialog).
    QString exportTo(const QString& path);
    /// The image the preview shows (null when no view is selected).
    QImage previewImage() const;

private:
    void fitGrid(bool rowsChanged);
    void updatePreview();
    void chooseFileAndExport();

    QList<View> m_views;
    QString m_metadata;
    QList<QCheckBox*> m_boxes;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_columns = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_dpi = nullptr;
    QLabel* m_preview = nullptr;
    QLabel* m_status = nullptr;
};

/// Copies one view to the clipboard as an image of `size` (as exportFigure would draw it).
void copyViewAsImage(QWidget* view, const FigureSize& size);

} // namespace pulselab::widgets
