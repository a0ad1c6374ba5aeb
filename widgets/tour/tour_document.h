#pragma once
// A guided tour as written in Markdown next to its project (examples/<name>.tour.md): steps separated by a
// line "---" or starting at each "## " heading; links with the pulselab: scheme act on the application:
//   pulselab:run  pulselab:pause  pulselab:reset
//   pulselab:show?dock=floorplanDock
//   pulselab:set?target=neuron&param=v_th_mv&value=-45
//   pulselab:slider?target=neuron&param=i_bias_mv[&min=-20&max=40&unit=mV]
// Parsing never fails on bad text; a link that does not parse is reported with its step and URL.
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

namespace pulselab::widgets {

struct TourAction {
    enum class Kind { Run, Pause, Reset, ShowDock, SetParameter, PinSlider };
    Kind kind = Kind::Run;
    QString dock;                           ///< ShowDock
    QString target, parameter;              ///< SetParameter, PinSlider
    double value = 0.0;                     ///< SetParameter
    std::optional<double> minimum, maximum; ///< PinSlider: range when the parameter has no schema
    QString unit;                           ///< PinSlider

    /// Parses a pulselab: link; nullopt with `reason` naming what is wrong.
    static std::optional<TourAction> fromUrl(const QUrl& url, QString* reason);
};

struct TourStep {
    QString title;    ///< the step's first heading (without #), or "Step n"
    QString markdown; ///< the step's text
};

struct TourLink {
    int step = 0; ///< 0-based
    QUrl url;
};

class TourDocument {
public:
    static TourDocument fromMarkdown(const QString& markdown);
    /// Reads `path`; an empty document and `error` naming the file when it cannot be read.
    static TourDocument fromFile(const QString& path, QString* error);
    /// The tour next to a project: examples/x.pulselab -> examples/x.tour.md (empty if none).
    static QString tourPathFor(const QString& projectPath);

    const std::vector<TourStep>& steps() const { return m_steps; }
    QString title() const { return m_title; }
    /// Every pulselab: link in the tour, in order.
    std::vector<TourLink> actionLinks() const;

private:
    QString m_title; ///< the "# " heading before the first step, if any
    std::vector<TourStep> m_steps;
};

} // namespace pulselab::widgets
