#include "widgets/project/project_session.h"

#include "core/io/atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace pulselab::widgets {

namespace {
constexpr int kAutosaveIntervalMs = 60'000;
constexpr int kMaxRecentFiles = 10;
} // namespace

ProjectSession::ProjectSession(std::function<QString()> serialise, QObject* parent)
    : QObject(parent), m_serialise(std::move(serialise)) {
    m_timer.setInterval(kAutosaveIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        QString error;
        if (!autosave(error))
            Q_EMIT autosaveFailed(error);
    });
    m_timer.start();
}

void ProjectSession::setModified(bool modified) {
    if (m_modified == modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
}

QString ProjectSession::autosavePathFor(const QString& projectPath) {
    if (projectPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        return dir + QStringLiteral("/untitled.pulselab.autosave");
    }
    const QFileInfo info(projectPath);
    return info.dir().filePath(QStringLiteral(".") + info.fileName() + QStringLiteral(".autosave"));
}

bool ProjectSession::hasNewerAutosave(const QString& projectPath) {
    const QFileInfo autosave(autosavePathFor(projectPath));
    if (!autosave.exists())
        return false;
    const QFileInfo project(projectPath);
    return !project.exists() || autosave.lastModified() > project.lastModified();
}

bool ProjectSession::open(const QString& path, QString& text, QString& error) {
    std::string contents, message;
    if (!core::readWholeFile(path.toStdString(), contents, message, std::size_t{256} << 20)) {
        error = QString::fromStdString(message);
        return false;
    }
    text = QString::fromUtf8(contents.data(), static_cast<qsizetype>(contents.size()));
    // A save or autosave killed mid-write leaves its temporary behind: the project is intact, tidy up.
    core::removeStaleTemporaries(path.toStdString());
    core::removeStaleTemporaries(autosavePathFor(path).toStdString());
    m_path = path;
    setModified(false);
    addRecentFile(path);
    Q_EMIT pathChanged(path);
    return true;
}

bool ProjectSession::openAutosave(const QString& path, QString& text, QString& error) {
    std::string contents, message;
    if (!core::readWholeFile(autosavePathFor(path).toStdString(), contents, message,
                             std::size_t{256} << 20)) {
        error = QString::fromStdString(message);
        return false;
    }
    text = QString::fromUtf8(contents.data(), static_cast<qsizetype>(contents.size()));
    m_path = path;
    setModified(true); // the recovered state is not in the project file yet
    Q_EMIT pathChanged(path);
    return true;
}

bool ProjectSession::writeTo(const QString& path, QString& error) {
    const QByteArray bytes = m_serialise().toUtf8();
    const core::WriteResult result = core::writeFileAtomically(
        path.toStdString(), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (!result.ok)
        error = QString::fromStdString(result.error);
    return result.ok;
}

void ProjectSession::removeAutosave() {
    QFile::remove(autosavePathFor(m_path));
}

bool ProjectSession::save(QString& error) {
    if (m_path.isEmpty()) {
        error = tr("the project has no file name yet: use Save As");
        return false;
    }
    if (!writeTo(m_path, error))
        return false;
    removeAutosave();
    setModified(false);
    addRecentFile(m_path);
    return true;
}

bool ProjectSession::saveAs(const QString& path, QString& error) {
    if (!writeTo(path, error))
        return false;
    const QString old = m_path;
    m_path = path;
    if (old.isEmpty())
        QFile::remove(autosavePathFor(QString()));
    removeAutosave();
    setModified(false);
    addRecentFile(path);
    Q_EMIT pathChanged(path);
    return true;
}

void ProjectSession::newUntitled() {
    m_path.clear();
    setModified(false);
    Q_EMIT pathChanged(m_path);
}

bool ProjectSession::autosave(QString& error) {
    if (!m_modified)
        return true;
    return writeTo(autosavePathFor(m_path), error);
}

QStringList ProjectSession::recentFiles() {
    return QSettings().value(QStringLiteral("project/recentFiles")).toStringList();
}

void ProjectSession::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QStringLiteral("project/recentFiles"), files);
}

} // namespace pulselab::widgets
