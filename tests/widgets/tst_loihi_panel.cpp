// The Loihi dock: a mapped network colours the floorplan by the chosen quantity, a click on a core lists its
// population, neuron range and use of each limit, failures are explained, and energy appears with its
// sources.
#include "widgets/floorplan/board_strip.h"
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <algorithm>

using namespace pulselab;
using namespace pulselab::core::loihi;
using widgets::LoihiPanel;

namespace {
MappingProblem threePopulations() {
    MappingProblem problem;
    problem.populations = {{"input", 784}, {"hidden", 20000}, {"output", 10}};
    // hidden -> output at p = 0.1: 2,000 input axons per output neuron, so the output splits (4,096 axons).
    problem.projections = {{0, 1, 784ull * 20000 / 50}, {1, 2, 20000ull}};
    return problem;
}
} // namespace

class TestLoihiPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coloursCoresAndDescribesAPickedCore() {
        LoihiPanel panel;
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const MappingProblem problem = threePopulations();
        const auto result = mapNetwork(problem, loihi2());
        QVERIFY(std::holds_alternative<Mapping>(result));
        const Mapping& mapping = std::get<Mapping>(result);
        panel.setMapping(problem, mapping);

        const std::vector<double> neurons = panel.shownValues();
        double total = 0;
        int used = 0;
        for (double v : neurons) {
            total += v;
            used += v > 0 ? 1 : 0;
        }
        QCOMPARE(total, 784.0 + 20000.0 + 10.0);
        QCOMPARE(used, mapping.coresUsed());
        QVERIFY(panel.summaryText().contains(QStringLiteral("%1 cores on 1 chip").arg(mapping.coresUsed())));

        const auto hiddenIt = std::find_if(mapping.partitions.begin(), mapping.partitions.end(),
                                           [](const Partition& p) { return p.population == 1; });
        QVERIFY(hiddenIt != mapping.partitions.end());
        const Partition& hidden = *hiddenIt;
        panel.floorplan()->selectCore(hidden.core);
        QVERIFY2(panel.coreDetailsText().contains(QStringLiteral("population <b>hidden</b>")),
                 qPrintable(panel.coreDetailsText()));
        QVERIFY(panel.coreDetailsText().contains(QStringLiteral("neurons %1 / 8192").arg(hidden.neurons)));

