#pragma once
// Every neuron model by name: its parameter schema, state variables and a factory. The inspector, the file
// format and validation read models only through here.
#include "core/neurons/neuron_kernel.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pulselab::core {

struct NeuronModelInfo {
    std::string name;
    std::string description;
    std::vector<ParameterSpec> parameters;
    std::vector<std::string> stateVariables;
    std::function<std::unique_ptr<NeuronKernel>(std::uint32_t, const ParameterMap&, double)> create;
};

const std::vector<NeuronModelInfo>& neuronModels();
const NeuronModelInfo* findNeuronModel(const std::string& name);

} // namespace pulselab::core
