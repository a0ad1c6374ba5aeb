// The GUI path and the command line give the same spikes for the same seed: a project run by the
// RunController (engine thread, snapshots drained on the GUI timer, as in the main window) and by
// `pulselab-cli run --out` (recorded to spikes.csv) agree spike for spike.
#include "widgets/run/run_controller.h"

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

private Q_SLOTS:
    void cubaSpikesAgree() {
        const std::string projectPath = std::string(PULSELAB_SOURCE_DIR) + "/examples/cuba.pulselab";
        const core::ProjectLoad load = core::loadProjectFile(projectPath);
        QVERIFY2(load.project, load.error.c_str());
        core::Project project = *load.project;
        project.network.run.seed = 5;
        const double durationMs = 100.0;

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
                  {QStringLiteral("run"), QString::fromStdString(projectPath), QStringLiteral("--duration"),
                   QStringLiteral("0.1"), QStringLiteral("--seed"), QStringLiteral("5"),
                   QStringLiteral("--out"), dir.path(), QStringLiteral("--no-figures")});
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
        QVERIFY(gui.size() > 100);
        QCOMPARE(recorded.size(), gui.size());
        QVERIFY(recorded == gui);
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
