// Fuzz regressions (issue 11): every input the fuzzers in bench/fuzz found crashing a reader is kept in
// tests/core/data/fuzz/<target>/ and must now load or fail with a message naming the file; and a sweep that
// damages every byte of a small recording (two bit masks) never crashes the reader. (The same sweep over a
// NIR file still crashes inside libhdf5 1.10's H5Gget_info on a damaged v2 B-tree header; see the fuzz
// README.)
#include "core/data/aedat_event_reader.h"
#include "core/data/mnist_digits.h"
#include "core/data/nmnist_event_reader.h"
#include "core/data/shd_event_reader.h"
#include "core/io/hdf5_isolation.h"
#include "core/io/nir_file.h"
#include "core/io/recording_file.h"
#include "core/model/project_file.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>

// While opening a damaged file libhdf5 mallocs object-header sizes read from it (a saved recording makes it
// ask for 0xcdcdcdcdcdcdcdcd bytes in H5C_protect, before any of our checks can run). Plain malloc returns
// NULL and HDF5 reports an error, which is what this test checks; ASan would abort instead, so it is told to
// return NULL like malloc does.
extern "C" const char* __asan_default_options() {
    return "allocator_may_return_null=1";
}
#endif

using namespace pulselab::core;
namespace fs = std::filesystem;

