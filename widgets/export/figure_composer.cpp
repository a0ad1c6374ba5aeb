#include "widgets/export/figure_composer.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace pulselab::widgets {

namespace {
constexpr int kPreviewDpi = 60; // enough to judge the layout, cheap enough to redraw on every change
const QSize kPreviewBox(560, 380);

FigureSize presetSize(int index) {
    return index == 0   ? FigureSize::journalSingleColumn()
           : index == 1 ? FigureSize::journalDoubleColumn()
                        : FigureSize::slide16by9();
}
} // namespace

FigureComposer::FigureComposer(const QList<View>& views, const QString& metadataJson, QWidget* parent)
    : QDialog(parent), m_views(views), m_metadata(metadataJson) {
    setWindowTitle(tr("Compose figure"));
    setObjectName(QStringLiteral("figureComposer"));

    auto* viewBox = new QGroupBox(tr("Panels (in order A, B, C ...)"), this);
    auto* viewLayout = new QVBoxLayout(viewBox);
    for (const View& v : m_views) {
        auto* box = new QCheckBox(v.name, viewBox);
        box->setChecked(v.checked && v.widget);
        box->setEnabled(v.widget != nullptr);
        connect(box, &QCheckBox::toggled, this, [this] {
            fitGrid(false);
            updatePreview();
        });
        viewLayout->addWidget(box);
        m_boxes << box;
    }
    viewLayout->addStretch();

    auto* options = new QFormLayout;
    m_rows = new QSpinBox(this);
    m_rows->setObjectName(QStringLiteral("rowsBox"));
    m_rows->setRange(1, 6);
    m_columns = new QSpinBox(this);
    m_columns->setObjectName(QStringLiteral("columnsBox"));
    m_columns->setRange(1, 6);
    auto* grid = new QHBoxLayout;
    grid->addWidget(m_rows);
    grid->addWidget(new QLabel(QStringLiteral("\u00d7"), this));
    grid->addWidget(m_columns);
    options->addRow(tr("Grid (rows \u00d7 columns)"), grid);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("presetBox"));
    m_preset->addItems({tr("Journal, single column (85 mm)"), tr("Journal, double column (180 mm)"),
                        tr("Slide 16:9 (254 mm)")});
    options->addRow(tr("Size"), m_preset);
    m_dpi = new QSpinBox(this);
    m_dpi->setObjectName(QStringLiteral("dpiBox"));
    m_dpi->setRange(72, 1200);
    m_dpi->setSingleStep(50);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("Resolution of PNG files (SVG and PDF stay vector)"));
    options->addRow(tr("Resolution"), m_dpi);

    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("figurePreview"));
    m_preview->setMinimumSize(kPreviewBox);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("background: #e8e8e8; border: 1px solid #bbb;"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* exportButton = buttons->addButton(tr("&Export..."), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(exportButton, &QPushButton::clicked, this, &FigureComposer::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* left = new QVBoxLayout;
    left->addWidget(viewBox, 1);
    left->addLayout(options);
    auto* top = new QHBoxLayout;
    top->addLayout(left);
    top->addWidget(m_preview, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    setPreset(1);
    m_columns->setValue(2);
    fitGrid(false);
    connect(m_rows, &QSpinBox::valueChanged, this, [this] {
        fitGrid(true);
        updatePreview();
    });
    connect(m_columns, &QSpinBox::valueChanged, this, [this] {
        fitGrid(false);
        updatePreview();
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_dpi->setValue(presetSize(index).dpi);
        updatePreview();
    });
    connect(m_dpi, &QSpinBox::valueChanged, this, &FigureComposer::updatePreview);
    updatePreview();
}

void FigureComposer::setViewChecked(int index, bool checked) {
    if (index >= 0 && index < m_boxes.size())
        m_boxes[index]->setChecked(checked);
}

QList<QWidget*> FigureComposer::selectedViews() const {
    QList<QWidget*> views;
    for (int i = 0; i < m_boxes.size(); ++i)
        if (m_boxes[i]->isChecked() && m_views[i].widget)
            views << m_views[i].widget;
    return views;
}

void FigureComposer::setGrid(int rowCount, int columnCount) {
    const QSignalBlocker blockRows(m_rows), blockColumns(m_columns);
    m_rows->setValue(rowCount);
    m_columns->setValue(columnCount);
    fitGrid(false);
    updatePreview();
}

int FigureComposer::rows() const {
    return m_rows->value();
}

int FigureComposer::columns() const {
    return m_columns->value();
}

void FigureComposer::fitGrid(bool rowsChanged) {
    const int n = std::max(1, static_cast<int>(selectedViews().size()));
    const QSignalBlocker blockRows(m_rows), blockColumns(m_columns);
    // exportFigure fills rows of `columns` panels: keep rows x columns >= n, adjusting the other spin box.
    if (rowsChanged)
        m_columns->setValue((n + m_rows->value() - 1) / m_rows->value());
    else
        m_rows->setValue((n + m_columns->value() - 1) / m_columns->value());
}

void FigureComposer::setPreset(int index) {
    m_preset->setCurrentIndex(std::clamp(index, 0, 2));
    m_dpi->setValue(presetSize(m_preset->currentIndex()).dpi);
}

void FigureComposer::setDpi(int dpi) {
    m_dpi->setValue(dpi);
}

FigureSize FigureComposer::figureSize() const {
    FigureSize size = presetSize(m_preset->currentIndex());
    size.dpi = m_dpi->value();
    return size;
}

QImage FigureComposer::previewImage() const {
    FigureSize size = figureSize();
    size.dpi = kPreviewDpi;
    return renderFigure(selectedViews(), size, columns());
}

void FigureComposer::updatePreview() {
    const QImage image = previewImage();
    if (image.isNull()) {
        m_preview->setPixmap({});
        m_preview->setText(tr("Tick at least one view"));
        return;
    }
    m_preview->setPixmap(QPixmap::fromImage(image).scaled(m_preview->size().boundedTo(kPreviewBox * 2),
                                                          Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

QString FigureComposer::exportTo(const QString& path) {
    const QList<QWidget*> views = selectedViews();
    const QString error = exportFigure(views, path, figureSize(), m_metadata, columns());
    m_status->setText(error.isEmpty()
                          ? tr("Exported %1 (%2 panels; the project is embedded)").arg(path).arg(views.size())
                          : error);
    return error;
}

void FigureComposer::chooseFileAndExport() {
    if (selectedViews().isEmpty()) {
        m_status->setText(tr("Tick at least one view to export."));
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export figure"), QString(), tr("Figures (*.svg *.pdf *.png)"));
    if (!path.isEmpty())
        exportTo(path);
}

void copyViewAsImage(QWidget* view, const FigureSize& size) {
    if (!view)
        return;
    QGuiApplication::clipboard()->setImage(renderFigure({view}, size));
}

} // namespace pulselab::widgets
