// The GUI path and the command line give the same spikes for the same seed: a project run by the
// RunController (engine thread, snapshots drained on the GUI timer, as in the main window) and by
// `pulselab-cli run --out` (recorded to spikes.csv) agree spike for spike: an example, and files made in the
// node editor (a spiking network, a rate predictive-coding hierarchy).
#include "widgets/editor/network_editor_model.h"
#include "widgets/run/run_controller.h"

#include "core/io/atomic_file.h"

#include "core/model/project_file.h"
#include "core/runtime/project_run.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <tuple>

using namespace pulselab;

namespace {
using Spike = std::tuple<std::string, std::uint32_t, std::int64_t>; // population, index, step
}

class TestCliGuiSameSpikes : public QObject {
    Q_OBJECT

    /// Runs `projectPath` for `durationMs` through the RunController (as the GUI does) and through
    /// `pulselab-cli run --out` (with `cliArgs` added), and checks that both give the same spikes, at least
    /// `minimumSpikes` of them. The GUI side applies the seed itself (`project` as the CLI will see it).
    void compareGuiAndCli(const core::Project& project, const QString& projectPath, double durationMs,
                          const QStringList& cliArgs, std::size_t minimumSpikes) {
        // GUI path: RunController to the set duration.
        std::string error;
        auto run = core::makeProjectRun(project, error);
        QVERIFY2(run, error.c_str());
        widgets::RunController controller;
        std::vector<core::SpikeEvent> events;
        connect(&controller, &widgets::RunController::snapshotArrived, this,
                [&events](const core::RunSnapshot& s) {
                    events.insert(events.end(), s.spikes.begin(), s.spikes.end());
                });
        controller.setRun(std::move(run));
        const core::RunLayout layout = controller.layout();
        controller.setRealTimeFactor(0.0);
        controller.setDurationMs(durationMs);
        controller.run();
        QTRY_VERIFY_WITH_TIMEOUT(controller.state() == core::RunLoop::State::Finished, 120000);
        controller.drain();
        std::vector<Spike> gui;
        for (const core::SpikeEvent& e : events) {
            const int pop = layout.populationOf(e.neuron);
            QVERIFY(pop >= 0);
            const auto& info = layout.populations[static_cast<std::size_t>(pop)];
            gui.emplace_back(info.name, e.neuron - info.firstNeuron, e.step);
        }

        // Command line: run --out, read back spikes.csv (population,id,time_ms).
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess cli;
        cli.start(QStringLiteral(PULSELAB_BINARY_DIR "/app/pulselab-cli"),
                  QStringList{QStringLiteral("run"), projectPath, QStringLiteral("--duration"),
                              QString::number(durationMs / 1000.0), QStringLiteral("--out"), dir.path(),
                              QStringLiteral("--no-figures")} +
                      cliArgs);
        QVERIFY2(cli.waitForFinished(120000), "pulselab-cli did not finish (is it built?)");
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 cli.readAllStandardError().constData());
        QFile csv(dir.filePath(QStringLiteral("spikes.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("population,id,time_ms"));
        std::vector<Spike> recorded;
        while (!csv.atEnd()) {
            const QList<QByteArray> fields = csv.readLine().trimmed().split(',');
            QCOMPARE(fields.size(), 3);
            recorded.emplace_back(fields[0].toStdString(), fields[1].toUInt(),
                                  std::llround(fields[2].toDouble() / layout.dtMs));
        }

        std::sort(gui.begin(), gui.end());
        std::sort(recorded.begin(), recorded.end());
        QVERIFY2(gui.size() >= minimumSpikes, qPrintable(QString::number(gui.size())));
        QCOMPARE(recorded.size(), gui.size());
        QVERIFY(recorded == gui);
    }

    /// Saves `project` as a file, as the editor's Save does.
    static QString save(const core::Project& project, const QTemporaryDir& dir, const QString& name) {
        const QString path = dir.filePath(name);
        const core::WriteResult written =
            core::writeFileAtomically(path.toStdString(), core::projectToJson(project));
        return written.ok ? path : QString();
    }

private Q_SLOTS:
    void cubaSpikesAgree() {
        const std::string projectPath = std::string(PULSELAB_SOURCE_DIR) + "/examples/cuba.pulselab";
        const core::ProjectLoad load = core::loadProjectFile(projectPath);
        QVERIFY2(load.project, load.error.c_str());
        core::Project project = *load.project;
        project.network.run.seed = 5;
        compareGuiAndCli(project, QString::fromStdString(projectPath), 100.0,
                         {QStringLiteral("--seed"), QStringLiteral("5")}, 100);
    }

    void spikingNetworkMadeInTheEditorAgrees() {
        // Built node by node as the editor does, saved, and run both ways from the saved file.
        widgets::NetworkEditorModel editor;
        editor.setProject({});
        const QString in = editor.createNode(QStringLiteral("input/poisson"), {0, 0});
        const QString pop = editor.createNode(QStringLiteral("population/lif_cuba"), {300, 0});
        const QString projection = editor.connect(in, 0, pop, 0);
        QVERIFY(!projection.isEmpty());
        QString reason;
        QVERIFY2(editor.setParameter(in, QStringLiteral("rate_hz"), 200, &reason), qPrintable(reason));
        QVERIFY2(editor.setParameter(projection, QStringLiteral("weight"), 8, &reason), qPrintable(reason));
        QVERIFY2(editor.setParameter(projection, QStringLiteral("probability"), 0.5, &reason),
                 qPrintable(reason));
        QTemporaryDir dir;
        const QString path = save(editor.project(), dir, QStringLiteral("editor-made.pulselab"));
        QVERIFY(!path.isEmpty());
        const core::ProjectLoad load = core::loadProjectFile(path.toStdString());
        QVERIFY2(load.project, load.error.c_str());
        compareGuiAndCli(*load.project, path, 200.0, {}, 50);
    }

    void pcHierarchyMadeInTheEditorAgrees() {
        // Three rate-PC layers dropped from the palette, one edited, saved: the GUI's run and the CLI's give
        // the same (display) spikes of the value and error units.
        widgets::NetworkEditorModel editor;
        editor.setProject({});
        for (int i = 0; i < 3; ++i)
            QVERIFY(!editor.createNode(QStringLiteral("pc-layer/rate_pc"), {280.0 * i, 0}).isEmpty());
        QString reason;
        QVERIFY2(editor.setParameter(QStringLiteral("layer 1"), QStringLiteral("size"), 4, &reason),
                 qPrintable(reason));
        QTemporaryDir dir;
        const QString path = save(editor.project(), dir, QStringLiteral("editor-pc.pulselab"));
        QVERIFY(!path.isEmpty());
        const core::ProjectLoad load = core::loadProjectFile(path.toStdString());
        QVERIFY2(load.project, load.error.c_str());
        QCOMPARE(load.project->experiment.at("layers").get<std::vector<int>>(), (std::vector<int>{12, 4, 3}));
        compareGuiAndCli(*load.project, path, 500.0, {}, 50);
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no window is shown
    QApplication app(argc, argv);
    TestCliGuiSameSpikes test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli_gui_same_spikes.moc"
