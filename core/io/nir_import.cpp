// importNir: NIR graph (HDF5) -> PulseLab network. Reads files of other writers too: float32 or float64,
// fixed- or variable-length strings, no v_reset (taken as 0, as the reference reader does). Every failure
// names the file, the HDF5 object and what is wrong; sizes are checked before anything is allocated.
#include "core/io/hdf5_heap_check.h"
#include "core/io/hdf5_io.h"
#include "core/io/hdf5_isolation.h"
#include "core/io/nir_file.h"
#include "core/io/nir_names.h"
#include "core/neurons/lif_cuba.h"
#include "core/sim/synapse_table.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace pulselab::core {

namespace {

constexpr std::size_t kMaxNodes = 100'000;
constexpr std::size_t kMaxSynapses = 20'000'000; // explicit synapses: 24 bytes each in a NetworkSpec
constexpr std::size_t kMaxDelayChain = 8;        // Delay -> Delay -> ... nodes followed between two nodes
constexpr double kInstantSynapseMs = 0.05;       // lif_cuba's smallest tau_e: stands in for "no synapse"
constexpr double kNoLeakTauMs = 1000.0;          // lif_cuba's largest tau_m: stands in for "no leak"
constexpr double kNeverThresholdMv = 60.0;       // lif_cuba's highest threshold: non-spiking NIR neurons

std::string quoted(const std::string& name) {
    return "'" + name + "'";
}

bool isNeuronType(const std::string& type) {
    return type == "CubaLIF" || type == "CubaLI" || type == "LIF" || type == "LI" || type == "IF";
}

std::string shapeText(const std::vector<hsize_t>& dims) {
    std::string text = "(";
    for (std::size_t i = 0; i < dims.size(); ++i)
        text += (i ? ", " : "") + std::to_string(dims[i]);
    return text + (dims.size() == 1 ? ",)" : ")");
}

/// A neuron node after conversion: its population, and per neuron the factor that turns a NIR Linear weight
/// into a jump of lif_cuba's synaptic current (mV), and a constant input into an equilibrium shift (mV).
struct NeuronNode {
    std::size_t population = 0;
    std::vector<double> weightScale;
    std::vector<double> biasScale;
};

struct ConnectionNode {
    Hdf5Array<float> weight;
    std::vector<double> bias;
    std::string receptor;
};

/// One end of a connection after following Delay nodes: the node and its delay per element (seconds).
struct Endpoint {
    std::string node;
    std::vector<double> delayS;
};

class NirReader {
public:
    explicit NirReader(std::string path) : m_path(std::move(path)) {}
    NirLoad read();

private:
    bool fail(const std::string& where, const std::string& what) {
        m_error = m_path + ": " + where + ": " + what;
        return false;
    }
    void warn(const std::string& text) { m_warnings.push_back(text); }
    bool readGraph(hid_t graph);
    bool readNode(hid_t nodes, const std::string& name);
    bool readNeuron(hid_t node, const std::string& name, const std::string& type, const std::string& where);
    bool readShape(hid_t node, const std::string& where, std::uint32_t& size);
    bool parameter(hid_t node, const std::string& where, const std::string& key, std::size_t n,
                   std::optional<double> fallback, std::vector<double>& out);
    double uniform(const std::vector<double>& values, const std::string& node, const std::string& key);
    void readMetadata(hid_t node, std::map<std::string, double>& numbers,
                      std::map<std::string, std::string>& text);
    bool readEdges(hid_t graph);
    bool walk(const std::string& from, bool forward, std::vector<double> delayS, std::size_t depth,
              std::vector<Endpoint>& out);
    bool connect();
    bool addProjection(const std::string& name, const Endpoint& source, const Endpoint& target,
                       const ConnectionNode* connection, const std::string& where);
    std::uint32_t sizeOf(const std::string& node) const {
        const auto it = m_sizes.find(node);
        return it == m_sizes.end() ? 0 : it->second;
    }

