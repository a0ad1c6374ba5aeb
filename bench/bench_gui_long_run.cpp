// Long run with views attached (issue 11): the real main window opens a project (default: the default demo,
// examples/bars-rate-pc.pulselab, which ./pulselab.sh run opens), sets "as fast as possible" and a duration
// of SIM_MINUTES simulated minutes in its toolbar, presses Run, and samples the process's resident memory
// every SAMPLE_MINUTES simulated minutes while every view (raster, free energy, beliefs, traces, receptive
// fields, Loihi panel) takes the snapshots. Prints sim time | RSS MB | wall s and the RSS slope over the run
// after the first sample (MB per simulated hour); memory must stay flat.
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/bench/bench_gui_long_run [SIM_MINUTES] [SAMPLE_MINUTES]
//   [PROJECT] [--set TARGET.PARAMETER=VALUE ...]
// --set changes a parameter at step 0 as a slider would (e.g. pc.learning_rate=0: the previous default demo,
// default.pulselab, diverged after ~2.5 simulated minutes of learning and stopped on its exploding-weights
// fault).
#include "app/gui/main_window.h"
#include "core/runtime/run_overrides.h"
#include "widgets/run/run_controller.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <vector>

using namespace pulselab;

namespace {

/// Resident set size of this process in MB (VmRSS of /proc/self/status), or -1.
double residentMb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1.0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    }
    return -1.0;
}

struct Sample {
    double simMinutes = 0.0;
    double rssMb = 0.0;
    double wallSeconds = 0.0;
};

/// Least-squares slope of RSS against simulated time, in MB per simulated hour.
double slopeMbPerHour(const std::vector<Sample>& samples) {
    const double n = static_cast<double>(samples.size());
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const Sample& s : samples) {
        const double x = s.simMinutes / 60.0;
        sx += x;
        sy += s.rssMb;
        sxx += x * x;
        sxy += x * s.rssMb;
    }
    const double denominator = n * sxx - sx * sx;
    return denominator > 0 ? (n * sxy - sx * sy) / denominator : 0.0;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PulseLabBench"));
    QStringList positional;
    std::vector<core::ParameterOverride> overrides;
    const QStringList args = QApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--set") && i + 1 < args.size()) {
            std::string error;
            const auto parsed = core::parseParameterOverride(args[++i].toStdString(), error);
            if (!parsed) {
                std::fprintf(stderr, "--set %s\n", error.c_str());
                return 2;
            }
            overrides.push_back(*parsed);
        } else {
            positional << args[i];
        }
    }
    const double simMinutes = positional.size() > 0 ? positional[0].toDouble() : 60.0;
    const double sampleMinutes = positional.size() > 1 ? positional[1].toDouble() : 5.0;
    const QString project = positional.size() > 2
                                ? positional[2]
                                : QStringLiteral(PULSELAB_SOURCE_DIR "/examples/bars-rate-pc.pulselab");
    if (simMinutes <= 0 || sampleMinutes <= 0) {
        std::fprintf(stderr, "SIM_MINUTES and SAMPLE_MINUTES must be > 0\n");
        return 2;
    }

    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QString error;
    if (!window.openProject(project, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    auto* speed = window.findChild<QComboBox*>(QStringLiteral("speedBox"));
    auto* duration = window.findChild<QDoubleSpinBox*>(QStringLiteral("durationBox"));
    if (!speed || !duration) {
        std::fprintf(stderr, "the toolbar has no speed or duration box\n");
        return 1;
    }
    speed->setCurrentIndex(speed->findData(0.0));
    duration->setValue(simMinutes * 60'000.0);

    widgets::RunController* controller = window.runController();
    const double dtMs = controller->layout().dtMs;
    std::vector<Sample> samples;
    QElapsedTimer wall;
    double nextMinutes = 0.0;
    // Sampled as the views get their data: after every batch the controller hands them, and when it stops.
    auto sampleIfDue = [&] {
        const bool done = controller->state() == core::RunLoop::State::Finished ||
                          controller->state() == core::RunLoop::State::Faulted;
        if (done)
            controller->drain(); // the views get the last snapshots before the final sample
        const double minutes = static_cast<double>(controller->currentStep()) * dtMs / 60'000.0;
        if (minutes + 1e-9 >= nextMinutes || done) {
            samples.push_back({minutes, residentMb(), static_cast<double>(wall.elapsed()) / 1000.0});
            while (nextMinutes <= minutes + 1e-9)
                nextMinutes += sampleMinutes;
        }
        if (done)
            app.quit();
    };
    QObject::connect(controller, &widgets::RunController::snapshotArrived, &app, sampleIfDue);
    QObject::connect(controller, &widgets::RunController::stateChanged, &app, sampleIfDue,
                     Qt::QueuedConnection);
    QString fault;
    QObject::connect(controller, &widgets::RunController::faultReported, &app,
                     [&fault](const QString& message) { fault = message; });
    for (const core::ParameterOverride& o : overrides)
        controller->postParameterChange(QString::fromStdString(o.target), QString::fromStdString(o.parameter),
                                        o.value);
    wall.start();
    window.runAction()->trigger();
    QApplication::exec();

    std::printf("Long run with views attached: %s, dt %.3g ms, as fast as possible, under %s\n",
                qPrintable(project), dtMs, qPrintable(QGuiApplication::platformName()));
    for (const core::ParameterOverride& o : overrides)
        std::printf("set at step 0: %s.%s = %g\n", o.target.c_str(), o.parameter.c_str(), o.value);
    std::printf("%12s | %8s | %8s\n", "sim minutes", "RSS MB", "wall s");
    for (const Sample& s : samples)
        std::printf("%12.1f | %8.1f | %8.1f\n", s.simMinutes, s.rssMb, s.wallSeconds);
    if (samples.size() >= 3) {
        const std::vector<Sample> settled(samples.begin() + 1, samples.end());
        double lo = settled.front().rssMb, hi = lo;
        for (const Sample& s : settled) {
            lo = std::min(lo, s.rssMb);
            hi = std::max(hi, s.rssMb);
        }
        std::printf(
            "RSS after the first sample: min %.1f MB, max %.1f MB, slope %.2f MB per simulated hour\n", lo,
            hi, slopeMbPerHour(settled));
    }
    const bool reached = !samples.empty() && samples.back().simMinutes + 1e-6 >= simMinutes;
    std::printf("simulated %.1f of %.1f minutes in %.1f s wall%s\n",
                samples.empty() ? 0.0 : samples.back().simMinutes, simMinutes,
                samples.empty() ? 0.0 : samples.back().wallSeconds, reached ? "" : " (stopped early)");
    if (!fault.isEmpty())
        std::printf("the run reported: %s\n", qPrintable(fault));
    return reached ? 0 : 1;
}
