// OffscreenFigure: a project's run fed to the real views without a window (offscreen platform), exported as
// figures: one vector mark per spike, every charted point drawn, the project reopens identical from the
// figure, the floorplan needs no OpenGL, and bad view names are refused.
#include "widgets/export/figure_export.h"
#include "widgets/export/figure_spike_raster.h"
#include "widgets/export/offscreen_figure.h"
#include "widgets/plots/time_series_chart.h"

#include "core/model/project_file.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <map>
#include <set>

using namespace pulselab;
using namespace pulselab::widgets;

namespace {

core::Project example(const char* name, double durationMs) {
    const core::ProjectLoad load =
        core::loadProjectFile(std::string(PULSELAB_SOURCE_DIR) + "/examples/" + name);
    if (!load.project)
        qFatal("%s", load.error.c_str());
    core::Project project = *load.project;
    project.network.run.durationMs = durationMs;
    return project;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Polylines inside groups drawn with flat ("butt") caps: the raster's spike marks.
int spikeMarks(const QByteArray& svg) {
    QXmlStreamReader xml(svg);
    std::vector<bool> butt{false};
    int marks = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const bool inButt =
                xml.name() == QLatin1String("g")
                    ? xml.attributes().value(QLatin1String("stroke-linecap")) == QLatin1String("butt")
                    : butt.back();
            if (xml.name() == QLatin1String("polyline") && butt.back())
                ++marks;
            butt.push_back(inButt);
        } else if (xml.isEndElement()) {
            butt.pop_back();
        }
    }
    if (xml.hasError())
        qWarning("SVG does not parse: %s", qPrintable(xml.errorString()));
    return xml.hasError() ? -1 : marks;
}

/// Line segments drawn per stroke colour: Qt Charts draws a series as one segment (polyline) per pair of
/// consecutive points, in the series' pen. Flat-capped ("butt") lines are not series: the figure legend's
/// line samples.
std::map<QString, int> segmentsByStroke(const QByteArray& svg) {
    std::map<QString, int> segments;
    QXmlStreamReader xml(svg);
    std::vector<QString> stroke{QString()};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("polyline") && !stroke.back().isEmpty())
                ++segments[stroke.back()];
            const bool group = xml.name() == QLatin1String("g");
            const bool sample =
                group && xml.attributes().value(QLatin1String("stroke-linecap")) == QLatin1String("butt");
            stroke.push_back(sample  ? QString()
                             : group ? xml.attributes().value(QLatin1String("stroke")).toString()
                                     : stroke.back());
        } else if (xml.isEndElement()) {
            stroke.pop_back();
        }
    }
    return segments;
}

} // namespace