    std::string m_path;
    std::string m_error;
    std::vector<std::string> m_warnings;
    NetworkSpec m_net;
    std::vector<std::string> m_order;             // node names, in file order
    std::map<std::string, std::string> m_types;   // node name -> NIR type
    std::map<std::string, std::uint32_t> m_sizes; // neurons, inputs, outputs
    std::map<std::string, NeuronNode> m_neurons;
    std::map<std::string, ConnectionNode> m_connections;
    std::map<std::string, std::vector<double>> m_delays;
    std::map<std::string, std::vector<std::string>> m_successors, m_predecessors;
    std::size_t m_synapseCount = 0;
};

NirLoad NirReader::read() {
    const Hdf5ErrorSilencer silence;
    NirLoad load;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(m_path, ec)) {
        load.error = m_path + ": no such file";
        return load;
    }
    if (H5Fis_hdf5(m_path.c_str()) <= 0) {
        load.error = m_path + ": not an HDF5 file (a NIR file is HDF5)";
        return load;
    }
    if (const std::string problem = globalHeapProblem(m_path); !problem.empty()) {
        load.error = m_path + ": " + problem + " (damaged file)";
        return load;
    }
    const H5File file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file) {
        load.error = m_path + ": cannot open the HDF5 file";
        return load;
    }
    if (objectKind(file.get(), kNirVersionName) == Hdf5ObjectKind::Dataset) {
        std::string version, error;
        if (!readString(file.get(), kNirVersionName, "/version", version, error))
            warn("/version: unreadable (" + error + "); reading on");
    }
    if (objectKind(file.get(), kNirGraphGroup) != Hdf5ObjectKind::Group) {
        load.error = m_path + ": /node: missing (expected the group holding the NIR graph)";
        return load;
    }
    const H5Group graph(H5Gopen2(file.get(), kNirGraphGroup, H5P_DEFAULT));
    if (!graph || !readGraph(graph.get()) || !connect()) {
        load.error = m_error;
        return load;
    }
    for (const Problem& problem : validate(m_net))
        warn("imported network: " + problem.message());
    load.network = std::move(m_net);
    load.warnings = std::move(m_warnings);
    return load;
}

