// The spike raster draws each spike at its pixel in its population's colour, scrolls incrementally so that
// the scrolled image equals a full redraw of the same spikes, finds the spike under the cursor, and selects
// the clicked neuron.
#include "widgets/common/colour_maps.h"
#include "widgets/raster/label_spread.h"
#include "widgets/raster/row_bands.h"
#include "widgets/raster/spike_raster_view.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace pulselab;
using widgets::SpikeRasterView;

namespace {
core::RunLayout twoPopulations() {
    core::RunLayout layout;
    layout.dtMs = 1.0;
    layout.populations = {{"exc", 80, 0}, {"inh", 20, 80}};
    return layout;
}
} // namespace

class TestSpikeRasterView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thinBandsGetLabelsThatDoNotOverlap() {
        // The delays demo: two 1-neuron populations above a 10-neuron one, 14 px per line of text.
        const std::vector<double> tops = widgets::spreadLabelTops({0.0, 3.0, 40.0}, 14.0, 86.0);
        QCOMPARE(tops[0], 0.0);
        QCOMPARE(tops[1], 14.0);
        QCOMPARE(tops[2], 40.0); // far enough below: stays at its band
        // Three thin bands at the bottom edge are pushed back up so that the last stays inside.
        const std::vector<double> bottom = widgets::spreadLabelTops({80.0, 82.0, 84.0}, 14.0, 86.0);
        QCOMPARE(bottom[2], 86.0);
        QCOMPARE(bottom[1], 72.0);
        QCOMPARE(bottom[0], 58.0);
    }

    void thinPopulationsKeepAVisibleBand() {
        // The MNIST spiking demo: 784 pixels, 3 x 128 hidden and error neurons, 2 x 10 label errors in 80 px.
        const std::vector<double> h = widgets::bandHeights({784, 128, 128, 128, 10, 10}, 80.0, 8.0);
        QCOMPARE(h[4], 8.0); // proportional they would get 0.67 px
        QCOMPARE(h[5], 8.0);
        QVERIFY(h[1] >= 8.0 && h[0] > h[1]);
        double sum = 0.0;
        for (double x : h)
            sum += x;
        QVERIFY(std::abs(sum - 80.0) < 1e-9);
        QCOMPARE(widgets::bandHeights({10, 30}, 10.0, 8.0)[0], 2.5); // no room for minima: proportional
        QCOMPARE(widgets::bandHeights({0, 30}, 40.0, 8.0)[0], 0.0);  // no neurons, no band

        SpikeRasterView view;
        view.resize(1100, 130); // plot 1000 x 100
        core::RunLayout layout;
        layout.dtMs = 1.0;
        layout.populations = {{"pixels", 784, 0}, {"label errors", 10, 784}};
        view.setRunLayout(layout);
        view.setWindowMs(1000.0);
        view.appendSpikes(std::vector<core::SpikeEvent>{{100, 789}, {200, 0}}, 500);
        const QPoint label = view.pixelFor(100, 789) - view.plotRect().topLeft();
        QVERIFY2(label.y() >= 92 && label.y() < 100, qPrintable(QString::number(label.y())));
        QCOMPARE(view.image().pixelColor(label), widgets::categoricalColour(1));
        QCOMPARE(view.image().pixelColor(label + QPoint(0, -1)), QColor(Qt::white)); // rows of 0.8 px each
        QCOMPARE(view.neuronAt(view.pixelFor(100, 789)), 789);
        QCOMPARE(view.pixelFor(200, 0).y(), view.plotRect().top());
        // Zoomed in, rows share the height evenly again.
        view.setNeuronRange(780, 14);
        QCOMPARE(view.pixelFor(100, 789).y() - view.plotRect().top(),
                 static_cast<int>(std::floor(9 * 100.0 / 14)));
    }

    void drawsSpikesAtTheirPixelsInPopulationColours() {
        SpikeRasterView view;
        view.resize(1100, 430); // plot area 1000 x 400 pixels: 1 ms per pixel, 4 rows per neuron
        view.setRunLayout(twoPopulations());
        view.setWindowMs(1000.0);
        const std::vector<core::SpikeEvent> spikes = {{100, 5}, {300, 90}};
        view.appendSpikes(spikes, 500);
        const QImage& image = view.image();
        QCOMPARE(image.size(), QSize(1000, 400));
        const QPoint a = view.pixelFor(100, 5) - view.plotRect().topLeft();
        const QPoint b = view.pixelFor(300, 90) - view.plotRect().topLeft();
        QCOMPARE(a, QPoint(100, 20));
        QCOMPARE(image.pixelColor(a), widgets::categoricalColour(0));
        QCOMPARE(image.pixelColor(a + QPoint(0, 3)), widgets::categoricalColour(0)); // a 4-pixel tick
        QCOMPARE(image.pixelColor(b), widgets::categoricalColour(1));
        QCOMPARE(image.pixelColor(a + QPoint(1, 0)), QColor(Qt::white));
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                coloured += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        QCOMPARE(coloured, 8); // two spikes, four rows each, nothing else
    }

    void scrollingEqualsAFullRedraw() {
        SpikeRasterView view;
        view.resize(592, 212);
        view.setRunLayout(twoPopulations());
        view.setWindowMs(250.0);
        std::vector<core::SpikeEvent> all;
        for (std::int64_t step = 0; step < 2000; step += 50) {
            std::vector<core::SpikeEvent> chunk;
            for (std::int64_t s = step; s < step + 50; s += 3)
                chunk.push_back({s, static_cast<std::uint32_t>((s * 7) % 100)});
            all.insert(all.end(), chunk.begin(), chunk.end());
            view.appendSpikes(chunk, step + 50);
        }
        const QImage incremental = view.image().copy();
        view.setWindowMs(250.0); // forces a full redraw from the stored spikes
        QCOMPARE(incremental, view.image());
        // The newest spike sits at the right edge region, the oldest visible ones are gone.
        const QPoint last = view.pixelFor(all.back().step, all.back().neuron);
        QVERIFY(view.plotRect().contains(last));
        QVERIFY(!view.plotRect().contains(view.pixelFor(0, 0)));
    }

    void oneBatchLongerThanTheWindowDrawsItsVisibleEnd() {
        // At high speed one GUI frame brings more simulated time than the window shows: only the visible end
        // is drawn, and the image equals a full redraw of the same spikes.
        SpikeRasterView view;
        view.resize(600, 230); // plot area 500 x 200 pixels: 0.5 ms per pixel at a 250 ms window
        view.setRunLayout(twoPopulations());
        view.setWindowMs(250.0);
        std::vector<core::SpikeEvent> batch;
        for (std::int64_t step = 0; step < 1000; ++step)
            for (std::uint32_t n = static_cast<std::uint32_t>(step % 7); n < 100; n += 13)
                batch.push_back({step, n});
        view.appendSpikes(batch, 1000);
        const QImage once = view.image().copy();
        view.setWindowMs(250.0);
        QCOMPARE(once, view.image());
        QCOMPARE(view.pixelFor(999, 0).x(), view.plotRect().right());
        const QPoint origin = view.plotRect().topLeft();
        QCOMPARE(once.pixelColor(view.pixelFor(999, 5) - origin),
                 widgets::categoricalColour(0)); // 999 % 7 = 5
        QCOMPARE(once.pixelColor(view.pixelFor(999, 96) - origin), widgets::categoricalColour(1));
        QCOMPARE(once.pixelColor(view.pixelFor(999, 6) - origin), QColor(Qt::white));
    }

    void hiddenPopulationsGiveUpTheirRows() {
        SpikeRasterView view;
        view.resize(1100, 430); // plot area 1000 x 400 pixels
        view.setRunLayout(twoPopulations());
        view.setWindowMs(1000.0);
        view.setShownPopulations({false, true});
        QVERIFY(!view.populationShown(0));
        QVERIFY(view.populationShown(1));
        QCOMPARE(view.rowCount(), 20u); // "inh" alone: 20 pixels per neuron
        view.appendSpikes(std::vector<core::SpikeEvent>{{100, 5}, {300, 90}}, 500);
        QCOMPARE(view.pixelFor(300, 90) - view.plotRect().topLeft(), QPoint(300, 200)); // inh row 10
        QCOMPARE(view.image().pixelColor(300, 200), widgets::categoricalColour(1));
        int coloured = 0;
        for (int y = 0; y < view.image().height(); ++y)
            for (int x = 0; x < view.image().width(); ++x)
                coloured += view.image().pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        QCOMPARE(coloured, 20); // the hidden "exc" spike is not drawn
        QCOMPARE(view.neuronAt(view.plotRect().topLeft() + QPoint(10, 1)), 80);
        view.setShownPopulations({true, true});
        QCOMPARE(view.rowCount(), 100u);
        QCOMPARE(view.image().pixelColor(view.pixelFor(100, 5) - view.plotRect().topLeft()),
                 widgets::categoricalColour(0));
    }

    void highlightTintsTheChosenRows() {
        SpikeRasterView view;
        view.resize(1100, 430);
        view.setRunLayout(twoPopulations());
        view.highlightNeurons(80, 20); // the "inh" population
        const QPoint inside = view.pixelFor(0, 90) + QPoint(500, 0);
        const QPoint outside = view.pixelFor(0, 40) + QPoint(500, 0);
        QImage shot = view.grab().toImage();
        QVERIFY(shot.pixelColor(inside) != QColor(Qt::white));
        QCOMPARE(shot.pixelColor(outside), QColor(Qt::white));
        view.highlightNeurons(0, 0);
        shot = view.grab().toImage();
        QCOMPARE(shot.pixelColor(inside), QColor(Qt::white));
    }

    void hoverFindsTheSpikeAndClickSelects() {
        SpikeRasterView view;
        view.resize(1100, 430);
        view.setRunLayout(twoPopulations());
        view.appendSpikes(std::vector<core::SpikeEvent>{{200, 42}}, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPoint at = view.pixelFor(200, 42) + QPoint(1, 1);
        const auto spike = view.spikeNear(at);
        QVERIFY(spike);
        QCOMPARE(spike->neuron, 42u);
        QCOMPARE(spike->step, std::int64_t{200});
        QVERIFY(!view.spikeNear(at + QPoint(200, 0)));
        QSignalSpy selected(&view, &SpikeRasterView::neuronSelected);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, view.pixelFor(400, 85) + QPoint(0, 1));
        QCOMPARE(view.selectedNeuron(), 85);
        QCOMPARE(selected.count(), 1);
    }

    void zoomAndClear() {
        SpikeRasterView view;
        view.resize(600, 300);
        view.setRunLayout(twoPopulations());
        QWheelEvent wheel(QPointF(300, 150), QPointF(300, 150), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(view.windowMs() < 1000.0);
        view.appendSpikes(std::vector<core::SpikeEvent>{{10, 1}}, 20);
        view.clear();
        const QImage& image = view.image();
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                QCOMPARE(image.pixel(x, y), qRgb(255, 255, 255));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestSpikeRasterView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_spike_raster_view.moc"
