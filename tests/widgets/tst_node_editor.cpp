// The node editor on a real scene and view: connecting by dragging between ports (compatible ports accept,
// others refuse with the reason), validation marks, delete + undo, copy/paste and duplicate with inner edges,
// automatic layered layout, quick-add by name, palette search and drop, zoom and fit.
#include "simple_graph_model.h"
#include "widgets/editor/connection_item.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/layered_layout.h"
#include "widgets/editor/node_item.h"
#include "widgets/editor/node_palette.h"

#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace pulselab;
using namespace pulselab::widgets;

class TestNodeEditor : public QObject {
    Q_OBJECT

    struct Rig {
        tests::SimpleGraphModel model;
        EditorScene scene{&model};
        EditorView view{&scene};
        Rig() {
            view.resize(900, 600);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
        }
        QPoint viewPos(const QPointF& scenePos) { return view.mapFromScene(scenePos); }
        void drag(const QPointF& from, const QPointF& to) {
            QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, viewPos(from));
            for (int i = 1; i <= 5; ++i)
                QTest::mouseMove(view.viewport(), viewPos(from + (to - from) * (i / 5.0)));
            QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, viewPos(to));
        }
    };

private Q_SLOTS:
    void dragBetweenCompatiblePortsConnects() {
        Rig rig;
        const QString input = rig.model.createNode("input/poisson", {0, 0});
        const QString pop = rig.model.createNode("population/lif", {300, 0});
        QVERIFY(rig.scene.nodeItem(input));
        QVERIFY(rig.scene.nodeItem(pop));
        QVERIFY(!rig.scene.nodeItem(pop)->info().problems.isEmpty()); // nothing feeds it yet
        rig.drag(rig.scene.nodeItem(input)->portScenePos(true, 0),
                 rig.scene.nodeItem(pop)->portScenePos(false, 0));
        QCOMPARE(rig.model.connections().size(), 1);
        QCOMPARE(rig.model.connections().front().fromNode, input);
        QVERIFY(rig.scene.connectionItem(rig.model.connections().front().id));
        QVERIFY(rig.scene.nodeItem(pop)->info().problems.isEmpty()); // the mark went away
    }

    void incompatiblePortRefusesWithTheReason() {
        Rig rig;
        const QString current = rig.model.createNode("input/current", {0, 0});
        const QString pop = rig.model.createNode("population/lif", {300, 0});
        QSignalSpy messages(&rig.scene, &EditorScene::statusMessage);
        const QPointF from = rig.scene.nodeItem(current)->portScenePos(true, 0);
        const QPointF to = rig.scene.nodeItem(pop)->portScenePos(false, 0);
        QTest::mousePress(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier, rig.viewPos(from));
        QTest::mouseMove(rig.view.viewport(), rig.viewPos((from + to) / 2));
        QTest::mouseMove(rig.view.viewport(), rig.viewPos(to));
        QVERIFY2(rig.scene.dragVerdict().contains(QStringLiteral("carries current")),
                 qPrintable(rig.scene.dragVerdict()));
        QTest::mouseRelease(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier, rig.viewPos(to));
        QVERIFY(rig.model.connections().isEmpty());
        QVERIFY(!messages.isEmpty());
    }

    void deleteAndUndo() {
        Rig rig;
        const QString a = rig.model.createNode("input/poisson", {0, 0});
        const QString b = rig.model.createNode("population/lif", {300, 0});
        rig.model.connect(a, 0, b, 0);
        rig.scene.selectNodes({b});
        QTest::keyClick(&rig.view, Qt::Key_Delete);
        QVERIFY(!rig.scene.nodeItem(b));
        QVERIFY(rig.model.connections().isEmpty()); // its edge went with it
        QTest::keyClick(&rig.view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(rig.scene.nodeItem(b));
        QCOMPARE(rig.model.connections().size(), 1);
        QTest::keyClick(&rig.view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!rig.scene.nodeItem(b));
    }

    void moveIsOneUndoStep() {
        Rig rig;
        const QString a = rig.model.createNode("population/lif", {0, 0});
        const int before = rig.model.undoStack()->count();
        NodeItem* item = rig.scene.nodeItem(a);
        const QPointF grab = item->mapToScene(QPointF(NodeItem::kWidth / 2, 14));
        rig.drag(grab, grab + QPointF(200, 100));
        QCOMPARE(rig.model.undoStack()->count(), before + 1);
        QCOMPARE(rig.model.node(a).position, QPointF(200, 100)); // snapped to the 20 px grid
        rig.model.undoStack()->undo();
        QCOMPARE(rig.scene.nodeItem(a)->pos(), QPointF(0, 0));
    }

    void copyPasteAndDuplicateKeepInnerEdges() {
        Rig rig;
        const QString a = rig.model.createNode("input/poisson", {0, 0});
        const QString b = rig.model.createNode("population/lif", {300, 0});
        const QString c = rig.model.createNode("population/lif", {600, 0});
        rig.model.connect(a, 0, b, 0);
        rig.model.connect(b, 0, c, 0);
        rig.scene.selectNodes({a, b});
        rig.scene.copySelection();
        rig.scene.pasteAt({0, 400});
        QCOMPARE(rig.model.nodeIds().size(), 5);
        QCOMPARE(rig.model.connections().size(), 3); // a->b copied, b->c (to an unselected node) not
        const QStringList pasted = rig.scene.selectedNodeIds();
        QCOMPARE(pasted.size(), 2);
        QVERIFY(!pasted.contains(a) && !pasted.contains(b));
        rig.scene.duplicateSelection();
        QCOMPARE(rig.model.nodeIds().size(), 7);
        QCOMPARE(rig.model.connections().size(), 4);
        rig.model.undoStack()->undo(); // one step removes the whole duplicate
        QCOMPARE(rig.model.nodeIds().size(), 5);
    }

    void autoLayoutPutsLayersLeftToRight() {
        Rig rig;
        const QString a = rig.model.createNode("input/poisson", {500, 500});
        const QString b = rig.model.createNode("population/lif", {0, 0});
        const QString c = rig.model.createNode("population/lif", {-300, 90});
        const QString d = rig.model.createNode("probe/voltage", {40, -200});
        rig.model.connect(a, 0, b, 0);
        rig.model.connect(b, 0, c, 0);
        rig.model.connect(b, 0, d, 0);
        rig.model.connect(c, 0, b, 0); // a cycle must not break the layout
        QTest::keyClick(&rig.view, Qt::Key_L);
        const double xa = rig.model.node(a).position.x();
        const double xb = rig.model.node(b).position.x();
        QVERIFY(xa < xb);
        QVERIFY(xb < rig.model.node(c).position.x());
        QCOMPARE(rig.model.node(c).position.x(), rig.model.node(d).position.x());
        QVERIFY(rig.model.node(c).position.y() != rig.model.node(d).position.y());
    }

    void laidOutNetworkRenders() {
        Rig rig;
        const QString in = rig.model.createNode("input/poisson", {0, 0});
        const QString cur = rig.model.createNode("input/current", {0, 0});
        const QString h = rig.model.createNode("population/lif", {0, 0});
        const QString o = rig.model.createNode("population/bayesian", {0, 0});
        const QString p = rig.model.createNode("probe/voltage", {0, 0});
        rig.model.createNode("population/lif", {0, 0}); // unconnected: marked
        rig.model.connect(in, 0, h, 0);
        rig.model.connect(h, 0, o, 0);
        rig.model.connect(o, 0, p, 0);
        Q_UNUSED(cur);
        rig.scene.autoLayout();
        rig.view.fitAll();
        rig.scene.selectNodes({h});
        QTest::qWait(20);
        const QImage shot = rig.view.grab().toImage();
        if (const QString dir = qEnvironmentVariable("PULSELAB_SCREENSHOT_DIR"); !dir.isEmpty())
            shot.save(dir + QStringLiteral("/node_editor.png"));
        // The problem mark (orange-red) and the selection (blue) are both visible somewhere.
        int marked = 0, selected = 0;
        for (int y = 0; y < shot.height(); y += 2)
            for (int x = 0; x < shot.width(); x += 2) {
                const QColor c = shot.pixelColor(x, y);
                marked += (c.red() > 200 && c.green() > 80 && c.green() < 110 && c.blue() < 20) ? 1 : 0;
                selected += (c.red() < 20 && c.green() > 100 && c.green() < 125 && c.blue() > 165) ? 1 : 0;
            }
        QVERIFY(marked > 10);
        QVERIFY(selected > 10);
    }

    void layeredLayoutOrdersToReduceCrossings() {
        // Two chains a1->b1, a2->b2 given in crossed order must come out uncrossed.
        const auto pos = layeredLayout({"a1", "a2", "b2", "b1"}, {{"a1", "b1"}, {"a2", "b2"}});
        QVERIFY((pos["a1"].y() < pos["a2"].y()) == (pos["b1"].y() < pos["b2"].y()));
        QVERIFY(pos["a1"].x() < pos["b1"].x());
    }

    void quickAddCreatesByName() {
        Rig rig;
        rig.view.setFocus();
        QTest::keyClick(&rig.view, Qt::Key_Tab);
        QVERIFY(rig.view.quickAddBox()->isVisible());
        rig.view.quickAddBox()->setText(QStringLiteral("bayesian"));
        QTest::keyClick(rig.view.quickAddBox(), Qt::Key_Return);
        QVERIFY(!rig.view.quickAddBox()->isVisible());
        QCOMPARE(rig.model.nodeIds(), QStringList{"bayesian"});
        QCOMPARE(rig.scene.selectedNodeIds(), QStringList{"bayesian"});
    }

    void paletteFiltersAndDropsOnTheCanvas() {
        Rig rig;
        NodePalette palette(&rig.model);
        QCOMPARE(palette.visibleTypes().size(), 5);
        palette.setFilter(QStringLiteral("pois"));
        QCOMPARE(palette.visibleTypes(), QStringList{"input/poisson"});
        QMimeData mime;
        mime.setData(EditorView::kNodeTypeMime, "input/poisson");
        const QPoint at(200, 150);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(rig.view.viewport(), &enter);
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(rig.view.viewport(), &drop);
        QCOMPARE(rig.model.nodeIds(), QStringList{"poisson"});
        const QPointF where = rig.model.node("poisson").position;
        QVERIFY((where - rig.view.mapToScene(at)).manhattanLength() < 1.0);
    }

    void zoomAndFit() {
        Rig rig;
        rig.model.createNode("population/lif", {-1500, -900});
        rig.model.createNode("population/lif", {1500, 900});
        const double before = rig.view.zoom();
        QWheelEvent wheel(QPointF(450, 300), rig.view.mapToGlobal(QPointF(450, 300)), QPoint(),
                          QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(rig.view.viewport(), &wheel);
        QVERIFY(rig.view.zoom() > before);
        QTest::keyClick(&rig.view, Qt::Key_F);
        const QRectF visible = rig.view.mapToScene(rig.view.viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(QPointF(-1500, -900)));
        QVERIFY(visible.contains(QPointF(1500 + NodeItem::kWidth, 900)));
        QVERIFY(rig.view.minimap()->isVisible());
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestNodeEditor test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_node_editor.moc"
