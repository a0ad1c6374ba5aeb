// A chart's redraws are spaced to use at most their share of a core: cheap redraws come at the fastest rate,
// costly ones less often, never less often than the slowest rate.
#include "widgets/plots/refresh_budget.h"

#include <QTest>

using pulselab::widgets::RefreshBudget;

class TestRefreshBudget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cheapRedrawsComeAtTheFastestRate() {
        RefreshBudget budget(0.1, 33, 500);
        QCOMPARE(budget.intervalMs(), 33); // nothing measured yet
        budget.addCostMs(1.0);
        QCOMPARE(budget.intervalMs(), 33);
    }

    void costlyRedrawsAreSpacedToTheShare() {
        RefreshBudget budget(0.1, 33, 500);
        budget.addCostMs(12.0); // 12 ms every 120 ms is 10 % of a core
        QCOMPARE(budget.intervalMs(), 120);
        budget.addCostMs(200.0); // smoothed: (12 + 200) / 2 = 106 ms -> far past the slowest rate
        QCOMPARE(budget.intervalMs(), 500);
    }

    void theIntervalFollowsTheCostBackDown() {
        RefreshBudget budget(0.2, 20, 1000);
        budget.addCostMs(40.0);
        QCOMPARE(budget.intervalMs(), 200);
        for (int i = 0; i < 20; ++i)
            budget.addCostMs(2.0);
        QCOMPARE(budget.intervalMs(), 20);
    }
};

QTEST_APPLESS_MAIN(TestRefreshBudget)
#include "tst_refresh_budget.moc"
