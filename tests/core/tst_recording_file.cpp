// Recording files: a recording survives an HDF5 round trip unchanged, the CSV files hold exactly the rows
// expected, a recorded population replays as a spike_times input, the collector refuses to grow past its
// memory limit, and damaged files give messages naming the file and the object, never a crash.
#include "core/io/recording_collector.h"
#include "core/io/recording_file.h"
#include "core/io/recording_input.h"
#include "core/model/project_file.h"
#include "core/sim/input_generators.h"
#include "core/sim/simulation.h"

#include <hdf5.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

using namespace pulselab::core;

namespace {

Recording sampleRecording() {
    Recording r;
    r.pulselabVersion = "9.8.7";
    r.seed = 18446744073709551557ull; // above 2^53: must not pass through a double
    r.dtMs = 0.1;
    r.projectJson = R"({"format": "pulselab-project", "title": "t"})";
    r.spikes.push_back({"exc", false, 4, {0.1, 0.2, 0.2, 7.5}, {3, 0, 1, 3}});
    r.spikes.push_back({"in/put", true, 2, {1.0}, {1}}); // '/' must survive as part of the name
    r.spikes.push_back({"silent", false, 3, {}, {}});
    r.scalarSignals.push_back({"F total", "nats", {0.0, 0.1}, {1.5, -2.25}});
    r.scalarSignals.push_back({"P(x=1), layer \"a\"", "", {0.3}, {0.125}});
    return r;
}

std::string text(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string("<unreadable>");
}

/// Opens a recording for editing with the HDF5 C API, to damage it on purpose.
struct EditFile {
    explicit EditFile(const std::string& path) : id(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)) {}
    ~EditFile() { H5Fclose(id); }
    hid_t id;
};

void replaceWithDoubles(hid_t file, const char* name, hsize_t length) {
    H5Ldelete(file, name, H5P_DEFAULT);
    const hid_t space = H5Screate_simple(1, &length, nullptr);
    const hid_t dset = H5Dcreate2(file, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(dset);
    H5Sclose(space);
}

/// HDF5 1.10 leaks a few hundred bytes inside H5Fopen when it gives up on a corrupted file; that is its
/// leak, not ours, so LeakSanitizer ignores allocations made while one of these exists.
struct IgnoreHdf5Leaks {
#if defined(__SANITIZE_ADDRESS__)
    IgnoreHdf5Leaks() {
        __lsan_disable();
    }
    ~IgnoreHdf5Leaks() {
        __lsan_enable();
    }
#endif
};

} // namespace

class TestRecordingFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hdf5RoundTripIsLossless() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        const Recording r = sampleRecording();
        const WriteResult written = writeRecordingHdf5(r, path);
        QVERIFY2(written.ok, written.error.c_str());
        const RecordingLoad load = readRecordingHdf5(path);
        QVERIFY2(load.recording, load.error.c_str());
        QCOMPARE(load.recording->spikes.size(), r.spikes.size());
        QCOMPARE(load.recording->spikes[1].population, std::string("in/put"));
        QCOMPARE(load.recording->seed, r.seed);
        QVERIFY(*load.recording == r);
        QCOMPARE(load.recording->spikeCount(), std::uint64_t{4});
        QCOMPARE(load.recording->spikeCount(true), std::uint64_t{5});
    }

    void writesAtomicallyWithoutDebris() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        QVERIFY(writeRecordingHdf5(sampleRecording(), path).ok);
        QVERIFY(writeRecordingHdf5(sampleRecording(), path).ok); // replaces the old file
        QVERIFY(writeRecordingCsv(sampleRecording(), dir.filePath("spikes.csv").toStdString(),
                                  dir.filePath("signals.csv").toStdString())
                    .ok);
        const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(files, QStringList({"run.h5", "signals.csv", "spikes.csv"}));
        const WriteResult failed = writeRecordingHdf5(sampleRecording(), "/nonexistent-dir/run.h5");
        QVERIFY(!failed.ok);
        QVERIFY2(failed.error.find("/nonexistent-dir/run.h5") != std::string::npos, failed.error.c_str());
    }

    void csvHoldsOneRowPerSpikeAndSample() {
        QTemporaryDir dir;
        const QString spikes = dir.filePath("spikes.csv"), signalsCsv = dir.filePath("signals.csv");
        const WriteResult written =
            writeRecordingCsv(sampleRecording(), spikes.toStdString(), signalsCsv.toStdString());
        QVERIFY2(written.ok, written.error.c_str());
        QCOMPARE(text(spikes), std::string("population,id,time_ms\n"
                                           "exc,3,0.1\nexc,0,0.2\nexc,1,0.2\nexc,3,7.5\n"
                                           "in/put,1,1\n"));
        QCOMPARE(text(signalsCsv), std::string("name,time_ms,value\n"
                                               "F total,0,1.5\nF total,0.1,-2.25\n"
                                               "\"P(x=1), layer \"\"a\"\"\",0.3,0.125\n"));
    }

    void collectorGathersChunksPerPopulation() {
        RunLayout layout;
        layout.dtMs = 0.5;
        layout.populations = {{"exc", 3, 0}, {"drive", 2, 3}};
        layout.scalarSignals = {{"exc rate", SignalKind::PopulationRate, 0, "Hz"}};
        RecordingCollector collector(layout, {"drive"});
        RunSnapshot first;
        first.spikes = {{1, 2}, {1, 4}};
        first.samples = {{0, {1}, {10.0}}};
        RunSnapshot second;
        second.spikes = {{4, 0}};
        second.samples = {{0, {4}, {12.0}}};
        std::string error;
        QVERIFY(collector.add(first, error));
        QVERIFY(collector.add(second, error));
        const Recording& r = collector.recording();
        QCOMPARE(r.spikes.size(), std::size_t{2});
        QCOMPARE(r.spikes[0].ids, (std::vector<std::uint32_t>{2, 0}));
        QCOMPARE(r.spikes[0].timesMs, (std::vector<double>{0.5, 2.0}));
        QVERIFY(r.spikes[1].isInput);
        QCOMPARE(r.spikes[1].ids, (std::vector<std::uint32_t>{1}));
        QCOMPARE(r.scalarSignals[0].values, (std::vector<double>{10.0, 12.0}));
        QCOMPARE(r.scalarSignals[0].timesMs, (std::vector<double>{0.5, 2.0}));

        RunSnapshot outside;
        outside.spikes = {{5, 9}};
        QVERIFY(!collector.add(outside, error));
        QVERIFY2(error.find("neuron 9") != std::string::npos, error.c_str());
    }

    void collectorStopsSpikesPastItsBudgetWithANotice() {
        RunLayout layout;
        layout.populations = {{"exc", 10, 0}};
        RecordingCollector collector(layout, {}, 100); // 100 bytes: 8 spikes of 12 bytes
        RunSnapshot chunk;
        for (int i = 0; i < 8; ++i)
            chunk.spikes.push_back({i, 1});
        std::string error;
        QVERIFY(collector.add(chunk, error));
        QVERIFY(collector.notices().empty());
        chunk.firstStep = 8;
        QVERIFY2(collector.add(chunk, error), error.c_str());                 // not refused: the run goes on
        QCOMPARE(collector.recording().spikes[0].ids.size(), std::size_t{8}); // the later ones not recorded
        QCOMPARE(collector.droppedSpikes(), std::uint64_t{8});
        QVERIFY(collector.bytesHeld() <= 100);
        QCOMPARE(collector.notices().size(), std::size_t{1});
        const std::string& notice = collector.notices().front();
        QVERIFY2(notice.find("t = 0.8 ms") != std::string::npos &&
                     notice.find("budget") != std::string::npos &&
                     notice.find("spikes from here on are counted but not recorded") != std::string::npos,
                 notice.c_str());
    }

    void collectorThinsSignalsPastItsBudget() {
        RunLayout layout;
        layout.dtMs = 1.0;
        layout.scalarSignals = {{"F", SignalKind::FreeEnergyTotal, 0, ""}};
        RecordingCollector collector(layout, {}, 1000 * 16); // room for 1,000 samples
        std::string error;
        for (int chunk = 0; chunk < 100; ++chunk) { // 10,000 samples offered
            RunSnapshot c;
            c.firstStep = chunk * 100;
            SignalSamples block;
            for (int i = 0; i < 100; ++i) {
                block.steps.push_back(chunk * 100 + i);
                block.values.push_back(chunk * 100 + i);
            }
            c.samples.push_back(block);
            QVERIFY2(collector.add(c, error), error.c_str());
        }
        QVERIFY(collector.bytesHeld() <= 1000 * 16);
        QCOMPARE(collector.sampleStride(), std::uint64_t{16}); // 10,000 / 16 = 625 fit, / 8 = 1,250 do not
        const RecordedSignal& f = collector.recording().scalarSignals[0];
        QCOMPARE(f.values.size(), std::size_t{625});
        for (std::size_t i = 0; i < f.values.size(); ++i) { // evenly spaced over the whole run
            QCOMPARE(f.values[i], 16.0 * static_cast<double>(i));
            QCOMPARE(f.timesMs[i], 16.0 * static_cast<double>(i));
        }
        QCOMPARE(collector.notices().size(), std::size_t{4}); // 2, 4, 8, 16
        QVERIFY2(collector.notices().back().find("signals keep 1 sample in 16") != std::string::npos,
                 collector.notices().back().c_str());
    }

    void recordedPopulationReplaysAsInput() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        QVERIFY(writeRecordingHdf5(sampleRecording(), path).ok);
        const RecordingLoad load = readRecordingHdf5(path);
        QVERIFY(load.recording);
        std::string error;
        const auto input = spikeTimesInputFromRecording(*load.recording, "exc", "replay", error);
        QVERIFY2(input, error.c_str());
        QCOMPARE(input->kind, std::string("spike_times"));
        QCOMPARE(input->size, 4u);
        QCOMPARE(input->spikeTimesMs[3], (std::vector<double>{0.1, 7.5}));
        NetworkSpec network;
        network.inputs.push_back(*input);
        QVERIFY(validate(network).empty());
        // The generator fires neuron 3 at step 1 (0.1 ms at dt 0.1 ms), as recorded.
        auto generator = makeInputGenerator(*input, 0.1, 1);
        std::vector<std::uint32_t> fired;
        generator->step(1, fired);
        QCOMPARE(fired, (std::vector<std::uint32_t>{3}));
        QVERIFY(!spikeTimesInputFromRecording(*load.recording, "nope", "replay", error));
        QVERIFY2(error.find("nope") != std::string::npos, error.c_str());
    }

    void simulationRunRoundTrips() {
        // bayesian-neuron has an input (its spikes are recorded, marked as input) and probed signals.
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bayesian-neuron.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        std::string error;
        auto sim = Simulation::build(load.project->network, error);
        QVERIFY2(sim, error.c_str());
        std::vector<std::string> inputs;
        for (const auto& in : load.project->network.inputs)
            inputs.push_back(in.name);
        QVERIFY(!inputs.empty());
        RecordingCollector collector(sim->layout(), inputs);
        for (int chunk = 0; chunk < 5; ++chunk) {
            RunSnapshot snapshot;
            sim->advance(100, &snapshot);
            QVERIFY2(collector.add(snapshot, error), error.c_str());
        }
        Recording& recorded = collector.recording();
        recorded.projectJson = projectToJson(*load.project);
        QCOMPARE(recorded.spikeCount(), sim->totalSpikes());
        QVERIFY(recorded.spikeCount(true) > recorded.spikeCount());
        QVERIFY(!recorded.scalarSignals.empty());
        QCOMPARE(recorded.scalarSignals[0].values.size(), std::size_t{500});
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        QVERIFY(writeRecordingHdf5(recorded, path).ok);
        const RecordingLoad back = readRecordingHdf5(path);
        QVERIFY2(back.recording, back.error.c_str());
        QVERIFY(*back.recording == recorded);
        QVERIFY(parseProject(back.recording->projectJson, "recording").project);
    }

    void corruptedBytesGiveAMessageNotACrash() {
#if defined(__SANITIZE_ADDRESS__)
        // libhdf5 1.10 itself over-reads some damaged object headers (ASan reports inside libhdf5, which
        // we cannot fix); the sweep runs in the normal build, where a crash would still fail it.
        QSKIP(
            "byte-flip sweep of an HDF5 file: runs in the normal build only (libhdf5 over-reads under ASan)");
#endif
        // Flip one byte at a time across the file: every read either succeeds (the byte was padding or data)
        // or fails with a message naming the file.
        // No free-list recycling, so a block HDF5 leaks is allocated (and ignored) inside IgnoreHdf5Leaks
        // rather than recycled from an earlier, legitimate allocation.
        H5garbage_collect();
        H5set_free_list_limits(0, 0, 0, 0, 0, 0);
        QTemporaryDir dir;
        const std::string good = dir.filePath("good.h5").toStdString();
        QVERIFY(writeRecordingHdf5(sampleRecording(), good).ok);
        QFile source(QString::fromStdString(good));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        const std::string path = dir.filePath("bad.h5").toStdString();
        int failures = 0;
        for (qsizetype offset = 0; offset < bytes.size();
             offset += std::max<qsizetype>(1, bytes.size() / 300)) {
            QByteArray damaged = bytes;
            damaged[offset] = static_cast<char>(damaged[offset] ^ 0x5A);
            QFile out(QString::fromStdString(path));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(damaged);
            out.close();
            RecordingLoad load;
            {
                [[maybe_unused]] const IgnoreHdf5Leaks ignore;
                load = readRecordingHdf5(path);
            }
            if (!load.recording) {
                ++failures;
                QVERIFY2(load.error.rfind(path + ": ", 0) == 0, load.error.c_str());
            }
        }
        QVERIFY(failures > 0);
    }

    void badFilesNameTheFileAndObject_data() {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not hdf5") << 0 << "run.h5: not an HDF5 file";
        QTest::newRow("truncated") << 1 << "run.h5: ";
        QTest::newRow("ids are floats") << 2 << "run.h5: /spikes/exc/ids: expected integers";
        QTest::newRow("absurd size") << 3 << "run.h5: /spikes/exc/times: declares 1000000000000 elements";
        QTest::newRow("lengths differ") << 4 << "run.h5: /spikes/exc: times has 4 entries but ids has 1";
        QTest::newRow("id out of range")
            << 5 << "run.h5: /spikes/exc/ids: entry 0 is neuron 7 of a population of 4";
        QTest::newRow("no format") << 6 << "run.h5: / attribute format: missing (not a PulseLab recording)";
        QTest::newRow("missing dataset") << 7 << "run.h5: /signals/F total/values: missing";
        QTest::newRow("2-d dataset") << 8 << "run.h5: /spikes/exc/times: expected a one-dimensional dataset";
    }

    void badFilesNameTheFileAndObject() {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.h5").toStdString();
        QVERIFY(writeRecordingHdf5(sampleRecording(), path).ok);
        const auto fileBytes = std::filesystem::file_size(path);
        switch (damage) {
        case 0: {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("population,id,time_ms\n");
            break;
        }
        case 1:
            std::filesystem::resize_file(path, fileBytes / 2);
            break;
        case 2: {
            EditFile f(path);
            replaceWithDoubles(f.id, "/spikes/exc/ids", 4);
            break;
        }
        case 3: {
            EditFile f(path);
            replaceWithDoubles(f.id, "/spikes/exc/times", 1000000000000ull);
            break;
        }
        case 4: {
            EditFile f(path);
            H5Ldelete(f.id, "/spikes/exc/ids", H5P_DEFAULT);
            const hsize_t one = 1;
            const hid_t space = H5Screate_simple(1, &one, nullptr);
            const hid_t dset = H5Dcreate2(f.id, "/spikes/exc/ids", H5T_STD_U32LE, space, H5P_DEFAULT,
                                          H5P_DEFAULT, H5P_DEFAULT);
            const std::uint32_t zero = 0;
            H5Dwrite(dset, H5T_NATIVE_UINT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, &zero);
            H5Dclose(dset);
            H5Sclose(space);
            break;
        }
        case 5: {
            EditFile f(path);
            const hid_t dset = H5Dopen2(f.id, "/spikes/exc/ids", H5P_DEFAULT);
            const std::uint32_t ids[4] = {7, 0, 1, 3};
            H5Dwrite(dset, H5T_NATIVE_UINT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids);
            H5Dclose(dset);
            break;
        }
        case 6: {
            EditFile f(path);
            H5Adelete(f.id, "format");
            break;
        }
        case 7: {
            EditFile f(path);
            H5Ldelete(f.id, "/signals/F total/values", H5P_DEFAULT);
            break;
        }
        case 8: {
            EditFile f(path);
            H5Ldelete(f.id, "/spikes/exc/times", H5P_DEFAULT);
            const hsize_t dims[2] = {2, 2};
            const hid_t space = H5Screate_simple(2, dims, nullptr);
            H5Dclose(H5Dcreate2(f.id, "/spikes/exc/times", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT,
                                H5P_DEFAULT));
            H5Sclose(space);
            break;
        }
        default:
            QFAIL("unknown damage");
        }
        const RecordingLoad load = readRecordingHdf5(path);
        QVERIFY(!load.recording);
        const std::string want = dir.filePath(expected).toStdString();
        QVERIFY2(load.error.rfind(want, 0) == 0,
                 (load.error + "\n  expected to start with: " + want).c_str());
    }
};

QTEST_GUILESS_MAIN(TestRecordingFile)
#include "tst_recording_file.moc"
