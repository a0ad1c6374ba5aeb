// The editor's model over a real project: connecting makes a projection in the network document, edits are
// undoable, parameters are checked against the model's schema, validation marks reach the nodes, and
// copy/paste keeps inner projections under new names.
#include "widgets/editor/network_editor_model.h"

#include <QCoreApplication>
#include <QTest>
#include <QUndoStack>

using namespace pulselab;
using widgets::NetworkEditorModel;

class TestNetworkEditorModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void buildsANetworkThatValidates() {
        NetworkEditorModel model;
        model.setProject({});
        const QString in = model.createNode("input/poisson", {0, 0});
        const QString pop = model.createNode("population/lif_cuba", {300, 0});
        const QString probe = model.createNode("probe/spikes", {600, 0});
        QCOMPARE(model.nodeIds().size(), 3);
        QVERIFY(!model.node(probe).problems.isEmpty()); // a probe watching nothing is marked on the canvas
        QVERIFY(model.node(probe).problems.front().contains("target"));
        QString why;
        QVERIFY(!model.canConnect(pop, 0, in, 0, &why)); // inputs take nothing
        QVERIFY(!why.isEmpty());
        const QString projection = model.connect(in, 0, pop, 0);
        QVERIFY(!projection.isEmpty());
        QVERIFY(!model.connect(pop, 0, probe, 0).isEmpty());
        const auto& net = model.project().network;
        QCOMPARE(net.projections.size(), std::size_t{1});
        QCOMPARE(net.projections[0].source, in.toStdString());
        QCOMPARE(net.probes[0].target, pop.toStdString());
        QVERIFY(core::validate(net).empty());
        QVERIFY(model.node(probe).problems.isEmpty());
        QCOMPARE(model.connections().size(), 2);
    }

    void parametersAreCheckedAndUndoable() {
        NetworkEditorModel model;
        model.setProject({});
        const QString pop = model.createNode("population/lif_cuba", {0, 0});
        QString reason;
        QVERIFY(!model.setParameter(pop, "tau_m_ms", -3, &reason));
        QVERIFY2(reason.contains("tau_m_ms"), qPrintable(reason));
        QVERIFY(model.setParameter(pop, "tau_m_ms", 12.5, &reason));
        QCOMPARE(model.project().network.populations[0].parameters.at("tau_m_ms"), 12.5);
        model.undoStack()->undo();
        QCOMPARE(model.project().network.populations[0].parameters.count("tau_m_ms"), std::size_t{0});
        model.undoStack()->undo(); // the creation
        QVERIFY(model.nodeIds().isEmpty());
    }

    void renameFollowsReferencesAndDeleteTakesEdges() {
        NetworkEditorModel model;
        model.setProject({});
        const QString in = model.createNode("input/poisson", {0, 0});
        const QString pop = model.createNode("population/lif_cuba", {300, 0});
        model.connect(in, 0, pop, 0);
        QString reason;
        QVERIFY(!model.renameNode(pop, in, &reason));
        QVERIFY(model.renameNode(pop, "cortex", &reason));
        QCOMPARE(model.project().network.projections[0].target, std::string("cortex"));
        model.removeNodes({"cortex"});
        QVERIFY(model.project().network.projections.empty());
    }

    void copyPasteRenames() {
        NetworkEditorModel model;
        model.setProject({});
        const QString in = model.createNode("input/poisson", {0, 0});
        const QString pop = model.createNode("population/lif_cuba", {300, 0});
        model.connect(in, 0, pop, 0);
        const QStringList pasted = model.pasteNodes(model.copyNodes({in, pop}), {0, 500});
        QCOMPARE(pasted.size(), 2);
        QCOMPARE(model.project().network.projections.size(), std::size_t{2});
        const auto& copy = model.project().network.projections[1];
        QVERIFY(pasted.contains(QString::fromStdString(copy.source)));
        QVERIFY(pasted.contains(QString::fromStdString(copy.target)));
        QVERIFY(core::validate(model.project().network).empty());
        QCOMPARE(model.node(pasted[0]).position.y(), 500.0);
    }
};

QTEST_GUILESS_MAIN(TestNetworkEditorModel)
#include "tst_network_editor_model.moc"
