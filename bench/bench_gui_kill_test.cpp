// Kill test (issue 11): a crash must never cost a saved project or leave a half-written one. Copies a project
// (default: the CUBA example) into a fresh folder, then TRIALS times starts this program as a child that is
// the real main window with a scripted user: it opens the copy, presses Run, and while the network runs edits
// a neuron parameter, saves (File > Save), edits again and presses Run (which autosaves), every few
// milliseconds. The parent kills the child with SIGKILL at a random moment, then checks what a person would
// find: the project file loads and validates (it is the old or the new version, never a mixture), the
// autosave (if any) loads, and reopening the project in a new main window offers the autosave when it is
// newer than the file, and accepting loads exactly it. Prints one line per trial and a summary table.
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/bench/bench_gui_kill_test [TRIALS] [PROJECT]
#include "app/gui/main_window.h"
#include "widgets/editor/network_editor_model.h"
#include "widgets/project/project_session.h"
#include "widgets/run/run_controller.h"

#include "core/io/atomic_file.h"
#include "core/model/project_file.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace pulselab;

namespace {

/// Unbuffered progress marker to the parent: what the child was doing when it was killed.
void mark(const char* what) {
    const std::string line = std::string(what) + "\n";
    [[maybe_unused]] const ssize_t n = ::write(STDOUT_FILENO, line.data(), line.size());
}

QAction* saveAction(QWidget& window) {
    for (QAction* action : window.findChildren<QAction*>()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Save))
            return action;
    }
    return nullptr;
}

/// The scripted user, in the child process: never returns normally (the parent kills it).
int runChild(const QString& path) {
    app::MainWindow window;
    window.show();
    QString error;
    if (!window.openProject(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // Edits change tau_m_ms of the first population (a LIF model in every spiking example).
    const auto& populations = window.editorModel()->project().network.populations;
    if (populations.empty()) {
        std::fprintf(stderr, "%s: the kill test needs a spiking network with a population\n",
                     qPrintable(path));
        return 1;
    }
    const QString population = QString::fromStdString(populations.front().name);
    const QString parameter = QStringLiteral("tau_m_ms");
    QAction* save = saveAction(window);
    if (!save) {
        std::fprintf(stderr, "no File > Save action\n");
        return 1;
    }
    // At 1x real time the window stays responsive, so the scripted user edits and saves hundreds of times a
    // second while the network runs (flat out, a 4,000-neuron raster keeps the GUI thread busy).
    if (auto* speed = window.findChild<QComboBox*>(QStringLiteral("speedBox")))
        speed->setCurrentIndex(speed->findData(1.0));
    window.runAction()->trigger();
    mark("ready");
    auto* edits = new QTimer(&window);
    edits->setInterval(2);
    int count = 0;
    QObject::connect(edits, &QTimer::timeout, &window, [&, save] {
        ++count;
        QString reason;
        // Values stay inside the parameter's range, and differ from edit to edit.
        const double value = 10.0 + 0.01 * (count % 1000);
        mark("edit");
        window.editorModel()->setParameter(population, parameter, value, &reason);
        if (count % 2 == 0) {
            mark("save>");
            save->trigger();
            mark("save<");
        } else {
            mark("autosave>");
            window.runAction()->trigger(); // Run autosaves first
            mark("autosave<");
        }
    });
    edits->start();
    return QApplication::exec();
}

/// Clicks `button` on every message box that appears while `wait` runs; records their texts.
class MessageBoxAnswerer : public QObject {
public:
    MessageBoxAnswerer(QMessageBox::StandardButton button) : m_button(button) {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            texts << box->text();
            QAbstractButton* b = box->button(m_button);
            if (!b)
                b = box->button(QMessageBox::Ok);
            if (b)
                b->click();
            else
                box->reject();
        });
        m_timer.start();
    }
    QStringList texts;

private:
    QMessageBox::StandardButton m_button;
    QTimer m_timer;
};

