// Run history in the real main window: a slider change lands at a step boundary and is kept with its run;
// reset starts a new run; two runs compare (overlaid rates, stacked rasters, parameter diff).
#include "app/gui/main_window.h"
#include "core/explore/run_history.h"
#include "widgets/explore/run_comparison_panel.h"
#include "widgets/export/figure_spike_raster.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/run/run_controller.h"
#include "widgets/sliders/slider_panel.h"

#include <QAction>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using pulselab::app::MainWindow;
namespace core = pulselab::core;
namespace widgets = pulselab::widgets;

class TestRunHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void sliderChangesAreKeptAndRunsCompare() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY2(window.openProject(PULSELAB_SOURCE_DIR "/examples/single-neuron.pulselab", &error),
                 qPrintable(error));
        QTRY_COMPARE(window.sliderPanel()->pins().size(), std::size_t{2});
        widgets::RunController* controller = window.runController();
        controller->setDurationMs(0);
        controller->setRealTimeFactor(1.0);
        controller->run();
        QTRY_VERIFY(controller->currentStep() > 100);
        QVERIFY(window.sliderPanel()->dragTo(QStringLiteral("neuron"), QStringLiteral("i_bias_mv"), 20.0));
        QTRY_VERIFY(!controller->parameterHistory().empty());
        const core::AppliedParameterChange applied = controller->parameterHistory().front();
        QTRY_VERIFY(controller->currentStep() > applied.step + 1000);
        controller->pause();
        QTest::qWait(100);
        controller->drain();

        const core::RunHistory& history = window.runHistory();
        QCOMPARE(history.runs().size(), std::size_t{1});
        const core::RunRecord* first = history.run(history.runs().front()->number);
        QVERIFY(first);
        // The change is in the run's history at the step boundary the engine applied it at.
        QCOMPARE(first->parameterChanges.size(), std::size_t{1});
        QCOMPARE(first->parameterChanges[0].step, applied.step);
        QCOMPARE(first->parameterChanges[0].parameter, std::string("i_bias_mv"));
        QVERIFY(qAbs(first->parameterChanges[0].newValue - 20.0) < 0.1);
        QCOMPARE(first->steps, controller->currentStep());
        const int firstNumber = first->number;
        const std::uint64_t firstSpikes = first->spikes;
        QVERIFY(firstSpikes > 0);

        window.resetAction()->trigger(); // ends run 1; run 2 starts (with the slider's value in the project)
        QTRY_COMPARE(controller->currentStep(), std::int64_t{0});
        controller->step(3000);
        QTRY_COMPARE(controller->currentStep(), std::int64_t{3000});
        controller->drain();
        const auto runs = history.runs();
        QCOMPARE(runs.size(), std::size_t{2});
        const int secondNumber = runs.back()->number;
        QCOMPARE(runs.back()->steps, std::int64_t{3000});
        QVERIFY(runs.back()->parameterChanges.empty());

        widgets::RunComparisonPanel* panel = window.runComparison();
        panel->refreshList();
        QCOMPARE(panel->runTable()->rowCount(), 2);
        QVERIFY(panel->compare(firstNumber, secondNumber));
        // Parameter diff: the project's bias (set by the slider before run 2) and run 1's live change.
        QStringList settings;
        for (int row = 0; row < panel->differenceTable()->rowCount(); ++row)
            settings << panel->differenceTable()->item(row, 0)->text();
        QVERIFY2(settings.contains(QStringLiteral("network.populations[neuron].parameters.i_bias_mv")),
                 qPrintable(settings.join(QLatin1Char('\n'))));
        QVERIFY2(settings.filter(QStringLiteral("changed at t = ")).size() == 1,
                 qPrintable(settings.join(QLatin1Char('\n'))));
        // Overlays: every rate series twice (once per run), named by its run.
        const int rates = panel->rateChart()->seriesCount();
        QVERIFY(rates >= 2 && rates % 2 == 0);
        QVERIFY(panel->rateChart()->seriesName(0).startsWith(QStringLiteral("Run %1: ").arg(firstNumber)));
        QVERIFY(panel->rateChart()->seriesName(rates - 1).startsWith(
            QStringLiteral("Run %1: ").arg(secondNumber)));
        // Rasters one above the other, each with its own run's spikes.
        QCOMPARE(panel->raster(0)->vectorMarkCount(), static_cast<std::size_t>(firstSpikes));
        QCOMPARE(panel->raster(1)->vectorMarkCount(), static_cast<std::size_t>(runs.back()->spikes));

        // Run > Compare Runs overlays the last two.
        panel->runTable()->clearSelection();
        auto* compare = window.findChild<QAction*>(QStringLiteral("compareRunsAction"));
        QVERIFY(compare);
        compare->trigger();
        QCOMPARE(panel->runTable()->selectionModel()->selectedRows().size(), 2);
    }
};

QTEST_MAIN(TestRunHistory)
#include "tst_run_history.moc"
