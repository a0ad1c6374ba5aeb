#pragma once
// Small typed readers and writers over the HDF5 C API, for the NIR file (core/io/nir_file.h). Readers accept
// what other writers produce (h5py, the NIR reference writer, older tools): strings fixed- or
// variable-length, numbers of any integer or float type (converted by HDF5), scalars or arrays. They never
// allocate more than `maxElements` elements and report failures as "<object path>: <reason>".
#include "core/io/hdf5_handles.h"

#include <cstddef>
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

} // namespace pulselab::core
