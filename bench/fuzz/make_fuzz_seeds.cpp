// Writes small valid files, one folder per fuzz target, as the fuzzers' starting corpora:
//   make_fuzz_seeds SOURCE_DIR OUT_DIR
// recording/ (writeRecordingHdf5), nir/ (a small graph of every node kind), shd/ (HDF5 laid out as h5py
// writes SHD), nmnist/, aedat/, mnist/ (ten digits per class) and project/ (examples/*.pulselab).
#include "core/io/hdf5_io.h"
#include "core/io/nir_file.h"
#include "core/io/nir_names.h"
#include "core/io/recording_file.h"

#include <hdf5.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;
using namespace pulselab::core;

namespace {

using Bytes = std::vector<unsigned char>;

void writeBytes(const fs::path& path, const Bytes& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void bigEndian(Bytes& out, std::uint64_t value, int bytes) {
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8)
        out.push_back(static_cast<unsigned char>((value >> shift) & 0xFFu));
}

bool writeRecordings(const fs::path& dir) {
    Recording r;
    r.pulselabVersion = "0.1.0";
    r.seed = 42;
    r.dtMs = 0.1;
    r.projectJson = R"({"format": "pulselab-project", "title": "t"})";
    r.spikes.push_back({"exc", false, 4, {0.1, 0.2, 0.2, 7.5}, {3, 0, 1, 3}});
    r.spikes.push_back({"in/put", true, 2, {1.0}, {1}});
    r.scalarSignals.push_back({"F total", "nats", {0.0, 0.1}, {1.5, -2.25}});
    if (!writeRecordingHdf5(r, (dir / "small.h5").string()).ok)
        return false;
    r.spikes.clear();
    r.scalarSignals.clear();
    return writeRecordingHdf5(r, (dir / "empty.h5").string()).ok;
}

/// A NIR graph laid out as the reference writer lays it out (and as exportNir writes it): an Input of two
/// neurons, a Delay, a Linear projection, a CubaLIF population with PulseLab metadata and an Output. Written
/// with the HDF5 helpers rather than exportNir, which needs the simulator to compile the weights.
bool writeNirGraph(const fs::path& path) {
    const H5File file(H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
    if (!file || !writeString(file.get(), kNirVersionName, kNirVersion))
        return false;
    const H5Group graph(H5Gcreate2(file.get(), kNirGraphGroup, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const H5Group nodes(H5Gcreate2(graph.get(), kNirNodes, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!graph || !nodes || !writeString(graph.get(), kNirType, kNirGraphType))
        return false;
    auto node = [&](const char* name, const char* type) {
        H5Group group(H5Gcreate2(nodes.get(), name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (group && !writeString(group.get(), kNirType, type))
            group.reset();
        return group;
    };
    const std::vector<hsize_t> two{2};
    const H5Group input = node("in", kNirInput);
    const H5Group delay = node("in_delay", kNirDelay);
    const H5Group linear = node("in_exc", kNirLinear);
    const H5Group lif = node("exc", kNirCubaLif);
    const H5Group output = node("exc_output", kNirOutput);
    if (!input || !delay || !linear || !lif || !output || !writeInt64s(input.get(), "shape", {2}, {1}) ||
        !writeDoubles(delay.get(), "delay", {0.0002, 0.0002}, two) ||
        !writeFloats(linear.get(), "weight", {1.5f, -0.5f, 0.25f, 2.0f}, {2, 2}) ||
        !writeDoubles(lif.get(), "tau_syn", {0.005, 0.005}, two) ||
        !writeDoubles(lif.get(), "tau_mem", {0.02, 0.02}, two) ||
        !writeDoubles(lif.get(), "r", {1.0, 1.0}, two) ||
        !writeDoubles(lif.get(), "v_leak", {-65.0, -65.0}, two) ||
        !writeDoubles(lif.get(), "v_threshold", {-50.0, -50.0}, two) ||
        !writeDoubles(lif.get(), "v_reset", {-65.0, -65.0}, two) ||
        !writeDoubles(lif.get(), "w_in", {0.005, 0.005}, two) ||
        !writeInt64s(output.get(), "shape", {2}, {1}))
        return false;
    const H5Group meta(H5Gcreate2(lif.get(), kNirMetadata, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const H5Group graphMeta(H5Gcreate2(graph.get(), kNirMetadata, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!meta || !graphMeta || !writeString(meta.get(), kNirMetaModel, "lif_cuba") ||
        !writeDoubles(meta.get(), kNirParameterPrefix + "t_ref_ms", {2.0}, {}) ||
        !writeDoubles(graphMeta.get(), kNirMetaDtMs, {0.1}, {}) ||
        !writeString(graphMeta.get(), kNirMetaSeed, "7"))
        return false;
    return writeStringPairs(
        graph.get(), kNirEdges,
        {{"in", "in_delay"}, {"in_delay", "in_exc"}, {"in_exc", "exc"}, {"exc", "exc_output"}});
}

/// SHD as h5py writes it: variable-length float32 times and uint16 units per sample, uint16 labels.
bool writeShd(const fs::path& path) {
    const std::vector<std::vector<float>> times = {{0.5f, 0.25f}, {0.125f, 0.75f, 1.0f}, {}};
    const std::vector<std::vector<std::uint16_t>> units = {{0, 699}, {12, 12, 345}, {}};
    const std::vector<std::uint16_t> labels = {3, 19, 0};
    const hid_t file = H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0)
        return false;
    const hid_t spikes = H5Gcreate2(file, "spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    auto ragged = [&](const char* name, hid_t base, hid_t memBase, const std::vector<hvl_t>& rows) {
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
    for (const auto& t : times)
        rows.push_back({t.size(), const_cast<float*>(t.data())});
    ragged("times", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, rows);
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
    return H5Fclose(file) >= 0;
}

void writeEventFiles(const fs::path& nmnistDir, const fs::path& aedatDir) {
    Bytes nmnist;
    // x, y, polarity, timestamp (us) as 40 bits; y == 240 marks a timestamp overflow.
    for (const auto& [x, y, p, us] : std::vector<std::array<std::uint64_t, 4>>{
             {0, 0, 1, 10}, {33, 33, 0, 20}, {5, 240, 0, 0}, {7, 9, 1, 8000}})
        bigEndian(nmnist, (x << 32) | (y << 24) | (p << 23) | us, 5);
    writeBytes(nmnistDir / "events.bin", nmnist);

    const std::string header =
        "#!AER-DAT2.0\r\n# This is a raw AE data file\r\n# Timestamps tick is 1 us\r\n";
    Bytes aedat(header.begin(), header.end());
    for (const auto& [x, y, p, us] : std::vector<std::array<std::uint32_t, 4>>{
             {0, 0, 1, 10}, {127, 127, 0, 20}, {3, 4, 1, 0xFFFFFFF0u}, {3, 4, 0, 5}}) {
        bigEndian(aedat, (y << 8) | (x << 1) | p, 4);
        bigEndian(aedat, us, 4);
    }
    bigEndian(aedat, 1u << 15, 4); // an external (synchronisation) event
    bigEndian(aedat, 30, 4);
    writeBytes(aedatDir / "events.aedat", aedat);
}

/// One class file of the MNIST cache: ten 784-pixel digits with values in [0, 1].
void writeMnistDigits(const fs::path& path) {
    std::ofstream out(path);
    out << "{\"data\":[";
    for (int i = 0; i < 10 * 784; ++i)
        out << (i ? "," : "") << (i % 7 == 0 ? "0.5" : i % 3 == 0 ? "1" : "0");
    out << "]}";
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: make_fuzz_seeds SOURCE_DIR OUT_DIR\n";
        return 2;
    }
    const fs::path sourceDir = argv[1], outDir = argv[2];
    for (const char* target : {"recording", "nir", "shd", "nmnist", "aedat", "mnist", "project"})
        fs::create_directories(outDir / target);
    for (const auto& entry : fs::directory_iterator(sourceDir / "examples"))
        if (entry.path().extension() == ".pulselab")
            fs::copy_file(entry.path(), outDir / "project" / entry.path().filename(),
                          fs::copy_options::overwrite_existing);
    writeEventFiles(outDir / "nmnist", outDir / "aedat");
    writeMnistDigits(outDir / "mnist" / "digits.json");
    if (!writeRecordings(outDir / "recording") || !writeNirGraph(outDir / "nir" / "graph.nir") ||
        !writeShd(outDir / "shd" / "samples.h5")) {
        std::cerr << "make_fuzz_seeds: could not write the HDF5 seeds\n";
        return 1;
    }
    // Seeds the readers refuse would only start the fuzzers off on their error paths.
    if (const NirLoad nir = importNir((outDir / "nir" / "graph.nir").string()); !nir.network) {
        std::cerr << "make_fuzz_seeds: the NIR seed does not load: " << nir.error << "\n";
        return 1;
    }
    if (const RecordingLoad recording = readRecordingHdf5((outDir / "recording" / "small.h5").string());
        !recording.recording) {
        std::cerr << "make_fuzz_seeds: the recording seed does not load: " << recording.error << "\n";
        return 1;
    }
    return 0;
}
