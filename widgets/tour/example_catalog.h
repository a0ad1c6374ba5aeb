#pragma once
// The example projects of a folder as the start page shows them: title, a one-line description (the first
// sentence of the project's description), the thumbnail (":/thumbnails/<name>.png" when bundled) and the
// tour next to it, if any. Unreadable projects are listed with the reason instead of being hidden.
#include <QString>
#include <QStringList>

#include <vector>

namespace pulselab::widgets {

struct ExampleEntry {
    QString name;      ///< file base name, e.g. "single-neuron"
    QString path;      ///< absolute path of the .pulselab file
    QString title;     ///< the project's title, or the name
    QString summary;   ///< first sentence of the description, or the load error
    QString thumbnail; ///< resource path of the thumbnail, empty when none is bundled
    QString tourPath;  ///< examples/<name>.tour.md when it exists
    bool loadable = true;
};

/// The first sentence of `text` (up to the first ". " or the end), at most `maxChars` characters.
QString firstSentence(const QString& text, int maxChars = 140);

/// Every *.pulselab in `folder`, with `preferredOrder` names first (in that order), the rest by name.
std::vector<ExampleEntry> listExamples(const QString& folder, const QStringList& preferredOrder = {});

} // namespace pulselab::widgets