struct Totals {
    int trials = 0;
    int killedMidSave = 0;
    int killedMidAutosave = 0;
    int killedMidRunOrEdit = 0;
    int halfWrittenProjects = 0;
    int halfWrittenAutosaves = 0;
    int autosavesOffered = 0;
    int autosavesLoaded = 0;
    int leftoverTemporaries = 0;
    int temporariesAfterReopen = 0;
    int unexpectedDialogs = 0;
};

/// True when `file` loads and its network validates.
bool completeProject(const QString& file, QString& problem) {
    const core::ProjectLoad load = core::loadProjectFile(file.toStdString());
    if (!load.project) {
        problem = QString::fromStdString(load.error);
        return false;
    }
    const auto problems = core::validate(load.project->network);
    if (!problems.empty()) {
        problem = file + QStringLiteral(": does not validate");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PulseLabKillBench"));
    QApplication::setApplicationName(QStringLiteral("PulseLabKillBench"));
    if (argc >= 3 && QByteArray(argv[1]) == "--child")
        return runChild(QString::fromLocal8Bit(argv[2]));

    const int trials = argc > 1 ? std::atoi(argv[1]) : 20;
    const QString source = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                    : QStringLiteral(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
    if (trials <= 0) {
        std::fprintf(stderr, "TRIALS must be > 0\n");
        return 2;
    }
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("kill test \u00e9.pulselab")); // a unicode path, too
    if (!folder.isValid() || !QFile::copy(source, path)) {
        std::fprintf(stderr, "cannot copy %s into a temporary folder\n", qPrintable(source));
        return 1;
    }
    const QString autosavePath = widgets::ProjectSession::autosavePathFor(path);

    Totals totals;
    QRandomGenerator random(20261201);
    std::printf("%5s | %-11s | %-8s | %-8s | %-7s | %-6s | %s\n", "trial", "killed in", "project", "autosave",
                "offered", "loaded", "temporaries after kill / after reopen");
    for (int trial = 1; trial <= trials; ++trial) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QString::fromLocal8Bit(argv[0]), {QStringLiteral("--child"), path});
        QByteArray output;
        QElapsedTimer clock;
        clock.start();
        while (!output.contains("ready\n") && clock.elapsed() < 60'000 &&
               child.state() != QProcess::NotRunning) {
            child.waitForReadyRead(100);
            output += child.readAllStandardOutput();
        }
        if (!output.contains("ready\n")) {
            std::fprintf(stderr, "trial %d: the child did not start (%s)\n", trial, output.constData());
            child.kill();
            child.waitForFinished();
            return 1;
        }
        const int delayMs = 100 + static_cast<int>(random.bounded(2000));
        QThread::msleep(static_cast<unsigned long>(delayMs));
        child.kill(); // SIGKILL
        child.waitForFinished();
        output += child.readAllStandardOutput();
        ++totals.trials;

        const QList<QByteArray> lines = output.trimmed().split('\n');
        const QByteArray last = lines.isEmpty() ? QByteArray() : lines.back();
        QString when = QStringLiteral("run/edit");
        if (last == "save>") {
            when = QStringLiteral("save");
            ++totals.killedMidSave;
        } else if (last == "autosave>") {
            when = QStringLiteral("autosave");
            ++totals.killedMidAutosave;
        } else {
            ++totals.killedMidRunOrEdit;
        }

        QString problem;
        const bool projectOk = completeProject(path, problem);
        if (!projectOk) {
            ++totals.halfWrittenProjects;
            std::fprintf(stderr, "trial %d: %s\n", trial, qPrintable(problem));
        }
        const bool hasAutosave = QFileInfo::exists(autosavePath);
        const bool autosaveOk = !hasAutosave || completeProject(autosavePath, problem);
        if (!autosaveOk) {
            ++totals.halfWrittenAutosaves;
            std::fprintf(stderr, "trial %d: %s\n", trial, qPrintable(problem));
        }
        const QStringList temporaries =
            QDir(folder.path())
                .entryList({QStringLiteral(".*.tmp-*")}, QDir::Files | QDir::Hidden | QDir::System);
        totals.leftoverTemporaries += static_cast<int>(temporaries.size());

        // Reopen as a person would: File > Open of the project in a new window, accepting the recovery offer.
        const bool offer = widgets::ProjectSession::hasNewerAutosave(path);
        bool loaded = false;
        std::string expected, readError;
        if (offer)
            core::readWholeFile(autosavePath.toStdString(), expected, readError);
        const core::ProjectLoad expectedLoad = core::parseProject(expected, "autosave");
        app::MainWindow window;
        MessageBoxAnswerer answerer(QMessageBox::Yes);
        window.openInteractively(path);
        const qsizetype temporariesAfter =
            QDir(folder.path())
                .entryList({QStringLiteral(".*.tmp-*")}, QDir::Files | QDir::Hidden | QDir::System)
                .size();
        totals.temporariesAfterReopen += static_cast<int>(temporariesAfter);
        if (!offer && !answerer.texts.isEmpty()) {
            ++totals.unexpectedDialogs;
            std::fprintf(stderr, "trial %d: unexpected dialog (%s)\n", trial,
                         qPrintable(answerer.texts.join(QStringLiteral(" | "))));
        }
        if (offer) {
            ++totals.autosavesOffered;
            loaded = answerer.texts.size() == 1 &&
                     answerer.texts.front().contains(QStringLiteral("autosave newer")) &&
                     expectedLoad.project &&
                     core::projectToJson(window.editorModel()->project()) ==
                         core::projectToJson(*expectedLoad.project);
            if (loaded)
                ++totals.autosavesLoaded;
            else
                std::fprintf(stderr, "trial %d: autosave not loaded (%s)\n", trial,
                             qPrintable(answerer.texts.join(QStringLiteral(" | "))));
        }
        std::printf("%5d | %-11s | %-8s | %-8s | %-7s | %-6s | %lld / %lld\n", trial, qPrintable(when),
                    projectOk ? "complete" : "BROKEN",
                    !hasAutosave ? "none" : (autosaveOk ? "complete" : "BROKEN"), offer ? "yes" : "no",
                    offer ? (loaded ? "yes" : "NO") : "-", static_cast<long long>(temporaries.size()),
                    static_cast<long long>(temporariesAfter));
        std::fflush(stdout);
    }

    std::printf("\nKill test: %s, SIGKILL at a random moment 0.1-2.1 s after Run, while the scripted user "
                "edits, saves and autosaves every 2 ms\n",
                qPrintable(QFileInfo(source).fileName()));
    std::printf("%-44s | %d\n", "trials", totals.trials);
    std::printf("%-44s | %d / %d / %d\n", "killed mid-save / mid-autosave / mid-run", totals.killedMidSave,
                totals.killedMidAutosave, totals.killedMidRunOrEdit);
    std::printf("%-44s | %d\n", "half-written project files (must be 0)", totals.halfWrittenProjects);
    std::printf("%-44s | %d\n", "half-written autosaves (must be 0)", totals.halfWrittenAutosaves);
    std::printf("%-44s | %d / %d\n", "autosave offered / offered and loaded", totals.autosavesOffered,
                totals.autosavesLoaded);
    std::printf("%-44s | %d / %d\n", "temporaries after the kill / after reopening",
                totals.leftoverTemporaries, totals.temporariesAfterReopen);
    std::printf("%-44s | %d\n", "unexpected dialogs on reopening", totals.unexpectedDialogs);
    const bool ok = totals.halfWrittenProjects == 0 && totals.halfWrittenAutosaves == 0 &&
                    totals.autosavesLoaded == totals.autosavesOffered && totals.temporariesAfterReopen == 0 &&
                    totals.unexpectedDialogs == 0;
    return ok ? 0 : 1;
}
