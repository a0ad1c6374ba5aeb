// The sweep dialog: runs a tiny 2-D sweep in the background into a heatmap whose cells report their point,
// a 1-D sweep with seeds into a line plot with error bars, cancels promptly, and saves/opens its spec.
#include "tests/core/poisson_lif_project.h"
#include "widgets/explore/sweep_dialog.h"
#include "widgets/explore/sweep_heatmap.h"
#include "widgets/explore/sweep_line_chart.h"

#include <QElapsedTimer>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab;

namespace {

core::SweepSpec spec(const char* text) {
    core::SweepSpecLoad load = core::parseSweepSpec(text, "test");
    if (!load.spec)
        qFatal("%s", load.error.c_str());
    return *load.spec;
}

} // namespace

class SweepDialogTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void offersTheProjectsParameters() {
        widgets::SweepDialog dialog(poissonLifProject(), QString());
        QString error;
        const auto s = dialog.spec(error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->axes.size(), std::size_t{1});
        QCOMPARE(s->axes[0].target, std::string("pop")); // the first population's first schema parameter
    }

    void twoParameterSweepFillsTheHeatmap() {
        widgets::SweepDialog dialog(poissonLifProject(), QString());
        dialog.setSpec(spec(
            R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "start": 5, "stop": 80, "count": 6},
                                {"name": "pop.v_th_mv", "start": -58, "stop": -50, "count": 5}],
                                "outcome": "mean_rate_hz", "duration_s": 0.1})"));
        dialog.setWorkers(2);
        dialog.show();
        QSignalSpy finished(&dialog, &widgets::SweepDialog::finished);
        QVERIFY(dialog.run());
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(finished.wait(60000));
        QVERIFY2(dialog.status().startsWith("Done: 30 of 30"), qPrintable(dialog.status()));
        widgets::SweepHeatmap* map = dialog.heatmap();
        QVERIFY(map->isVisible());
        QCOMPARE(map->rows(), 6);
        QCOMPARE(map->columns(), 5);
        QCOMPARE(map->cellCount(), 30);
        // Most input and lowest threshold fires most: the brightest viridis cell (yellow: high red).
        QVERIFY(map->cellColour(5, 0).red() > map->cellColour(0, 4).red());
        // For the issue's screenshot: PULSELAB_SCREENSHOT_DIR=dir saves the dialog as dir/sweep_heatmap.png.
        if (const QByteArray dir = qgetenv("PULSELAB_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(dir) + "/sweep_heatmap.png"));
        QSignalSpy chosen(&dialog, &widgets::SweepDialog::pointChosen);
        QTest::mouseClick(map, Qt::LeftButton, {}, map->cellRect(5, 4).center());
        QCOMPARE(chosen.count(), 1);
        const QVariantMap overrides = chosen.at(0).at(0).toMap();
        QCOMPARE(overrides.value("drive.rate_hz").toDouble(), 80.0);
        QCOMPARE(overrides.value("pop.v_th_mv").toDouble(), -50.0);
        QCOMPARE(chosen.at(0).at(1).toULongLong(), quint64{3});
        QVERIFY2(dialog.status().startsWith("Point 29:"), qPrintable(dialog.status()));
    }

    void seedsGiveErrorBarsOnTheLinePlot() {
        widgets::SweepDialog dialog(poissonLifProject(), QString());
        dialog.setSpec(
            spec(R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "values": [20, 40, 80]}],
                                "outcome": "mean_rate_hz", "seeds": 3, "duration_s": 0.05})"));
        QSignalSpy finished(&dialog, &widgets::SweepDialog::finished);
        QVERIFY(dialog.run());
        QVERIFY(finished.wait(60000));
        const auto& points = dialog.lineChart()->points();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[2].x(), 80.0);
        QVERIFY(points[2].y() > points[0].y());
        for (double bar : dialog.lineChart()->errorBars())
            QVERIFY(bar > 0.0);
    }

    void cancelStopsTheSweepPromptly() {
        widgets::SweepDialog dialog(poissonLifProject(), QString());
        dialog.setSpec(
            spec(R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "values": [3000, 3000]}],
                                "outcome": "mean_rate_hz", "duration_s": 60})"));
        dialog.setWorkers(2);
        QSignalSpy finished(&dialog, &widgets::SweepDialog::finished);
        QVERIFY(dialog.run());
        QTest::qWait(300);
        QVERIFY(dialog.isRunning());
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        qInfo("sweep stopped %lld ms after Cancel", static_cast<long long>(timer.elapsed()));
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(dialog.results().cancelled);
        QVERIFY2(dialog.status().startsWith("Cancelled: 0 of 2"), qPrintable(dialog.status()));
        QVERIFY(dialog.runButton()->isEnabled());
    }

    void savesAndOpensTheSpec() {
        QTemporaryDir dir;
        const QString project = dir.filePath("net.pulselab");
        widgets::SweepDialog dialog(poissonLifProject(), project);
        dialog.setSpec(
            spec(R"({"project": "p", "parameters": [{"name": "drive.rate_hz", "start": 1, "stop": 100,
                                "count": 3, "scale": "log"}, {"name": "pop.tau_m_ms", "values": [10, 20]}],
                                "outcome": {"metric": "mean_rate_hz", "population": "pop"}, "seeds": 2})"));
        QString error;
        const QString path = dir.filePath("grid.pulselab-sweep");
        QVERIFY2(dialog.saveSpec(path, error), qPrintable(error));
        const core::SweepSpecLoad saved = core::loadSweepFile(path.toStdString());
        QVERIFY2(saved.spec, saved.error.c_str());
        QCOMPARE(saved.spec->projectPath, std::string("net.pulselab"));
        QCOMPARE(core::resolveSweepProject(*saved.spec, path.toStdString()), project.toStdString());
        QCOMPARE(saved.spec->axes.size(), std::size_t{2});
        QVERIFY(std::abs(saved.spec->axes[0].values[1] - 10.0) < 1e-9);
        QCOMPARE(saved.spec->outcome.population, std::string("pop"));
        QCOMPARE(saved.spec->seedCount, 2);
        widgets::SweepDialog reopened(poissonLifProject(), project);
        QVERIFY2(reopened.openSpec(path, error), qPrintable(error));
        const auto again = reopened.spec(error);
        QVERIFY(again);
        QCOMPARE(again->axes[0].values.size(), std::size_t{3});
        QVERIFY(std::abs(again->axes[0].values[1] - 10.0) < 1e-9); // still log-spaced
        QCOMPARE(again->axes[1].values, (std::vector<double>{10, 20}));
        QVERIFY(!reopened.openSpec(dir.filePath("missing.pulselab-sweep"), error));
        QVERIFY(error.contains("missing.pulselab-sweep"));
    }
};

QTEST_MAIN(SweepDialogTest)
#include "tst_sweep_dialog.moc"
