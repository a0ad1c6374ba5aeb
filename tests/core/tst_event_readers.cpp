// Event-data readers: small files written here byte for byte as each format's documentation lays them out
// (N-MNIST/N-Caltech101 40-bit events, AEDAT 2.0 from a DVS128, Spiking Heidelberg Digits HDF5 with h5py's
// variable-length arrays), their conversion into an input that replays the events, and damaged files
// (truncated, wrong magic, wrong types, absurd sizes) giving messages with the file and the offset or field.
#include "core/data/aedat_event_reader.h"
#include "core/data/event_stream.h"
#include "core/data/nmnist_event_reader.h"
#include "core/data/shd_event_reader.h"
#include "core/sim/input_generators.h"

#include <hdf5.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab::core;

namespace {

using Bytes = std::vector<unsigned char>;

void writeBytes(const std::string& path, const Bytes& bytes) {
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
}

/// One N-MNIST event: x (bits 39-32), y (31-24), polarity (23), timestamp in us (22-0).
void nmnistEvent(Bytes& out, unsigned x, unsigned y, unsigned polarity, std::uint32_t us) {
    const std::uint64_t word = (std::uint64_t{x} << 32) | (std::uint64_t{y} << 24) |
                               (std::uint64_t{polarity} << 23) | (us & 0x7FFFFFu);
    for (int shift = 32; shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>((word >> shift) & 0xFFu));
}

void bigEndian32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>((v >> shift) & 0xFFu));
}

/// An AEDAT 2.0 file as jAER writes it: CRLF header lines, then address/timestamp pairs.
Bytes aedatHeader(const char* first = "#!AER-DAT2.0\r\n") {
    const std::string header =
        std::string(first) + "# This is a raw AE data file - do not edit\r\n"
                             "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for "
                             "each event\r\n"
                             "# Timestamps tick is 1 us\r\n"
                             "# created Mon Jan 01 00:00:00 CET 2018\r\n";
    return Bytes(header.begin(), header.end());
}

std::uint32_t dvs128Address(unsigned x, unsigned y, unsigned polarity) {
    return (y << 8) | (x << 1) | polarity;
}

