// The checked readers of hdf5_io.h (recordings, SHD): each object's type, rank and declared size are checked
// against what the caller expects and against the file's size before anything is allocated, and every
// failure is told to the Hdf5ReadContext with the object it concerns.
#include "core/io/hdf5_heap_check.h"
#include "core/io/hdf5_io.h"
#include "core/io/hdf5_limits.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <limits>

namespace pulselab::core {

using hdf5_limits::className;
using hdf5_limits::kMaxCompressionRatio;
using hdf5_limits::kMaxNameBytes;

namespace {

/// Opens the dataset `name` under `location`, or fails with "missing" / "not a dataset".
H5Dataset openCheckedDataset(Hdf5ReadContext& ctx, hid_t location, const std::string& name,
                             const std::string& object) {
    if (!hdf5PathExists(location, name)) {
        ctx.fail(object, "missing");
        return {};
    }
    if (const std::string problem = chunkDimensionProblem(location, name); !problem.empty()) {
        ctx.fail(object, problem);
        return {};
    }
    H5Dataset dset(H5Dopen2(location, name.c_str(), H5P_DEFAULT));
    if (!dset.valid()) {
        ctx.fail(object, "not a dataset");
        return dset;
    }
    if (const std::string problem = datasetStorageProblem(dset.get()); !problem.empty()) {
        ctx.fail(object, problem);
        return {};
    }
    return dset;
}

/// An attribute with its type and shape; `label` ("<where> attribute <name>") names it in messages.
struct OpenAttribute {
    std::string label;
    H5Attribute attr;
    H5Type type;
    H5Space space;
};

/// Opens the attribute `name` of `object`, or fails with "missing" (returning false).
bool openCheckedAttribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                          const std::string& where, OpenAttribute& open) {
    open.label = where + " attribute " + name;
    if (H5Aexists(object, name.c_str()) <= 0)
        return ctx.fail(open.label, "missing");
    open.attr = H5Attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT));
    open.type = H5Type(H5Aget_type(open.attr.get()));
    open.space = H5Space(H5Aget_space(open.attr.get()));
    return true;
}

template <typename T>
bool readCheckedNumbers(Hdf5ReadContext& ctx, hid_t location, const std::string& name,
                        const std::string& object, hid_t memType, bool allowFloat, std::vector<T>& out) {
    const H5Dataset dset = openCheckedDataset(ctx, location, name, object);
    if (!dset.valid())
        return false;
    const H5Type type(H5Dget_type(dset.get()));
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_INTEGER && !(allowFloat && cls == H5T_FLOAT))
        return ctx.fail(object, std::string("expected ") + (allowFloat ? "numbers" : "integers") +
                                    ", found " + className(cls, true));
    if (const std::string problem = numericTypeProblem(type.get()); !problem.empty())
        return ctx.fail(object, problem);
    std::uint64_t length = 0;
    if (!datasetLength(ctx, dset.get(), object, length))
        return false;
    out.assign(static_cast<std::size_t>(length), T{});
    if (length > 0 && H5Dread(dset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
        return ctx.fail(object, "reading the data failed (damaged file?)");
    return true;
}

/// Reads a one-element string held by a dataset or an attribute, through `read(memType, buffer)`.
template <typename Read>
bool readOneString(Hdf5ReadContext& ctx, hid_t fileType, hid_t space, const std::string& object,
                   std::string& out, Read read) {
    if (H5Tget_class(fileType) != H5T_STRING)
        return ctx.fail(object, "expected a string, found " + className(H5Tget_class(fileType), true));
    if (H5Sget_simple_extent_npoints(space) != 1)
        return ctx.fail(object, "expected a single string");
    const H5Type memType(H5Tcopy(H5T_C_S1));
    H5Tset_cset(memType.get(), H5Tget_cset(fileType));
    if (H5Tis_variable_str(fileType) > 0) {
        H5Tset_size(memType.get(), H5T_VARIABLE);
        char* text = nullptr;
        if (read(memType.get(), static_cast<void*>(&text)) < 0)
            return ctx.fail(object, "reading the string failed (damaged file?)");
        out = text ? text : "";
        reclaimVlen(memType.get(), space, &text);
        return true;
    }
    const std::size_t size = H5Tget_size(fileType);
    if (size > ctx.fileBytes)
        return ctx.fail(object, "declares a string of " + std::to_string(size) +
                                    " bytes but the file has only " + std::to_string(ctx.fileBytes));
    H5Tset_size(memType.get(), size);
    H5Tset_strpad(memType.get(), H5T_STR_NULLPAD);
    std::string buffer(size, '\0');
    if (size > 0 && read(memType.get(), static_cast<void*>(buffer.data())) < 0)
        return ctx.fail(object, "reading the string failed (damaged file?)");
    out = buffer.substr(0, buffer.find('\0'));
    return true;
}

template <typename T>
bool readNumberAttributeAs(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                           const std::string& where, hid_t memType, T& out) {
    OpenAttribute open;
    if (!openCheckedAttribute(ctx, object, name, where, open))
        return false;
    const H5T_class_t cls = H5Tget_class(open.type.get());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        return ctx.fail(open.label, "expected a number, found " + className(cls, true));
    if (const std::string problem = numericTypeProblem(open.type.get()); !problem.empty())
        return ctx.fail(open.label, problem);
    if (H5Sget_simple_extent_npoints(open.space.get()) != 1)
        return ctx.fail(open.label, "expected a single number");
    if (H5Aread(open.attr.get(), memType, &out) < 0)
        return ctx.fail(open.label, "reading failed (damaged file?)");
    return true;
}

} // namespace