        panel.setQuantity(LoihiPanel::Quantity::Memory);
        const std::vector<double> memory = panel.shownValues();
        QCOMPARE(memory[static_cast<std::size_t>(hidden.core)],
                 static_cast<double>(hidden.stateBytes + hidden.synapseBytes));
    }

    void energyReportShowsLoihiCpuAndGpu() {
        LoihiPanel panel;
        const MappingProblem problem = threePopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        panel.setMapping(problem, mapping);
        RecordedActivity activity;
        activity.spikesPerNeuron = {std::vector<std::uint64_t>(784, 5), std::vector<std::uint64_t>(20000, 1),
                                    std::vector<std::uint64_t>(10, 2)};
        activity.steps = 1000;
        activity.dtMs = 1.0;
        activity.cpuWallSeconds = 0.5;
        panel.setTrafficReport(accountTraffic(problem, mapping, loihi2(), activity));
        const QString summary = panel.summaryText();
        QVERIFY2(summary.contains(QStringLiteral("Energy of the recorded run")), qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("CPU")));
        QVERIFY(summary.contains(QStringLiteral("GPU")));
        QVERIFY(summary.contains(QStringLiteral("Loihi 1")));
        // The recorded run's mesh traffic is drawn: one line per busy link, the busiest the widest.
        const auto report = accountTraffic(problem, mapping, loihi2(), activity);
        std::set<std::pair<int, int>> busy;
        for (const auto& l : report.meshLinks)
            if (l.chip == 0 && l.messages > 0)
                busy.insert({std::min(l.fromCore, l.toCore), std::max(l.fromCore, l.toCore)});
        QVERIFY(!busy.empty());
        QCOMPARE(panel.floorplan()->drawnLinkCount(), static_cast<int>(busy.size()));
        QVERIFY(panel.floorplan()->drawnLinkWidth(0) >=
                panel.floorplan()->drawnLinkWidth(panel.floorplan()->drawnLinkCount() - 1));
        panel.setQuantity(LoihiPanel::Quantity::Energy);
        double total = 0;
        for (double v : panel.shownValues())
            total += v;
        QVERIFY(total > 0);
    }

    void clickedCoreNamesItsNeuronsAndHoverGivesItsNumbers() {
        LoihiPanel panel;
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const MappingProblem problem = threePopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        panel.setMapping(problem, mapping);
        QSignalSpy chosen(&panel, &LoihiPanel::coreNeuronsSelected);
        const Partition& last = mapping.partitions.back();
        const QString name = QString::fromStdString(problem.populations[std::size_t(last.population)].name);
        panel.floorplan()->selectCore(last.core);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), name);
        QCOMPARE(chosen.at(0).at(1).toUInt(), last.firstNeuron);
        QCOMPARE(chosen.at(0).at(2).toUInt(), last.neurons);
        int freeCore = 0;
        while (mapping.partitionOn(0, freeCore) >= 0)
            ++freeCore;
        panel.floorplan()->selectCore(freeCore);
        QCOMPARE(chosen.count(), 2);
        QVERIFY(chosen.at(1).at(0).toString().isEmpty());

        // The tooltip over a used core: its partition, neurons and memory; after a run its activity.
        QString tip = panel.coreToolTip(last.core);
        QVERIFY2(tip.contains(QStringLiteral("%1 [%2-%3]: %4 neurons")
                                  .arg(name)
                                  .arg(last.firstNeuron)
                                  .arg(last.firstNeuron + last.neurons - 1)
                                  .arg(last.neurons)),
                 qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("SRAM %1 bytes").arg(last.stateBytes + last.synapseBytes)));
        QVERIFY(panel.coreToolTip(freeCore).contains(QStringLiteral("free")));
        RecordedActivity activity;
        activity.spikesPerNeuron = {std::vector<std::uint64_t>(784, 5), std::vector<std::uint64_t>(20000, 1),
                                    std::vector<std::uint64_t>(10, 2)};
        activity.steps = 1000;
        panel.setLiveTrafficReport(accountTraffic(problem, mapping, loihi2(), activity), 100.0);
        QVERIFY(panel.showingLiveTraffic());
        QVERIFY2(panel.summaryText().contains(QStringLiteral("last 100 ms")),
                 qPrintable(panel.summaryText()));
        tip = panel.coreToolTip(last.core);
        QVERIFY2(tip.contains(QStringLiteral("synaptic ops")) && tip.contains(QStringLiteral("energy")) &&
                     tip.contains(QStringLiteral("last 100 ms")),
                 qPrintable(tip));
        // The floorplan's own tooltip is the panel's.
        QTest::qWait(50);
        QCOMPARE(panel.floorplan()->toolTipAt(panel.floorplan()->coreCentreOnScreen(last.core)),
                 panel.coreToolTip(last.core));
        panel.setTrafficReport(accountTraffic(problem, mapping, loihi2(), activity));
        QVERIFY(!panel.showingLiveTraffic());
    }

    void populationSelectionOutlinesItsCoresAndHeightsTilt() {
        LoihiPanel panel;
        const MappingProblem problem = threePopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        panel.setMapping(problem, mapping);
        std::set<int> hidden;
        for (const auto& p : mapping.partitions)
            if (p.population == 1)
                hidden.insert(p.core);
        QVERIFY(hidden.size() >= 3);
        panel.highlightPopulation(QStringLiteral("hidden"));
        QCOMPARE(panel.floorplan()->highlightedCores(), hidden);
        panel.highlightPopulation(QString());
        QVERIFY(panel.floorplan()->highlightedCores().empty());

        auto* heights = panel.findChild<QCheckBox*>(QStringLiteral("heightModeBox"));
        QVERIFY(heights);
        heights->setChecked(true);
        QVERIFY(panel.floorplan()->heightMode());
        const int busiest = *hidden.begin(); // a full hidden core holds the most neurons
        QVERIFY(panel.floorplan()->tileHeight(busiest) > widgets::ChipFloorplanView::kFlatTileHeight);
    }

    void spillingOverSeveralChipsShowsTheBoard() {
        LoihiPanel panel;
        panel.resize(1000, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MappingProblem problem;
        // Two neurons fill a core's 128 KiB of SRAM at 64 KiB of state each: 300 neurons need 150 cores.
        problem.populations = {{"big", 300, 65536}};
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        QCOMPARE(mapping.chips, 2);
        panel.setMapping(problem, mapping);
        widgets::BoardStrip* board = panel.board();
        QVERIFY(board->isVisible());
        QCOMPARE(board->chipCount(), 2);
        QVERIFY2(board->title().contains(QStringLiteral("Kapoho Point")), qPrintable(board->title()));
        int onChip[2] = {0, 0};
        for (const auto& p : mapping.partitions)
            ++onChip[p.chip];
        QCOMPARE(onChip[0] + onChip[1], 150);
        QCOMPARE(board->caption(0), QStringLiteral("chip 0: %1 cores").arg(onChip[0]));
        QCOMPARE(board->caption(1), QStringLiteral("chip 1: %1 cores").arg(onChip[1]));
        QCOMPARE(panel.shownChip(), 0);
        QTest::mouseClick(board, Qt::LeftButton, Qt::NoModifier, board->chipRect(1).center().toPoint());
        QCOMPARE(panel.shownChip(), 1);
        QCOMPARE(board->currentChip(), 1);
        double neurons = 0;
        for (double v : panel.shownValues())
            neurons += v;
        QCOMPARE(neurons, 2.0 * onChip[1]);
        // A single-chip mapping hides the board again.
        panel.setMapping(threePopulations(), std::get<Mapping>(mapNetwork(threePopulations(), loihi2())));
        QVERIFY(!board->isVisible());
    }

    void savesTheMappingReportAsCsvAndText() {
        LoihiPanel panel;
        QTemporaryDir dir;
        QString error;
        QVERIFY(!panel.saveReport(dir.filePath(QStringLiteral("none.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("not mapped")));
        const MappingProblem problem = threePopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        panel.setMapping(problem, mapping);
        const QString csvPath = dir.filePath(QStringLiteral("map.csv"));
        QVERIFY2(panel.saveReport(csvPath, &error), qPrintable(error));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), mapping.coresUsed() + 1);
        QVERIFY(lines.front().startsWith("chip,core,column,row,population"));
        const QString textPath = dir.filePath(QStringLiteral("map.txt"));
        QVERIFY(panel.saveReport(textPath, &error));
        QFile text(textPath);
        QVERIFY(text.open(QIODevice::ReadOnly));
        QVERIFY(text.readAll().contains("total: 20794 neurons"));
        QVERIFY(!panel.saveReport(dir.filePath(QStringLiteral("no/such/dir/map.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("no/such/dir")));
    }

    void failureIsExplained() {
        LoihiPanel panel;
        MappingProblem problem;
        problem.populations = {{"retina", 6000}, {"v1", 4}};
        problem.projections = {{0, 1, 24000}};
        const auto result = mapNetwork(problem, loihi2());
        QVERIFY(std::holds_alternative<MappingFailure>(result));
        panel.setMappingFailure(std::get<MappingFailure>(result));
        QVERIFY(panel.summaryText().contains(QStringLiteral("Does not map")));
        QVERIFY(panel.summaryText().contains(QStringLiteral("v1")));
        QVERIFY(panel.summaryText().contains(QStringLiteral("input axons")));
    }
};

int main(int argc, char** argv) {
    widgets::VtkRenderWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestLoihiPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_loihi_panel.moc"
