// The VTK-in-Qt-6 integration: the Loihi 2 floorplan renders real tiles into a QOpenGLWidget, mouse drags
// rotate the camera, and a click on a tile picks that core. Needs an X server (ctest runs under xvfb-run).
#include "widgets/floorplan/chip_floorplan_view.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <cmath>
#include <set>

using pulselab::widgets::ChipFloorplanView;

class TestChipFloorplanView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void meshLinksAreDrawnByTraffic() {
        ChipFloorplanView view;
        // Core 0 <-> 1 carries 400 messages in all (both directions merge), 1 -> 2 carries 100, 2 -> 3 none.
        view.setLinkTraffic({{0, 1, 300.0}, {1, 0, 100.0}, {1, 2, 100.0}, {2, 3, 0.0}});
        QCOMPARE(view.drawnLinkCount(), 2);
        QCOMPARE(view.drawnLinkWidth(0), 9.0);             // the busiest link is the widest
        QCOMPARE(view.drawnLinkWidth(1), 1.5 + 7.5 * 0.5); // width by the square root of the traffic share
        view.setLinkTraffic({});
        QCOMPARE(view.drawnLinkCount(), 0);
    }

    void init() {
        m_view = std::make_unique<ChipFloorplanView>();
        m_view->resize(640, 480);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void buildsOneTilePerLoihi2Core() {
        QCOMPARE(m_view->coreCount(), 128);
        QCOMPARE(m_view->chip().meshColumns * m_view->chip().meshRows, 128);
    }

    void rendersTilesNotAnEmptyFrame() {
        const QImage frame = m_view->grabFramebuffer();
        QVERIFY(!frame.isNull());
        QCOMPARE(frame.size(), m_view->size() * m_view->devicePixelRatio());
        // Tiles are slate blue (86,118,160) shaded by lighting: count bluish pixels and distinct colours.
        int bluish = 0;
        std::set<QRgb> colours;
        for (int y = 0; y < frame.height(); y += 2) {
            for (int x = 0; x < frame.width(); x += 2) {
                const QColor c = frame.pixelColor(x, y);
                colours.insert(c.rgb());
                if (c.blue() > c.red() + 25 && c.blue() > 90)
                    ++bluish;
            }
        }
        const int sampled = (frame.width() / 2) * (frame.height() / 2);
        QVERIFY2(bluish > sampled / 20,
                 qPrintable(QStringLiteral("only %1 of %2 pixels look like tiles").arg(bluish).arg(sampled)));
        QVERIFY2(colours.size() > 20, "the frame is (nearly) a single colour");
    }

    void clickOnATilePicksThatCore() {
        QSignalSpy selected(m_view.get(), &ChipFloorplanView::coreSelected);
        for (int core : {0, 37, 127}) {
            const QPoint centre = m_view->coreCentreOnScreen(core);
            QVERIFY(m_view->rect().contains(centre));
            QTest::mouseClick(m_view.get(), Qt::LeftButton, Qt::NoModifier, centre);
            QTRY_COMPARE(m_view->selectedCore(), core);
        }
        QCOMPARE(selected.count(), 3);
        // The selected tile is drawn in the highlight colour.
        QTest::qWait(50);
        const QImage frame = m_view->grabFramebuffer();
        const QPoint centre = m_view->coreCentreOnScreen(127) * m_view->devicePixelRatio();
        const QColor c = frame.pixelColor(centre);
        QVERIFY2(c.red() > 150 && c.green() > 100 && c.blue() < 90,
                 qPrintable(QStringLiteral("selected tile pixel is %1").arg(c.name())));
    }

    void dragRotatesTheCamera() {
        vtkCamera* camera = m_view->renderer()->GetActiveCamera();
        double before[3];
        camera->GetPosition(before);
        const QPoint from(320, 240);
        QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, from);
        for (int i = 1; i <= 10; ++i) {
            QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(8 * i, 3 * i)),
                             m_view->mapToGlobal(QPointF(from + QPoint(8 * i, 3 * i))), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(m_view.get(), &move);
        }
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, from + QPoint(80, 30));
        double after[3];
        camera->GetPosition(after);
        const double moved = std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
        QVERIFY2(moved > 1.0, qPrintable(QStringLiteral("camera moved only %1").arg(moved)));
        QCOMPARE(m_view->selectedCore(), -1); // a drag is not a click
    }

    void wheelZooms() {
        // Tiles grow on screen (the flat view is a parallel projection: its scale, not distance, changes).
        auto tileSpacing = [this] {
            const QPoint a = m_view->coreCentreOnScreen(0), b = m_view->coreCentreOnScreen(1);
            return std::hypot(double(a.x() - b.x()), double(a.y() - b.y()));
        };
        const double before = tileSpacing();
        QWheelEvent wheel(QPointF(320, 240), m_view->mapToGlobal(QPointF(320, 240)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view.get(), &wheel);
        QVERIFY2(tileSpacing() > before * 1.02,
                 qPrintable(QStringLiteral("%1 -> %2 pixels").arg(before).arg(tileSpacing())));
    }

    void colouringByValueChangesTiles() {
        std::vector<double> load(128, 0.0);
        load[0] = 1.0;
        m_view->setCoreValues(load, QStringLiteral("neurons per core"));
        QTest::qWait(50);
        const QImage frame = m_view->grabFramebuffer();
        const QColor hot = frame.pixelColor(m_view->coreCentreOnScreen(0) * m_view->devicePixelRatio());
        const QColor cold = frame.pixelColor(m_view->coreCentreOnScreen(64) * m_view->devicePixelRatio());
        // viridis: the maximum is yellow, zero is dark purple.
        QVERIFY2(hot.green() > 150 && hot.red() > 150, qPrintable(hot.name()));
        QVERIFY2(cold.green() < 60, qPrintable(cold.name()));
    }

    void heightModeRaisesTilesByValueAndTiltsTheCamera() {
        std::vector<double> load(128, 0.0);
        load[10] = 4.0;
        load[20] = 1.0;
        m_view->setCoreValues(load, QStringLiteral("energy"));
        // Flat: every tile the same height, seen from straight above.
        QCOMPARE(m_view->tileHeight(10), ChipFloorplanView::kFlatTileHeight);
        double direction[3];
        m_view->renderer()->GetActiveCamera()->GetDirectionOfProjection(direction);
        QVERIFY2(direction[2] < -0.99, "flat view is not top-down");
        const QPoint flat10 = m_view->coreCentreOnScreen(10), flat20 = m_view->coreCentreOnScreen(20);

        m_view->setHeightMode(true);
        QVERIFY(m_view->heightMode());
        QCOMPARE(m_view->tileHeight(10),
                 ChipFloorplanView::kFlatTileHeight + ChipFloorplanView::kMaxTileRise);
        QCOMPARE(m_view->tileHeight(20),
                 ChipFloorplanView::kFlatTileHeight + ChipFloorplanView::kMaxTileRise / 4);
        QCOMPARE(m_view->tileHeight(0), ChipFloorplanView::kFlatTileHeight);
        m_view->renderer()->GetActiveCamera()->GetDirectionOfProjection(direction);
        QVERIFY2(direction[2] > -0.9 && direction[2] < -0.3,
                 qPrintable(QStringLiteral("height-mode view z direction %1").arg(direction[2])));
        // The raised tiles are still picked where they are drawn, and the drawing moved.
        QTest::qWait(50);
        for (int core : {10, 20, 0}) {
            const QPoint centre = m_view->coreCentreOnScreen(core);
            QVERIFY(m_view->rect().contains(centre));
            QCOMPARE(m_view->coreAt(centre), core);
        }
        QVERIFY(m_view->coreCentreOnScreen(10) != flat10 || m_view->coreCentreOnScreen(20) != flat20);
        // New values re-raise the tiles; leaving height mode flattens them.
        load[10] = 0.0;
        m_view->setCoreValues(load, QStringLiteral("energy"));
        QCOMPARE(m_view->tileHeight(20),
                 ChipFloorplanView::kFlatTileHeight + ChipFloorplanView::kMaxTileRise);
        m_view->setHeightMode(false);
        QCOMPARE(m_view->tileHeight(20), ChipFloorplanView::kFlatTileHeight);
    }

    void hoverShowsTheCoresNumbers() {
        std::vector<double> load(128, 0.0);
        load[42] = 1234.0;
        m_view->setCoreValues(load, QStringLiteral("neurons per core"));
        QTest::qWait(50);
        const QPoint centre = m_view->coreCentreOnScreen(42);
        QString text = m_view->toolTipAt(centre);
        QVERIFY2(text.contains(QStringLiteral("Core 42")) && text.contains(QStringLiteral("1234")),
                 qPrintable(text));
        QVERIFY(m_view->toolTipAt(QPoint(2, 2)).isEmpty()); // the background corner
        m_view->setCoreDescriber([](int core) { return QStringLiteral("described %1").arg(core); });
        QHelpEvent help(QEvent::ToolTip, centre, m_view->mapToGlobal(centre));
        QApplication::sendEvent(m_view.get(), &help);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("described 42"));
    }

    void highlightedCoresAreOutlinedAndTheColourBarFollowsValues() {
        QVERIFY(!m_view->colourBarVisible());
        auto orangePixels = [this] {
            const QImage frame = m_view->grabFramebuffer();
            int n = 0;
            for (int y = 0; y < frame.height(); ++y)
                for (int x = 0; x < frame.width(); ++x) {
                    const QColor c = frame.pixelColor(x, y);
                    n += c.red() > 200 && c.green() > 70 && c.green() < 150 && c.blue() < 80;
                }
            return n;
        };
        QCOMPARE(orangePixels(), 0);
        m_view->setHighlightedCores({3, 4, 5});
        QCOMPARE(m_view->highlightedCores().size(), std::size_t{3});
        QTest::qWait(50);
        QVERIFY2(orangePixels() > 100, qPrintable(QString::number(orangePixels())));
        m_view->setHighlightedCores({});
        QTest::qWait(50);
        QCOMPARE(orangePixels(), 0);

        std::vector<double> load(128, 0.0);
        load[7] = 250.0;
        m_view->setCoreValues(load, QStringLiteral("synaptic operations"));
        QVERIFY(m_view->colourBarVisible());
        QCOMPARE(m_view->colourBarMaximum(), 250.0);
    }

private:
    std::unique_ptr<ChipFloorplanView> m_view;
};

int main(int argc, char** argv) {
    pulselab::widgets::VtkRenderWidget::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestChipFloorplanView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_chip_floorplan_view.moc"
