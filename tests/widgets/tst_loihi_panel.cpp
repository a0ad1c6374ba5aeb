// The Loihi dock: a mapped network colours the floorplan by the chosen quantity, a click on a core lists its
// population, neuron range and use of each limit, failures are explained, and energy appears with its
// sources.
#include "widgets/floorplan/chip_floorplan_view.h"
#include "widgets/floorplan/loihi_panel.h"

#include <QApplication>
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
