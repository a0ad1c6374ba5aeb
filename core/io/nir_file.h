#pragma once
// NIR, the Neuromorphic Intermediate Representation (Pedersen et al. 2024, Nature Communications,
// doi 10.1038/s41467-024-52259-9): a graph of continuous-time neuron and connection nodes that Lava-DL,
// Norse, Rockpool, Sinabs, snnTorch, Spyx, SpiNNaker2 and others read and write. The file is HDF5 laid out as
// the reference writer (neuromorphs/NIR, nir/serialization.py) lays it out; see docs SCIENCE.md section 8.
//
// Export: lif_cuba populations -> CubaLIF, inputs -> Input, projections -> Linear (dense, the compiled
// weights) with a Delay node in front when delays > 0, plus Output nodes. Import: CubaLIF / LIF / IF / LI /
// CubaLI -> lif_cuba populations, Linear / Affine -> explicit projections, Input -> inputs. What NIR cannot
// say is either refused (the error names the part) or exported in its nearest form with a warning naming it.
#include "core/io/atomic_file.h"
#include "core/model/network_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace pulselab::core {

/// NIR version written into the file's root `version` dataset.
inline constexpr const char* kNirVersion = "1.0";

/// Refuse dense weight matrices, parameter arrays and graphs larger than this many elements.
inline constexpr std::size_t kNirMaxElements = 100'000'000;

/// Writes `network` as a NIR graph to `path` atomically (a temporary file renamed over the target). On
/// success `ok`; otherwise `error` names the file and the part that cannot be exported. `warnings` receives
/// one line per inexact or dropped part (each naming it).
WriteResult exportNir(const NetworkSpec& network, const std::string& path,
                      std::vector<std::string>& warnings);

struct NirLoad {
    std::optional<NetworkSpec> network;
    std::string error;                 ///< "file: /hdf5/object/path: what is wrong"
    std::vector<std::string> warnings; ///< inexact mappings, each naming the NIR node
};

/// Reads a NIR graph written by PulseLab or by other tools (see the file comment for the mapping).
NirLoad importNir(const std::string& path);

} // namespace pulselab::core
