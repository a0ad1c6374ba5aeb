// pulselab-cli export-figure PROJECT --view V[,V...] --out FILE.(svg|pdf|png) [--duration S] [--seed N]
//                                    [--preset single|double|slide] [--dpi N] [--columns N] [--set T.P=V]
// Runs a project headless and writes a figure of its views, rendered offscreen by the same view classes the
// GUI docks (widgets/export/offscreen_figure.h). Also renders the figures a project configures (its
// "figures" field, core/model/figure_config.h) for `run --out DIR`. No display is needed: without
// QT_QPA_PLATFORM the offscreen platform is used (the CLI never shows a window, and figures must not depend
// on an X server's resolution or fonts).
#include "app/cli/cli_commands.h"
#include "app/cli/configured_figures.h"

#include "core/model/figure_config.h"
#include "core/model/project_file.h"
#include "core/runtime/project_run.h"
#include "core/runtime/run_overrides.h"
#include "widgets/export/offscreen_figure.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace pulselab::cli {

namespace {

/// Drops the offscreen platform's notes that say nothing about the figure (no OpenGL for the never-shown
/// 3-D floorplan, no window-manager size hints, no runtime directory); passes everything else on.
void quietPlatformNotes(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    for (const char* known : {"propagateSizeHints", "XDG_RUNTIME_DIR", "QOpenGLWidget is not supported"})
        if (message.contains(QLatin1String(known)))
            return;
    if (type != QtDebugMsg && type != QtInfoMsg)
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

/// The one QApplication of this process, created on first use (the other commands never need one).
void ensureGuiApplication() {
    if (QApplication::instance())
        return;
    qInstallMessageHandler(quietPlatformNotes);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "pulselab-cli";
    static char* argv[] = {name, nullptr};
    static QApplication app(argc, argv);
}

struct FigureOptions {
    std::string project;
    std::vector<std::string> views;
    std::string out;
    std::optional<double> durationS;
    std::optional<std::uint64_t> seed;
    std::string preset = "single";
    std::optional<int> dpi;
    int columns = 0;
    std::vector<core::ParameterOverride> overrides;
};

constexpr const char* kUsage =
    "usage: pulselab-cli export-figure PROJECT --view "
    "raster|free-energy|beliefs|traces|receptive-fields|floorplan|editor[,...]\n"
    "                                  --out FILE.(svg|pdf|png) [--duration S] [--seed N]\n"
    "                                  [--preset single|double|slide] [--dpi N] [--columns N]\n"
    "                                  [--set TARGET.PARAM=VALUE ...]\n";

std::vector<std::string> splitViews(const std::string& list) {
    std::vector<std::string> views;
    std::size_t from = 0;
    while (from <= list.size()) {
        const std::size_t comma = std::min(list.find(',', from), list.size());
        views.push_back(list.substr(from, comma - from));
        from = comma + 1;
    }
    return views;
}

std::optional<FigureOptions> parse(std::span<const std::string> args, std::ostream& err) {
    FigureOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (!a.empty() && a[0] == '-' && a != "--view" && a != "--out" && a != "--duration" &&
            a != "--seed" && a != "--preset" && a != "--dpi" && a != "--columns" && a != "--set") {
            err << "pulselab-cli export-figure: unknown option " << a << "\n" << kUsage;
            return std::nullopt;
        }
        if (a.empty() || a[0] != '-') {
            if (!o.project.empty()) {
                err << "pulselab-cli export-figure: one project at a time (got '" << o.project << "' and '"
                    << a << "')\n";
                return std::nullopt;
            }
            o.project = a;
            continue;
        }
        if (i + 1 >= args.size()) {
            err << "pulselab-cli export-figure: " << a << " needs a value\n";
            return std::nullopt;
        }
        const std::string& v = args[++i];
        try {
            std::size_t used = 0;
            if (a == "--view") {
                for (const std::string& view : splitViews(v)) {
                    if (!core::isFigureViewName(view)) {
                        err << "pulselab-cli export-figure: --view: unknown view '" << view << "' (expected "
                            << core::figureViewNameList() << ")\n";
                        return std::nullopt;
                    }
                    o.views.push_back(view);
                }
            } else if (a == "--out") {
                o.out = v;
            } else if (a == "--set") {
                std::string error;
                auto parsed = core::parseParameterOverride(v, error);
                if (!parsed) {
                    err << "pulselab-cli export-figure: --set " << error << "\n";
                    return std::nullopt;
                }
                o.overrides.push_back(std::move(*parsed));
            } else if (a == "--duration") {
                o.durationS = std::stod(v, &used);
                if (used != v.size() || !(*o.durationS > 0.0)) {
                    err << "pulselab-cli export-figure: --duration must be a number of seconds > 0, got '"
                        << v << "'\n";
                    return std::nullopt;
                }
            } else if (a == "--seed") {
                if (v.empty() || v[0] == '-')
                    throw std::invalid_argument(v);
                o.seed = std::stoull(v, &used);
            } else if (a == "--preset") {
                if (!core::isFigurePresetName(v)) {
                    err << "pulselab-cli export-figure: --preset: '" << v
                        << "' is not a preset (expected single, double or slide)\n";
                    return std::nullopt;
                }
                o.preset = v;
            } else if (a == "--dpi") {
                o.dpi = std::stoi(v, &used);
                if (*o.dpi < 36 || *o.dpi > 2400) {
                    err << "pulselab-cli export-figure: --dpi must be 36 to 2400, got " << v << "\n";
                    return std::nullopt;
                }
            } else if (a == "--columns") {
                o.columns = std::stoi(v, &used);
                if (o.columns < 0 || o.columns > 6) {
                    err << "pulselab-cli export-figure: --columns must be 0 (automatic) to 6, got " << v
                        << "\n";
                    return std::nullopt;
                }
            }
            if (used != 0 && used != v.size())
                throw std::invalid_argument(v);
        } catch (const std::exception&) {
            err << "pulselab-cli export-figure: " << a << ": '" << v << "' is not a valid number\n";
            return std::nullopt;
        }
    }
    if (o.project.empty() || o.views.empty() || o.out.empty()) {
        err << kUsage;
        return std::nullopt;
    }
    if (!widgets::figureFormatForPath(QString::fromStdString(o.out))) {
        err << "pulselab-cli export-figure: --out " << o.out
            << ": unknown figure format (use .svg, .pdf or .png)\n";
        return std::nullopt;
    }
    return o;
}

/// The project as it will run: with the seed given on the command line, the duration that will be run and
/// the --set overrides written in, so that the project embedded in the figure reproduces it exactly.
std::optional<core::Project> projectToRun(core::Project project, const FigureOptions& options,
                                          std::ostream& err) {
    if (options.durationS)
        project.network.run.durationMs = *options.durationS * 1000.0;
    if (options.seed)
        core::applySeed(project, *options.seed);
    std::string error;
    if (!core::writeParameterOverrides(project, options.overrides, error)) {
        err << "pulselab-cli export-figure: --set " << error << "\n";
        return std::nullopt;
    }
    return project;
}

std::string directoryOf(const std::string& projectPath) {
    const std::string dir = std::filesystem::path(projectPath).parent_path().string();
    return dir.empty() ? "." : dir;
}

/// Runs `project` offscreen; nullptr after naming the problem on `err` (`code` says which exit code).
std::unique_ptr<widgets::OffscreenFigure>
runOffscreen(const core::Project& project, const std::string& path, std::ostream& err, int& code,
             const std::vector<core::ParameterOverride>& overrides = {}) {
    ensureGuiApplication();
    QString error;
    auto figure = widgets::OffscreenFigure::create(project, directoryOf(path), &error);
    if (!figure) {
        err << path << ": " << error.toStdString() << "\n";
        code = kExitInvalidProject;
        return nullptr;
    }
    if (!figure->applyParameterOverrides(overrides, &error)) {
        err << "pulselab-cli: --set " << error.toStdString() << "\n";
        code = kExitUsage;
        return nullptr;
    }
    if (!figure->run(project.network.run.durationMs, &error)) {
        err << path << ": " << error.toStdString() << "\n";
        code = kExitRunFailed;
        return nullptr;
    }
    code = kExitOk;
    return figure;
}

widgets::FigureSize sizeFor(const std::string& preset, int dpi) {
    widgets::FigureSize size = *widgets::figurePreset(preset);
    if (dpi > 0)
        size.dpi = dpi;
    return size;
}

} // namespace