class TestOffscreenFigure : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PULSELAB_KEEP_TEST_OUTPUT"));
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
    }

    void rasterDrawsOneVectorMarkPerSpike() {
        const core::Project project = example("cuba.pulselab", 60.0);
        QString error;
        auto figure = OffscreenFigure::create(project, ".", &error);
        QVERIFY2(figure, qPrintable(error));
        QVERIFY2(figure->run(60.0, &error), qPrintable(error));
        QVERIFY(figure->spikeCount() > 100);
        QCOMPARE(figure->raster()->vectorMarkCount(), figure->spikeCount());
        const QString file = path("raster.svg");
        QCOMPARE(figure->exportViews({"raster"}, file, FigureSize::journalSingleColumn()), QString());
        const QByteArray svg = readAll(file);
        QCOMPARE(spikeMarks(svg), static_cast<int>(figure->spikeCount()));
        QVERIFY(!svg.contains("<image")); // no screen image under the marks
        QVERIFY(svg.contains(">exc</text>") && svg.contains(">inh</text>"));
    }

    void everyChartedFreeEnergyPointIsDrawn() {
        const core::Project project = example("default.pulselab", 2000.0);
        QString error;
        auto figure = OffscreenFigure::create(project, ".", &error);
        QVERIFY2(figure, qPrintable(error));
        QVERIFY2(figure->run(2000.0, &error), qPrintable(error));
        TimeSeriesChart* chart = figure->freeEnergy();
        QVERIFY(chart->seriesCount() >= 1);
        const QString file = path("free-energy.svg");
        QCOMPARE(figure->exportViews({"free-energy"}, file, FigureSize::journalDoubleColumn()), QString());
        const std::map<QString, int> drawn = segmentsByStroke(readAll(file));
        // Every series drawn whole, each in its own colour: as many colours with points - 1 segments as
        // there are series of that many points.
        std::map<int, int> seriesOfLength, coloursOfLength;
        for (int i = 0; i < chart->seriesCount(); ++i) {
            const int points = static_cast<int>(chart->seriesPoints(i).size());
            QVERIFY2(points > 10, qPrintable(QString::number(points)));
            ++seriesOfLength[points - 1];
        }
        for (const auto& [colour, segments] : drawn)
            ++coloursOfLength[segments];
        for (const auto& [segments, series] : seriesOfLength)
            QVERIFY2(coloursOfLength[segments] >= series,
                     qPrintable(QStringLiteral("%1 series of %2 segments, %3 colours drawn with as many")
                                    .arg(series)
                                    .arg(segments)
                                    .arg(coloursOfLength[segments])));
    }

    void chartLegendsNameEverySeriesInFull() {
        // Qt's one-row legend elided names and hid line styles at paper sizes; a figure lists every series
        // under its whole name, wrapping into rows, plus one entry each for the dashed exact posterior and
        // the bands.
        QString error;
        auto figure = OffscreenFigure::create(example("default.pulselab", 2000.0), ".", &error);
        QVERIFY2(figure, qPrintable(error));
        QVERIFY2(figure->run(2000.0, &error), qPrintable(error));
        for (const FigureSize& size :
             {FigureSize::journalSingleColumn(), FigureSize::journalDoubleColumn()}) {
            const QString file = path("legends.svg");
            QCOMPARE(figure->exportViews({"free-energy", "beliefs"}, file, size, 1), QString());
            const QString svg = QString::fromUtf8(readAll(file));
            QStringList names;
            for (int i = 0; i < figure->freeEnergy()->seriesCount(); ++i)
                names << figure->freeEnergy()->seriesName(i);
            QVERIFY(names.size() >= 3);
            names << QStringLiteral("top[0] belief") << QStringLiteral("top[1] belief")
                  << QStringLiteral("exact posterior mean") << QStringLiteral("±1 s.d. (exact posterior)");
            for (const QString& name : std::as_const(names))
                QVERIFY2(
                    svg.contains(QLatin1Char('>') + name.toHtmlEscaped() + QStringLiteral("</text>")),
                    qPrintable(QStringLiteral("%1 mm wide: legend lacks '%2'").arg(size.widthMm).arg(name)));
            QVERIFY2(!svg.contains(QChar(0x2026)), "an elided label in the figure");
        }
    }

    void viewsShareOnePaletteAndOneFont() {
        // Data in Okabe-Ito colours (or a darker shade of one, for the exact posterior's dashes), chrome in
        // greys, and all text in one font family: across the raster, the traces, free energy and beliefs.
        QString error;
        auto cuba = OffscreenFigure::create(example("cuba.pulselab", 50.0), ".", &error);
        QVERIFY2(cuba && cuba->run(50.0, &error), qPrintable(error));
        auto pc = OffscreenFigure::create(example("default.pulselab", 1000.0), ".", &error);
        QVERIFY2(pc && pc->run(1000.0, &error), qPrintable(error));
        QCOMPARE(cuba->exportViews({"raster", "traces"}, path("cuba.svg"), FigureSize::journalDoubleColumn()),
                 QString());
        QCOMPARE(
            pc->exportViews({"free-energy", "beliefs"}, path("pc.svg"), FigureSize::journalDoubleColumn()),
            QString());
        std::set<QRgb> allowed;
        for (const QRgb c : {0xE69F00u, 0x56B4E9u, 0x009E73u, 0xF0E442u, 0x0072B2u, 0xD55E00u, 0xCC79A7u}) {
            allowed.insert(c & 0xFFFFFF);
            allowed.insert(QColor::fromRgb(c).darker(160).rgb() & 0xFFFFFF);
        }
        const QRegularExpression colour(QStringLiteral("(?:fill|stroke)=\"#([0-9a-fA-F]{6})\""));
        const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
        for (const char* name : {"cuba.svg", "pc.svg"}) {
            const QString svg = QString::fromUtf8(readAll(path(name)));
            int data = 0;
            for (const auto& m : colour.globalMatch(svg)) {
                const QColor c(QLatin1Char('#') + m.captured(1));
                // Neutral: Qt Charts' theme greys for text and grid are within a few units of grey.
                const bool grey =
                    std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) <= 6;
                data += !grey;
                QVERIFY2(
                    grey || allowed.count(c.rgb() & 0xFFFFFF),
                    qPrintable(
                        QStringLiteral("%1: colour #%2 is not in the palette").arg(name, m.captured(1))));
            }
            QVERIFY(data > 0);
            QSet<QString> families;
            for (const auto& m : family.globalMatch(svg))
                families.insert(m.captured(1));
            QCOMPARE(families, QSet<QString>{QStringLiteral("DejaVu Sans")});
        }
    }

    void receptiveFieldsAreAFigureView() {
        // The learned features of the bars run, as `export-figure --view receptive-fields` draws them: the
        // title in the figure font and the weights as an image.
        QString error;
        auto figure = OffscreenFigure::create(example("bars-spiking-pc.pulselab", 300.0), ".", &error);
        QVERIFY2(figure && figure->run(300.0, &error), qPrintable(error));
        QVERIFY(figure->view("receptive-fields"));
        const QString file = path("fields.svg");
        QCOMPARE(figure->exportViews({"receptive-fields"}, file, FigureSize::journalSingleColumn()),
                 QString());
        const QByteArray svg = readAll(file);
        QVERIFY(svg.contains("<image"));
        QVERIFY(svg.contains(" features</text>"));
        QVERIFY(svg.contains("font-family=\"DejaVu Sans\""));
    }

    void figureBackgroundIsWhitePaper() {
        // No widget chrome: the belief view (a widget holding charts) and the others sit on white.
        QString error;
        auto figure = OffscreenFigure::create(example("default.pulselab", 1000.0), ".", &error);
        QVERIFY2(figure && figure->run(1000.0, &error), qPrintable(error));
        FigureSize size = FigureSize::journalDoubleColumn();
        size.dpi = 150;
        const QString file = path("white.png");
        QCOMPARE(figure->exportViews({"beliefs", "free-energy", "editor"}, file, size, 3), QString());
        const QImage image(file);
        QVERIFY(!image.isNull());
        // A strip along every panel's top and bottom edge, and the page's corners, are white.
        int notWhite = 0;
        for (int x = 0; x < image.width(); ++x)
            for (int y : {1, 2, image.height() - 3, image.height() - 2})
                notWhite += image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(notWhite == 0, qPrintable(QStringLiteral("%1 non-white pixels at the edges").arg(notWhite)));
    }

    void figureReopensTheIdenticalProject_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("svg") << QStringLiteral("round.svg");
        QTest::newRow("pdf") << QStringLiteral("round.pdf");
        QTest::newRow("png") << QStringLiteral("round.png");
    }
    void figureReopensTheIdenticalProject() {
        QFETCH(QString, name);
        core::Project project = example("cuba.pulselab", 20.0);
        project.network.run.seed = 12345;
        QString error;
        auto figure = OffscreenFigure::create(project, ".", &error);
        QVERIFY2(figure, qPrintable(error));
        QVERIFY(figure->run(20.0, &error));
        const QString file = m_dir.filePath(name);
        QCOMPARE(figure->exportViews({"raster", "traces"}, file, FigureSize::journalSingleColumn()),
                 QString());
        const QString text = readFigureMetadata(file, &error);
        QVERIFY2(!text.isEmpty(), qPrintable(error));
        const core::ProjectLoad reopened = core::parseProject(text.toStdString(), file.toStdString());
        QVERIFY2(reopened.project, reopened.error.c_str());
        QCOMPARE(core::projectToJson(*reopened.project), core::projectToJson(project));
        QCOMPARE(reopened.project->network.run.seed, std::uint64_t{12345});
    }

    void floorplanNeedsNoOpenGL() {
        QString error;
        auto figure = OffscreenFigure::create(example("cuba.pulselab", 20.0), ".", &error);
        QVERIFY2(figure, qPrintable(error));
        QVERIFY(figure->run(20.0, &error));
        const QString file = path("floorplan.svg");
        QCOMPARE(figure->exportViews({"floorplan"}, file, FigureSize::journalSingleColumn()), QString());
        const QByteArray svg = readAll(file);
        QVERIFY(svg.contains(">127</text>"));
        QVERIFY(!svg.contains("<image"));
    }

    void unknownViewIsRefusedByName() {
        QString error;
        auto figure = OffscreenFigure::create(example("single-neuron.pulselab", 10.0), ".", &error);
        QVERIFY2(figure, qPrintable(error));
        const QString message = figure->exportViews({"raster", "histogram"}, path("x.svg"), FigureSize{});
        QVERIFY2(message.contains(QStringLiteral("'histogram'")), qPrintable(message));
        QVERIFY(!QFile::exists(path("x.svg")));
    }

    void projectThatCannotRunIsReported() {
        core::Project broken = example("default.pulselab", 10.0);
        broken.experiment["layers"] = nlohmann::json::array({3});
        QString error;
        QVERIFY(!OffscreenFigure::create(broken, ".", &error));
        QVERIFY2(error.contains(QStringLiteral("layers")), qPrintable(error));
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen"); // what pulselab-cli uses without a display
    QApplication app(argc, argv);
    TestOffscreenFigure test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_offscreen_figure.moc"
