// The figure composer: ticked views become panels A, B ... of one exported file, the grid keeps room for
// every panel, the preview follows the choices, the PNG honours preset and DPI, and Copy View as Image puts
// the view on the clipboard.
#include "synthetic_run.h"
#include "widgets/export/figure_composer.h"
#include "widgets/plots/time_series_chart.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab;
using namespace pulselab::widgets;

namespace {
const QString kProject = QStringLiteral(R"({"format":"pulselab-project","title":"composer"})");
}

class TestFigureComposer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<TimeSeriesChart> m_chart;
    std::unique_ptr<QLabel> m_first;
    std::unique_ptr<QLabel> m_second;

    QList<FigureComposer::View> views() const {
        return {{QStringLiteral("Free energy"), m_chart.get(), true},
                {QStringLiteral("First label"), m_first.get(), false},
                {QStringLiteral("Second label"), m_second.get(), false},
                {QStringLiteral("Missing view"), nullptr, true}};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_chart = std::make_unique<TimeSeriesChart>(
            std::set<core::SignalKind>{core::SignalKind::FreeEnergyTotal, core::SignalKind::FreeEnergyLayer},
            "Free energy", "F");
        m_chart->resize(500, 300);
        tests::SyntheticRun run;
        m_chart->setRunLayout(run.layout());
        core::RunSnapshot snapshot;
        run.advance(500, snapshot);
        m_chart->appendSnapshot(snapshot);
        m_chart->refresh();
        m_chart->setAttribute(Qt::WA_DontShowOnScreen); // laid out as in a dock, never on screen
        m_chart->show();
        QCoreApplication::processEvents();
        m_first = std::make_unique<QLabel>(QStringLiteral("first panel text"));
        m_first->resize(300, 200);
        m_second = std::make_unique<QLabel>(QStringLiteral("second panel text"));
        m_second->resize(300, 200);
    }

    void exportsTwoLabelledPanelsInOneSvg() {
        FigureComposer composer(views(), kProject);
        QCOMPARE(composer.selectedViews().size(), 1); // the missing view cannot be ticked
        composer.setViewChecked(0, false);
        composer.setViewChecked(1, true);
        composer.setViewChecked(2, true);
        QCOMPARE(composer.selectedViews(), (QList<QWidget*>{m_first.get(), m_second.get()}));
        composer.setGrid(1, 2);
        const QString file = m_dir.filePath(QStringLiteral("two.svg"));
        QCOMPARE(composer.exportTo(file), QString());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.contains(QStringLiteral(">A</text>")));
        QVERIFY(svg.contains(QStringLiteral(">B</text>")));
        QVERIFY(!svg.contains(QStringLiteral(">C</text>")));
        QVERIFY(svg.contains(QStringLiteral("first panel text")));
        QVERIFY(svg.contains(QStringLiteral("second panel text")));
        QCOMPARE(readFigureMetadata(file), kProject);
    }

    void gridKeepsRoomForEveryPanel() {
        FigureComposer composer(views(), kProject);
        composer.setViewChecked(1, true);
        composer.setViewChecked(2, true); // three panels
        composer.setGrid(1, 1);
        QCOMPARE(composer.columns(), 1);
        QCOMPARE(composer.rows(), 3);
        composer.setGrid(2, 2);
        QCOMPARE(composer.rows(), 2);
        QCOMPARE(composer.columns(), 2);
    }

    void previewFollowsTheLayout() {
        FigureComposer composer(views(), kProject);
        composer.setViewChecked(1, true);
        composer.setGrid(1, 2);
        const QImage wide = composer.previewImage();
        QVERIFY(!wide.isNull());
        composer.setViewChecked(0, false);
        composer.setViewChecked(1, false);
        QVERIFY(composer.previewImage().isNull()); // nothing ticked, nothing to preview
    }

    void pngHonoursPresetAndDpi() {
        FigureComposer composer(views(), kProject);
        composer.setPreset(2); // slide, 254 x 142.875 mm
        composer.setDpi(100);
        const QString file = m_dir.filePath(QStringLiteral("slide.png"));
        QCOMPARE(composer.exportTo(file), QString());
        const QImage image(file);
        QCOMPARE(image.width(), 1000);
        QCOMPARE(image.height(), 563);
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 100);
    }

    void dialogShowsTheChoicesAndThePreview() {
        FigureComposer composer(views(), kProject);
        composer.setViewChecked(1, true);
        composer.resize(1000, 560);
        composer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&composer));
        const QImage shot = composer.grab().toImage();
        QCOMPARE(shot.size(), composer.size() * composer.devicePixelRatio());
        auto* preview = composer.findChild<QLabel*>(QStringLiteral("figurePreview"));
        QVERIFY(preview && !preview->pixmap().isNull());
        if (const QString dir = qEnvironmentVariable("PULSELAB_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(shot.save(dir + QStringLiteral("/figure_composer.png")));
    }

    void copiesOneViewToTheClipboard() {
        copyViewAsImage(m_first.get(), FigureSize{85.0, 60.0, 100});
        const QImage copied = QGuiApplication::clipboard()->image();
        QCOMPARE(copied.size(), QSize(335, 236));
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestFigureComposer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_figure_composer.moc"
