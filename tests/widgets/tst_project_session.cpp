// Project files: atomic save and reopen, unsaved-changes flag, autosave only when modified, crash recovery
// (a newer autosave is detected and opens), recent files, and clear errors naming the file.
#include "widgets/project/project_session.h"

#include <QCoreApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using pulselab::widgets::ProjectSession;

class TestProjectSession : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_text = QStringLiteral(R"({"format":"pulselab-project","v":1})");

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void saveAndReopen() {
        ProjectSession session([this] { return m_text; });
        const QString path = m_dir.filePath(QStringLiteral("net.pulselab"));
        QString error;
        QVERIFY(!session.save(error)); // untitled: needs Save As
        QVERIFY(error.contains(QStringLiteral("Save As")));
        session.setModified(true);
        QVERIFY2(session.saveAs(path, error), qPrintable(error));
        QVERIFY(!session.isModified());
        QCOMPARE(session.path(), path);
        ProjectSession other([] { return QString(); });
        QString text;
        QVERIFY(other.open(path, text, error));
        QCOMPARE(text, m_text);
        QCOMPARE(ProjectSession::recentFiles().front(), path);
    }

    void autosaveAndRecovery() {
        const QString path = m_dir.filePath(QStringLiteral("work.pulselab"));
        ProjectSession session([this] { return m_text; });
        QString error;
        QVERIFY(session.saveAs(path, error));
        QVERIFY(session.autosave(error)); // not modified: nothing written
        QVERIFY(!QFile::exists(ProjectSession::autosavePathFor(path)));
        QVERIFY(!ProjectSession::hasNewerAutosave(path));

        QThread::msleep(20); // distinct modification times
        m_text = QStringLiteral(R"({"format":"pulselab-project","v":2})");
        session.setModified(true);
        QVERIFY(session.autosave(error));
        QVERIFY(ProjectSession::hasNewerAutosave(path)); // as after a crash: file older than its autosave

        ProjectSession recovered([] { return QString(); });
        QString text;
        QVERIFY(recovered.openAutosave(path, text, error));
        QCOMPARE(text, m_text);
        QVERIFY(recovered.isModified());
        QCOMPARE(recovered.path(), path);

        QVERIFY(session.save(error));
        QVERIFY(!QFile::exists(ProjectSession::autosavePathFor(path))); // saved: autosave removed
    }

    void autosaveTimerFires() {
        const QString path = m_dir.filePath(QStringLiteral("timed.pulselab"));
        ProjectSession session([this] { return m_text; });
        QString error;
        QVERIFY(session.saveAs(path, error));
        session.setAutosaveIntervalMs(30);
        session.setModified(true);
        QTRY_VERIFY(QFile::exists(ProjectSession::autosavePathFor(path)));
    }

    void errorsNameTheFile() {
        ProjectSession session([] { return QString(); });
        QString text, error;
        QVERIFY(!session.open(m_dir.filePath(QStringLiteral("absent.pulselab")), text, error));
        QVERIFY(error.contains(QStringLiteral("absent.pulselab")));
        QVERIFY(!session.saveAs(QStringLiteral("/nonexistent-dir/a.pulselab"), error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/a.pulselab")));
    }
};

QTEST_GUILESS_MAIN(TestProjectSession)
#include "tst_project_session.moc"
