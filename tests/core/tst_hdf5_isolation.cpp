// Reading untrusted HDF5 in a child process first (core/io/hdf5_isolation.h): a clean file is read through
// the probe program and loads; a reader's refusal comes back word for word; a child that dies by a signal or
// ends without a verdict gives a message naming the file instead of taking this process down; clean verdicts
// are remembered until the file changes. (The inputs that really crash libhdf5 are in core.fuzz_regressions.)
#include "core/io/hdf5_isolation.h"
#include "core/io/recording_file.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

using namespace pulselab::core;
namespace fs = std::filesystem;

namespace {

Recording smallRecording() {
    Recording r;
    r.pulselabVersion = "0.1.0";
    r.seed = 3;
    r.dtMs = 0.1;
    r.projectJson = "{}";
    r.spikes.push_back({"exc", false, 2, {0.5, 1.5}, {1, 0}});
    return r;
}

/// A stand-in probe program: a shell script with `body`.
std::string writeScript(const QTemporaryDir& dir, const std::string& name, const std::string& body) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
}

/// Restores the default probe program and isolation when a test ends, whatever it changed.
struct RestoreProbe {
    ~RestoreProbe() {
        setHdf5ProbeProgram({});
        setHdf5IsolationEnabled(true);
    }
};

} // namespace

class TestHdf5Isolation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void probeProgramIsFound() {
        const std::string program = hdf5ProbeProgram();
        QVERIFY2(!program.empty(),
                 "PULSELAB_HDF5_PROBE is not set and no pulselab-hdf5-probe beside the test");
        QVERIFY2(fs::is_regular_file(program), program.c_str());
        QVERIFY(hdf5IsolationEnabled());
    }

    void cleanFileLoadsThroughTheChild() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        QVERIFY(writeRecordingHdf5(smallRecording(), path).ok);
        QCOMPARE(probeHdf5InChild(Hdf5Reader::Recording, path), std::string());
        const RecordingLoad load = readRecordingHdf5(path);
        QVERIFY2(load.recording.has_value(), load.error.c_str());
        QCOMPARE(load.recording->spikes.at(0).timesMs.size(), std::size_t{2});
    }

    void readerRefusalComesBackWordForWord() {
        [[maybe_unused]] const RestoreProbe restore;
        QTemporaryDir dir;
        const std::string path = dir.filePath("notes.h5").toStdString();
        std::ofstream(path) << "not an HDF5 file at all";
        const std::string isolated = readRecordingHdf5(path).error;
        setHdf5IsolationEnabled(false);
        const std::string inProcess = readRecordingHdf5(path).error;
        QVERIFY(!inProcess.empty());
        QCOMPARE(isolated, inProcess);
        QCOMPARE(probeHdf5InChild(Hdf5Reader::Recording, path), std::string()); // off: nothing probed
    }

    void childKilledBySignalNamesTheFile() {
        [[maybe_unused]] const RestoreProbe restore;
        QTemporaryDir dir;
        const std::string path = dir.filePath("damaged.nir").toStdString();
        std::ofstream(path) << "x";
        setHdf5ProbeProgram(writeScript(dir, "segv.sh", "kill -SEGV $$"));
        const std::string error = probeHdf5InChild(Hdf5Reader::Nir, path);
        QCOMPARE(error, path +
                            ": the HDF5 library crashed reading it (SIGSEGV); the file is damaged or not a "
                            "NIR file");
    }

    void childWithoutVerdictNamesTheFile() {
        [[maybe_unused]] const RestoreProbe restore;
        QTemporaryDir dir;
        const std::string path = dir.filePath("train.h5").toStdString();
        std::ofstream(path) << "x";
        // Sanitizer reports end the process with exit code 1 and no verdict; so does a half-written one.
        setHdf5ProbeProgram(writeScript(dir, "quits.sh", "printf 'err'; exit 1"));
        const std::string error = probeHdf5InChild(Hdf5Reader::ShdSample, path, 4);
        QVERIFY2(
            error.rfind(path + ": the HDF5 library crashed reading it (the reader ended with exit code 1",
                        0) == 0,
            error.c_str());
        QVERIFY2(error.find("Spiking Heidelberg Digits") != std::string::npos, error.c_str());
        setHdf5ProbeProgram(writeScript(dir, "nomemory.sh", "exit 4"));
        QVERIFY2(probeHdf5InChild(Hdf5Reader::ShdInfo, path).find("MiB memory limit") != std::string::npos,
                 "exit code 4 (std::bad_alloc in the probe) is reported as the memory limit");
    }

    void cleanVerdictIsRememberedUntilTheFileChanges() {
        [[maybe_unused]] const RestoreProbe restore;
        QTemporaryDir dir;
        const std::string path = dir.filePath("kept.h5").toStdString();
        QVERIFY(writeRecordingHdf5(smallRecording(), path).ok);
        QCOMPARE(probeHdf5InChild(Hdf5Reader::Recording, path), std::string());
        setHdf5ProbeProgram(writeScript(dir, "segv.sh", "kill -SEGV $$"));
        QCOMPARE(probeHdf5InChild(Hdf5Reader::Recording, path), std::string()); // remembered
        QVERIFY(!probeHdf5InChild(Hdf5Reader::Nir, path).empty());              // another reader: probed
        Recording longer = smallRecording();
        longer.spikes.at(0).timesMs.push_back(2.5);
        longer.spikes.at(0).ids.push_back(1);
        QVERIFY(writeRecordingHdf5(longer, path).ok); // a different size: probed again
        const std::string error = readRecordingHdf5(path).error;
        QVERIFY2(error.rfind(path + ": the HDF5 library crashed", 0) == 0, error.c_str());
    }

    void limitsLeaveRoomForReadingAndBoundTheRest() {
        QCOMPARE(hdf5ProbeMemoryBudgetBytes(0), std::uint64_t{1} << 30);
        QCOMPARE(hdf5ProbeMemoryBudgetBytes(std::uint64_t{1} << 30), std::uint64_t{9} << 30);
        QVERIFY(hdf5ProbeMemoryBudgetBytes(~std::uint64_t{0}) > (std::uint64_t{1} << 60)); // no overflow
    }
};

QTEST_GUILESS_MAIN(TestHdf5Isolation)
#include "tst_hdf5_isolation.moc"