/// Writes an SHD-style file with the HDF5 C API the way h5py stores lists of numpy arrays: datasets of
/// variable-length float32 times (s) and uint16 units, and uint16 labels. `timesAsPlainFloats` breaks it.
void writeShd(const std::string& path, const std::vector<std::vector<float>>& times,
              const std::vector<std::vector<std::uint16_t>>& units, const std::vector<std::uint16_t>& labels,
              bool timesAsPlainFloats = false) {
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t spikes = H5Gcreate2(file, "spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    auto ragged = [&](const char* name, hid_t base, hid_t memBase, std::vector<hvl_t> rows) {
        const hsize_t n = rows.size();
        const hid_t space = H5Screate_simple(1, &n, nullptr);
        const hid_t fileType = H5Tvlen_create(base), memType = H5Tvlen_create(memBase);
        const hid_t dset = H5Dcreate2(spikes, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(dset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows.data());
        H5Dclose(dset);
        H5Tclose(fileType);
        H5Tclose(memType);
        H5Sclose(space);
    };
    std::vector<hvl_t> rows;
    if (timesAsPlainFloats) {
        const hsize_t n = times.size();
        const hid_t space = H5Screate_simple(1, &n, nullptr);
        H5Dclose(H5Dcreate2(spikes, "times", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        H5Sclose(space);
    } else {
        for (const auto& t : times)
            rows.push_back({t.size(), const_cast<float*>(t.data())});
        ragged("times", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, rows);
    }
    rows.clear();
    for (const auto& u : units)
        rows.push_back({u.size(), const_cast<std::uint16_t*>(u.data())});
    ragged("units", H5T_STD_U16LE, H5T_NATIVE_UINT16, rows);
    const hsize_t n = labels.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t dset =
        H5Dcreate2(file, "labels", H5T_STD_U16LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(dset, H5T_NATIVE_UINT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels.data());
    H5Dclose(dset);
    H5Sclose(space);
    H5Gclose(spikes);
    H5Fclose(file);
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

} // namespace

class TestEventReaders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nmnistEventsDecodeBitForBit() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("00002.bin").toStdString();
        Bytes bytes;
        nmnistEvent(bytes, 3, 5, 1, 0x123456);
        nmnistEvent(bytes, 33, 33, 0, 0x7FFFFF);
        nmnistEvent(bytes, 0, 240, 0, 0); // timestamp overflow marker, not an event
        nmnistEvent(bytes, 7, 0, 1, 10);
        QCOMPARE(bytes[0], 3);
        QCOMPARE(bytes[2], 0x80 | 0x12); // polarity in the top bit of the third byte
        writeBytes(path, bytes);
        const EventLoad load = readNmnistEvents(path);
        QVERIFY2(load.stream, load.error.c_str());
        const EventStream& s = *load.stream;
        QCOMPARE(s.size(), std::size_t{3});
        QCOMPARE(s.x, (std::vector<std::uint16_t>{3, 33, 7}));
        QCOMPARE(s.y, (std::vector<std::uint16_t>{5, 33, 0}));
        QCOMPARE(s.polarity, (std::vector<std::uint8_t>{1, 0, 1}));
        QCOMPARE(s.timesUs, (std::vector<std::uint64_t>{0x123456, 0x7FFFFF, 10 + 8192}));
        QCOMPARE(s.width, 34u);
        QCOMPARE(s.height, 34u);
    }

    void nmnistBadFiles() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.bin").toStdString();
        Bytes bytes;
        nmnistEvent(bytes, 1, 1, 0, 5);
        bytes.push_back(9);
        bytes.push_back(9);
        writeBytes(path, bytes);
        EventLoad load = readNmnistEvents(path);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": truncated: the event at byte offset 5 has only 2 of its 5 bytes");

        bytes.clear();
        nmnistEvent(bytes, 1, 1, 0, 5);
        nmnistEvent(bytes, 40, 1, 0, 6);
        writeBytes(path, bytes);
        load = readNmnistEvents(path, {34, 34});
        QVERIFY(!load.stream);
        QVERIFY2(startsWith(load.error, path + ": byte offset 5: event at (40, 1) lies outside"),
                 load.error.c_str());

        EventReadLimits limits;
        limits.maxEvents = 1;
        load = readNmnistEvents(path, {}, limits);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": 10 bytes is more than the 5 bytes allowed for one event file");

        load = readNmnistEvents(dir.filePath("missing.bin").toStdString());
        QVERIFY(!load.stream);
        QVERIFY2(startsWith(load.error, dir.filePath("missing.bin").toStdString() + ": cannot read"),
                 load.error.c_str());
    }

    void aedatDvs128EventsDecodeBitForBit() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("user01.aedat").toStdString();
        Bytes bytes = aedatHeader();
        bigEndian32(bytes, dvs128Address(10, 20, 1));
        bigEndian32(bytes, 1000);
        bigEndian32(bytes, (1u << 15) | 3); // external event: skipped
        bigEndian32(bytes, 1500);
        bigEndian32(bytes, dvs128Address(127, 0, 0));
        bigEndian32(bytes, 0xFFFFFFF0u);
        bigEndian32(bytes, dvs128Address(0, 127, 1));
        bigEndian32(bytes, 16); // after the 32-bit timestamp wrapped
        writeBytes(path, bytes);
        const EventLoad load = readAedat2Dvs128Events(path);
        QVERIFY2(load.stream, load.error.c_str());
        const EventStream& s = *load.stream;
        QCOMPARE(s.width, 128u);
        QCOMPARE(s.height, 128u);
        QCOMPARE(s.x, (std::vector<std::uint16_t>{10, 127, 0}));
        QCOMPARE(s.y, (std::vector<std::uint16_t>{20, 0, 127}));
        QCOMPARE(s.polarity, (std::vector<std::uint8_t>{1, 0, 1}));
        QCOMPARE(s.timesUs, (std::vector<std::uint64_t>{1000, 0xFFFFFFF0u, (std::uint64_t{1} << 32) + 16}));
    }

    void aedatBadFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        Bytes header = aedatHeader();
        const QByteArray valid(reinterpret_cast<const char*>(header.data()),
                               static_cast<qsizetype>(header.size()));
        QTest::newRow("wrong magic") << QByteArray("GIF89a....") << "byte offset 0: not an AEDAT file";
        QTest::newRow("version 1") << QByteArray("#!AER-DAT1.0\r\n")
                                   << "byte offset 9: AEDAT version \"1.0\" is not supported";
        QTest::newRow("endless header") << QByteArray("#!AER-DAT2.0\r\n# no end")
                                        << "truncated: the header line at byte offset 14 never ends";
        QTest::newRow("truncated event")
            << valid + QByteArray("\x00\x00\x01\x02\x00\x00\x00\x05\x01\x02\x03", 11)
            << QString("truncated: the event at byte offset %1 has only 3 of its 8 bytes")
                   .arg(header.size() + 8);
    }

    void aedatBadFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.aedat").toStdString();
        writeBytes(path, Bytes(bytes.begin(), bytes.end()));
        const EventLoad load = readAedat2Dvs128Events(path);
        QVERIFY(!load.stream);
        QVERIFY2(startsWith(load.error, path + ": " + expected.toStdString()), load.error.c_str());
    }

    void everyTruncationGivesAMessage() {
        // Cut valid files at every length: each read succeeds (a whole number of events) or names the file.
        QTemporaryDir dir;
        Bytes aedat = aedatHeader();
        for (unsigned i = 0; i < 4; ++i) {
            bigEndian32(aedat, dvs128Address(i, i, i % 2));
            bigEndian32(aedat, 100 * i);
        }
        Bytes nmnist;
        for (unsigned i = 0; i < 4; ++i)
            nmnistEvent(nmnist, i, i, i % 2, 100 * i);
        const std::string path = dir.filePath("cut.bin").toStdString();
        for (std::size_t length = 0; length <= aedat.size(); ++length) {
            writeBytes(path, Bytes(aedat.begin(), aedat.begin() + static_cast<std::ptrdiff_t>(length)));
            const EventLoad load = readAedat2Dvs128Events(path);
            QVERIFY2(load.stream || startsWith(load.error, path + ": "), load.error.c_str());
            if (length < nmnist.size()) {
                writeBytes(path, Bytes(nmnist.begin(), nmnist.begin() + static_cast<std::ptrdiff_t>(length)));
                const EventLoad n = readNmnistEvents(path);
                QCOMPARE(bool(n.stream), length % 5 == 0);
                QVERIFY2(n.stream || startsWith(n.error, path + ": truncated"), n.error.c_str());
            }
        }
    }

    void shdSamplesReadLikeH5pyWroteThem() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shd_test.h5").toStdString();
        writeShd(path, {{0.5f, 0.25f}, {0.125f, 0.75f, 1.0f}, {}}, {{0, 699}, {12, 12, 345}, {}}, {3, 19, 0});
        std::string error;
        const auto info = readShdInfo(path, error);
        QVERIFY2(info, error.c_str());
        QCOMPARE(info->samples, std::uint64_t{3});
        QCOMPARE(info->labels, (std::vector<int>{3, 19, 0}));
        const EventLoad load = readShdSample(path, 1);
        QVERIFY2(load.stream, load.error.c_str());
        const EventStream& s = *load.stream;
        QVERIFY(!s.hasPolarity);
        QCOMPARE(s.width, 700u);
        QCOMPARE(s.label, 19);
        QCOMPARE(s.x, (std::vector<std::uint16_t>{12, 12, 345}));
        QCOMPARE(s.timesUs, (std::vector<std::uint64_t>{125000, 750000, 1000000}));
        const EventLoad empty = readShdSample(path, 2);
        QVERIFY2(empty.stream, empty.error.c_str());
        QCOMPARE(empty.stream->size(), std::size_t{0});
        const EventLoad beyond = readShdSample(path, 3);
        QVERIFY(!beyond.stream);
        QCOMPARE(beyond.error, path + ": sample 3 does not exist (the file has 3)");
    }

    void shdBadFiles() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shd_bad.h5").toStdString();
        writeShd(path, {{0.5f}}, {{800}}, {1});
        EventLoad load = readShdSample(path, 0);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": /spikes/units: sample 0 entry 0 is channel 800 (there are 700)");

        writeShd(path, {{0.5f, 0.6f}}, {{1}}, {1});
        load = readShdSample(path, 0);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": /spikes/units: sample 0 has 1 channel ids for 2 times");

        writeShd(path, {{0.5f}}, {{1}}, {1}, true);
        load = readShdSample(path, 0);
        QVERIFY(!load.stream);
        QCOMPARE(load.error,
                 path + ": /spikes/times: expected variable-length arrays of floating-point times");

        writeShd(path, {{0.5f}, {0.1f}}, {{1}}, {1});
        std::string error;
        QVERIFY(!readShdInfo(path, error));
        QCOMPARE(error, path + ": /spikes/units: holds 1 samples but /spikes/times holds 2");

        writeBytes(path, {'n', 'o', 't', ' ', 'h', 'd', 'f'});
        load = readShdSample(path, 0);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": not an HDF5 file (no HDF5 signature)");

        // A file with only labels is HDF5 but not SHD.
        const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        H5Fclose(file);
        load = readShdSample(path, 0);
        QVERIFY(!load.stream);
        QCOMPARE(load.error, path + ": /spikes/times: missing (not a Spiking Heidelberg Digits file?)");
    }

    void eventsReplayAsSpikeTimesInput() {
        EventStream s;
        s.source = "memory";
        s.width = 34;
        s.height = 34;
        s.timesUs = {2000, 2500, 3000};
        s.x = {3, 3, 33};
        s.y = {5, 5, 0};
        s.polarity = {1, 0, 1};
        std::string error;
        const auto input = eventStreamToInput(s, "nmnist", error);
        QVERIFY2(input, error.c_str());
        QCOMPARE(input->kind, std::string("spike_times"));
        QCOMPARE(input->size, 34u * 34u * 2u);
        const std::uint32_t on = (5 * 34 + 3) * 2 + 1;
        QCOMPARE(input->spikeTimesMs[on], (std::vector<double>{0.0})); // first event at t = 0
        QCOMPARE(input->spikeTimesMs[on - 1], (std::vector<double>{0.5}));
        NetworkSpec network;
        network.inputs.push_back(*input);
        QVERIFY(validate(network).empty());
        auto generator = makeInputGenerator(*input, 0.1, 1);
        std::vector<std::uint32_t> fired;
        for (std::int64_t step = 0; step <= 10; ++step)
            generator->step(step, fired);
        QCOMPARE(fired, (std::vector<std::uint32_t>{on, on - 1, 33 * 2 + 1}));

        s.x[2] = 34;
        QVERIFY(!eventStreamToInput(s, "nmnist", error));
        QCOMPARE(error, std::string("memory: event 2 at (34, 0) lies outside the 34 x 34 sensor"));
        s.width = 100000;
        s.height = 100000;
        QVERIFY(!eventStreamToInput(s, "nmnist", error));
        QVERIFY2(error.find("input neurons (at most") != std::string::npos, error.c_str());
    }

    void shdSampleReplaysOneNeuronPerChannel() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("shd.h5").toStdString();
        writeShd(path, {{0.5f, 0.25f}}, {{0, 699}}, {7});
        const EventLoad load = readShdSample(path, 0);
        QVERIFY2(load.stream, load.error.c_str());
        std::string error;
        const auto input = eventStreamToInput(*load.stream, "shd", error);
        QVERIFY2(input, error.c_str());
        QCOMPARE(input->size, 700u);
        QCOMPARE(input->spikeTimesMs[0], (std::vector<double>{250.0}));
        QCOMPARE(input->spikeTimesMs[699], (std::vector<double>{0.0}));
    }
};

QTEST_GUILESS_MAIN(TestEventReaders)
#include "tst_event_readers.moc"
