#include "widgets/tour/example_catalog.h"

#include "widgets/tour/tour_document.h"

#include "core/model/project_file.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>

namespace pulselab::widgets {

QString firstSentence(const QString& text, int maxChars) {
    QString s = text.simplified();
    // A sentence ends at ". " or ": " (the descriptions explain after a colon); abbreviations like
    // "e.g. " are rare enough in our descriptions to accept.
    qsizetype end = -1;
    for (const QString& stop : {QStringLiteral(". "), QStringLiteral(": ")}) {
        const qsizetype at = s.indexOf(stop);
        if (at >= 0 && (end < 0 || at < end))
            end = at;
    }
    if (end >= 0)
        s = s.left(end + 1);
    if (s.endsWith(QLatin1Char(':')))
        s.chop(1);
    if (s.size() > maxChars)
        s = s.left(maxChars - 1).trimmed() + QChar(0x2026);
    return s;
}

std::vector<ExampleEntry> listExamples(const QString& folder, const QStringList& preferredOrder) {
    std::vector<ExampleEntry> entries;
    const QDir dir(folder);
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*.pulselab")}, QDir::Files, QDir::Name)) {
        ExampleEntry e;
        e.name = info.completeBaseName();
        e.path = info.absoluteFilePath();
        e.title = e.name;
        const core::ProjectLoad load = core::loadProjectFile(e.path.toStdString());
        if (load.project) {
            if (!load.project->title.empty())
                e.title = QString::fromStdString(load.project->title);
            e.summary = firstSentence(QString::fromStdString(load.project->description));
        } else {
            e.loadable = false;
            e.summary = QString::fromStdString(load.error);
        }
        const QString thumbnail = QStringLiteral(":/thumbnails/%1.png").arg(e.name);
        if (QFileInfo::exists(thumbnail))
            e.thumbnail = thumbnail;
        e.tourPath = TourDocument::tourPathFor(e.path);
        entries.push_back(std::move(e));
    }
    auto rank = [&](const ExampleEntry& e) {
        const qsizetype i = preferredOrder.indexOf(e.name);
        return i < 0 ? preferredOrder.size() : i;
    };
    std::stable_sort(entries.begin(), entries.end(),
                     [&](const ExampleEntry& a, const ExampleEntry& b) { return rank(a) < rank(b); });
    return entries;
}

} // namespace pulselab::widgets
