// Live views against the engine: 10,000 Poisson neurons at 20 Hz (plus 1,000 LIF neurons they drive) run for
// 20 simulated seconds headless, then with the run controller, the spike raster and a rate chart attached in
// a window (under Xvfb when there is no display). Prints the raster's frame rate and the engine's speed with
// views as a fraction of its headless speed. Goals (issue 5): >= 30 fps, >= 80 % of headless speed.
#include "core/sim/network_run.h"
#include "widgets/plots/time_series_chart.h"
#include "widgets/raster/spike_raster_view.h"
#include "widgets/run/run_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace pulselab;

namespace {

core::NetworkSpec network() {
    core::NetworkSpec net;
    net.run.dtMs = 0.1;
    net.inputs.push_back({"poisson", "poisson", 10000, {{"rate_hz", 20.0}}, {}});
    net.populations.push_back({"lif", "lif_cuba", 1000, {{"v_rest_mv", -65.0}}});
    core::ProjectionSpec p;
    p.name = "drive";
    p.source = "poisson";
    p.target = "lif";
    p.connectivity = "fixed_probability";
    p.probability = 0.01;
    p.weight = {"constant", 1.0, 0.0};
    net.projections.push_back(p);
    net.probes.push_back({"lif_rate", "rate", "lif", "", {}});
    return net;
}

class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

struct ViewRun {
    double wallSeconds = 0.0;
    int paints = 0;
};

/// Runs the network to `simulatedMs` with the views attached; `realTimeFactor` 0 = as fast as possible.
ViewRun runWithViews(QApplication& app, double simulatedMs, double realTimeFactor) {
    std::string error;
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* raster = new widgets::SpikeRasterView(&window);
    auto* rates = new widgets::TimeSeriesChart({core::SignalKind::PopulationRate}, "rate", "Hz", &window);
    layout->addWidget(raster, 3);
    layout->addWidget(rates, 1);
    window.resize(1400, 800);
    window.show();
    PaintCounter counter;
    raster->installEventFilter(&counter);
    widgets::RunController controller;
    QObject::connect(&controller, &widgets::RunController::layoutChanged, raster,
                     &widgets::SpikeRasterView::setRunLayout);
    QObject::connect(&controller, &widgets::RunController::snapshotArrived, raster,
                     &widgets::SpikeRasterView::appendSnapshot);
    QObject::connect(&controller, &widgets::RunController::layoutChanged, rates,
                     &widgets::TimeSeriesChart::setRunLayout);
    QObject::connect(&controller, &widgets::RunController::snapshotArrived, rates,
                     &widgets::TimeSeriesChart::appendSnapshot);
    controller.setRun(core::NetworkRun::create(network(), error));
    controller.setDurationMs(simulatedMs);
    QElapsedTimer wall;
    bool finished = false;
    QObject::connect(&controller, &widgets::RunController::statusChanged, &app,
                     [&](const widgets::RunStatus& status) {
                         if (!finished && status.simulatedMs >= simulatedMs - 0.05) {
                             finished = true;
                             app.quit();
                         }
                     });
    controller.setRealTimeFactor(realTimeFactor);
    wall.start();
    controller.run();
    app.exec();
    return {static_cast<double>(wall.nsecsElapsed()) / 1e9, counter.paints};
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const double simulatedMs = argc > 1 ? std::atof(argv[1]) * 1000.0 : 20000.0;
    const auto steps = static_cast<std::int64_t>(simulatedMs / 0.1);
    std::string error;

    // Headless: the same run, stepped in the same chunk sizes the run loop uses, spikes collected.
    auto headless = core::NetworkRun::create(network(), error);
    if (!headless) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::uint64_t spikes = 0;
    for (std::int64_t done = 0; done < steps; done += 100) {
        core::RunSnapshot out;
        headless->advance(100, out);
        spikes += out.spikes.size();
    }
    const double headlessSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const ViewRun fast = runWithViews(app, simulatedMs, 0.0);
    const double pacedMs = std::min(simulatedMs, 5000.0);
    const ViewRun paced = runWithViews(app, pacedMs, 1.0);
    const double viewSeconds = fast.wallSeconds;
    std::printf("| measure | headless | with views (raster 1400 px + rate chart) |\n|---|---|---|\n");
    std::printf("| wall time for %.0f s simulated | %.2f s | %.2f s |\n", simulatedMs / 1000.0,
                headlessSeconds, viewSeconds);
    std::printf("| engine speed (x real time) | %.1f | %.1f (%.0f %% of headless) |\n",
                simulatedMs / 1000.0 / headlessSeconds, simulatedMs / 1000.0 / viewSeconds,
                100.0 * headlessSeconds / viewSeconds);
    std::printf("| spikes drawn | %llu | - |\n", static_cast<unsigned long long>(spikes));
    std::printf("| raster frames per second | - | %.1f (%d frames) |\n", fast.paints / fast.wallSeconds,
                fast.paints);
    std::printf(
        "| paced at 1 x real time for %.0f s: raster frames per second | - | %.1f (%d frames in %.2f s) |\n",
        pacedMs / 1000.0, paced.paints / paced.wallSeconds, paced.paints, paced.wallSeconds);
    return 0;
}
