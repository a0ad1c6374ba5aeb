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
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

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
/// consecutive points, in the series' pen.
std::map<QString, int> segmentsByStroke(const QByteArray& svg) {
    std::map<QString, int> segments;
    QXmlStreamReader xml(svg);
    std::vector<QString> stroke{QString()};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("polyline"))
                ++segments[stroke.back()];
            stroke.push_back(xml.name() == QLatin1String("g")
                                 ? xml.attributes().value(QLatin1String("stroke")).toString()
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