int exportFigureCommand(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const auto options = parse(args, err);
    if (!options)
        return kExitUsage;
    const core::ProjectLoad load = core::loadProjectFile(options->project);
    if (!load.project) {
        err << load.error << "\n";
        return kExitInvalidProject;
    }
    const auto configured = projectToRun(*load.project, *options, err);
    if (!configured)
        return kExitUsage;
    const core::Project& project = *configured;
    int code = kExitOk;
    auto figure = runOffscreen(project, options->project, err, code, options->overrides);
    if (!figure)
        return code;
    const QString error =
        figure->exportViews(options->views, QString::fromStdString(options->out),
                            sizeFor(options->preset, options->dpi.value_or(0)), options->columns);
    if (!error.isEmpty()) {
        err << error.toStdString() << "\n";
        return kExitRunFailed;
    }
    out << options->out << ": " << options->views.size() << " view(s) after "
        << project.network.run.durationMs / 1000.0 << " s simulated, " << figure->spikeCount() << " spikes\n";
    return kExitOk;
}

int writeConfiguredFigures(const core::Project& ran, const std::string& projectPath,
                           const std::string& outDir, const std::vector<core::ParameterOverride>& overrides,
                           std::ostream& err) {
    core::FigureConfigError problem;
    const auto items = core::parseFigureConfig(ran.figures, problem);
    if (!items) {
        err << projectPath << ": " << problem.field << ": " << problem.reason << "\n";
        return kExitInvalidProject;
    }
    if (items->empty())
        return kExitOk;
    // The figures re-run the project with the same seed and overrides: the same spikes as the recording.
    int code = kExitOk;
    auto figure = runOffscreen(ran, projectPath, err, code, overrides);
    if (!figure)
        return code;
    for (const core::FigureItem& item : *items) {
        const std::string file = (std::filesystem::path(outDir) / item.file).string();
        const QString error = figure->exportViews(item.views, QString::fromStdString(file),
                                                  sizeFor(item.preset, item.dpi), item.columns);
        if (!error.isEmpty()) {
            err << error.toStdString() << "\n";
            return kExitRunFailed;
        }
        err << "figure " << file << "\n";
    }
    return kExitOk;
}

} // namespace pulselab::cli
