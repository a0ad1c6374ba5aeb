// The receptive-field view draws each published feature as a small image in its own tile, each scaled to its
// own range (its largest weight at the top of the viridis map, its smallest at the bottom), keeps only the
// latest features, and clears on reset.
#include "widgets/plots/receptive_field_view.h"

#include "widgets/common/colour_maps.h"

#include <QApplication>
#include <QTest>

using namespace pulselab;

class TestReceptiveFieldView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsEachFeatureInItsTile() {
        widgets::ReceptiveFieldView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto features = std::make_shared<core::FeatureImages>();
        features->title = "test";
        features->width = features->height = 3;
        features->count = 2;
        features->pixels.assign(18, 0.0f);
        features->pixels[0] = 2.0f;     // feature 0: top-left brightest
        features->pixels[9 + 8] = 5.0f; // feature 1: bottom-right brightest
        core::RunSnapshot snapshot;
        snapshot.features = features;
        view.appendSnapshot(snapshot);
        QCOMPARE(view.features()->count, 2);
        const QImage shot = view.grab().toImage();
        const QRect a = view.tileRect(0), b = view.tileRect(1);
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !a.intersects(b));
        auto centreOfCell = [](const QRect& tile, int x, int y) {
            return QPoint(tile.left() + (2 * x + 1) * tile.width() / 6,
                          tile.top() + (2 * y + 1) * tile.height() / 6);
        };
        const QRgb top = widgets::viridis(1.0).rgb(), bottom = widgets::viridis(0.0).rgb();
        QCOMPARE(shot.pixel(centreOfCell(a, 0, 0)), top);
        QCOMPARE(shot.pixel(centreOfCell(a, 2, 2)), bottom);
        QCOMPARE(shot.pixel(centreOfCell(b, 2, 2)), top);
        QCOMPARE(shot.pixel(centreOfCell(b, 0, 0)), bottom);

        core::RunSnapshot without; // a snapshot with no features keeps the last ones
        view.appendSnapshot(without);
        QCOMPARE(view.features(), features.get());
        view.clear();
        QVERIFY(!view.features());
    }
};

QTEST_MAIN(TestReceptiveFieldView)
#include "tst_receptive_field_view.moc"
