#pragma once
// Small typed readers and writers over the HDF5 C API, shared by the NIR file (core/io/nir_file.h), the
// recording file (core/io/recording_file.h) and the SHD event reader (core/data/shd_event_reader.h).
//
// NIR readers accept what other writers produce (h5py, the NIR reference writer, older tools): strings fixed-
// or variable-length, numbers of any integer or float type (converted by HDF5), scalars or arrays. They never
// allocate more than `maxElements` elements and report failures as "<object path>: <reason>".
//
// Checked readers (taking an Hdf5ReadContext) check an object's type, rank and declared size against the
// file's size before allocating anything, so a corrupt or hostile file cannot make us allocate gigabytes;
// they report failures as "<file>: <object path>: <reason>".
#include "core/io/hdf5_handles.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pulselab::core {

/// A row-major numeric array and its shape (empty shape = scalar).
template <typename T> struct Hdf5Array {
    std::vector<hsize_t> dims;
    std::vector<T> values;
};

enum class Hdf5ObjectKind { Missing, Group, Dataset, Other };

/// What `name` (one path component) is inside `loc`.
Hdf5ObjectKind objectKind(hid_t loc, const std::string& name);

/// The names of the links in a group, in HDF5's name order; false (with `error`) past `maxCount`.
bool childNames(hid_t group, const std::string& where, std::size_t maxCount, std::vector<std::string>& names,
                std::string& error);

bool readStrings(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<std::string>& out, std::string& error);
/// A scalar string, or a one-element string array.
bool readString(hid_t loc, const std::string& name, const std::string& where, std::string& out,
                std::string& error);
bool readNumbers(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<double>& out, std::string& error);
bool readNumbers(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<float>& out, std::string& error);

/// Writers, laid out as h5py writes them: UTF-8 variable-length strings, little-endian IEEE floats. Numeric
/// arrays with more than a few elements are chunked and gzip-compressed like the NIR reference writer's.
bool writeString(hid_t loc, const std::string& name, const std::string& value);
bool writeStringPairs(hid_t loc, const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& pairs);
bool writeDoubles(hid_t loc, const std::string& name, const std::vector<double>& values,
                  const std::vector<hsize_t>& dims);
bool writeFloats(hid_t loc, const std::string& name, const std::vector<float>& values,
                 const std::vector<hsize_t>& dims);
bool writeInt64s(hid_t loc, const std::string& name, const std::vector<long long>& values,
                 const std::vector<hsize_t>& dims);

/// Context for checked reads: the file (for messages) and its size (the bound on what its datasets can hold).
struct Hdf5ReadContext {
    std::string path;
    std::uint64_t fileBytes = 0;
    std::string error; ///< set by the first failing read
    bool fail(const std::string& object, const std::string& reason);
};

/// Why a dataset's stored bytes cannot back a read (a compact or contiguous layout whose size disagrees with
/// its shape and type, or data placed past the end of the file), or "" if they can. HDF5 copies such data
/// without checking, so every dataset reader checks it first.
std::string datasetStorageProblem(hid_t dataset);

/// Why a stored integer or float type cannot be converted safely (a damaged size, precision or bit field
/// that would overrun HDF5's conversion buffers), or "" if it can. Every numeric reader checks it first.
std::string numericTypeProblem(hid_t type);

/// Opens a file read-only, or sets ctx.error ("<file>: not an HDF5 file ..." and similar).
H5File openHdf5ForReading(Hdf5ReadContext& ctx);

/// Whether every link of the relative `path` ("a/b/c") exists under `location`.
bool hdf5PathExists(hid_t location, const std::string& path);

/// Number of elements of a one-dimensional dataset, after checking that its declared size fits the file
/// (uncompressed) or a deflate ratio of the file (compressed). `object` names it in messages.
bool datasetLength(Hdf5ReadContext& ctx, hid_t dset, const std::string& object, std::uint64_t& length);

/// Reads a whole one-dimensional numeric dataset at `name` under `location`, converting to double or uint32.
bool readDoubles(Hdf5ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<double>& out);
bool readUInt32s(Hdf5ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<std::uint32_t>& out);

/// Reads a scalar string dataset or attribute (fixed or variable length).
bool readStringDataset(Hdf5ReadContext& ctx, hid_t location, const std::string& name,
                       const std::string& object, std::string& out);
bool readStringAttribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, std::string& out);
bool readNumberAttribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, double& out);
bool readUInt64Attribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, std::uint64_t& out);

/// Names of the links in a group, in creation order when the group tracks it, else in name order; at most
/// one link per 8 bytes of the file.
bool childNames(Hdf5ReadContext& ctx, hid_t groupId, const std::string& object,
                std::vector<std::string>& out);

/// Frees the memory HDF5 allocated for variable-length data read into `buffer`.
void reclaimVlen(hid_t memType, hid_t space, void* buffer);

} // namespace pulselab::core
