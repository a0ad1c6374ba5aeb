// Atomic writes: the target holds either the old or the new contents, failures name the file, and a writer
// killed with SIGKILL in the middle of a write never leaves a partial file behind (its temporary is tidied
// up by removeStaleTemporaries when the file is next opened).
#include "core/io/atomic_file.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace pulselab::core;

class TestAtomicFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char* name) const {
        return m_dir.filePath(QString::fromLatin1(name)).toStdString();
    }

private Q_SLOTS:
    void writesAndReplaces() {
        const std::string file = path("a.pulselab");
        QVERIFY(writeFileAtomically(file, "first").ok);
        QVERIFY(writeFileAtomically(file, "second version").ok);
        std::string text, error;
        QVERIFY(readWholeFile(file, text, error));
        QCOMPARE(text, std::string("second version"));
        // No temporary files are left next to it.
        int entries = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(m_dir.path().toStdString()))
            ++entries;
        QCOMPARE(entries, 1);
    }

    void failuresNameTheFile() {
        const WriteResult r = writeFileAtomically("/nonexistent-dir/x.pulselab", "data");
        QVERIFY(!r.ok);
        QVERIFY(r.error.rfind("/nonexistent-dir/x.pulselab: creating a temporary file failed", 0) == 0);
        std::string text, error;
        QVERIFY(!readWholeFile(path("missing.json"), text, error));
        QVERIFY(error.find("missing.json: cannot read") != std::string::npos);
        QVERIFY(writeFileAtomically(path("big"), std::string(1000, 'x')).ok);
        QVERIFY(!readWholeFile(path("big"), text, error, 100));
        QVERIFY(error.find("1000 bytes") != std::string::npos);
    }

    void killedWriterLeavesOldOrNew() {
        const std::string file = path("project.pulselab");
        const std::string oldText(1 << 20, 'o');
        const std::string newText(8 << 20, 'n'); // large, so a kill often lands mid-write
        QVERIFY(writeFileAtomically(file, oldText).ok);
        for (int attempt = 0; attempt < 20; ++attempt) {
            const pid_t child = fork();
            if (child == 0) {
                for (;;)
                    writeFileAtomically(file, attempt % 2 ? newText : oldText);
            }
            usleep(static_cast<useconds_t>(2000 + attempt * 1500));
            kill(child, SIGKILL);
            waitpid(child, nullptr, 0);
            std::string text, error;
            QVERIFY(readWholeFile(file, text, error));
            QVERIFY2(text == oldText || text == newText, "a half-written file was observed");
        }
        // What the killed writers left beside the file is removed by removeStaleTemporaries, and nothing
        // else.
        writeFileAtomically(path("other.pulselab"), "keep");
        const std::string debris = path(".project.pulselab.tmp-12345");
        QVERIFY(writeFileAtomically(debris, "half").ok); // as a killed writer would leave it
        QVERIFY(writeFileAtomically(path(".project.pulselab.tmp-notanumber"), "someone else's").ok);
        QVERIFY(removeStaleTemporaries(file) >= 1);
        QVERIFY(!std::filesystem::exists(debris));
        QVERIFY(std::filesystem::exists(file));
        QVERIFY(std::filesystem::exists(path("other.pulselab")));
        QVERIFY(std::filesystem::exists(path(".project.pulselab.tmp-notanumber")));
        QCOMPARE(removeStaleTemporaries(file), 0);
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"
