// Figure export: physical size and DPI are honoured, charts stay vector in SVG/PDF, panels get letters, and
// every format carries the project back out (PNG text chunk, SVG metadata, PDF XMP).
#include "synthetic_run.h"
#include "widgets/export/figure_export.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/plots/time_series_chart.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab;
using namespace pulselab::widgets;

namespace {
const QString kProject =
    QStringLiteral(R"({"format":"pulselab-project","seed":7,"note":"]]> and <tags> & ünïcödé"})");
}

class TestFigureExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<TimeSeriesChart> m_chart;
    std::unique_ptr<QLabel> m_label;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PULSELAB_KEEP_TEST_OUTPUT"));
        m_chart = std::make_unique<TimeSeriesChart>(
            std::set<core::SignalKind>{core::SignalKind::FreeEnergyTotal, core::SignalKind::FreeEnergyLayer},
            "Free energy", "F");
        m_chart->resize(600, 400);
        tests::SyntheticRun run;
        m_chart->setRunLayout(run.layout());
        core::RunSnapshot snapshot;
        run.advance(1000, snapshot);
        snapshot.endStep = 1000;
        m_chart->appendSnapshot(snapshot);
        m_chart->refresh();
        m_chart->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
        m_label = std::make_unique<QLabel>(QStringLiteral("raster placeholder"));
        m_label->resize(300, 200);
    }

    void pngHasThePhysicalSizeAndTheProject() {
        const QString file = path("fig.png");
        QCOMPARE(exportFigure({m_chart.get()}, file, FigureSize::journalSingleColumn(), kProject), QString());
        QImage image(file);
        QCOMPARE(image.width(), 2008);  // 85 mm at 600 dpi
        QCOMPARE(image.height(), 1417); // 60 mm
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 600);
        // Not blank: the chart's lines and text are drawn.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY2(dark > 50, qPrintable(QString::number(dark)));
        QString error;
        QCOMPARE(readFigureMetadata(file, &error), kProject);
    }

    void svgIsVectorWithMetadata() {
        const QString file = path("fig.svg");
        QCOMPARE(exportFigure({m_chart.get()}, file, FigureSize::journalDoubleColumn(), kProject), QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(svg.contains("<path") || svg.contains("<polyline"));
        QVERIFY(!svg.contains("<image")); // the chart was not rasterised
        QVERIFY(svg.contains("width=\"180mm\"") || svg.contains("width=\"180.0"));
        QCOMPARE(readFigureMetadata(file), kProject);
    }

    void pdfHasThePageSizeAndTheProject() {
        const QString file = path("fig.pdf");
        QCOMPARE(exportFigure({m_chart.get()}, file, FigureSize::journalSingleColumn(), kProject), QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        // 85 x 60 mm = 240.94 x 170.08 pt.
        const QRegularExpression box(QStringLiteral("MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto match = box.match(QString::fromLatin1(pdf));
        QVERIFY(match.hasMatch());
        QVERIFY(qAbs(match.captured(1).toDouble() - 240.94) < 1.0);
        QVERIFY(qAbs(match.captured(2).toDouble() - 170.08) < 1.0);
        QCOMPARE(readFigureMetadata(file), kProject);
    }

    void composedFigureLabelsItsPanels() {
        const QString file = path("composed.svg");
        QCOMPARE(
            exportFigure({m_chart.get(), m_label.get()}, file, FigureSize::journalDoubleColumn(), kProject),
            QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.contains(QStringLiteral(">A</text>")));
        QVERIFY(svg.contains(QStringLiteral(">B</text>")));
        QVERIFY(svg.contains(QStringLiteral("raster placeholder")));
    }

    void floorplanExportsAsVectorWithoutRenderingGL() {
        ChipFloorplanView plan; // never shown: no GL context is created
        std::vector<double> load(128, 0.0);
        load[5] = 10.0;
        plan.setCoreValues(load, QStringLiteral("neurons per core"));
        const QString file = path("floorplan.svg");
        QCOMPARE(exportFigure({&plan}, file, FigureSize::journalSingleColumn(), kProject), QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(!svg.contains(QStringLiteral("<image")));
        QVERIFY(svg.contains(QStringLiteral(">127</text>"))); // every core is labelled
        QVERIFY(svg.contains(QStringLiteral("neurons per core")));
        // viridis maximum (yellow) for core 5, minimum (dark purple) elsewhere.
        QVERIFY(svg.contains(QStringLiteral("#fde725"), Qt::CaseInsensitive));
        QVERIFY(svg.contains(QStringLiteral("#440154"), Qt::CaseInsensitive));
    }

    void badRequestsNameTheFile() {
        QVERIFY(exportFigure({m_chart.get()}, path("fig.bmpx"), {}, kProject)
                    .contains(QStringLiteral("fig.bmpx")));
        QVERIFY(exportFigure({m_chart.get()}, QStringLiteral("/nonexistent/dir/f.png"), {}, kProject)
                    .contains(QStringLiteral("/nonexistent/dir/f.png: cannot write")));
        FigureSize absurd;
        absurd.dpi = 10;
        QVERIFY(
            exportFigure({m_chart.get()}, path("x.png"), absurd, kProject).contains(QStringLiteral("dpi")));
        QString error;
        QFile plain(path("plain.svg"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        plain.close();
        QVERIFY(readFigureMetadata(path("plain.svg"), &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("plain.svg: has no embedded PulseLab project")));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestFigureExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_figure_export.moc"
