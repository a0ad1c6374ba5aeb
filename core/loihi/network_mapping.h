#pragma once
// Builds the Loihi mapper's view of a network document: every population and input with its size and
// per-neuron state, every projection with its expected synapse count.
#include "core/loihi/mapping_problem.h"
#include "core/model/network_spec.h"

namespace pulselab::core::loihi {

MappingProblem mappingProblemFor(const NetworkSpec& network);

} // namespace pulselab::core::loihi
