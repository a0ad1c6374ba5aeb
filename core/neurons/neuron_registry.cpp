#include "core/neurons/neuron_registry.h"

#include "core/neurons/bayesian_neuron.h"
#include "core/neurons/lif_cuba.h"
#include "core/neurons/loihi_lif.h"

namespace pulselab::core {

const std::vector<NeuronModelInfo>& neuronModels() {
    static const std::vector<NeuronModelInfo> models = {
        {"lif_cuba",
         "Current-based LIF with exponential synapses (Brette et al. 2007 CUBA)",
         lifCubaSchema(),
         {"v", "g_e", "g_i"},
         makeLifCuba},
        {"lif_adaptive",
         "Adaptive-threshold LIF: CUBA LIF whose threshold jumps at each spike and relaxes back",
         lifAdaptiveSchema(),
         {"v", "g_e", "g_i", "theta"},
         makeLifAdaptive},
        {"loihi2_cuba_lif",
         "Loihi 2 CUBA-LIF in fixed point, bit-exact to Lava's bit-accurate model",
         loihiLifSchema(),
         {"u", "v", "payload"},
         makeLoihiLif},
        {"bayesian_deneve",
         "Bayesian log-odds neuron (Deneve 2008): membrane = log-odds of a hidden cause",
         bayesianNeuronSchema(),
         {"L", "G", "p", "p_decoded"},
         makeBayesianNeuron},
    };
    return models;
}

const NeuronModelInfo* findNeuronModel(const std::string& name) {
    for (const NeuronModelInfo& model : neuronModels()) {
        if (model.name == name)
            return &model;
    }
    return nullptr;
}

} // namespace pulselab::core
