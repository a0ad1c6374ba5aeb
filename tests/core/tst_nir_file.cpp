// NIR export and import (core/io/nir_file.h): a lif_cuba network survives PulseLab -> NIR -> PulseLab with
// the same weights and the same spikes; a file laid out like the NIR reference writer's (float32, no v_reset,
// variable-length strings) imports; bad files give messages naming the object; parts NIR cannot express are
// refused or warned about by name.
#include "core/io/nir_file.h"
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <hdf5.h>

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <tuple>

using namespace pulselab::core;

namespace {

// --- Raw HDF5 C API writers, as a foreign tool (h5py, the NIR reference writer) would lay a file out. ---

void writeVlenString(hid_t loc, const char* name, const char* value) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t set = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value);
    H5Dclose(set);
    H5Sclose(space);
    H5Tclose(type);
}

void writeFixedString(hid_t loc, const char* name, const std::string& value) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, value.size());
    H5Tset_strpad(type, H5T_STR_NULLPAD);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t set = H5Dcreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value.data());
    H5Dclose(set);
    H5Sclose(space);
    H5Tclose(type);
}

void writeFloat32(hid_t loc, const char* name, const std::vector<float>& values, std::vector<hsize_t> dims) {
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t set = H5Dcreate2(loc, name, H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(set);
    H5Sclose(space);
}

void writeInt64(hid_t loc, const char* name, const std::vector<long long>& values) {
    const hsize_t n = values.size();
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t set = H5Dcreate2(loc, name, H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(set);
    H5Sclose(space);
}

void writeEdges(hid_t loc, const std::vector<const char*>& flat) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    const hsize_t dims[2] = {flat.size() / 2, 2};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t set = H5Dcreate2(loc, "edges", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, flat.data());
    H5Dclose(set);
    H5Sclose(space);
    H5Tclose(type);
}

hid_t group(hid_t loc, const char* name) {
    return H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
}

/// A small graph as the reference writer lays it out: Input(3) -> Linear(2x3) -> CubaLIF(2) -> Output(2),
/// float32 parameters without v_reset (an older file), `hook` may then spoil it.
void writeReferenceGraph(const std::string& path,
                         const std::function<void(hid_t file, hid_t nodes)>& hook = {}) {
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    writeVlenString(file, "version", "0.2.0");
    const hid_t node = group(file, "node");
    writeVlenString(node, "type", "NIRGraph");
    const hid_t nodes = group(node, "nodes");
    const hid_t input = group(nodes, "input");
    writeFixedString(input, "type", "Input"); // older writers: fixed-length strings
    writeInt64(input, "shape", {3});
    const hid_t linear = group(nodes, "fc");
    writeVlenString(linear, "type", "Linear");
    writeFloat32(linear, "weight", {0.5f, 0.0f, -0.25f, 0.0f, 1.0f, 0.0f}, {2, 3});
    const hid_t lif = group(nodes, "lif");
    writeVlenString(lif, "type", "CubaLIF");
    writeFloat32(lif, "tau_syn", {0.005f, 0.005f}, {2});
    writeFloat32(lif, "tau_mem", {0.02f, 0.02f}, {2});
    writeFloat32(lif, "r", {2.0f, 2.0f}, {2});
    writeFloat32(lif, "v_leak", {0.0f, 0.0f}, {2});
    writeFloat32(lif, "v_threshold", {1.0f, 1.0f}, {2});
    writeFloat32(lif, "w_in", {1.0f, 1.0f}, {2});
    const hid_t output = group(nodes, "output");
    writeVlenString(output, "type", "Output");
    writeInt64(output, "shape", {2});
    writeEdges(node, {"input", "fc", "fc", "lif", "lif", "output"});
    if (hook)
        hook(file, nodes);
    for (hid_t g : {input, linear, lif, output, nodes, node})
        H5Gclose(g);
    H5Fclose(file);
}

/// Two lif_cuba populations firing by themselves (v_rest above threshold, as in CUBA), a Poisson drive, a
/// delayed recurrent projection and an inhibitory one (tau_i != tau_e: NIR cannot say that, PulseLab restores
/// it from metadata).
ProjectionSpec randomProjection(const char* name, const char* source, const char* target,
                                double probability) {
    ProjectionSpec p;
    p.name = name;
    p.source = source;
    p.target = target;
    p.connectivity = "fixed_probability";
    p.probability = probability;
    return p;
}

NetworkSpec smallCubaNetwork() {
    NetworkSpec net;
    net.populations.push_back({"exc", "lif_cuba", 40, {{"t_ref_ms", 2.0}}});
    net.populations.push_back({"inh", "lif_cuba", 10, {{"v_rest_mv", -49.5}, {"i_bias_mv", 0.3}}});
    net.inputs.push_back({"drive", "poisson", 5, {{"rate_hz", 50.0}}, {}});
    ProjectionSpec ee = randomProjection("exc_exc", "exc", "exc", 0.1);
    ee.weight = {"uniform", 0.5, 2.0};
    ee.delaySteps = {"constant", 3.0, 0.0};
    ProjectionSpec ei = randomProjection("exc_inh", "exc", "inh", 0.2);
    ei.weight = {"constant", 1.62, 0.0};
    ProjectionSpec ie = randomProjection("inh_exc", "inh", "exc", 0.2);
    ie.receptor = "inhibitory";
    ie.weight = {"constant", -9.0, 0.0};
    ProjectionSpec de = randomProjection("drive_exc", "drive", "exc", 0.3);
    de.weight = {"constant", 2.0, 0.0};
    net.projections = {ee, ei, ie, de};
    net.probes.push_back({"exc_spikes", "spikes", "exc", "", {}});
    net.run.seed = 3;
    return net;
}

/// Spikes as (step, population, neuron in population), so that networks numbering neurons differently
/// compare.
std::vector<std::tuple<std::int64_t, std::string, std::uint32_t>> run(const NetworkSpec& net,
                                                                      std::int64_t steps) {
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("build failed: %s", error.c_str());
    RunSnapshot out;
    sim->advance(steps, &out);
    const RunLayout layout = sim->layout();
    std::vector<std::tuple<std::int64_t, std::string, std::uint32_t>> spikes;
    for (const SpikeEvent& s : out.spikes) {
        const int p = layout.populationOf(s.neuron);
        if (p >= 0)
            spikes.emplace_back(s.step, layout.populations[p].name,
                                s.neuron - layout.populations[p].firstNeuron);
    }
    std::sort(spikes.begin(), spikes.end());
    return spikes;
}

/// (target, source) -> summed weight of a projection as compiled by the engine.
std::map<std::pair<std::uint32_t, std::uint32_t>, float> compiledWeights(const NetworkSpec& net,
                                                                         const std::string& projection) {
    std::string error;
    auto sim = Simulation::build(net, error);
    const SynapseTable& table = sim->synapses(projection);
    std::map<std::pair<std::uint32_t, std::uint32_t>, float> weights;
    for (std::uint32_t s = 0; s + 1 < table.rowStart.size(); ++s)
        for (std::uint64_t k = table.rowStart[s]; k < table.rowStart[s + 1]; ++k)
            weights[{SynapseTable::targetOf(table.packed[k]), s}] += table.weight[k];
    return weights;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != l.npos; });
}

} // namespace

class TestNirFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsNetworkAndSpikes() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("net.nir").toStdString();
        const NetworkSpec original = smallCubaNetwork();
        std::vector<std::string> warnings;
        const WriteResult written = exportNir(original, path, warnings);
        QVERIFY2(written.ok, written.error.c_str());
        QVERIFY(anyContains(warnings, "inhibitory synapses (tau_i_ms = 10)"));
        QVERIFY(anyContains(warnings, "refractory"));
        QVERIFY(anyContains(warnings, "input 'drive'"));

        const NirLoad load = importNir(path);
        QVERIFY2(load.network, load.error.c_str());
        const NetworkSpec& imported = *load.network;
        const auto problems = validate(imported);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().message().c_str());
        QCOMPARE(imported.populations.size(), std::size_t{2});
        QCOMPARE(imported.populations[0].name, std::string("exc"));
        QCOMPARE(imported.populations[0].size, 40u);
        QCOMPARE(imported.populations[1].size, 10u);
        QCOMPARE(imported.populations[1].parameters.at("tau_i_ms"), 10.0);
        QCOMPARE(imported.inputs.size(), std::size_t{1});
        QCOMPARE(imported.inputs[0].parameters.at("rate_hz"), 50.0);
        QCOMPARE(imported.run.seed, std::uint64_t{3});
        QCOMPARE(imported.projections.size(), std::size_t{4});
        for (const ProjectionSpec& p : original.projections) {
            QCOMPARE(compiledWeights(imported, p.name), compiledWeights(original, p.name));
        }
        const auto* ee = &imported.projections[0];
        QCOMPARE(ee->name, std::string("exc_exc"));
        QVERIFY(!ee->synapses.empty());
        QCOMPARE(ee->synapses.front().delaySteps, 3u);
        QCOMPARE(imported.projections[2].receptor, std::string("inhibitory"));

        const auto before = run(original, 2000); // 200 ms at dt = 0.1 ms
        const auto after = run(imported, 2000);
        QVERIFY(before.size() > 100);
        QCOMPARE(after.size(), before.size());
        QVERIFY(after == before);
    }

    void referenceLayoutImports() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ref.nir").toStdString();
        writeReferenceGraph(path);
        const NirLoad load = importNir(path);
        QVERIFY2(load.network, load.error.c_str());
        const NetworkSpec& net = *load.network;
        QCOMPARE(net.populations.size(), std::size_t{1});
        const PopulationSpec& lif = net.populations[0];
        QCOMPARE(lif.name, std::string("lif"));
        QCOMPARE(lif.size, 2u);
        QVERIFY(std::abs(lif.parameters.at("tau_m_ms") - 20.0) < 1e-4);
        QVERIFY(std::abs(lif.parameters.at("tau_e_ms") - 5.0) < 1e-4);
        QCOMPARE(lif.parameters.at("v_reset_mv"), 0.0); // absent in the file: 0, as the reference reader does
        QCOMPARE(lif.parameters.at("v_th_mv"), 1.0);
        QCOMPARE(net.inputs.size(), std::size_t{1});
        QCOMPARE(net.inputs[0].name, std::string("input"));
        QCOMPARE(net.inputs[0].size, 3u);
        QCOMPARE(net.inputs[0].parameters.at("rate_hz"), 0.0);
        QCOMPARE(net.projections.size(), std::size_t{1});
        const ProjectionSpec& fc = net.projections[0];
        QCOMPARE(fc.name, std::string("fc"));
        QCOMPARE(fc.source, std::string("input"));
        QCOMPARE(fc.target, std::string("lif"));
        QCOMPARE(fc.connectivity, std::string("explicit"));
        QCOMPARE(fc.synapses.size(), std::size_t{3}); // zero weights skipped
        // A NIR weight w makes I jump by w_in r w / tau_syn = 2 w / 0.005 s.
        QVERIFY(std::abs(fc.synapses[0].weight - 0.5 * 2.0 / 0.005) < 1e-2);
        QCOMPARE(fc.synapses[0].source, 0u);
        QCOMPARE(fc.synapses[1].source, 2u);
        QCOMPARE(fc.synapses[2].target, 1u);
        QCOMPARE(net.probes.size(), std::size_t{1});
        QCOMPARE(net.probes[0].target, std::string("lif"));
        QVERIFY(validate(net).empty());
    }

    void lifWithoutSynapseImportsWithWarning() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("lif.nir").toStdString();
        writeReferenceGraph(path, [](hid_t, hid_t nodes) {
            for (const char* key : {"lif/type", "lif/tau_syn", "lif/tau_mem", "lif/w_in"})
                H5Ldelete(nodes, key, H5P_DEFAULT);
            const hid_t lif = H5Gopen2(nodes, "lif", H5P_DEFAULT);
            writeVlenString(lif, "type", "LIF");
            writeFloat32(lif, "tau", {0.01f, 0.03f}, {2});
            H5Gclose(lif);
        });
        const NirLoad load = importNir(path);
        QVERIFY2(load.network, load.error.c_str());
        QVERIFY(anyContains(load.warnings, "node 'lif': LIF has no synaptic current"));
        QVERIFY(anyContains(load.warnings, "node 'lif': tau differs between neurons"));
        const PopulationSpec& lif = load.network->populations.at(0);
        QVERIFY(std::abs(lif.parameters.at("tau_m_ms") - 20.0) < 1e-3); // the mean of 10 and 30 ms
        QCOMPARE(lif.parameters.at("tau_e_ms"), 0.05);
    }

    void badFilesGiveClearMessages() {
        QTemporaryDir dir;
        struct Case {
            const char* name;
            std::function<void(const std::string&)> write;
            std::string expected;
        };
        auto spoil = [](std::function<void(hid_t, hid_t)> hook) {
            return [hook](const std::string& path) { writeReferenceGraph(path, hook); };
        };
        const std::vector<Case> cases = {
            {"missing file", [](const std::string&) {}, "no such file"},
            {"not hdf5", [](const std::string& p) { std::ofstream(p) << "not a NIR file\n"; },
             "not an HDF5 file"},
            {"no node group",
             [](const std::string& p) {
                 const hid_t f = H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
                 writeVlenString(f, "version", "0.2.0");
                 H5Fclose(f);
             },
             "/node: missing"},
            {"numeric type", spoil([](hid_t, hid_t nodes) {
                 H5Ldelete(nodes, "lif/type", H5P_DEFAULT);
                 const hid_t lif = H5Gopen2(nodes, "lif", H5P_DEFAULT);
                 writeInt64(lif, "type", {7});
                 H5Gclose(lif);
             }),
             "/node/nodes/lif/type: expected a string, found an integer"},
            {"weight shape", spoil([](hid_t, hid_t nodes) {
                 H5Ldelete(nodes, "fc/weight", H5P_DEFAULT);
                 const hid_t fc = H5Gopen2(nodes, "fc", H5P_DEFAULT);
                 writeFloat32(fc, "weight", {1, 2, 3, 4}, {2, 2});
                 H5Gclose(fc);
             }),
             "/node/nodes/fc/weight: shape (2, 2) does not match target 'lif' (2 neurons) x source 'input' "
             "(3)"},
            {"absurd shape", spoil([](hid_t, hid_t nodes) {
                 H5Ldelete(nodes, "input/shape", H5P_DEFAULT);
                 const hid_t in = H5Gopen2(nodes, "input", H5P_DEFAULT);
                 writeInt64(in, "shape", {100000, 100000});
                 H5Gclose(in);
             }),
             "/node/nodes/input/shape: expected 1 to 100000000 elements"},
            {"huge weight", spoil([](hid_t, hid_t nodes) {
                 // 2e8 elements declared but never written: chunked storage allocates nothing on disk.
                 H5Ldelete(nodes, "fc/weight", H5P_DEFAULT);
                 const hid_t fc = H5Gopen2(nodes, "fc", H5P_DEFAULT);
                 const hsize_t dims[2] = {20000, 10000}, chunk[2] = {100, 100};
                 const hid_t space = H5Screate_simple(2, dims, nullptr);
                 const hid_t create = H5Pcreate(H5P_DATASET_CREATE);
                 H5Pset_chunk(create, 2, chunk);
                 H5Dclose(H5Dcreate2(fc, "weight", H5T_IEEE_F32LE, space, H5P_DEFAULT, create, H5P_DEFAULT));
                 H5Pclose(create);
                 H5Sclose(space);
                 H5Gclose(fc);
             }),
             "/node/nodes/fc/weight: too many elements"},
            {"unknown edge", spoil([](hid_t file, hid_t) {
                 const hid_t node = H5Gopen2(file, "node", H5P_DEFAULT);
                 H5Ldelete(node, "edges", H5P_DEFAULT);
                 writeEdges(node, {"input", "fc", "fc", "ghost"});
                 H5Gclose(node);
             }),
             "/node/edges: row 1 names 'ghost', which is not a node"},
            {"unsupported node", spoil([](hid_t, hid_t nodes) {
                 const hid_t conv = group(nodes, "conv");
                 writeVlenString(conv, "type", "Conv2d");
                 H5Gclose(conv);
             }),
             "/node/nodes/conv/type: node type \"Conv2d\" has no PulseLab equivalent"},
            {"missing parameter",
             spoil([](hid_t, hid_t nodes) { H5Ldelete(nodes, "lif/tau_mem", H5P_DEFAULT); }),
             "/node/nodes/lif/tau_mem: missing"},
        };
        for (const Case& c : cases) {
            const std::string path = dir.filePath(QString::fromUtf8(c.name) + ".nir").toStdString();
            c.write(path);
            const NirLoad load = importNir(path);
            QVERIFY2(!load.network, c.name);
            const bool found =
                load.error.find(path + ": ") == 0 && load.error.find(c.expected) != std::string::npos;
            QVERIFY2(found, (std::string(c.name) + ": got \"" + load.error + "\"").c_str());
        }
    }

    void bayesianNeuronIsRefused() {
        const ProjectLoad project = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/bayesian-neuron.pulselab");
        QVERIFY2(project.project, project.error.c_str());
        QTemporaryDir dir;
        const std::string path = dir.filePath("bayes.nir").toStdString();
        std::vector<std::string> warnings;
        const WriteResult written = exportNir(project.project->network, path, warnings);
        QVERIFY(!written.ok);
        QVERIFY2(written.error.find("bayesian_deneve") != std::string::npos, written.error.c_str());
        QVERIFY2(written.error.find("has no NIR equivalent") != std::string::npos, written.error.c_str());
        QVERIFY(!std::filesystem::exists(path));
    }

    void stdpIsExportedStaticWithWarning() {
        NetworkSpec net = smallCubaNetwork();
        net.projections[1].plasticity = "stdp";
        QTemporaryDir dir;
        const std::string path = dir.filePath("stdp.nir").toStdString();
        std::vector<std::string> warnings;
        const WriteResult written = exportNir(net, path, warnings);
        QVERIFY2(written.ok, written.error.c_str());
        QVERIFY(anyContains(warnings, "projection 'exc_inh': NIR has no plasticity; STDP is dropped"));
        const NirLoad load = importNir(path);
        QVERIFY2(load.network, load.error.c_str());
        QCOMPARE(compiledWeights(*load.network, "exc_inh"), compiledWeights(net, "exc_inh"));
        QVERIFY(load.network->projections[1].plasticity.empty());
    }

    void nonUniformDelaysWarn() {
        NetworkSpec net = smallCubaNetwork();
        net.projections[0].delaySteps = {"uniform", 1.0, 6.0};
        QTemporaryDir dir;
        std::vector<std::string> warnings;
        const WriteResult written = exportNir(net, dir.filePath("d.nir").toStdString(), warnings);
        QVERIFY2(written.ok, written.error.c_str());
        QVERIFY(anyContains(warnings, "projection 'exc_exc': delays differ between synapses"));
    }
};

QTEST_APPLESS_MAIN(TestNirFile)
#include "tst_nir_file.moc"
