// The VTK-in-Qt-6 integration: the Loihi 2 floorplan renders real tiles into a QOpenGLWidget, mouse drags
// rotate the camera, and a click on a tile picks that core. Needs an X server (ctest runs under xvfb-run).
#include "widgets/floorplan/chip_floorplan_view.h"

#include <QApplication>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

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
        vtkCamera* camera = m_view->renderer()->GetActiveCamera();
        const double before = camera->GetDistance();
        QWheelEvent wheel(QPointF(320, 240), m_view->mapToGlobal(QPointF(320, 240)), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view.get(), &wheel);
        QVERIFY(camera->GetDistance() < before);
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
