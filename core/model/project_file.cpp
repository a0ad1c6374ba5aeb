#include "core/model/project_file.h"

#include "core/io/atomic_file.h"
#include "core/model/figure_config.h"

#include <stdexcept>

namespace pulselab::core {

namespace {

using nlohmann::json;

/// Thrown while reading; carries the JSON path of the offending field.
struct FieldError : std::runtime_error {
    FieldError(const std::string& path, const std::string& reason)
        : std::runtime_error(path + ": " + reason) {}
};

const json* member(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

double number(const json& object, const char* key, const std::string& path, double fallback) {
    const json* v = member(object, key);
    if (!v)
        return fallback;
    if (!v->is_number())
        throw FieldError(path + "." + key, "expected a number");
    return v->get<double>();
}

std::uint64_t count(const json& object, const char* key, const std::string& path, std::uint64_t fallback,
                    std::uint64_t maximum) {
    const json* v = member(object, key);
    if (!v)
        return fallback;
    if (!v->is_number_integer() || v->get<std::int64_t>() < 0)
        throw FieldError(path + "." + key, "expected a non-negative integer");
    const auto value = v->get<std::uint64_t>();
    if (value > maximum)
        throw FieldError(path + "." + key,
                         std::to_string(value) + " is larger than " + std::to_string(maximum));
    return value;
}

std::string text(const json& object, const char* key, const std::string& path, const std::string& fallback) {
    const json* v = member(object, key);
    if (!v)
        return fallback;
    if (!v->is_string())
        throw FieldError(path + "." + key, "expected a string");
    return v->get<std::string>();
}

std::string requiredText(const json& object, const char* key, const std::string& path) {
    if (!member(object, key))
        throw FieldError(path + "." + key, "missing");
    return text(object, key, path, "");
}

ParameterMap parameters(const json& object, const std::string& path) {
    ParameterMap map;
    const json* v = member(object, "parameters");
    if (!v)
        return map;
    if (!v->is_object())
        throw FieldError(path + ".parameters", "expected an object of numbers");
    for (const auto& [name, value] : v->items()) {
        if (!value.is_number())
            throw FieldError(path + ".parameters." + name, "expected a number");
        map[name] = value.get<double>();
    }
    return map;
}

Distribution distribution(const json& object, const char* key, const std::string& path,
                          Distribution fallback) {
    const json* v = member(object, key);
    if (!v)
        return fallback;
    if (v->is_number())
        return {"constant", v->get<double>(), 0.0};
    if (!v->is_object())
        throw FieldError(path + "." + key, "expected a number or {kind, a, b}");
    const std::string p = path + "." + key;
    return {text(*v, "kind", p, "constant"), number(*v, "a", p, 0.0), number(*v, "b", p, 0.0)};
}

const json& array(const json& object, const char* key, const std::string& path) {
    static const json empty = json::array();
    const json* v = member(object, key);
    if (!v)
        return empty;
    if (!v->is_array())
        throw FieldError(path + "." + key, "expected an array");
    return *v;
}

constexpr std::uint64_t kMaxNeurons = 100'000'000;

NetworkSpec readNetwork(const json& root) {
    NetworkSpec net;
    const json* network = member(root, "network");
    if (!network || !network->is_object())
        throw FieldError("network", "missing or not an object");
    std::size_t i = 0;
    for (const json& p : array(*network, "populations", "network")) {
        const std::string path = "network.populations[" + std::to_string(i++) + "]";
        if (!p.is_object())
            throw FieldError(path, "expected an object");
        net.populations.push_back({requiredText(p, "name", path), text(p, "model", path, "lif_cuba"),
                                   static_cast<std::uint32_t>(count(p, "size", path, 1, kMaxNeurons)),
                                   parameters(p, path)});
    }
    i = 0;
    for (const json& in : array(*network, "inputs", "network")) {
        const std::string path = "network.inputs[" + std::to_string(i++) + "]";
        if (!in.is_object())
            throw FieldError(path, "expected an object");
        InputSpec spec{requiredText(in, "name", path),
                       text(in, "kind", path, "poisson"),
                       static_cast<std::uint32_t>(count(in, "size", path, 1, kMaxNeurons)),
                       parameters(in, path),
                       {}};
        std::size_t n = 0;
        for (const json& times : array(in, "spike_times_ms", path)) {
            const std::string tp = path + ".spike_times_ms[" + std::to_string(n++) + "]";
            if (!times.is_array())
                throw FieldError(tp, "expected an array of times");
            std::vector<double> list;
            for (const json& t : times) {
                if (!t.is_number())
                    throw FieldError(tp, "expected numbers");
                list.push_back(t.get<double>());
            }
            spec.spikeTimesMs.push_back(std::move(list));
        }
        net.inputs.push_back(std::move(spec));
    }
    i = 0;
    for (const json& pr : array(*network, "projections", "network")) {
        const std::string path = "network.projections[" + std::to_string(i++) + "]";
        if (!pr.is_object())
            throw FieldError(path, "expected an object");
        ProjectionSpec spec;
        spec.name = requiredText(pr, "name", path);
        spec.source = requiredText(pr, "source", path);
        spec.target = requiredText(pr, "target", path);
        spec.connectivity = text(pr, "connectivity", path, "all_to_all");
        spec.probability = number(pr, "probability", path, 0.1);
        spec.indegree = static_cast<std::uint32_t>(count(pr, "indegree", path, 10, kMaxNeurons));
        if (const json* self = member(pr, "allow_self_connections")) {
            if (!self->is_boolean())
                throw FieldError(path + ".allow_self_connections", "expected true or false");
            spec.allowSelfConnections = self->get<bool>();
        }
        spec.receptor = text(pr, "receptor", path, "excitatory");
        spec.weight = distribution(pr, "weight", path, spec.weight);
        spec.delaySteps = distribution(pr, "delay_steps", path, spec.delaySteps);
        std::size_t k = 0;
        for (const json& s : array(pr, "synapses", path)) {
            const std::string sp = path + ".synapses[" + std::to_string(k++) + "]";
            if (!s.is_array() || s.size() < 3 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned() ||
                !s[2].is_number() || (s.size() > 3 && !s[3].is_number_unsigned()))
                throw FieldError(sp, "expected [source, target, weight(, delay_steps)]");
            spec.synapses.push_back({s[0].get<std::uint32_t>(), s[1].get<std::uint32_t>(), s[2].get<double>(),
                                     s.size() > 3 ? s[3].get<std::uint32_t>() : 0u});
        }
        spec.storage = text(pr, "storage", path, "auto");
        spec.plasticity = text(pr, "plasticity", path, "");
        if (const json* pp = member(pr, "plasticity_parameters")) {
            json wrapper = {{"parameters", *pp}};
            spec.plasticityParameters = parameters(wrapper, path + ".plasticity_parameters");
        }
        net.projections.push_back(std::move(spec));
    }
    i = 0;
    for (const json& c : array(*network, "currents", "network")) {
        const std::string path = "network.currents[" + std::to_string(i++) + "]";
        if (!c.is_object())
            throw FieldError(path, "expected an object");
        net.currents.push_back({requiredText(c, "name", path), text(c, "kind", path, "step"),
                                requiredText(c, "target", path), parameters(c, path)});
    }
    i = 0;
    for (const json& pb : array(*network, "probes", "network")) {
        const std::string path = "network.probes[" + std::to_string(i++) + "]";
        if (!pb.is_object())
            throw FieldError(path, "expected an object");
        ProbeSpec spec{requiredText(pb, "name", path),
                       text(pb, "kind", path, "spikes"),
                       requiredText(pb, "target", path),
                       text(pb, "variable", path, ""),
                       {}};
        for (const json& n : array(pb, "neurons", path)) {
            if (!n.is_number_unsigned())
                throw FieldError(path + ".neurons", "expected neuron indices");
            spec.neurons.push_back(n.get<std::uint32_t>());
        }
        net.probes.push_back(std::move(spec));
    }
    if (const json* run = member(root, "run")) {
        if (!run->is_object())
            throw FieldError("run", "expected an object");
        net.run.dtMs = number(*run, "dt_ms", "run", net.run.dtMs);
        net.run.durationMs = number(*run, "duration_ms", "run", net.run.durationMs);
        net.run.seed = count(*run, "seed", "run", net.run.seed, UINT64_MAX);
        net.run.threads = static_cast<int>(count(*run, "threads", "run", 1, 256));
    }
    return net;
}

json writeDistribution(const Distribution& d) {
    if (d.kind == "constant")
        return d.a;
    return {{"kind", d.kind}, {"a", d.a}, {"b", d.b}};
}

} // namespace

ProjectLoad parseProject(std::string_view textIn, std::string_view origin) {
    ProjectLoad load;
    const std::string file(origin);
    json root;
    try {
        root = json::parse(textIn);
    } catch (const json::exception& e) { // parse errors, and numbers too large for a double
        load.error = file + ": not valid JSON (" + e.what() + ")";
        return load;
    }
    try {
        if (!root.is_object())
            throw FieldError("(root)", "expected a JSON object");
        if (text(root, "format", "", "") != "pulselab-project")
            throw FieldError("format", "expected \"pulselab-project\"");
        const auto version = count(root, "format_version", "", 0, 1000);
        if (version < 1 || version > static_cast<std::uint64_t>(kProjectFormatVersion))
            throw FieldError("format_version", std::to_string(version) +
                                                   " is not supported (this PulseLab reads 1 to " +
                                                   std::to_string(kProjectFormatVersion) + ")");
        Project project;
        project.title = text(root, "title", "", "");
        project.description = text(root, "description", "", "");
        project.network = readNetwork(root);
        for (auto [key, target] :
             {std::pair{"editor", &project.editor}, std::pair{"figures", &project.figures},
              std::pair{"experiment", &project.experiment}}) {
            if (const json* v = member(root, key)) {
                if (!v->is_object())
                    throw FieldError(key, "expected an object");
                *target = *v;
            }
        }
        if (FigureConfigError figures; !parseFigureConfig(project.figures, figures))
            throw FieldError(figures.field, figures.reason);
        load.project = std::move(project);
    } catch (const FieldError& e) {
        load.error = file + ": " + e.what();
    } catch (const json::exception& e) {
        load.error = file + ": " + e.what();
    }
    return load;
}

ProjectLoad loadProjectFile(const std::string& path) {
    std::string contents, error;
    if (!readWholeFile(path, contents, error, std::size_t{512} << 20))
        return {std::nullopt, error};
    return parseProject(contents, path);
}

std::string projectToJson(const Project& project) {
    const NetworkSpec& net = project.network;
    json populations = json::array(), inputs = json::array(), projections = json::array(),
         currents = json::array(), probes = json::array();
    for (const auto& p : net.populations)
        populations.push_back(
            {{"name", p.name}, {"model", p.model}, {"size", p.size}, {"parameters", p.parameters}});
    for (const auto& in : net.inputs) {
        json o = {{"name", in.name}, {"kind", in.kind}, {"size", in.size}, {"parameters", in.parameters}};
        if (!in.spikeTimesMs.empty())
            o["spike_times_ms"] = in.spikeTimesMs;
        inputs.push_back(std::move(o));
    }
    for (const auto& pr : net.projections) {
        json o = {{"name", pr.name},
                  {"source", pr.source},
                  {"target", pr.target},
                  {"connectivity", pr.connectivity},
                  {"receptor", pr.receptor},
                  {"weight", writeDistribution(pr.weight)},
                  {"delay_steps", writeDistribution(pr.delaySteps)}};
        if (pr.connectivity == "fixed_probability")
            o["probability"] = pr.probability;
        if (pr.connectivity == "fixed_indegree")
            o["indegree"] = pr.indegree;
        if (!pr.allowSelfConnections)
            o["allow_self_connections"] = false;
        if (pr.connectivity == "explicit") {
            json synapses = json::array();
            for (const auto& s : pr.synapses)
                synapses.push_back({s.source, s.target, s.weight, s.delaySteps});
            o["synapses"] = std::move(synapses);
        }
        if (pr.storage != "auto")
            o["storage"] = pr.storage;
        if (!pr.plasticity.empty()) {
            o["plasticity"] = pr.plasticity;
            o["plasticity_parameters"] = pr.plasticityParameters;
        }
        projections.push_back(std::move(o));
    }
    for (const auto& c : net.currents)
        currents.push_back(
            {{"name", c.name}, {"kind", c.kind}, {"target", c.target}, {"parameters", c.parameters}});
    for (const auto& pb : net.probes) {
        json o = {{"name", pb.name}, {"kind", pb.kind}, {"target", pb.target}};
        if (!pb.variable.empty())
            o["variable"] = pb.variable;
        if (!pb.neurons.empty())
            o["neurons"] = pb.neurons;
        probes.push_back(std::move(o));
    }
    json root = {{"format", "pulselab-project"},
                 {"format_version", kProjectFormatVersion},
                 {"title", project.title},
                 {"description", project.description},
                 {"network",
                  {{"populations", populations},
                   {"inputs", inputs},
                   {"projections", projections},
                   {"currents", currents},
                   {"probes", probes}}},
                 {"run",
                  {{"dt_ms", net.run.dtMs},
                   {"duration_ms", net.run.durationMs},
                   {"seed", net.run.seed},
                   {"threads", net.run.threads}}},
                 {"editor", project.editor},
                 {"figures", project.figures},
                 {"experiment", project.experiment}};
    return root.dump(2) + "\n";
}

} // namespace pulselab::core
