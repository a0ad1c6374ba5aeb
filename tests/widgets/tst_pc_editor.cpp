// The node editor over a rate predictive-coding experiment and over groups, driven with real mouse and
// keyboard events on a NetworkEditorModel, its scene and view: a layer dropped from the palette grows the
// hierarchy, a double-click expands a layer into its value and error units and E collapses it, links between
// layers refuse a hand-drawn edge with the reason, an inspector edit changes the experiment (undoable back to
// the start), Ctrl+G draws a named frame that drags its nodes together and Ctrl+Shift+G removes it, and a
// saved file reloads into the same experiment, editor section and scene exactly.
#include "widgets/editor/connection_item.h"
#include "widgets/editor/editor_scene.h"
#include "widgets/editor/editor_view.h"
#include "widgets/editor/group_item.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/editor/node_item.h"
#include "widgets/editor/node_palette.h"
#include "widgets/inspector/parameter_inspector.h"

#include "core/io/atomic_file.h"
#include "core/model/project_file.h"
#include "core/predictive/pc_run.h"

#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pulselab;
using namespace pulselab::widgets;

namespace {
QString examplePath(const char* name) {
    return QStringLiteral(PULSELAB_SOURCE_DIR "/examples/") + QLatin1String(name);
}
} // namespace

class TestPcEditor : public QObject {
    Q_OBJECT

    struct Rig {
        NetworkEditorModel model;
        EditorScene scene{&model};
        EditorView view{&scene};
        ParameterInspector inspector;
        Rig() {
            view.resize(1100, 700);
            view.show();
            // The inspector applies accepted edits through the model, as the main window does.
            QObject::connect(&scene, &EditorScene::currentChanged, &inspector,
                             [this](const QString& kind, const QString& id) {
                                 if (kind.isEmpty())
                                     return inspector.clear();
                                 std::vector<ParameterField> fields;
                                 for (const auto& f : model.fields(id))
                                     fields.push_back({f.name, f.unit, f.minimum, f.maximum, f.defaultValue,
                                                       f.value, f.help, f.integer});
                                 inspector.setFields(id, model.node(id).model, fields);
                             });
            QObject::connect(&inspector, &ParameterInspector::parameterEdited, &model,
                             [this](const QString& target, const QString& name, double, double value) {
                                 QString reason;
                                 model.setParameter(target, name, value, &reason);
                             });
        }
        bool exposed() { return QTest::qWaitForWindowExposed(&view); }
        void load(const char* example) {
            const core::ProjectLoad load = core::loadProjectFile(examplePath(example).toStdString());
            QVERIFY2(load.project, load.error.c_str());
            model.setProject(*load.project);
        }
        QPoint viewPos(const QPointF& scenePos) const { return view.mapFromScene(scenePos); }
        QPointF headerOf(const QString& id) const {
            return scene.nodeItem(id)->mapToScene(QPointF(NodeItem::kWidth / 2, 14));
        }
        void click(const QPointF& at, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
            QTest::mouseClick(view.viewport(), Qt::LeftButton, modifiers, viewPos(at));
        }
        void drag(const QPointF& from, const QPointF& to) {
            QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, viewPos(from));
            for (int i = 1; i <= 5; ++i)
                QTest::mouseMove(view.viewport(), viewPos(from + (to - from) * (i / 5.0)));
            QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, viewPos(to));
        }
        void dropFromPalette(const QString& type, const QPoint& at) {
            QMimeData mime;
            mime.setData(EditorView::kNodeTypeMime, type.toUtf8());
            QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view.viewport(), &enter);
            QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view.viewport(), &drop);
        }
        std::vector<int> layers() const {
            return model.project().experiment.at("layers").get<std::vector<int>>();
        }
    };

