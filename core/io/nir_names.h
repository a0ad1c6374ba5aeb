#pragma once
// Names in the NIR HDF5 layout (neuromorphs/NIR, nir/serialization.py; SCIENCE.md section 8), shared by the
// exporter and the importer, and the PulseLab-only metadata keys. Metadata lives in each node's `metadata`
// group, which the reference reader passes through untouched; it lets PulseLab restore what NIR cannot say
// (refractory period, initial potentials, generators) while other tools read the plain NIR nodes.
#include "core/model/network_spec.h"

#include <string>
#include <vector>

namespace pulselab::core {

inline constexpr const char* kNirVersionName = "version";
inline constexpr const char* kNirGraphGroup = "node";
inline constexpr const char* kNirNodes = "nodes";
inline constexpr const char* kNirEdges = "edges";
inline constexpr const char* kNirType = "type";
inline constexpr const char* kNirMetadata = "metadata";

inline constexpr const char* kNirGraphType = "NIRGraph";
inline constexpr const char* kNirCubaLif = "CubaLIF";
inline constexpr const char* kNirInput = "Input";
inline constexpr const char* kNirOutput = "Output";
inline constexpr const char* kNirLinear = "Linear";
inline constexpr const char* kNirDelay = "Delay";

inline constexpr const char* kNirDelaySuffix = "_delay";
inline constexpr const char* kNirOutputSuffix = "_output";

inline constexpr const char* kNirMetaModel = "pulselab_model";
inline constexpr const char* kNirMetaKind = "pulselab_kind";
inline constexpr const char* kNirMetaReceptor = "pulselab_receptor";
inline constexpr const char* kNirMetaDtMs = "pulselab_dt_ms";
inline constexpr const char* kNirMetaDurationMs = "pulselab_duration_ms";
inline constexpr const char* kNirMetaSeed = "pulselab_seed";
inline const std::string kNirParameterPrefix = "pulselab_param_";

/// The populations that get an Output node on export.
std::vector<std::string> outputPopulations(const NetworkSpec& network);

} // namespace pulselab::core
