// The receptive-field view draws each published feature as a small image in its own tile, each scaled to its
// own range (its largest weight at the top of the viridis map, its smallest at the bottom), keeps only the
// latest features, and clears on reset.
#include "widgets/plots/receptive_field_view.h"

#include "widgets/common/colour_maps.h"
#include "widgets/export/figure_export.h"

#include <QApplication>
#include <QTemporaryDir>
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

        // The learned weights export as a figure, like every other view, with the project embedded.
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("fields.png"));
        QCOMPARE(
            widgets::exportFigure({&view}, png, {85.0, 60.0, 150}, QStringLiteral("{\"title\": \"rf\"}")),
            QString());
        const QImage exported(png);
        QCOMPARE(exported.size(), QSize(502, 354)); // 85 x 60 mm at 150 dpi
        int brightest = 0;
        for (int y = 0; y < exported.height(); ++y)
            for (int x = 0; x < exported.width(); ++x)
                brightest += exported.pixel(x, y) == top;
        QVERIFY2(brightest > 20,
                 qPrintable(QStringLiteral("%1 pixels of the brightest weight").arg(brightest)));
        QVERIFY(widgets::readFigureMetadata(png).contains(QStringLiteral("\"rf\"")));

        core::RunSnapshot without; // a snapshot with no features keeps the last ones
        view.appendSnapshot(without);
        QCOMPARE(view.features(), features.get());
        view.clear();
        QVERIFY(!view.features());
    }
};

QTEST_MAIN(TestReceptiveFieldView)
#include "tst_receptive_field_view.moc"