namespace {

/// HDF5 leaks small blocks on some error paths inside the library; they are not ours to fix. Tests that touch
/// HDF5 hold one for their whole body, so that every block HDF5 allocates (and may recycle through its free
/// lists, then leak) is allocated while leak checking is off.
struct IgnoreHdf5Leaks {
#if defined(__SANITIZE_ADDRESS__)
    IgnoreHdf5Leaks() {
        __lsan_disable();
    }
    ~IgnoreHdf5Leaks() {
        __lsan_enable();
    }
#endif
};

using Bytes = std::vector<char>;

Bytes readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeBytes(const std::string& path, const Bytes& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// What a reader made of a file: loaded, or the error it gave.
struct Outcome {
    bool loaded = false;
    std::string error;
};

/// Runs the reader that fuzz target `target` (bench/fuzz/fuzz_<target>.cpp) exercises on `path`.
Outcome readAs(const std::string& target, const std::string& path, const std::string& scratchDir) {
    if (target == "project") {
        const ProjectLoad load = loadProjectFile(path);
        return {load.project.has_value(), load.error};
    }
    if (target == "nir") {
        const NirLoad load = importNir(path);
        return {load.network.has_value(), load.error};
    }
    if (target == "recording") {
        const RecordingLoad load = readRecordingHdf5(path);
        return {load.recording.has_value(), load.error};
    }
    if (target == "nmnist") {
        const EventLoad load = readNmnistEvents(path, {34, 34});
        return {load.stream.has_value(), load.error};
    }
    if (target == "aedat") {
        const EventLoad load = readAedat2Dvs128Events(path);
        return {load.stream.has_value(), load.error};
    }
    if (target == "shd") {
        std::string error;
        if (!readShdInfo(path, error))
            return {false, error};
        const EventLoad load = readShdSample(path, 0);
        return {load.stream.has_value(), load.error};
    }
    if (target == "mnist") {
        // loadMnist reads 0.json ... 9.json; each is the saved input.
        for (int digit = 0; digit < 10; ++digit)
            fs::copy_file(path, scratchDir + "/" + std::to_string(digit) + ".json",
                          fs::copy_options::overwrite_existing);
        std::string error;
        const bool loaded = loadMnist(scratchDir, error).has_value();
        return {loaded, error};
    }
    return {false, "unknown fuzz target '" + target + "'"};
}

/// A recording with one population, one input and one signal: small, but every group kind is present.
Recording smallRecording() {
    Recording r;
    r.pulselabVersion = "0.1.0";
    r.seed = 7;
    r.dtMs = 0.1;
    r.projectJson = "{}";
    r.spikes.push_back({"exc", false, 2, {0.5, 1.5}, {1, 0}});
    r.spikes.push_back({"in", true, 1, {0.25}, {0}});
    r.scalarSignals.push_back({"F", "nats", {0.0}, {1.5}});
    return r;
}

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savedFuzzInputsLoadOrNameTheFile() {
        [[maybe_unused]] const IgnoreHdf5Leaks ignore;
        const fs::path root = fs::path(PULSELAB_SOURCE_DIR) / "tests/core/data/fuzz";
        QVERIFY2(fs::is_directory(root), root.c_str());
        const std::set<std::string> targets = {"project", "nir", "recording", "nmnist",
                                               "aedat",   "shd", "mnist"};
        QTemporaryDir scratch;
        int inputs = 0;
        for (const auto& dir : fs::directory_iterator(root)) {
            if (!dir.is_directory())
                continue; // README.md
            const std::string target = dir.path().filename().string();
            QVERIFY2(targets.count(target), ("not a fuzz target: " + dir.path().string()).c_str());
            for (const auto& input : fs::directory_iterator(dir.path())) {
                // Readers get a copy at a known path, so the message must name that path.
                const std::string path = scratch.filePath("input").toStdString();
                fs::copy_file(input.path(), path, fs::copy_options::overwrite_existing);
                const Outcome outcome = readAs(target, path, scratch.path().toStdString());
                const std::string named =
                    target == "mnist" ? scratch.path().toStdString() + "/" : path + ": ";
                if (!outcome.loaded)
                    QVERIFY2(outcome.error.rfind(named, 0) == 0,
                             (input.path().string() + " gave: " + outcome.error).c_str());
                ++inputs;
            }
        }
        QVERIFY(inputs > 0);
    }

    /// Inputs that crash inside libhdf5 1.10 itself (ASan: heap-buffer-overflow in H5O__msg_iterate_real
    /// under H5Aexists; an 8 GiB variable-length conversion), before any check we can make: the readers now
    /// read them first in the probe child, so this process survives and the message names the file. Which
    /// message depends on the build (a silent over-read in a plain build reads garbage the reader then
    /// refuses; ASan ends the child, and the message says libhdf5 crashed), so the test pins the name and the
    /// survival.
    void hdf5LibraryCrashesAreContained() {
        [[maybe_unused]] const IgnoreHdf5Leaks ignore;
        QVERIFY2(hdf5IsolationEnabled() && !hdf5ProbeProgram().empty(), "no probe program: nothing isolated");
        const fs::path root = fs::path(PULSELAB_SOURCE_DIR) / "tests/core/data/fuzz";
        const std::vector<std::pair<std::string, std::string>> inputs = {
            {"recording", "crash-0e5aa0341f9b2180a84b85592de7cd7bb1c25305"},
            {"recording", "crash-34dbc796c93a63a07842b379df80e9f59892223e"},
            {"recording", "crash-60bbd7ae95dbf707c779b7de4179fa60654ec050"},
            {"recording", "crash-9ead87df201b9fd0ffcdbb6dca3d5ebfad33c96d"},
            {"shd", "oom-973788afc617a3af5e13da15ac89bf2c1324098f"}};
        QTemporaryDir scratch;
        for (const auto& [target, name] : inputs) {
            const std::string path = scratch.filePath(QString::fromStdString(target + ".h5")).toStdString();
            QVERIFY2(fs::copy_file(root / target / name, path, fs::copy_options::overwrite_existing),
                     name.c_str());
            const Outcome outcome = readAs(target, path, {});
            QVERIFY2(!outcome.loaded, name.c_str());
            QVERIFY2(outcome.error.rfind(path + ": ", 0) == 0, (name + " gave: " + outcome.error).c_str());
        }
    }

    void everyByteOfARecordingDamagedGivesAMessage() {
#if defined(__SANITIZE_ADDRESS__)
        // libhdf5 1.10 itself over-reads some damaged object headers (ASan reports inside libhdf5, which
        // we cannot fix); the sweep runs in the normal build, where a crash would still fail it.
        QSKIP(
            "byte-flip sweep of an HDF5 file: runs in the normal build only (libhdf5 over-reads under ASan)");
#endif
        [[maybe_unused]] const IgnoreHdf5Leaks ignore;
        // The sweep tests our own checks in this process (and would start ~20,000 probe children).
        setHdf5IsolationEnabled(false);
        QTemporaryDir dir;
        const std::string good = dir.filePath("good.h5").toStdString();
        QVERIFY(writeRecordingHdf5(smallRecording(), good).ok);
        sweep(readBytes(good), dir.filePath("bad.h5").toStdString(), "recording");
        setHdf5IsolationEnabled(true);
    }

private:
    /// Damages each byte in turn with two masks (the low bit: sizes and offsets off by one; all bits: small
    /// numbers become huge ones) and reads the file: it loads or fails with a message naming it.
    void sweep(const Bytes& bytes, const std::string& path, const std::string& target) {
        QVERIFY(!bytes.empty());
        int failures = 0;
        for (std::size_t offset = 0; offset < bytes.size(); ++offset) {
            for (const unsigned char mask : {0x01, 0xFF}) {
                Bytes damaged = bytes;
                damaged[offset] = static_cast<char>(damaged[offset] ^ static_cast<char>(mask));
                writeBytes(path, damaged);
                const Outcome outcome = readAs(target, path, {});
                if (outcome.loaded)
                    continue;
                ++failures;
                QVERIFY2(
                    outcome.error.rfind(path + ": ", 0) == 0,
                    ("byte " + std::to_string(offset) + " ^ " + std::to_string(mask) + ": " + outcome.error)
                        .c_str());
            }
        }
        qInfo("%s: %zu bytes, %d of %zu damaged files refused", target.c_str(), bytes.size(), failures,
              2 * bytes.size());
        QVERIFY(failures > 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