bool NirReader::readGraph(hid_t graph) {
    std::string type, error;
    if (!readString(graph, kNirType, "/node/type", type, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    if (type != kNirGraphType)
        return fail("/node/type", "expected \"NIRGraph\", found \"" + type + "\"");
    if (objectKind(graph, kNirNodes) != Hdf5ObjectKind::Group)
        return fail("/node/nodes", "missing (expected the group of nodes)");
    const H5Group nodes(H5Gopen2(graph, kNirNodes, H5P_DEFAULT));
    if (!nodes || !childNames(nodes.get(), "/node/nodes", kMaxNodes, m_order, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    // Run settings PulseLab wrote (absent in other tools' files: PulseLab's defaults then).
    std::map<std::string, double> numbers;
    std::map<std::string, std::string> text;
    readMetadata(graph, numbers, text);
    if (numbers.count(kNirMetaDtMs) && numbers[kNirMetaDtMs] > 0.0)
        m_net.run.dtMs = numbers[kNirMetaDtMs];
    if (numbers.count(kNirMetaDurationMs) && numbers[kNirMetaDurationMs] > 0.0)
        m_net.run.durationMs = numbers[kNirMetaDurationMs];
    if (text.count(kNirMetaSeed)) {
        try {
            m_net.run.seed = std::stoull(text[kNirMetaSeed]);
        } catch (const std::exception&) {
            warn("/node/metadata/pulselab_seed: not a number; seed 1");
        }
    }
    for (const std::string& name : m_order) {
        if (!readNode(nodes.get(), name))
            return false;
    }
    return readEdges(graph);
}

void NirReader::readMetadata(hid_t node, std::map<std::string, double>& numbers,
                             std::map<std::string, std::string>& text) {
    if (objectKind(node, kNirMetadata) != Hdf5ObjectKind::Group)
        return;
    const H5Group meta(H5Gopen2(node, kNirMetadata, H5P_DEFAULT));
    std::vector<std::string> keys;
    std::string error;
    if (!meta || !childNames(meta.get(), "metadata", 1000, keys, error))
        return;
    // Metadata is optional and free-form: keep what is a scalar number or string, ignore the rest.
    for (const std::string& key : keys) {
        Hdf5Array<double> number;
        Hdf5Array<std::string> string;
        if (readNumbers(meta.get(), key, key, 1, number, error) && number.values.size() == 1)
            numbers[key] = number.values.front();
        else if (readStrings(meta.get(), key, key, 1, string, error) && string.values.size() == 1)
            text[key] = string.values.front();
    }
}

bool NirReader::readNode(hid_t nodes, const std::string& name) {
    const std::string where = "/node/nodes/" + name;
    if (objectKind(nodes, name) != Hdf5ObjectKind::Group)
        return fail(where, "expected a group (one per NIR node)");
    const H5Group node(H5Gopen2(nodes, name.c_str(), H5P_DEFAULT));
    std::string type, error;
    if (!node || !readString(node.get(), kNirType, where + "/type", type, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    m_types[name] = type;
    if (isNeuronType(type))
        return readNeuron(node.get(), name, type, where);
    if (type == kNirInput || type == kNirOutput) {
        std::uint32_t size = 0;
        if (!readShape(node.get(), where, size))
            return false;
        m_sizes[name] = size;
        if (type == kNirOutput)
            return true;
        InputSpec input{name, "poisson", size, {{"rate_hz", 0.0}}, {}};
        std::map<std::string, double> numbers;
        std::map<std::string, std::string> text;
        readMetadata(node.get(), numbers, text);
        const std::string kind = text.count(kNirMetaKind) ? text[kNirMetaKind] : "";
        if (kind == "poisson" || kind == "hmm_poisson") {
            // Written by PulseLab: restore the generator NIR could not describe.
            input.kind = kind;
            input.parameters.clear();
            for (const auto& [key, value] : numbers)
                if (key.rfind(kNirParameterPrefix, 0) == 0)
                    input.parameters[key.substr(kNirParameterPrefix.size())] = value;
        } else {
            warn("node " + quoted(name) +
                 ": a NIR Input carries no spikes; imported as a silent Poisson "
                 "input (rate 0 Hz) to be edited");
        }
        m_net.inputs.push_back(std::move(input));
        return true;
    }
    if (type == "Linear" || type == "Affine") {
        ConnectionNode connection;
        if (!readNumbers(node.get(), "weight", where + "/weight", kNirMaxElements, connection.weight,
                         error)) {
            m_error = m_path + ": " + error;
            return false;
        }
        if (connection.weight.dims.size() != 2)
            return fail(where + "/weight", "expected a 2-D (output, input) matrix, found shape " +
                                               shapeText(connection.weight.dims));
        for (float w : connection.weight.values)
            if (!std::isfinite(w))
                return fail(where + "/weight", "contains a non-finite value");
        if (type == "Affine") {
            Hdf5Array<double> bias;
            if (!readNumbers(node.get(), "bias", where + "/bias", kNirMaxElements, bias, error)) {
                m_error = m_path + ": " + error;
                return false;
            }
            if (bias.values.size() != connection.weight.dims[0] && bias.values.size() != 1)
                return fail(where + "/bias", "shape " + shapeText(bias.dims) + " does not match weight " +
                                                 shapeText(connection.weight.dims));
            connection.bias.assign(connection.weight.dims[0], 0.0);
            for (std::size_t i = 0; i < connection.bias.size(); ++i)
                connection.bias[i] = bias.values.size() == 1 ? bias.values[0] : bias.values[i];
        }
        std::map<std::string, double> numbers;
        std::map<std::string, std::string> text;
        readMetadata(node.get(), numbers, text);
        if (text.count(kNirMetaReceptor) &&
            (text[kNirMetaReceptor] == "excitatory" || text[kNirMetaReceptor] == "inhibitory"))
            connection.receptor = text[kNirMetaReceptor];
        m_connections[name] = std::move(connection);
        return true;
    }
    if (type == kNirDelay) {
        Hdf5Array<double> delay;
        if (!readNumbers(node.get(), "delay", where + "/delay", kNirMaxElements, delay, error)) {
            m_error = m_path + ": " + error;
            return false;
        }
        if (delay.values.empty())
            return fail(where + "/delay", "empty");
        for (double d : delay.values)
            if (!std::isfinite(d) || d < 0.0)
                return fail(where + "/delay", "delays must be finite and >= 0 (seconds)");
        m_delays[name] = delay.values;
        return true;
    }
    if (type == kNirGraphType)
        return fail(where, "nested NIR graphs are not supported; flatten the graph first");
    return fail(where + "/type", "node type \"" + type +
                                     "\" has no PulseLab equivalent (supported: CubaLIF, "
                                     "CubaLI, LIF, LI, IF, Linear, Affine, Delay, Input, Output)");
}

bool NirReader::readShape(hid_t node, const std::string& where, std::uint32_t& size) {
    Hdf5Array<double> shape;
    std::string error;
    if (!readNumbers(node, "shape", where + "/shape", 8, shape, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    double n = 1.0;
    for (double d : shape.values) {
        if (!(d >= 1.0) || d != std::floor(d))
            return fail(where + "/shape", "dimensions must be positive integers");
        n *= d;
    }
    if (shape.values.empty() || n > static_cast<double>(kNirMaxElements))
        return fail(where + "/shape", "expected 1 to " + std::to_string(kNirMaxElements) + " elements");
    size = static_cast<std::uint32_t>(n);
    return true;
}

bool NirReader::parameter(hid_t node, const std::string& where, const std::string& key, std::size_t n,
                          std::optional<double> fallback, std::vector<double>& out) {
    if (objectKind(node, key) == Hdf5ObjectKind::Missing && fallback) {
        out.assign(n, *fallback);
        return true;
    }
    Hdf5Array<double> array;
    std::string error;
    if (!readNumbers(node, key, where + "/" + key, kNirMaxElements, array, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    if (array.values.size() != n && array.values.size() != 1)
        return fail(where + "/" + key, "shape " + shapeText(array.dims) + " does not match the node's " +
                                           std::to_string(n) + " neurons");
    out.assign(n, array.values.front());
    if (array.values.size() == n)
        out = array.values;
    for (double x : out)
        if (!std::isfinite(x))
            return fail(where + "/" + key, "contains a non-finite value");
    return true;
}

double NirReader::uniform(const std::vector<double>& values, const std::string& node,
                          const std::string& key) {
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    double sum = 0.0;
    for (double x : values)
        sum += x;
    const double mean = sum / static_cast<double>(values.size());
    if (*hi - *lo > 1e-9 * std::max(1.0, std::abs(mean))) {
        warn("node " + quoted(node) + ": " + key + " differs between neurons; a PulseLab population shares " +
             "its parameters, so the mean is used");
    }
    return *lo == *hi ? *lo : mean;
}

bool NirReader::readNeuron(hid_t node, const std::string& name, const std::string& type,
                           const std::string& where) {
    // The number of neurons is the length of the first parameter every node of this type has.
    const std::string sizeKey = type == "IF" || type == "LIF" || type == "CubaLIF" ? "v_threshold" : "v_leak";
    Hdf5Array<double> reference;
    std::string error;
    if (!readNumbers(node, sizeKey, where + "/" + sizeKey, kNirMaxElements, reference, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    const std::size_t n = reference.values.size();
    if (n == 0)
        return fail(where + "/" + sizeKey, "empty: a neuron node needs at least one neuron");
    const bool cuba = type == "CubaLIF" || type == "CubaLI";
    const bool spiking = type == "CubaLIF" || type == "LIF" || type == "IF";
    std::vector<double> tauMem, tauSyn, r, vLeak, vThreshold, vReset, wIn;
    if (!parameter(node, where, "r", n, std::nullopt, r))
        return false;
    if (type != "IF" && !parameter(node, where, cuba ? "tau_mem" : "tau", n, std::nullopt, tauMem))
        return false;
    if (cuba && (!parameter(node, where, "tau_syn", n, std::nullopt, tauSyn) ||
                 !parameter(node, where, "w_in", n, 1.0, wIn)))
        return false;
    if (type != "IF" && !parameter(node, where, "v_leak", n, std::nullopt, vLeak))
        return false;
    // Files written before NIR had v_reset lack it; the reference reader then takes 0.
    if (spiking && (!parameter(node, where, "v_threshold", n, std::nullopt, vThreshold) ||
                    !parameter(node, where, "v_reset", n, 0.0, vReset)))
        return false;
    for (const auto* taus : {&tauMem, &tauSyn})
        for (double tau : *taus)
            if (tau <= 0.0)
                return fail(where + "/" +
                                (taus == &tauSyn ? "tau_syn"
                                 : cuba          ? "tau_mem"
                                                 : "tau"),
                            "time constants must be > 0 (seconds)");

    // lif_cuba: tau_m dv/dt = (v_rest - v) + I, tau_syn dI/dt = -I, a spike of weight J makes I jump by J
    // (see nir_export.cpp). The NIR equations (Pedersen et al. 2024) with Dirac spikes S give the factors
    // below from a NIR Linear weight w to J; times go from seconds to ms.
    ParameterMap p = withDefaults(lifCubaSchema(), {});
    NeuronNode neuron;
    neuron.weightScale.assign(n, 1.0);
    neuron.biasScale.assign(n, 1.0);
    const double tauMs =
        type == "IF" ? kNoLeakTauMs : uniform(tauMem, name, cuba ? "tau_mem" : "tau") * 1000.0;
    const double tauSynMs = cuba ? uniform(tauSyn, name, "tau_syn") * 1000.0 : kInstantSynapseMs;
    p["tau_m_ms"] = tauMs;
    p["tau_e_ms"] = p["tau_i_ms"] = tauSynMs;
    p["t_ref_ms"] = 0.0; // NIR neurons have no refractory period
    p["i_bias_mv"] = 0.0;
    p["v_rest_mv"] = type == "IF" ? uniform(vReset, name, "v_reset") : uniform(vLeak, name, "v_leak");
    p["v_th_mv"] = spiking ? uniform(vThreshold, name, "v_threshold") : kNeverThresholdMv;
    p["v_reset_mv"] = spiking ? uniform(vReset, name, "v_reset") : p["v_rest_mv"];
    p["v_init_min_mv"] = p["v_init_max_mv"] = 0.0; // NIR runtimes start from v = 0
    for (std::size_t i = 0; i < n; ++i) {
        if (cuba) {
            // tau_syn dI/dt = -I + w_in w delta(t): I jumps by w_in w / tau_syn, drives v through r.
            neuron.weightScale[i] = wIn[i] * r[i] / tauSyn[i];
            neuron.biasScale[i] = wIn[i] * r[i];
        } else if (type == "IF") {
            // dv/dt = r w delta(t): v jumps by r w; lif_cuba turns a jump J into about J tau_e / tau_m.
            neuron.weightScale[i] = r[i] * kNoLeakTauMs / kInstantSynapseMs;
            neuron.biasScale[i] = r[i] * kNoLeakTauMs / 1000.0;
        } else {
            // tau dv/dt = ... + r w delta(t): v jumps by r w / tau = J tau_e / tau_m with tau_m = tau.
            neuron.weightScale[i] = r[i] / (kInstantSynapseMs / 1000.0);
            neuron.biasScale[i] = r[i];
        }
    }
    if (!cuba)
        warn("node " + quoted(name) + ": " + type + " has no synaptic current; imported as lif_cuba with " +
             "tau_e_ms = tau_i_ms = 0.05 (nearly instantaneous), weights rescaled to the same charge");
    if (type == "IF")
        warn("node " + quoted(name) + ": IF has no leak; imported with tau_m_ms = 1000 (lif_cuba's slowest)");
    if (!spiking)
        warn("node " + quoted(name) + ": " + type +
             " does not spike; imported with v_th_mv = 60 mV so that " + "it practically never fires");

    std::map<std::string, double> numbers;
    std::map<std::string, std::string> text;
    readMetadata(node, numbers, text);
    if (type == kNirCubaLif && text.count(kNirMetaModel) && text[kNirMetaModel] == "lif_cuba") {
        // Written by PulseLab: restore what NIR cannot hold, and take the exact ms values where the NIR ones
        // are the same numbers after the ms -> s -> ms trip (so the round trip is bit-exact).
        auto meta = [&](const char* key) {
            const auto it = numbers.find(kNirParameterPrefix + key);
            return it == numbers.end() ? std::optional<double>() : std::optional<double>(it->second);
        };
        auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); };
        for (const char* key : {"tau_m_ms", "tau_e_ms", "v_th_mv", "v_reset_mv"})
            if (auto v = meta(key); v && close(*v, p[key]))
                p[key] = *v;
        for (const char* key : {"t_ref_ms", "v_init_min_mv", "v_init_max_mv"})
            if (auto v = meta(key))
                p[key] = *v;
        if (auto v = meta("tau_i_ms"); v && close(meta("tau_e_ms").value_or(-1.0), p["tau_e_ms"]))
            p["tau_i_ms"] = *v;
        if (auto rest = meta("v_rest_mv"), bias = meta("i_bias_mv");
            rest && bias && *rest + *bias == p["v_rest_mv"]) {
            p["v_rest_mv"] = *rest;
            p["i_bias_mv"] = *bias;
        }
    } else if (type == kNirCubaLif) {
        warn("node " + quoted(name) + ": CubaLIF imported as lif_cuba with t_ref_ms = 0 and v starting at 0");
    }
    neuron.population = m_net.populations.size();
    m_net.populations.push_back({name, "lif_cuba", static_cast<std::uint32_t>(n), p});
    m_sizes[name] = static_cast<std::uint32_t>(n);
    m_neurons[name] = std::move(neuron);
    return true;
}

bool NirReader::readEdges(hid_t graph) {
    Hdf5Array<std::string> edges;
    std::string error;
    if (!readStrings(graph, kNirEdges, "/node/edges", 2 * kMaxNodes * 16, edges, error)) {
        m_error = m_path + ": " + error;
        return false;
    }
    if (!edges.values.empty() && (edges.dims.size() != 2 || edges.dims[1] != 2))
        return fail("/node/edges",
                    "expected shape (E, 2) of (source, target) names, found " + shapeText(edges.dims));
    for (std::size_t e = 0; e + 1 < edges.values.size(); e += 2) {
        const std::string& source = edges.values[e];
        const std::string& target = edges.values[e + 1];
        for (const std::string* end : {&source, &target})
            if (!m_types.count(*end))
                return fail("/node/edges", "row " + std::to_string(e / 2) + " names " + quoted(*end) +
                                               ", which is not a node in /node/nodes");
        m_successors[source].push_back(target);
        m_predecessors[target].push_back(source);
    }
    return true;
}

bool NirReader::walk(const std::string& from, bool forward, std::vector<double> delayS, std::size_t depth,
                     std::vector<Endpoint>& out) {
    const auto& next = forward ? m_successors[from] : m_predecessors[from];
    for (const std::string& node : next) {
        if (m_types[node] != kNirDelay) {
            out.push_back({node, delayS});
            continue;
        }
        if (depth >= kMaxDelayChain)
            return fail("/node/edges", "more than " + std::to_string(kMaxDelayChain) +
                                           " Delay nodes in a row at " + quoted(node));
        // Delays add up along the path; a Delay of one value applies to every element.
        const std::vector<double>& d = m_delays[node];
        std::vector<double> total = delayS.size() > d.size() ? delayS : d;
        if (!delayS.empty()) {
            if (delayS.size() != 1 && d.size() != 1 && delayS.size() != d.size())
                return fail("/node/nodes/" + node + "/delay", "shape does not match the delays before it");
            for (std::size_t i = 0; i < total.size(); ++i)
                total[i] = delayS[delayS.size() == 1 ? 0 : i] + d[d.size() == 1 ? 0 : i];
        }
        if (!walk(node, forward, total, depth + 1, out))
            return false;
    }
    return true;
}

bool NirReader::connect() {
    // Connection nodes: every (source, target) pair reached through them becomes an explicit projection.
    for (const std::string& name : m_order) {
        const auto it = m_connections.find(name);
        if (it == m_connections.end())
            continue;
        std::vector<Endpoint> sources, targets;
        if (!walk(name, false, {}, 0, sources) || !walk(name, true, {}, 0, targets))
            return false;
        std::size_t outputs = 0;
        for (const Endpoint& t : targets)
            outputs += m_types[t.node] == kNirOutput;
        const std::size_t pairs = sources.size() * (targets.size() - outputs);
        for (const Endpoint& s : sources) {
            if (!m_neurons.count(s.node) && m_types[s.node] != kNirInput)
                return fail("/node/edges", "edge " + quoted(s.node) + " -> " + quoted(name) + ": a " +
                                               m_types[s.node] + " node cannot feed a projection");
            for (const Endpoint& t : targets) {
                if (m_types[t.node] == kNirOutput) {
                    warn("node " + quoted(name) + ": its output goes to Output " + quoted(t.node) +
                         " without a neuron; not imported");
                    continue;
                }
                if (!m_neurons.count(t.node))
                    return fail("/node/edges", "edge " + quoted(name) + " -> " + quoted(t.node) + ": a " +
                                                   m_types[t.node] + " node cannot receive a projection");
                const std::string projection = pairs == 1 ? name : name + "_" + s.node + "_" + t.node;
                if (!addProjection(projection, s, t, &it->second, "/node/nodes/" + name + "/weight"))
                    return false;
            }
        }
    }
    // Direct edges (optionally through Delays): identity connections, or Output nodes marking read-outs.
    for (const std::string& name : m_order) {
        if (!m_neurons.count(name) && m_types[name] != kNirInput)
            continue;
        std::vector<Endpoint> targets;
        if (!walk(name, true, {}, 0, targets))
            return false;
        for (const Endpoint& t : targets) {
            if (m_types[t.node] == kNirOutput && m_neurons.count(name))
                m_net.probes.push_back({t.node, "spikes", name, "", {}});
            else if (m_neurons.count(t.node) &&
                     !addProjection(name + "_to_" + t.node, {name, {}}, t, nullptr, "/node/edges"))
                return false;
        }
    }
    return true;
}

bool NirReader::addProjection(const std::string& name, const Endpoint& source, const Endpoint& target,
                              const ConnectionNode* connection, const std::string& where) {
    const std::uint32_t ns = sizeOf(source.node), nt = sizeOf(target.node);
    if (connection && (connection->weight.dims[0] != nt || connection->weight.dims[1] != ns))
        return fail(where, "shape " + shapeText(connection->weight.dims) + " does not match target " +
                               quoted(target.node) + " (" + std::to_string(nt) + " neurons) x source " +
                               quoted(source.node) + " (" + std::to_string(ns) + ")");
    if (!connection && ns != nt)
        return fail(where, "edge " + quoted(source.node) + " -> " + quoted(target.node) +
                               " connects different sizes without a Linear node");
    auto fits = [](const std::vector<double>& d, std::uint32_t n) { return d.size() <= 1 || d.size() == n; };
    if (!fits(source.delayS, ns) || !fits(target.delayS, nt))
        return fail(where, "a Delay on the path to " + quoted(target.node) + " does not match its size");
    const NeuronNode& neuron = m_neurons.at(target.node);
    ProjectionSpec projection;
    projection.name = name;
    projection.source = source.node;
    projection.target = target.node;
    projection.connectivity = "explicit";
    bool anyPositive = false, anyNegative = false, delayClamped = false;
    const double dtS = m_net.run.dtMs / 1000.0;
    for (std::uint32_t t = 0; t < nt; ++t) {
        for (std::uint32_t s = 0; s < ns; ++s) {
            const double w = connection ? connection->weight.values[static_cast<std::size_t>(t) * ns + s]
                                        : (s == t ? 1.0 : 0.0);
            if (w == 0.0)
                continue;
            if (++m_synapseCount > kMaxSynapses)
                return fail(where, "more than " + std::to_string(kMaxSynapses) + " non-zero weights");
            auto at = [](const std::vector<double>& d, std::uint32_t i) {
                return d.empty() ? 0.0 : d[d.size() == 1 ? 0 : i];
            };
            const double delay = at(source.delayS, s) + at(target.delayS, t);
            long steps = std::lround(delay / dtS);
            if (steps > static_cast<long>(SynapseTable::kMaxDelay)) {
                steps = SynapseTable::kMaxDelay;
                delayClamped = true;
            }
            const double jump = w * neuron.weightScale[t];
            anyPositive |= jump > 0.0;
            anyNegative |= jump < 0.0;
            projection.synapses.push_back({s, t, jump, static_cast<std::uint32_t>(steps)});
        }
    }
    if (delayClamped)
        warn("projection " + quoted(name) + ": delays longer than " +
             std::to_string(SynapseTable::kMaxDelay) + " steps are clamped to that");
    // The sign convention of PulseLab's examples: inhibitory projections carry negative weights into the
    // inhibitory receptor. Imported neurons have tau_i = tau_e, so the choice changes no dynamics.
    projection.receptor = connection && !connection->receptor.empty() ? connection->receptor
                          : anyNegative && !anyPositive               ? "inhibitory"
                                                                      : "excitatory";
    if (connection && !connection->bias.empty()) {
        double shift = 0.0;
        for (std::uint32_t t = 0; t < nt; ++t)
            shift += connection->bias[t] * neuron.biasScale[t];
        shift /= nt;
        if (shift != 0.0) {
            m_net.populations[neuron.population].parameters["i_bias_mv"] += shift;
            warn("node " + quoted(name) + ": Affine bias imported as a constant drive of " +
                 std::to_string(shift) + " mV (i_bias_mv) of population " + quoted(target.node) +
                 " (mean over its neurons)");
        }
    }
    m_net.projections.push_back(std::move(projection));
    return true;
}

} // namespace

NirLoad importNir(const std::string& path) {
    // libhdf5 crashes inside itself on some damaged files: read it in a child first (hdf5_isolation.h).
    if (std::string crashed = probeHdf5InChild(Hdf5Reader::Nir, path); !crashed.empty())
        return {std::nullopt, std::move(crashed), {}};
    return NirReader(path).read();
}

} // namespace pulselab::core
