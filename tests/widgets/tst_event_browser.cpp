// The event browser on a PulseLab recording (HDF5 from `pulselab-cli run --out`): each recorded population is
// a sample, drawn as a raster, and becomes an input that replays its spikes; a file that is neither a
// recording nor Heidelberg digits is refused with both reasons.
#include "widgets/data/event_browser.h"

#include "core/io/recording_file.h"

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab;

class TestEventBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordedPopulationsReplayAsInputs() {
        core::Recording recording;
        recording.pulselabVersion = "test";
        recording.dtMs = 0.1;
        recording.spikes.push_back({"exc", false, 10, {1.0, 2.5, 2.5}, {3, 3, 7}});
        recording.spikes.push_back({"inh", false, 4, {0.5}, {2}});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.h5"));
        QVERIFY(core::writeRecordingHdf5(recording, path.toStdString()).ok);

        widgets::EventBrowser browser;
        QString error;
        QVERIFY2(browser.openFile(path, &error), qPrintable(error));
        QCOMPARE(browser.sampleCount(), 2);
        QCOMPARE(browser.stream()->size(), std::size_t{3});
        QVERIFY(browser.eventImage().isNull()); // one-dimensional: raster only
        const QImage raster = browser.rasterImage();
        int dots = 0;
        for (int y = 0; y < raster.height(); ++y)
            for (int x = 0; x < raster.width(); ++x)
                dots += raster.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
        QVERIFY(dots >= 2 * 4); // at least two distinct 2 x 2 dots (two spikes share a time and differ in id)
        const auto exc = browser.replayInput(&error);
        QVERIFY2(exc, qPrintable(error));
        QCOMPARE(exc->size, 10u);
        QCOMPARE(exc->name, std::string("replay_exc"));
        QCOMPARE(exc->spikeTimesMs[3], (std::vector<double>{1.0, 2.5}));
        QVERIFY(browser.showSample(1, &error));
        const auto inh = browser.replayInput(&error);
        QVERIFY(inh);
        QCOMPARE(inh->size, 4u);
        QCOMPARE(inh->spikeTimesMs[2], (std::vector<double>{0.5}));
    }

    void otherHdf5FilesAreRefusedWithReasons() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.h5"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("definitely not HDF5");
        f.close();
        widgets::EventBrowser browser;
        QString error;
        QVERIFY(!browser.openFile(path, &error));
        QVERIFY2(error.contains(QStringLiteral("junk.h5")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("PulseLab recording")));
        QVERIFY(!browser.stream());
    }
};

QTEST_MAIN(TestEventBrowser)
#include "tst_event_browser.moc"
