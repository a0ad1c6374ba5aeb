#include "core/io/hdf5_io.h"
#include "core/io/hdf5_heap_check.h"
#include "core/io/hdf5_limits.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <limits>

namespace pulselab::core {

using hdf5_limits::className;
using hdf5_limits::kMaxCompressionRatio;
using hdf5_limits::kMaxNameBytes;

std::string datasetStorageProblem(hid_t dataset) {
    const H5Props create(H5Dget_create_plist(dataset));
    const H5D_layout_t layout = create ? H5Pget_layout(create.get()) : H5D_LAYOUT_ERROR;
    if (layout == H5D_CHUNKED)
        return ""; // each chunk is located and sized by the chunk index, which HDF5 checks as it reads
    if (layout != H5D_COMPACT && layout != H5D_CONTIGUOUS)
        return "has an unknown storage layout";
    const H5Type type(H5Dget_type(dataset));
    const H5Space space(H5Dget_space(dataset));
    const hssize_t points = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
    const std::uint64_t typeBytes = type ? H5Tget_size(type.get()) : 0;
    if (points < 0 || typeBytes == 0)
        return "has an unreadable type or shape";
    const bool variableLength =
        H5Tdetect_class(type.get(), H5T_VLEN) > 0 || H5Tis_variable_str(type.get()) > 0;
    const auto count = static_cast<std::uint64_t>(points);
    if (count > std::numeric_limits<std::uint64_t>::max() / typeBytes)
        return "declares more data than can be addressed";
    const std::uint64_t expected = count * typeBytes;
    const std::uint64_t stored = H5Dget_storage_size(dataset);
    if (layout == H5D_CONTIGUOUS && stored == 0)
        return ""; // never written: reads as the fill value
    // Variable-length elements are stored as heap references whose size differs from the memory type's.
    if (!variableLength && stored != expected)
        return "stores " + std::to_string(stored) + " bytes but its shape and type need " +
               std::to_string(expected);
    if (layout == H5D_CONTIGUOUS) {
        const H5File file(H5Iget_file_id(dataset));
        hsize_t fileBytes = 0;
        const haddr_t offset = H5Dget_offset(dataset);
        if (!file || H5Fget_filesize(file.get(), &fileBytes) < 0 || offset == HADDR_UNDEF ||
            offset > fileBytes || stored > fileBytes - offset)
            return "points to data beyond the end of the file";
    }
    return "";
}

std::string numericTypeProblem(hid_t type) {
    const std::size_t size = H5Tget_size(type);
    if (size != 1 && size != 2 && size != 4 && size != 8)
        return "declares numbers of " + std::to_string(size) + " bytes (expected 1, 2, 4 or 8)";
    const std::size_t bits = size * 8;
    const std::size_t precision = H5Tget_precision(type);
    const int offset = H5Tget_offset(type);
    if (precision == 0 || offset < 0 || static_cast<std::size_t>(offset) + precision > bits)
        return "declares a precision of " + std::to_string(precision) + " bits at offset " +
               std::to_string(offset) + " in a " + std::to_string(bits) + "-bit number";
    if (H5Tget_class(type) != H5T_FLOAT)
        return "";
    std::size_t spos = 0, epos = 0, esize = 0, mpos = 0, msize = 0;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0)
        return "has unreadable floating-point fields";
    const bool fieldsFit = spos < precision && esize > 0 && esize < 32 && epos + esize <= precision &&
                           mpos + msize <= precision && msize <= 64;
    return fieldsFit ? "" : "declares floating-point fields that do not fit its precision";
}

