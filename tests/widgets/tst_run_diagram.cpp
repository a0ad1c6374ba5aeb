// The read-only diagram of an experiment's fixed network (run_diagram_view.h), with the real links of the
// spiking error-population network (spiking_error_pc_readouts.h): one box per population, inputs at the
// bottom and causes on top, errors + and - side by side in between, one arrow per link; a real mouse click on
// a box selects its population, on empty canvas clears it.
#include "core/predictive/spiking_error_pc_readouts.h"
#include "widgets/editor/run_diagram_view.h"

#include <QSignalSpy>
#include <QTest>

using namespace pulselab;
using widgets::RunDiagramView;

class TestRunDiagram : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsThePopulationsInLayers() {
        RunDiagramView view;
        view.resize(700, 600);
        core::RunLayout layout;
        layout.populations = core::spikingErrorPcPopulations("pixels", 64, 20);
        layout.links = core::spikingErrorPcLinks();
        view.setRunLayout(layout);
        QCOMPARE(view.boxCount(), 4);
        QCOMPARE(view.arrowCount(), 6);
        const QRectF pixels = view.boxRect(0), causes = view.boxRect(1), plus = view.boxRect(2),
                     minus = view.boxRect(3);
        QVERIFY(pixels.top() > plus.bottom()); // inputs at the bottom
        QVERIFY(plus.top() > causes.bottom()); // the top-down predictions do not lift the errors above
        QCOMPARE(plus.center().y(), minus.center().y());
        QVERIFY(!plus.intersects(minus));
        QVERIFY(view.boxRect(4).isEmpty());

        // A new layout replaces the old one; a population may feed itself.
        core::RunLayout single;
        single.populations = {{"coding neurons", 40, 0}};
        single.links = {{0, 0, "fast recurrent", false}, {0, 7, "no such population", false}};
        view.setRunLayout(single);
        QCOMPARE(view.boxCount(), 1);
        QCOMPARE(view.arrowCount(), 1);
    }

    void aClickSelectsAPopulation() {
        RunDiagramView view;
        view.resize(700, 600);
        core::RunLayout layout;
        layout.populations = core::spikingErrorPcPopulations("pixels", 64, 20);
        layout.links = core::spikingErrorPcLinks();
        view.setRunLayout(layout);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy clicked(&view, &RunDiagramView::populationClicked);
        const QPoint onMinus = view.mapFromScene(view.boxRect(3).center());
        QCOMPARE(view.populationAt(onMinus), 3);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onMinus);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked[0][0].toInt(), 3);
        QCOMPARE(view.selectedPopulation(), 3);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked[1][0].toInt(), -1);
        view.selectPopulation(1); // from another view: marks, does not echo
        QCOMPARE(view.selectedPopulation(), 1);
        QCOMPARE(clicked.count(), 2);
    }
};

QTEST_MAIN(TestRunDiagram)
#include "tst_run_diagram.moc"
