#pragma once
// The open project as a file: its path, whether it has unsaved changes, atomic saves, an autosave every
// minute (and on demand, e.g. on Run) next to the project, and crash recovery: opening a project whose
// autosave is newer than the file offers the autosave. The project's content is opaque text here; the caller
// parses and validates it.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace pulselab::widgets {

class ProjectSession : public QObject {
    Q_OBJECT
public:
    /// `serialise` returns the project's current text (called for saves and autosaves).
    explicit ProjectSession(std::function<QString()> serialise, QObject* parent = nullptr);

    QString path() const { return m_path; }
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    /// Where the autosave of `projectPath` lives (next to it; in the app data folder for untitled projects).
    static QString autosavePathFor(const QString& projectPath);
    /// True when an autosave exists that is newer than the project file (the last session did not save).
    static bool hasNewerAutosave(const QString& projectPath);

    /// Reads a project file; on failure returns false and sets `error` (naming the file).
    bool open(const QString& path, QString& text, QString& error);
    /// Reads the autosave of `path` instead of the file itself (after the user accepted recovery).
    bool openAutosave(const QString& path, QString& text, QString& error);
    bool save(QString& error);
    bool saveAs(const QString& path, QString& error);
    void newUntitled();

    /// Writes the autosave now if there are unsaved changes; returns false with `error` on failure.
    bool autosave(QString& error);
    void setAutosaveIntervalMs(int ms) { m_timer.setInterval(ms); }

    /// Most recently opened or saved project files, newest first (QSettings).
    static QStringList recentFiles();
    static void addRecentFile(const QString& path);

Q_SIGNALS:
    void pathChanged(const QString& path);
    void modifiedChanged(bool modified);
    void autosaveFailed(const QString& error);

private:
    bool writeTo(const QString& path, QString& error);
    void removeAutosave();

    std::function<QString()> m_serialise;
    QString m_path;
    bool m_modified = false;
    QTimer m_timer;
};

} // namespace pulselab::widgets