namespace {

/// An open dataset, its type (and type class) and its number of elements.
struct OpenDataset {
    H5Dataset dataset;
    H5Type type;
    H5T_class_t typeClass = H5T_NO_CLASS;
    std::size_t count = 0;
};

/// Why `count` elements of `type` cannot be what `dataset` holds: more bytes than its file has (or, for a
/// compressed dataset, than deflate could expand it to), or "". Checked before allocating for a read.
std::string declaredSizeProblem(hid_t dataset, hid_t type, std::size_t count) {
    const H5File file(H5Iget_file_id(dataset));
    hsize_t fileBytes = 0;
    if (!file || H5Fget_filesize(file.get(), &fileBytes) < 0)
        return "cannot tell the size of its file";
    const H5Props create(H5Dget_create_plist(dataset));
    const bool filtered = create && H5Pget_nfilters(create.get()) > 0;
    const std::uint64_t bound = fileBytes * (filtered ? kMaxCompressionRatio : 1);
    const std::uint64_t elementBytes = std::max<std::size_t>(1, H5Tget_size(type));
    if (count > bound / elementBytes)
        return "declares " + std::to_string(count) + " elements of " + std::to_string(elementBytes) +
               " bytes but the file has only " + std::to_string(fileBytes) + " bytes";
    return "";
}

/// Opens a dataset and reads its shape, refusing more than `maxElements` elements before any allocation.
bool openDataset(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 OpenDataset& open, std::vector<hsize_t>& dims, std::string& error) {
    if (objectKind(loc, name) != Hdf5ObjectKind::Dataset) {
        error = where + ": missing (expected a dataset)";
        return false;
    }
    if (const std::string problem = chunkDimensionProblem(loc, name); !problem.empty()) {
        error = where + ": " + problem;
        return false;
    }
    open.dataset = H5Dataset(H5Dopen2(loc, name.c_str(), H5P_DEFAULT));
    if (!open.dataset) {
        error = where + ": cannot open the dataset";
        return false;
    }
    open.type = H5Type(H5Dget_type(open.dataset.get()));
    const H5Space space(H5Dget_space(open.dataset.get()));
    if (!open.type || !space) {
        error = where + ": cannot read the type or shape";
        return false;
    }
    open.typeClass = H5Tget_class(open.type.get());
    if (const std::string problem = datasetStorageProblem(open.dataset.get()); !problem.empty()) {
        error = where + ": " + problem;
        return false;
    }
    const H5S_class_t spaceClass = H5Sget_simple_extent_type(space.get());
    if (spaceClass == H5S_NULL) {
        dims.clear();
        open.count = 0;
        return true;
    }
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 8) {
        error = where + ": unsupported number of dimensions";
        return false;
    }
    dims.assign(static_cast<std::size_t>(rank), 0);
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    std::size_t n = 1;
    for (hsize_t d : dims) {
        if (d != 0 && n > maxElements / d) {
            error = where + ": too many elements (limit " + std::to_string(maxElements) + ")";
            return false;
        }
        n *= static_cast<std::size_t>(d);
    }
    if (n > maxElements) {
        error = where + ": too many elements (limit " + std::to_string(maxElements) + ")";
        return false;
    }
    if (const std::string problem = declaredSizeProblem(open.dataset.get(), open.type.get(), n);
        !problem.empty()) {
        error = where + ": " + problem;
        return false;
    }
    open.count = n;
    return true;
}

template <typename T>
bool readNumbersAs(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                   hid_t memType, Hdf5Array<T>& out, std::string& error) {
    OpenDataset open;
    if (!openDataset(loc, name, where, maxElements, open, out.dims, error))
        return false;
    if (open.typeClass != H5T_FLOAT && open.typeClass != H5T_INTEGER) {
        error = where + ": expected numbers, found " + className(open.typeClass, false);
        return false;
    }
    if (const std::string problem = numericTypeProblem(open.type.get()); !problem.empty()) {
        error = where + ": " + problem;
        return false;
    }
    out.values.assign(open.count, T{});
    if (open.count > 0 &&
        H5Dread(open.dataset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()) < 0) {
        error = where + ": reading the numbers failed";
        return false;
    }
    return true;
}

template <typename T>
bool writeArray(hid_t loc, const std::string& name, const T* data, const std::vector<hsize_t>& dims,
                hid_t memType, hid_t fileType) {
    const H5Space space(dims.empty() ? H5Screate(H5S_SCALAR)
                                     : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
    H5Props create(H5Pcreate(H5P_DATASET_CREATE));
    hsize_t count = 1;
    for (hsize_t d : dims)
        count *= d;
    // Compress like the reference writer (gzip) once compression can pay for its chunk index.
    if (count >= 64 && H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
        std::vector<hsize_t> chunk(dims);
        for (hsize_t& c : chunk)
            c = std::min<hsize_t>(c, dims.size() == 1 ? 65536 : 256);
        H5Pset_chunk(create.get(), static_cast<int>(chunk.size()), chunk.data());
        H5Pset_deflate(create.get(), 4);
    }
    const H5Dataset dataset(
        H5Dcreate2(loc, name.c_str(), fileType, space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT));
    if (!dataset)
        return false;
    return count == 0 || H5Dwrite(dataset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;
}

H5Type utf8VariableString() {
    H5Type type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    return type;
}

} // namespace

Hdf5ObjectKind objectKind(hid_t loc, const std::string& name) {
    if (name.empty() || H5Lexists(loc, name.c_str(), H5P_DEFAULT) <= 0)
        return Hdf5ObjectKind::Missing;
    const hid_t object = H5Oopen(loc, name.c_str(), H5P_DEFAULT);
    if (object < 0)
        return Hdf5ObjectKind::Missing; // a dangling soft or external link
    const H5I_type_t type = H5Iget_type(object);
    H5Oclose(object);
    return type == H5I_GROUP     ? Hdf5ObjectKind::Group
           : type == H5I_DATASET ? Hdf5ObjectKind::Dataset
                                 : Hdf5ObjectKind::Other;
}

bool childNames(hid_t group, const std::string& where, std::size_t maxCount, std::vector<std::string>& names,
                std::string& error) {
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) {
        error = where + ": cannot list the group";
        return false;
    }
    if (info.nlinks > maxCount) {
        error = where + ": " + std::to_string(info.nlinks) + " entries, more than the limit " +
                std::to_string(maxCount);
        return false;
    }
    // Creation order when the writer tracked it (PulseLab does, so the order of populations and projections
    // survives a round trip); otherwise (h5py's default) name order.
    H5_index_t index = H5_INDEX_NAME;
    const H5Props create(H5Gget_create_plist(group));
    unsigned flags = 0;
    if (create && H5Pget_link_creation_order(create.get(), &flags) >= 0 && (flags & H5P_CRT_ORDER_INDEXED))
        index = H5_INDEX_CRT_ORDER;
    names.clear();
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t length = H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (length < 0 || length > 4096) {
            error = where + ": cannot read the name of entry " + std::to_string(i);
            return false;
        }
        std::string name(static_cast<std::size_t>(length) + 1, '\0');
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(length));
        names.push_back(std::move(name));
    }
    return true;
}

