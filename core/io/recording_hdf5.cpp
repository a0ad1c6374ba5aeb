// HDF5 recording files (layout in recording_file.h). Written to a temporary file beside the target and
// renamed over it, so readers never see a half-written recording.
#include "core/io/hdf5_io.h"
#include "core/io/hdf5_isolation.h"
#include "core/io/recording_file.h"
#include "core/io/recording_temp_file.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace pulselab::core {

namespace {

constexpr const char* kFormat = "pulselab-recording";
constexpr int kFormatVersion = 1;

std::string formatNumber(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

/// HDF5 link names cannot contain '/', be empty or be "."; such names are percent-encoded, and the exact
/// name is kept in the group's "name" attribute.
std::string linkNameFor(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == '/')
            out += "%2F";
        else if (c == '%')
            out += "%25";
        else
            out += c;
    }
    if (out.empty() || out == ".")
        out = "%2E" + out;
    return out;
}

class Writer {
public:
    explicit Writer(std::string path) : m_path(std::move(path)) {}
    bool fail(const std::string& object) {
        if (m_error.empty())
            m_error = m_path + ": writing " + object + " failed";
        return false;
    }
    const std::string& error() const { return m_error; }

    bool stringAttribute(hid_t object, const char* name, const std::string& value, const std::string& where) {
        const H5Type type = stringType(value);
        const H5Space space(H5Screate(H5S_SCALAR));
        const H5Attribute attr(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
        if (!attr.valid() || H5Awrite(attr.get(), type.get(), value.c_str()) < 0)
            return fail(where + " attribute " + name);
        return true;
    }

    bool numberAttribute(hid_t object, const char* name, hid_t fileType, hid_t memType, const void* value,
                         const std::string& where) {
        const H5Space space(H5Screate(H5S_SCALAR));
        const H5Attribute attr(H5Acreate2(object, name, fileType, space.get(), H5P_DEFAULT, H5P_DEFAULT));
        if (!attr.valid() || H5Awrite(attr.get(), memType, value) < 0)
            return fail(where + " attribute " + name);
        return true;
    }

    bool column(hid_t location, const char* name, hid_t fileType, hid_t memType, const void* data,
                std::size_t length, const std::string& object) {
        const hsize_t dims[1] = {length};
        const H5Space space(H5Screate_simple(1, dims, nullptr));
        const H5Dataset dset(
            H5Dcreate2(location, name, fileType, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!dset.valid() ||
            (length > 0 && H5Dwrite(dset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0))
            return fail(object);
        return true;
    }

    bool stringDataset(hid_t location, const char* name, const std::string& value) {
        const H5Type type = stringType(value);
        const H5Space space(H5Screate(H5S_SCALAR));
        const H5Dataset dset(
            H5Dcreate2(location, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!dset.valid() ||
            H5Dwrite(dset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, value.c_str()) < 0)
            return fail(std::string("/") + name);
        return true;
    }

    /// Plain (old-style) groups: HDF5 1.10 crashes on some corrupted creation-order link indexes, so the
    /// order of populations and signals is kept in each member's "index" attribute instead.
    H5Group plainGroup(hid_t location, const std::string& name, const std::string& object) {
        H5Group g(H5Gcreate2(location, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!g.valid())
            fail(object);
        return g;
    }

private:
    /// Fixed-length UTF-8 strings sized to the value (h5py reads them as bytes). Not variable-length: HDF5
    /// 1.10 copies a variable-length string's stored length without checking it, so a corrupted file could
    /// make it read out of bounds; a fixed length is in the type, where our reader checks it.
    static H5Type stringType(const std::string& value) {
        H5Type type(H5Tcopy(H5T_C_S1));
        H5Tset_size(type.get(), std::max<std::size_t>(1, value.size())); // c_str() supplies the "\0" of ""
        H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
        H5Tset_cset(type.get(), H5T_CSET_UTF8);
        return type;
    }

    std::string m_path;
    std::string m_error;
};

/// Unique link names: two signals may differ only in a character the encoding keeps the same.
std::string uniqueLinkName(const std::string& name, std::set<std::string>& used) {
    std::string link = linkNameFor(name);
    for (int n = 2; !used.insert(link).second; ++n)
        link = linkNameFor(name) + " #" + std::to_string(n);
    return link;
}

bool writeContents(Writer& w, hid_t f, const Recording& r) {
    const std::string root = "/";
    const int formatVersion = kFormatVersion;
    if (!w.stringAttribute(f, "format", kFormat, root) ||
        !w.numberAttribute(f, "format_version", H5T_STD_I32LE, H5T_NATIVE_INT, &formatVersion, root) ||
        !w.stringAttribute(f, "pulselab_version", r.pulselabVersion, root) ||
        !w.numberAttribute(f, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &r.seed, root) ||
        !w.numberAttribute(f, "dt_ms", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &r.dtMs, root) ||
        !w.stringDataset(f, "project", r.projectJson))
        return false;

    const H5Group spikes = w.plainGroup(f, "spikes", "/spikes");
    if (!spikes.valid())
        return false;
    std::set<std::string> used;
    for (const RecordedSpikes& s : r.spikes) {
        if (s.timesMs.size() != s.ids.size())
            return w.fail("/spikes/" + s.population + " (times and ids differ in length)");
        const std::string link = uniqueLinkName(s.population, used);
        const std::string object = "/spikes/" + link;
        const H5Group g = w.plainGroup(spikes.get(), link, object);
        const std::uint32_t size = s.size;
        const auto index = static_cast<std::uint32_t>(&s - r.spikes.data());
        if (!g.valid() || !w.stringAttribute(g.get(), "name", s.population, object) ||
            !w.numberAttribute(g.get(), "index", H5T_STD_U32LE, H5T_NATIVE_UINT32, &index, object) ||
            !w.stringAttribute(g.get(), "kind", s.isInput ? "input" : "population", object) ||
            !w.numberAttribute(g.get(), "size", H5T_STD_U32LE, H5T_NATIVE_UINT32, &size, object) ||
            !w.column(g.get(), "times", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, s.timesMs.data(), s.timesMs.size(),
                      object + "/times") ||
            !w.column(g.get(), "ids", H5T_STD_U32LE, H5T_NATIVE_UINT32, s.ids.data(), s.ids.size(),
                      object + "/ids"))
            return false;
    }

    const H5Group signalGroup = w.plainGroup(f, "signals", "/signals");
    if (!signalGroup.valid())
        return false;
    used.clear();
    for (const RecordedSignal& s : r.scalarSignals) {
        if (s.timesMs.size() != s.values.size())
            return w.fail("/signals/" + s.name + " (times and values differ in length)");
        const std::string link = uniqueLinkName(s.name, used);
        const std::string object = "/signals/" + link;
        const H5Group g = w.plainGroup(signalGroup.get(), link, object);
        const auto index = static_cast<std::uint32_t>(&s - r.scalarSignals.data());
        if (!g.valid() || !w.stringAttribute(g.get(), "name", s.name, object) ||
            !w.numberAttribute(g.get(), "index", H5T_STD_U32LE, H5T_NATIVE_UINT32, &index, object) ||
            !w.stringAttribute(g.get(), "unit", s.unit, object) ||
            !w.column(g.get(), "times", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, s.timesMs.data(), s.timesMs.size(),
                      object + "/times") ||
            !w.column(g.get(), "values", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, s.values.data(), s.values.size(),
                      object + "/values"))
            return false;
    }
    return true;
}

/// Members come back from HDF5 in name order; their "index" attributes give the order they were written in.
template <typename T>
std::vector<T> inWrittenOrder(std::vector<T> items,
                              std::vector<std::pair<std::uint64_t, std::size_t>> order) {
    std::stable_sort(order.begin(), order.end());
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const auto& entry : order)
        sorted.push_back(std::move(items[entry.second]));
    return sorted;
}

/// Reads the members of the optional group `name` ("spikes", "signals") into `items`, in written order: opens
/// each member group, reads its "index" attribute, then the rest through `readMember(ctx, group, object,
/// item)`.
template <typename T>
bool readMembers(Hdf5ReadContext& ctx, hid_t f, const std::string& name, std::vector<T>& items,
                 bool (*readMember)(Hdf5ReadContext&, hid_t, const std::string&, T&)) {
    if (!hdf5PathExists(f, name))
        return true; // nothing of this kind recorded (a run without populations records no spikes)
    const std::string where = "/" + name;
    const H5Group members(H5Gopen2(f, name.c_str(), H5P_DEFAULT));
    if (!members.valid())
        return ctx.fail(where, "not a group");
    std::vector<std::string> links;
    if (!childNames(ctx, members.get(), where, links))
        return false;
    std::vector<std::pair<std::uint64_t, std::size_t>> order; // (written index, position read)
    for (const std::string& link : links) {
        const std::string object = where + "/" + link;
        const H5Group g(H5Gopen2(members.get(), link.c_str(), H5P_DEFAULT));
        if (!g.valid())
            return ctx.fail(object, "not a group");
        T item;
        std::uint64_t index = 0;
        if (!readUInt64Attribute(ctx, g.get(), "index", object, index) ||
            !readMember(ctx, g.get(), object, item))
            return false;
        order.emplace_back(index, items.size());
        items.push_back(std::move(item));
    }
    items = inWrittenOrder(std::move(items), order);
    return true;
}

bool readSpikeGroup(Hdf5ReadContext& ctx, hid_t g, const std::string& object, RecordedSpikes& s) {
    std::string kind;
    std::uint64_t size = 0;
    if (!readStringAttribute(ctx, g, "name", object, s.population) ||
        !readStringAttribute(ctx, g, "kind", object, kind) ||
        !readUInt64Attribute(ctx, g, "size", object, size) ||
        !readDoubles(ctx, g, "times", object + "/times", s.timesMs) ||
        !readUInt32s(ctx, g, "ids", object + "/ids", s.ids))
        return false;
    if (kind != "population" && kind != "input")
        return ctx.fail(object + " attribute kind",
                        "expected \"population\" or \"input\", found \"" + kind + "\"");
    if (size > UINT32_MAX)
        return ctx.fail(object + " attribute size", std::to_string(size) + " neurons is too many");
    s.isInput = kind == "input";
    s.size = static_cast<std::uint32_t>(size);
    if (s.timesMs.size() != s.ids.size())
        return ctx.fail(object, "times has " + std::to_string(s.timesMs.size()) + " entries but ids has " +
                                    std::to_string(s.ids.size()));
    for (std::size_t i = 0; i < s.ids.size(); ++i) {
        if (s.ids[i] >= s.size)
            return ctx.fail(object + "/ids", "entry " + std::to_string(i) + " is neuron " +
                                                 std::to_string(s.ids[i]) + " of a population of " +
                                                 std::to_string(s.size));
        if (!std::isfinite(s.timesMs[i]) || s.timesMs[i] < 0.0)
            return ctx.fail(object + "/times", "entry " + std::to_string(i) + " is not a time >= 0");
    }
    return true;
}

bool readSignalGroup(Hdf5ReadContext& ctx, hid_t g, const std::string& object, RecordedSignal& s) {
    if (!readStringAttribute(ctx, g, "name", object, s.name) ||
        !readStringAttribute(ctx, g, "unit", object, s.unit) ||
        !readDoubles(ctx, g, "times", object + "/times", s.timesMs) ||
        !readDoubles(ctx, g, "values", object + "/values", s.values))
        return false;
    if (s.timesMs.size() != s.values.size())
        return ctx.fail(object, "times has " + std::to_string(s.timesMs.size()) + " entries but values has " +
                                    std::to_string(s.values.size()));
    return true;
}

} // namespace

WriteResult writeRecordingHdf5(const Recording& recording, const std::string& path) {
    const Hdf5ErrorSilencer silence;
    TemporaryFileBeside temporary(path);
    Writer w(path);
    {
        const H5File f(H5Fcreate(temporary.path().c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT));
        if (!f.valid())
            return {false, path + ": cannot create the HDF5 file (" + temporary.path() + ")"};
        if (!writeContents(w, f.get(), recording))
            return {false, w.error()};
        if (H5Fflush(f.get(), H5F_SCOPE_GLOBAL) < 0)
            return {false, path + ": flushing the HDF5 file failed (disk full?)"};
    }
    std::string error;
    if (!temporary.commit(error))
        return {false, error};
    return {true, {}};
}

RecordingLoad readRecordingHdf5(const std::string& path) {
    // libhdf5 crashes inside itself on some damaged files: read it in a child first (hdf5_isolation.h).
    if (std::string crashed = probeHdf5InChild(Hdf5Reader::Recording, path); !crashed.empty())
        return {std::nullopt, std::move(crashed)};
    const Hdf5ErrorSilencer silence;
    Hdf5ReadContext ctx{path, 0, {}};
    const H5File f = openHdf5ForReading(ctx);
    if (!f.valid())
        return {std::nullopt, ctx.error};
    Recording r;
    std::string format;
    double version = 0.0;
    if (!readStringAttribute(ctx, f.get(), "format", "/", format))
        return {std::nullopt, ctx.error + " (not a PulseLab recording)"};
    if (format != kFormat)
        return {std::nullopt,
                path + ": / attribute format: expected \"" + kFormat + "\", found \"" + format + "\""};
    if (!readNumberAttribute(ctx, f.get(), "format_version", "/", version))
        return {std::nullopt, ctx.error};
    if (version != kFormatVersion)
        return {std::nullopt, path + ": / attribute format_version: " + formatNumber(version) +
                                  " is not supported (this PulseLab reads version 1)"};
    if (!readStringAttribute(ctx, f.get(), "pulselab_version", "/", r.pulselabVersion) ||
        !readUInt64Attribute(ctx, f.get(), "seed", "/", r.seed) ||
        !readNumberAttribute(ctx, f.get(), "dt_ms", "/", r.dtMs) ||
        !readStringDataset(ctx, f.get(), "project", "/project", r.projectJson) ||
        !readMembers(ctx, f.get(), "spikes", r.spikes, readSpikeGroup) ||
        !readMembers(ctx, f.get(), "signals", r.scalarSignals, readSignalGroup))
        return {std::nullopt, ctx.error};
    return {std::move(r), {}};
}

} // namespace pulselab::core
