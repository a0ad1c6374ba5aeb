// exportNir: PulseLab network -> NIR graph (HDF5). See nir_file.h for the mapping and nir_names.h for the
// dataset names shared with the importer.
#include "core/io/hdf5_io.h"
#include "core/io/nir_file.h"
#include "core/io/nir_names.h"
#include "core/neurons/lif_cuba.h"
#include "core/sim/simulation.h"

#include <atomic>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace pulselab::core {

namespace {

std::string quoted(const std::string& name) {
    return "'" + name + "'";
}

/// HDF5 link names cannot contain '/' and "." means the group itself.
bool usableNodeName(const std::string& name) {
    return !name.empty() && name != "." && name.find('/') == std::string::npos;
}

std::string formatNumber(double x) {
    std::ostringstream s;
    s << x;
    return s.str();
}

/// A projection as NIR sees it: a dense (target x source) matrix, and one delay for all its synapses.
struct DenseProjection {
    std::vector<float> weight;
    std::uint32_t delaySteps = 0;
};

DenseProjection densify(const ProjectionSpec& spec, const SynapseTable& table, std::uint32_t sourceSize,
                        std::uint32_t targetSize, std::vector<std::string>& warnings) {
    DenseProjection dense;
    dense.weight.assign(static_cast<std::size_t>(sourceSize) * targetSize, 0.0f);
    std::map<std::uint32_t, std::size_t> delays; // delay -> synapse count
    for (std::uint32_t s = 0; s < sourceSize; ++s) {
        for (std::uint64_t k = table.rowStart[s]; k < table.rowStart[s + 1]; ++k) {
            const std::uint32_t t = SynapseTable::targetOf(table.packed[k]);
            // Repeated (source, target) pairs add up, as they do in the engine's delivery.
            dense.weight[static_cast<std::size_t>(t) * sourceSize + s] += table.weight[k];
            ++delays[SynapseTable::delayOf(table.packed[k])];
        }
    }
    if (delays.size() == 1) {
        dense.delaySteps = delays.begin()->first;
    } else if (delays.size() > 1) {
        // NIR's Delay node delays a signal element-wise, not each synapse: one value per projection here.
        double sum = 0.0, count = 0.0;
        for (const auto& [d, n] : delays) {
            sum += static_cast<double>(d) * static_cast<double>(n);
            count += static_cast<double>(n);
        }
        dense.delaySteps = static_cast<std::uint32_t>(std::lround(sum / count));
        warnings.push_back("projection " + quoted(spec.name) +
                           ": delays differ between synapses; NIR's Delay node cannot express per-synapse "
                           "delays, exported with their mean of " +
                           std::to_string(dense.delaySteps) + " steps");
    }
    return dense;
}

bool writeParameterMetadata(hid_t node, const std::string& kindKey, const std::string& kind,
                            const ParameterMap& parameters) {
    const H5Group meta(H5Gcreate2(node, kNirMetadata, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!meta || !writeString(meta.get(), kindKey, kind))
        return false;
    for (const auto& [name, value] : parameters) {
        if (!writeDoubles(meta.get(), kNirParameterPrefix + name, {value}, {}))
            return false;
    }
    return true;
}

/// The writer proper: builds the file in memory (HDF5 core driver) so that the disk sees one atomic write.
class NirWriter {
public:
    NirWriter(const NetworkSpec& network, std::vector<std::string>& warnings)
        : m_net(network), m_warnings(warnings) {}

    /// The finished HDF5 file image, or empty with `error` set.
    std::string write(const Simulation& simulation, std::string& error);

private:
    bool writePopulation(hid_t nodes, const PopulationSpec& population);
    bool writeInput(hid_t nodes, const InputSpec& input);
    bool writeProjection(hid_t nodes, const Simulation& simulation, const ProjectionSpec& projection);
    bool writeShapeNode(hid_t nodes, const std::string& name, const char* type, std::uint32_t size);
    H5Group createNode(hid_t nodes, const std::string& name, const char* type);

    const NetworkSpec& m_net;
    std::vector<std::string>& m_warnings;
    std::vector<std::pair<std::string, std::string>> m_edges;
};

H5Group NirWriter::createNode(hid_t nodes, const std::string& name, const char* type) {
    H5Group node(H5Gcreate2(nodes, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (node && !writeString(node.get(), kNirType, type))
        node.reset();
    return node;
}

bool NirWriter::writePopulation(hid_t nodes, const PopulationSpec& population) {
    const ParameterMap p = withDefaults(lifCubaSchema(), population.parameters);
    const std::vector<hsize_t> shape{population.size};
    auto column = [&](double value) { return std::vector<double>(population.size, value); };
    // PulseLab's lif_cuba (exact integration of the CUBA model, Brette et al. 2007) is
    //   tau_m dv/dt = (v_rest + i_bias - v) + I_e + I_i,   tau_e dI_e/dt = -I_e,   tau_i dI_i/dt = -I_i,
    // where a spike through a synapse of weight w (mV) makes I jump by w; v > v_th -> spike, v = v_reset.
    // NIR's CubaLIF (Pedersen et al. 2024, Methods) is
    //   tau_syn dI/dt = -I + w_in S,   tau_mem dv/dt = (v_leak - v) + r I,   v > v_threshold -> v = v_reset,
    // with S a sum of Dirac deltas scaled by the Linear weight w, so a spike makes I jump by w_in w /
    // tau_syn. Hence, exactly: tau_mem = tau_m and tau_syn = tau_e in SECONDS (NIR times are in seconds;
    // PulseLab's are ms), r = 1 (PulseLab's currents are already in mV of membrane drive), v_leak = v_rest +
    // i_bias, voltages unchanged in mV (NIR voltages carry no unit), and w_in = tau_syn so that the jump
    // equals the Linear weight, which is PulseLab's weight unchanged. What NIR cannot carry (the refractory
    // period, the initial potentials, a separate inhibitory time constant) is kept in the node's metadata for
    // PulseLab.
    const double tauSynS = p.at("tau_e_ms") / 1000.0;
    H5Group node = createNode(nodes, population.name, kNirCubaLif);
    if (!node || !writeDoubles(node.get(), "tau_syn", column(tauSynS), shape) ||
        !writeDoubles(node.get(), "tau_mem", column(p.at("tau_m_ms") / 1000.0), shape) ||
        !writeDoubles(node.get(), "r", column(1.0), shape) ||
        !writeDoubles(node.get(), "v_leak", column(p.at("v_rest_mv") + p.at("i_bias_mv")), shape) ||
        !writeDoubles(node.get(), "v_threshold", column(p.at("v_th_mv")), shape) ||
        !writeDoubles(node.get(), "v_reset", column(p.at("v_reset_mv")), shape) ||
        !writeDoubles(node.get(), "w_in", column(tauSynS), shape))
        return false;
    if (p.at("t_ref_ms") > 0.0)
        m_warnings.push_back("population " + quoted(population.name) +
                             ": NIR's CubaLIF has no refractory "
                             "period; t_ref_ms = " +
                             formatNumber(p.at("t_ref_ms")) + " is kept only in PulseLab metadata");
    bool inhibitoryInput = false;
    for (const auto& projection : m_net.projections)
        inhibitoryInput |= projection.target == population.name && projection.receptor == "inhibitory";
    if (inhibitoryInput && p.at("tau_i_ms") != p.at("tau_e_ms"))
        m_warnings.push_back("population " + quoted(population.name) +
                             ": one CubaLIF has one synaptic time "
                             "constant; its inhibitory synapses (tau_i_ms = " +
                             formatNumber(p.at("tau_i_ms")) +
                             ") are exported with tau_syn = tau_e_ms = " + formatNumber(p.at("tau_e_ms")));
    return writeParameterMetadata(node.get(), kNirMetaModel, population.model, p);
}

bool NirWriter::writeShapeNode(hid_t nodes, const std::string& name, const char* type, std::uint32_t size) {
    H5Group node = createNode(nodes, name, type);
    return node && writeInt64s(node.get(), "shape", {static_cast<long long>(size)}, {1});
}

bool NirWriter::writeInput(hid_t nodes, const InputSpec& input) {
    if (!writeShapeNode(nodes, input.name, kNirInput, input.size))
        return false;
    // NIR's Input is where a runtime feeds spikes in; it has no generators (Pedersen et al. 2024).
    m_warnings.push_back("input " + quoted(input.name) + ": NIR has no spike generators; its " + input.kind +
                         " generator is exported as an Input node of shape (" + std::to_string(input.size) +
                         ")" + (input.kind == "spike_times" ? " and its spike times are dropped" : ""));
    const H5Group node(H5Gopen2(nodes, input.name.c_str(), H5P_DEFAULT));
    return node && writeParameterMetadata(node.get(), kNirMetaKind, input.kind, input.parameters);
}

bool NirWriter::writeProjection(hid_t nodes, const Simulation& simulation, const ProjectionSpec& projection) {
    const std::uint32_t sourceSize = m_net.sizeOf(projection.source);
    const std::uint32_t targetSize = m_net.sizeOf(projection.target);
    const DenseProjection dense =
        densify(projection, simulation.synapses(projection.name), sourceSize, targetSize, m_warnings);
    if (projection.plasticity == "stdp")
        m_warnings.push_back("projection " + quoted(projection.name) +
                             ": NIR has no plasticity; STDP is "
                             "dropped and its initial weights are exported as a static Linear");
    std::string from = projection.source;
    if (dense.delaySteps > 0) {
        // delay_s = steps x dt. PulseLab feels a spike one step after it is sent even with delay 0 (as Brian2
        // does); that step is the simulator's discretisation, not part of the delay.
        const std::string delayName = projection.name + kNirDelaySuffix;
        H5Group delay = createNode(nodes, delayName, kNirDelay);
        const double delayS = dense.delaySteps * m_net.run.dtMs / 1000.0;
        if (!delay ||
            !writeDoubles(delay.get(), "delay", std::vector<double>(sourceSize, delayS), {sourceSize}))
            return false;
        m_edges.emplace_back(from, delayName);
        from = delayName;
    }
    H5Group linear = createNode(nodes, projection.name, kNirLinear);
    if (!linear || !writeFloats(linear.get(), "weight", dense.weight, {targetSize, sourceSize}))
        return false;
    const H5Group meta(H5Gcreate2(linear.get(), kNirMetadata, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!meta || !writeString(meta.get(), kNirMetaReceptor, projection.receptor))
        return false;
    m_edges.emplace_back(from, projection.name);
    m_edges.emplace_back(projection.name, projection.target);
    return true;
}

std::string NirWriter::write(const Simulation& simulation, std::string& error) {
    // An in-memory file: a unique name per export so that concurrent exports never share one.
    static std::atomic<unsigned> counter{0};
    const std::string memoryName = "pulselab-nir-export-" + std::to_string(counter++);
    const H5Props access(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_fapl_core(access.get(), std::size_t{1} << 20, 0);
    H5File file(H5Fcreate(memoryName.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()));
    const H5Group graph(file ? H5Gcreate2(file.get(), kNirGraphGroup, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)
                             : H5I_INVALID_HID);
    // Track creation order so that a reader (ours) sees the nodes in the network's order.
    const H5Props order(H5Pcreate(H5P_GROUP_CREATE));
    H5Pset_link_creation_order(order.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    const H5Group nodes(graph ? H5Gcreate2(graph.get(), kNirNodes, H5P_DEFAULT, order.get(), H5P_DEFAULT)
                              : H5I_INVALID_HID);
    if (!nodes || !writeString(file.get(), kNirVersionName, kNirVersion) ||
        !writeString(graph.get(), kNirType, kNirGraphType)) {
        error = "cannot create the HDF5 file in memory";
        return {};
    }
    for (const auto& population : m_net.populations) {
        if (!writePopulation(nodes.get(), population)) {
            error = "cannot write node " + quoted(population.name);
            return {};
        }
    }
    for (const auto& input : m_net.inputs) {
        if (!writeInput(nodes.get(), input)) {
            error = "cannot write node " + quoted(input.name);
            return {};
        }
    }
    for (const auto& projection : m_net.projections) {
        if (!writeProjection(nodes.get(), simulation, projection)) {
            error = "cannot write node " + quoted(projection.name);
            return {};
        }
    }
    for (const std::string& population : outputPopulations(m_net)) {
        const std::string name = population + kNirOutputSuffix;
        if (!writeShapeNode(nodes.get(), name, kNirOutput, m_net.sizeOf(population))) {
            error = "cannot write node " + quoted(name);
            return {};
        }
        m_edges.emplace_back(population, name);
    }
    const H5Group meta(H5Gcreate2(graph.get(), kNirMetadata, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!writeStringPairs(graph.get(), kNirEdges, m_edges) || !meta ||
        !writeDoubles(meta.get(), kNirMetaDtMs, {m_net.run.dtMs}, {}) ||
        !writeDoubles(meta.get(), kNirMetaDurationMs, {m_net.run.durationMs}, {}) ||
        !writeString(meta.get(), kNirMetaSeed, std::to_string(m_net.run.seed))) {
        error = "cannot write the graph's edges";
        return {};
    }
    H5Fflush(file.get(), H5F_SCOPE_GLOBAL);
    const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
    std::string image(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    if (size <= 0 || H5Fget_file_image(file.get(), image.data(), image.size()) != size) {
        error = "cannot serialise the HDF5 file";
        return {};
    }
    return image;
}

} // namespace

std::vector<std::string> outputPopulations(const NetworkSpec& network) {
    // Output nodes mark what a NIR runtime should read out: the populations whose spikes are probed, else
    // those that project nowhere, else (a recurrent network) every population.
    std::vector<std::string> probed, sinks, all;
    for (const auto& population : network.populations) {
        all.push_back(population.name);
        bool isProbed = false, projects = false;
        for (const auto& probe : network.probes)
            isProbed |= probe.kind == "spikes" && probe.target == population.name;
        for (const auto& projection : network.projections)
            projects |= projection.source == population.name;
        if (isProbed)
            probed.push_back(population.name);
        if (!projects)
            sinks.push_back(population.name);
    }
    return !probed.empty() ? probed : !sinks.empty() ? sinks : all;
}

WriteResult exportNir(const NetworkSpec& network, const std::string& path,
                      std::vector<std::string>& warnings) {
    const Hdf5ErrorSilencer silence;
    auto fail = [&](const std::string& message) { return WriteResult{false, path + ": " + message}; };
    if (const auto problems = validate(network); !problems.empty())
        return fail("the network is invalid: " + problems.front().message());
    if (network.populations.empty())
        return fail("the network has no populations: nothing NIR can express (a rate-based predictive-coding "
                    "project keeps its model in the experiment settings, not in spiking populations)");
    for (const auto& population : network.populations) {
        if (population.model == "bayesian_deneve")
            return fail("population " + quoted(population.name) + ": the Bayesian log-odds neuron " +
                        "(bayesian_deneve, Deneve 2008) has no NIR equivalent; NIR's spiking neurons are " +
                        "leaky integrate-and-fire units");
        if (population.model != "lif_cuba")
            return fail("population " + quoted(population.name) + ": model '" + population.model +
                        "' cannot be exported to NIR (only lif_cuba maps to CubaLIF)");
    }
    // Every NIR node is an HDF5 group named after its PulseLab part: names must be usable and distinct.
    std::set<std::string> names;
    auto claim = [&](const std::string& name, const std::string& what) -> std::string {
        if (!usableNodeName(name))
            return what + " " + quoted(name) + ": the name cannot be a NIR node name (empty, '.' or has '/')";
        if (!names.insert(name).second)
            return what + " " + quoted(name) + ": the name is used by another NIR node";
        return {};
    };
    std::size_t denseElements = 0;
    for (const auto& p : network.populations)
        if (auto e = claim(p.name, "population"); !e.empty())
            return fail(e);
    for (const auto& in : network.inputs)
        if (auto e = claim(in.name, "input"); !e.empty())
            return fail(e);
    for (const auto& pr : network.projections) {
        if (auto e = claim(pr.name, "projection"); !e.empty())
            return fail(e);
        const bool mayDelay =
            pr.connectivity == "explicit" || pr.delaySteps.a != 0.0 || pr.delaySteps.b != 0.0;
        if (auto e = mayDelay ? claim(pr.name + kNirDelaySuffix, "delay of projection") : std::string();
            !e.empty())
            return fail(e);
        denseElements += static_cast<std::size_t>(network.sizeOf(pr.source)) * network.sizeOf(pr.target);
        if (denseElements > kNirMaxElements)
            return fail("projection " + quoted(pr.name) +
                        ": NIR's Linear is a dense matrix and the weights " + "would exceed " +
                        std::to_string(kNirMaxElements) + " elements");
    }
    for (const std::string& population : outputPopulations(network))
        if (auto e = claim(population + kNirOutputSuffix, "output of population"); !e.empty())
            return fail(e);
    for (const auto& current : network.currents)
        warnings.push_back("current " + quoted(current.name) + ": NIR has no external currents; dropped");

    std::string error;
    const std::unique_ptr<Simulation> simulation = Simulation::build(network, error);
    if (!simulation)
        return fail("cannot compile the network's synapses: " + error);
    NirWriter writer(network, warnings);
    const std::string image = writer.write(*simulation, error);
    if (image.empty())
        return fail(error);
    return writeFileAtomically(path, image);
}

} // namespace pulselab::core
