#include "widgets/tour/tour_document.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <cmath>

namespace pulselab::widgets {

namespace {

bool isSeparator(const QString& line) {
    const QString t = line.trimmed();
    return t.size() >= 3 && t.count(QLatin1Char('-')) == t.size();
}

TourStep makeStep(const QStringList& lines, int index) {
    TourStep step;
    step.markdown = lines.join(QLatin1Char('\n')).trimmed();
    for (const QString& line : lines) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1Char('#'))) {
            step.title = QString(t).remove(QRegularExpression(QStringLiteral("^#+\\s*"))).trimmed();
            break;
        }
    }
    if (step.title.isEmpty())
        step.title = QObject::tr("Step %1").arg(index + 1);
    return step;
}

} // namespace

std::optional<TourAction> TourAction::fromUrl(const QUrl& url, QString* reason) {
    auto refuse = [&](const QString& why) -> std::optional<TourAction> {
        if (reason)
            *reason = QObject::tr("%1: %2").arg(url.toString(), why);
        return std::nullopt;
    };
    if (url.scheme() != QLatin1String("pulselab"))
        return refuse(QObject::tr("not a pulselab: link"));
    const QUrlQuery query(url);
    const QString verb = url.path();
    auto number = [&](const QString& key, double& out) {
        bool ok = false;
        out = query.queryItemValue(key).toDouble(&ok);
        return ok && std::isfinite(out);
    };
    TourAction action;
    if (verb == QLatin1String("run")) {
        action.kind = Kind::Run;
    } else if (verb == QLatin1String("pause")) {
        action.kind = Kind::Pause;
    } else if (verb == QLatin1String("reset")) {
        action.kind = Kind::Reset;
    } else if (verb == QLatin1String("show")) {
        action.kind = Kind::ShowDock;
        action.dock = query.queryItemValue(QStringLiteral("dock"));
        if (action.dock.isEmpty())
            return refuse(QObject::tr("show needs dock=<objectName>"));
    } else if (verb == QLatin1String("set") || verb == QLatin1String("slider")) {
        action.kind = verb == QLatin1String("set") ? Kind::SetParameter : Kind::PinSlider;
        action.target = query.queryItemValue(QStringLiteral("target"));
        action.parameter = query.queryItemValue(QStringLiteral("param"));
        if (action.target.isEmpty() || action.parameter.isEmpty())
            return refuse(QObject::tr("%1 needs target= and param=").arg(verb));
        if (action.kind == Kind::SetParameter && !number(QStringLiteral("value"), action.value))
            return refuse(QObject::tr("set needs a numeric value="));
        for (const auto& [key, slot] : {std::pair{QStringLiteral("min"), &action.minimum},
                                        std::pair{QStringLiteral("max"), &action.maximum}}) {
            if (!query.hasQueryItem(key))
                continue;
            double v = 0;
            if (!number(key, v))
                return refuse(QObject::tr("%1= is not a number").arg(key));
            *slot = v;
        }
        action.unit = query.queryItemValue(QStringLiteral("unit"));
    } else {
        return refuse(QObject::tr("unknown action '%1' (run, pause, reset, show, set, slider)").arg(verb));
    }
    return action;
}

TourDocument TourDocument::fromMarkdown(const QString& markdown) {
    TourDocument doc;
    QStringList current;
    bool sawContent = false;
    auto flush = [&] {
        bool empty = true;
        for (const QString& l : std::as_const(current))
            empty = empty && l.trimmed().isEmpty();
        if (!empty)
            doc.m_steps.push_back(makeStep(current, static_cast<int>(doc.m_steps.size())));
        current.clear();
    };
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (const QString& raw : lines) {
        const QString line = QString(raw).remove(QLatin1Char('\r'));
        const QString t = line.trimmed();
        // A "# " title before any step names the tour and is not a step of its own.
        if (!sawContent && doc.m_title.isEmpty() && t.startsWith(QLatin1String("# "))) {
            doc.m_title = t.mid(2).trimmed();
            continue;
        }
        if (isSeparator(line)) {
            flush();
            continue;
        }
        if (t.startsWith(QLatin1String("## ")))
            flush();
        if (!t.isEmpty())
            sawContent = true;
        current << line;
    }
    flush();
    return doc;
}

TourDocument TourDocument::fromFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = QObject::tr("%1: cannot read the tour (%2)").arg(path, file.errorString());
        return {};
    }
    return fromMarkdown(QString::fromUtf8(file.readAll()));
}

QString TourDocument::tourPathFor(const QString& projectPath) {
    const QFileInfo info(projectPath);
    const QString path =
        info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".tour.md");
    return QFileInfo::exists(path) ? path : QString();
}

std::vector<TourLink> TourDocument::actionLinks() const {
    // Markdown links [text](pulselab:...) and bare <pulselab:...> autolinks.
    static const QRegularExpression link(QStringLiteral(R"((?:\]\(|<)(pulselab:[^)\s>]+))"));
    std::vector<TourLink> links;
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        auto it = link.globalMatch(m_steps[i].markdown);
        while (it.hasNext())
            links.push_back({static_cast<int>(i), QUrl(it.next().captured(1))});
    }
    return links;
}

} // namespace pulselab::widgets