private Q_SLOTS:
    void threeLayerExampleIsAChainOfLayers() {
        Rig rig;
        rig.load("default.pulselab");
        QCOMPARE(rig.model.nodeIds(), (QStringList{"layer 0", "layer 1", "layer 2"}));
        QCOMPARE(rig.model.node("layer 1").kind, QStringLiteral("pc-layer"));
        QVERIFY(rig.model.node("layer 0").detail.contains(QStringLiteral("12 units")));
        QVERIFY(rig.model.node("layer 2").detail.contains(QStringLiteral("top")));
        // Two links per adjacent pair: errors up (port 0 -> 0) and predictions down (port 1 -> 1).
        QCOMPARE(rig.model.connections().size(), 4);
        QVERIFY(rig.scene.connectionItem(QStringLiteral("pc:up:0")));
        QCOMPARE(rig.scene.connectionItem(QStringLiteral("pc:down:1"))->info().fromNode,
                 QStringLiteral("layer 2"));
        for (const QString& id : rig.model.nodeIds())
            QVERIFY(rig.model.node(id).problems.isEmpty());
    }

    void paletteDropsGrowAHierarchyFromNothing() {
        Rig rig;
        rig.model.setProject({});
        QVERIFY(rig.exposed());
        NodePalette palette(&rig.model);
        palette.setFilter(QStringLiteral("rate_pc"));
        QCOMPARE(palette.visibleTypes(), QStringList{"pc-layer/rate_pc"});
        rig.dropFromPalette(QStringLiteral("pc-layer/rate_pc"), QPoint(150, 200));
        QCOMPARE(rig.model.nodeIds(), QStringList{"layer 0"});
        // One layer is not a hierarchy yet: the node is marked and says why.
        QVERIFY(rig.scene.nodeItem("layer 0")->info().problems.join(' ').contains(QStringLiteral("latent")));
        rig.dropFromPalette(QStringLiteral("pc-layer/rate_pc"), QPoint(450, 200));
        rig.dropFromPalette(QStringLiteral("pc-layer/rate_pc"), QPoint(750, 200));
        QCOMPARE(rig.layers(), (std::vector<int>{12, 6, 3}));
        QVERIFY(rig.scene.nodeItem("layer 0")->info().problems.isEmpty());
        std::string error;
        QVERIFY2(core::parsePcExperiment(rig.model.project().experiment, error), error.c_str());
        // A spiking node does not go into a PC experiment, and the refusal says why.
        QSignalSpy messages(&rig.scene, &widgets::EditorScene::statusMessage);
        rig.dropFromPalette(QStringLiteral("population/lif_cuba"), QPoint(300, 400));
        QCOMPARE(rig.model.nodeIds().size(), 3);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.back()[0].toString().contains(QStringLiteral("lif_cuba node cannot join a rate")));
        // Delete the middle layer: the top one becomes layer 1 and keeps its place.
        const QPointF topAt = rig.model.node("layer 2").position;
        rig.click(rig.headerOf("layer 1"));
        QTest::keyClick(&rig.view, Qt::Key_Delete);
        QCOMPARE(rig.layers(), (std::vector<int>{12, 3}));
        QCOMPARE(rig.model.node("layer 1").position, topAt);
        QCOMPARE(rig.model.connections().size(), 2);
    }

    void refusedDropsSayWhy() {
        // A PC layer dropped into a spiking network, and any node dropped into a built-in experiment (the
        // default bars demo), are refused with a message that names what the project holds.
        Rig rig;
        rig.load("cuba.pulselab");
        QVERIFY(rig.exposed());
        const int nodes = static_cast<int>(rig.model.nodeIds().size());
        QSignalSpy messages(&rig.scene, &EditorScene::statusMessage);
        rig.dropFromPalette(QStringLiteral("pc-layer/rate_pc"), QPoint(300, 300));
        QCOMPARE(static_cast<int>(rig.model.nodeIds().size()), nodes);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.back()[0].toString().contains(QStringLiteral("a spiking network")));
        rig.load("bars-rate-pc.pulselab");
        rig.dropFromPalette(QStringLiteral("population/lif_cuba"), QPoint(300, 300));
        rig.dropFromPalette(QStringLiteral("pc-layer/rate_pc"), QPoint(500, 300));
        QVERIFY(rig.model.nodeIds().isEmpty());
        QVERIFY(rig.model.project().network.populations.empty());
        QCOMPARE(messages.size(), 3);
        QVERIFY(messages[1][0].toString().contains(QStringLiteral("experiment \"rate_pc_bars\"")));
        QVERIFY(messages[2][0].toString().contains(QStringLiteral("experiment \"rate_pc_bars\"")));
    }

    void doubleClickExpandsAndECollapses() {
        Rig rig;
        rig.load("default.pulselab");
        QVERIFY(rig.exposed());
        rig.scene.autoLayout();
        rig.view.fitAll();
        QTest::mouseDClick(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier,
                           rig.viewPos(rig.headerOf("layer 1")));
        QCOMPARE(rig.model.nodeIds(),
                 (QStringList{"layer 0", "layer 1 values", "layer 1 errors", "layer 2"}));
        QVERIFY(rig.scene.nodeItem("layer 1 values"));
        QVERIFY(!rig.scene.nodeItem("layer 1"));
        // Errors from layer 0 reach the values of layer 1; layer 1's values predict layer 0 and feed its own
        // error units, which send their errors up to layer 2.
        QCOMPARE(rig.scene.connectionItem("pc:up:0")->info().toNode, QStringLiteral("layer 1 values"));
        QCOMPARE(rig.scene.connectionItem("pc:down:0")->info().fromNode, QStringLiteral("layer 1 values"));
        QCOMPARE(rig.scene.connectionItem("pc:own:1")->info().toNode, QStringLiteral("layer 1 errors"));
        QCOMPARE(rig.scene.connectionItem("pc:up:1")->info().fromNode, QStringLiteral("layer 1 errors"));
        QCOMPARE(rig.model.connections().size(), 5);
        // The units carry their layer's parameters.
        QCOMPARE(rig.model.fields("layer 1 errors").front().value, 6.0);
        rig.click(rig.headerOf("layer 1 errors"));
        QTest::keyClick(&rig.view, Qt::Key_E);
        QCOMPARE(rig.model.nodeIds(), (QStringList{"layer 0", "layer 1", "layer 2"}));
        QCOMPARE(rig.model.connections().size(), 4);
        rig.model.undoStack()->undo();
        QVERIFY(rig.model.isPcLayerExpanded(1));
        // Layers are not copied (the hierarchy is a chain): Ctrl+C, Ctrl+V add nothing and no undo step.
        const int steps = rig.model.undoStack()->count();
        rig.click(rig.headerOf("layer 0"));
        QTest::keyClick(&rig.view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(&rig.view, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(rig.model.nodeIds().size(), 4);
        QCOMPARE(rig.model.undoStack()->count(), steps);
    }

    void layerLinksRefuseHandDrawnEdges() {
        Rig rig;
        rig.load("default.pulselab");
        QVERIFY(rig.exposed());
        rig.scene.autoLayout();
        rig.view.fitAll();
        const QPointF from = rig.scene.nodeItem("layer 0")->portScenePos(true, 0);
        const QPointF to = rig.scene.nodeItem("layer 2")->portScenePos(false, 0);
        QTest::mousePress(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier, rig.viewPos(from));
        QTest::mouseMove(rig.view.viewport(), rig.viewPos((from + to) / 2));
        QTest::mouseMove(rig.view.viewport(), rig.viewPos(to));
        QVERIFY2(rig.scene.dragVerdict().contains(QStringLiteral("order in the hierarchy")),
                 qPrintable(rig.scene.dragVerdict()));
        QTest::mouseRelease(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier, rig.viewPos(to));
        QCOMPARE(rig.model.connections().size(), 4);
        QCOMPARE(rig.model.undoStack()->count(), 1); // the layout only
    }

    void inspectorEditsTheExperimentAndUndoReturnsToTheStart() {
        Rig rig;
        rig.load("default.pulselab");
        QVERIFY(rig.exposed());
        const nlohmann::json start = rig.model.project().experiment;
        rig.click(rig.headerOf("layer 1"));
        QCOMPARE(rig.inspector.target(), QStringLiteral("layer 1"));
        auto* size = rig.inspector.findChild<QLineEdit*>("field_size");
        QVERIFY(size);
        QCOMPARE(size->text(), QStringLiteral("6"));
        size->setFocus();
        size->selectAll();
        QTest::keyClicks(size, "9");
        QTest::keyClick(size, Qt::Key_Return);
        QCOMPARE(rig.layers(), (std::vector<int>{12, 9, 2}));
        QVERIFY(rig.model.node("layer 1").detail.startsWith(QStringLiteral("9 units")));
        // Out of range is refused with the reason; the experiment is unchanged.
        QVERIFY(!rig.inspector.commitText("inference_rate", "1.5"));
        QVERIFY(rig.inspector.refusal("inference_rate").contains(QStringLiteral("maximum")));
        QString reason;
        QVERIFY(!rig.model.setParameter("layer 1", "inference_rate", 1.5, &reason));
        QVERIFY2(reason.contains(QStringLiteral("inference_rate")), qPrintable(reason));
        rig.click(rig.headerOf("layer 2"));
        QVERIFY(rig.inspector.commitText("tanh", "1"));
        QVERIFY(rig.inspector.commitText("learning_rate", "0.05"));
        QVERIFY(rig.model.project().experiment.at("activation") == "tanh");
        QCOMPARE(rig.model.project().experiment.at("learning_rate").get<double>(), 0.05);
        // The edited experiment still builds a run.
        std::string error;
        QVERIFY2(core::parsePcExperiment(rig.model.project().experiment, error), error.c_str());
        rig.view.setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(&rig.view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(rig.model.project().experiment == start);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(&rig.view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(rig.layers(), (std::vector<int>{12, 9, 2}));
        QVERIFY(rig.model.project().experiment.at("activation") == "tanh");
    }

    void groupDragsItsNodesTogetherAndUngroups() {
        Rig rig;
        rig.model.setProject({});
        QVERIFY(rig.exposed());
        const QString in = rig.model.createNode("input/poisson", {0, 0});
        const QString pop = rig.model.createNode("population/lif_cuba", {300, 0});
        const QString other = rig.model.createNode("population/lif_cuba", {300, 300});
        rig.model.connect(in, 0, pop, 0);
        rig.view.fitAll();
        rig.click(rig.headerOf(in));
        rig.click(rig.headerOf(pop), Qt::ControlModifier);
        QCOMPARE(rig.scene.selectedNodeIds(), (QStringList{in, pop}));
        QTest::keyClick(&rig.view, Qt::Key_G, Qt::ControlModifier);
        QCOMPARE(rig.scene.groupNames(), QStringList{"group 1"});
        GroupItem* group = rig.scene.groupItem("group 1");
        QVERIFY(group);
        QCOMPARE(group->info().nodes, (QStringList{in, pop}));
        QVERIFY(group->sceneBoundingRect().contains(rig.scene.nodeItem(in)->sceneBoundingRect()));
        QVERIFY(!group->sceneBoundingRect().intersects(rig.scene.nodeItem(other)->sceneBoundingRect()));
        // Drag the frame by its title: both nodes move by the same amount, in one undo step.
        const int steps = rig.model.undoStack()->count();
        const QPointF title = group->sceneBoundingRect().topLeft() + QPointF(40, 12);
        rig.drag(title, title + QPointF(100, 60));
        QCOMPARE(rig.model.node(in).position, QPointF(100, 60));
        QCOMPARE(rig.model.node(pop).position, QPointF(400, 60));
        QCOMPARE(rig.model.node(other).position, QPointF(300, 300));
        QCOMPARE(rig.model.undoStack()->count(), steps + 1);
        QVERIFY(rig.scene.groupItem("group 1")->sceneBoundingRect().contains(
            rig.scene.nodeItem(pop)->sceneBoundingRect()));
        // Renaming a member keeps it in the group; saved in the editor section.
        QString reason;
        QVERIFY(rig.model.renameNode(pop, "cortex", &reason));
        QCOMPARE(rig.model.groups().front().nodes, (QStringList{in, "cortex"}));
        QVERIFY(rig.model.project().editor.at("groups")[0].at("name") == "group 1");
        // Ungroup with a member selected; undo brings the frame back.
        rig.click(rig.headerOf("cortex"));
        QTest::keyClick(&rig.view, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(rig.scene.groupNames().isEmpty());
        QCOMPARE(rig.model.node("cortex").position, QPointF(400, 60)); // the nodes stay
        QTest::keyClick(&rig.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(rig.scene.groupNames(), QStringList{"group 1"});
    }

    void savedPcProjectReloadsExactly() {
        Rig rig;
        rig.load("default.pulselab");
        QVERIFY(rig.exposed());
        rig.scene.autoLayout();
        rig.view.fitAll();
        rig.click(rig.headerOf("layer 1"));
        QVERIFY(rig.inspector.commitText("size", "5"));
        QVERIFY(rig.inspector.commitText("variance_learning_rate", "0.001"));
        QTest::mouseDClick(rig.view.viewport(), Qt::LeftButton, Qt::NoModifier,
                           rig.viewPos(rig.headerOf("layer 2")));
        rig.click(rig.headerOf("layer 0"));
        rig.click(rig.headerOf("layer 1"), Qt::ControlModifier);
        QTest::keyClick(&rig.view, Qt::Key_G, Qt::ControlModifier);
        rig.drag(rig.headerOf("layer 2 errors"), rig.headerOf("layer 2 errors") + QPointF(0, 80));

        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("made.pulselab")).toStdString();
        const core::WriteResult written =
            core::writeFileAtomically(path, core::projectToJson(rig.model.project()));
        QVERIFY2(written.ok, written.error.c_str());
        const core::ProjectLoad load = core::loadProjectFile(path);
        QVERIFY2(load.project, load.error.c_str());
        QVERIFY(load.project->experiment == rig.model.project().experiment);
        QVERIFY(load.project->editor == rig.model.project().editor);
        QCOMPARE(core::projectToJson(*load.project), core::projectToJson(rig.model.project()));

        Rig again;
        again.model.setProject(*load.project);
        QCOMPARE(again.model.nodeIds(), rig.model.nodeIds());
        for (const QString& id : rig.model.nodeIds()) {
            QCOMPARE(again.scene.nodeItem(id)->pos(), rig.scene.nodeItem(id)->pos());
            QCOMPARE(again.model.node(id).detail, rig.model.node(id).detail);
            QCOMPARE(again.model.fields(id).size(), rig.model.fields(id).size());
            for (int i = 0; i < rig.model.fields(id).size(); ++i)
                QCOMPARE(again.model.fields(id)[i].value, rig.model.fields(id)[i].value);
        }
        QCOMPARE(again.scene.groupNames(), QStringList{"group 1"});
        QCOMPARE(again.model.connections().size(), rig.model.connections().size());
        QCOMPARE(again.model.project().experiment.at("layers").get<std::vector<int>>(),
                 (std::vector<int>{12, 5, 2}));
    }

    void pcEditorScreenshots() {
        // The default three-layer hierarchy collapsed, then with its hidden layer expanded and a group.
        Rig rig;
        rig.load("default.pulselab");
        QVERIFY(rig.exposed());
        rig.scene.autoLayout();
        rig.view.fitAll();
        QTest::qWait(20);
        const QImage collapsed = rig.view.grab().toImage();
        rig.model.toggleExpanded({"layer 1"});
        rig.scene.autoLayout();
        rig.scene.selectNodes({"layer 1 values", "layer 1 errors"});
        rig.scene.groupSelection();
        rig.scene.clearSelection();
        rig.view.fitAll();
        QTest::qWait(20);
        const QImage expanded = rig.view.grab().toImage();
        if (const QString out = qEnvironmentVariable("PULSELAB_SCREENSHOT_DIR"); !out.isEmpty()) {
            collapsed.save(out + QStringLiteral("/pc_editor_collapsed.png"));
            expanded.save(out + QStringLiteral("/pc_editor_expanded.png"));
        }
        QVERIFY(collapsed != expanded);
        QCOMPARE(rig.scene.items().isEmpty(), false);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestPcEditor test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pc_editor.moc"