bool readStrings(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<std::string>& out, std::string& error) {
    OpenDataset open;
    if (!openDataset(loc, name, where, maxElements, open, out.dims, error))
        return false;
    if (open.typeClass != H5T_STRING) {
        error = where + ": expected a string, found " + className(open.typeClass, false);
        return false;
    }
    const std::size_t count = open.count;
    const hid_t dataset = open.dataset.get();
    const hid_t type = open.type.get();
    out.values.assign(count, std::string());
    if (count == 0)
        return true;
    H5Type memType(H5Tcopy(H5T_C_S1));
    H5Tset_cset(memType.get(), H5Tget_cset(type));
    if (H5Tis_variable_str(type) > 0) {
        // h5py and the NIR reference writer store variable-length strings: HDF5 allocates each one.
        H5Tset_size(memType.get(), H5T_VARIABLE);
        std::vector<char*> buffer(count, nullptr);
        if (H5Dread(dataset, memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
            error = where + ": reading the strings failed";
            return false;
        }
        for (std::size_t i = 0; i < count; ++i)
            out.values[i] = buffer[i] ? std::string(buffer[i]) : std::string();
        const H5Space space(H5Dget_space(dataset));
        reclaimVlen(memType.get(), space.get(), buffer.data());
        return true;
    }
    // Fixed-length strings (numpy "S" arrays, older writers): NUL- or space-padded, maybe unterminated.
    const std::size_t width = H5Tget_size(type);
    if (width == 0 || width > 65536) {
        error = where + ": unsupported string width " + std::to_string(width);
        return false;
    }
    H5Tset_size(memType.get(), width);
    H5Tset_strpad(memType.get(), H5T_STR_NULLPAD);
    std::vector<char> buffer(count * width, '\0');
    if (H5Dread(dataset, memType.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) < 0) {
        error = where + ": reading the strings failed";
        return false;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const char* begin = buffer.data() + i * width;
        std::size_t length = std::find(begin, begin + width, '\0') - begin;
        while (length > 0 && begin[length - 1] == ' ')
            --length;
        out.values[i].assign(begin, length);
    }
    return true;
}

bool readString(hid_t loc, const std::string& name, const std::string& where, std::string& out,
                std::string& error) {
    Hdf5Array<std::string> strings;
    if (!readStrings(loc, name, where, 16, strings, error))
        return false;
    if (strings.values.size() != 1) {
        error = where + ": expected one string, found " + std::to_string(strings.values.size());
        return false;
    }
    out = strings.values.front();
    return true;
}

bool readNumbers(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<double>& out, std::string& error) {
    return readNumbersAs(loc, name, where, maxElements, H5T_NATIVE_DOUBLE, out, error);
}

bool readNumbers(hid_t loc, const std::string& name, const std::string& where, std::size_t maxElements,
                 Hdf5Array<float>& out, std::string& error) {
    return readNumbersAs(loc, name, where, maxElements, H5T_NATIVE_FLOAT, out, error);
}

bool writeString(hid_t loc, const std::string& name, const std::string& value) {
    const H5Type type = utf8VariableString();
    const H5Space space(H5Screate(H5S_SCALAR));
    const H5Dataset dataset(
        H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const char* data = value.c_str();
    return dataset && H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data) >= 0;
}

bool writeStringPairs(hid_t loc, const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& pairs) {
    const H5Type type = utf8VariableString();
    const hsize_t dims[2] = {pairs.size(), 2};
    const H5Space space(H5Screate_simple(2, dims, nullptr));
    const H5Dataset dataset(
        H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!dataset)
        return false;
    std::vector<const char*> data;
    for (const auto& [source, target] : pairs) {
        data.push_back(source.c_str());
        data.push_back(target.c_str());
    }
    return pairs.empty() ||
           H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) >= 0;
}

bool writeDoubles(hid_t loc, const std::string& name, const std::vector<double>& values,
                  const std::vector<hsize_t>& dims) {
    return writeArray(loc, name, values.data(), dims, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE);
}

bool writeFloats(hid_t loc, const std::string& name, const std::vector<float>& values,
                 const std::vector<hsize_t>& dims) {
    return writeArray(loc, name, values.data(), dims, H5T_NATIVE_FLOAT, H5T_IEEE_F32LE);
}

bool writeInt64s(hid_t loc, const std::string& name, const std::vector<long long>& values,
                 const std::vector<hsize_t>& dims) {
    return writeArray(loc, name, values.data(), dims, H5T_NATIVE_LLONG, H5T_STD_I64LE);
}

} // namespace pulselab::core