bool Hdf5ReadContext::fail(const std::string& object, const std::string& reason) {
    if (error.empty())
        error = path + ": " + object + ": " + reason;
    return false;
}

H5File openHdf5ForReading(Hdf5ReadContext& ctx) {
    std::error_code ec;
    ctx.fileBytes = std::filesystem::file_size(ctx.path, ec);
    if (ec) {
        ctx.error = ctx.path + ": cannot read: " + ec.message();
        return {};
    }
    if (H5Fis_hdf5(ctx.path.c_str()) <= 0) {
        ctx.error = ctx.path + ": not an HDF5 file (no HDF5 signature)";
        return {};
    }
    if (const std::string problem = globalHeapProblem(ctx.path); !problem.empty()) {
        ctx.error = ctx.path + ": " + problem + " (damaged file)";
        return {};
    }
    H5File f(H5Fopen(ctx.path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!f.valid())
        ctx.error = ctx.path + ": the HDF5 file cannot be opened (truncated or damaged)";
    return f;
}

bool hdf5PathExists(hid_t location, const std::string& path) {
    // H5Lexists needs every intermediate group to exist, so walk the path one link at a time.
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string prefix = path.substr(0, slash);
        if (H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0)
            return false;
        if (slash == std::string::npos)
            return true;
        start = slash + 1;
    }
    return true;
}

bool datasetLength(Hdf5ReadContext& ctx, hid_t dset, const std::string& object, std::uint64_t& length) {
    const H5Space space(H5Dget_space(dset));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank != 1)
        return ctx.fail(object,
                        "expected a one-dimensional dataset, found " + std::to_string(rank) + " dimensions");
    hsize_t dims[1] = {0};
    H5Sget_simple_extent_dims(space.get(), dims, nullptr);
    const H5Type type(H5Dget_type(dset));
    const std::uint64_t elementBytes = std::max<std::size_t>(1, H5Tget_size(type.get()));
    const H5Props plist(H5Dget_create_plist(dset));
    const bool filtered = H5Pget_nfilters(plist.get()) > 0;
    const std::uint64_t bound = ctx.fileBytes * (filtered ? kMaxCompressionRatio : 1);
    if (dims[0] > bound / elementBytes)
        return ctx.fail(object, "declares " + std::to_string(dims[0]) + " elements of " +
                                    std::to_string(elementBytes) + " bytes but the file has only " +
                                    std::to_string(ctx.fileBytes) + " bytes");
    length = dims[0];
    return true;
}

bool readDoubles(Hdf5ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<double>& out) {
    return readCheckedNumbers(ctx, location, name, object, H5T_NATIVE_DOUBLE, true, out);
}

bool readUInt32s(Hdf5ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<std::uint32_t>& out) {
    return readCheckedNumbers(ctx, location, name, object, H5T_NATIVE_UINT32, false, out);
}

bool readStringDataset(Hdf5ReadContext& ctx, hid_t location, const std::string& name,
                       const std::string& object, std::string& out) {
    const H5Dataset dset = openCheckedDataset(ctx, location, name, object);
    if (!dset.valid())
        return false;
    const H5Type type(H5Dget_type(dset.get()));
    const H5Space space(H5Dget_space(dset.get()));
    return readOneString(ctx, type.get(), space.get(), object, out, [&](hid_t memType, void* buffer) {
        return H5Dread(dset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
}

bool readStringAttribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, std::string& out) {
    OpenAttribute open;
    if (!openCheckedAttribute(ctx, object, name, where, open))
        return false;
    return readOneString(
        ctx, open.type.get(), open.space.get(), open.label, out,
        [&](hid_t memType, void* buffer) { return H5Aread(open.attr.get(), memType, buffer); });
}

bool readNumberAttribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, double& out) {
    return readNumberAttributeAs(ctx, object, name, where, H5T_NATIVE_DOUBLE, out);
}

bool readUInt64Attribute(Hdf5ReadContext& ctx, hid_t object, const std::string& name,
                         const std::string& where, std::uint64_t& out) {
    return readNumberAttributeAs(ctx, object, name, where, H5T_NATIVE_UINT64, out);
}

bool childNames(Hdf5ReadContext& ctx, hid_t groupId, const std::string& object,
                std::vector<std::string>& out) {
    H5G_info_t info{};
    if (H5Gget_info(groupId, &info) < 0)
        return ctx.fail(object, "cannot list the group");
    // Every link costs the file far more than 8 bytes, so more links than that is a damaged count.
    if (info.nlinks > ctx.fileBytes / 8)
        return ctx.fail(object,
                        "declares " + std::to_string(info.nlinks) + " members, too many for the file");
    const H5Props plist(H5Gget_create_plist(groupId));
    unsigned orderFlags = 0;
    H5Pget_link_creation_order(plist.get(), &orderFlags);
    const H5_index_t index = (orderFlags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    out.clear();
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t size = H5Lget_name_by_idx(groupId, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (size < 0 || static_cast<std::size_t>(size) > kMaxNameBytes)
            return ctx.fail(object, "member " + std::to_string(i) + " has an unreadable name");
        std::string name(static_cast<std::size_t>(size) + 1, '\0');
        H5Lget_name_by_idx(groupId, ".", index, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(size));
        out.push_back(std::move(name));
    }
    return true;
}

void reclaimVlen(hid_t memType, hid_t space, void* buffer) {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memType, space, H5P_DEFAULT, buffer);
#else
    H5Dvlen_reclaim(memType, space, H5P_DEFAULT, buffer);
#endif
}

} // namespace pulselab::core
