#pragma once
// Small private helpers over the HDF5 C API shared by the recording file and the SHD event reader: handles
// that close themselves, silencing HDF5's own error printing (we report errors ourselves, naming the file and
// object), and reads that check an object's type and declared size before allocating anything, so a
// corrupt or hostile file cannot make us allocate gigabytes. Kept private to these readers (the NIR code has
// its own, core/io/hdf5_handles.h) so each can change without touching the other; merging them is a later
// clean-up. HDF5 (Debian's build) is not thread-safe: call these from one thread at a time.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pulselab::core::recording_hdf5 {

class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : m_id(id), m_closer(closer) {}
    Handle(Handle&& other) noexcept
        : m_id(std::exchange(other.m_id, H5I_INVALID_HID)), m_closer(other.m_closer) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            m_id = std::exchange(other.m_id, H5I_INVALID_HID);
            m_closer = other.m_closer;
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    void reset() {
        if (m_id >= 0 && m_closer)
            m_closer(m_id);
        m_id = H5I_INVALID_HID;
    }
    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }

private:
    hid_t m_id = H5I_INVALID_HID;
    Closer m_closer = nullptr;
};

inline Handle file(hid_t id) {
    return {id, H5Fclose};
}
inline Handle group(hid_t id) {
    return {id, H5Gclose};
}
inline Handle dataset(hid_t id) {
    return {id, H5Dclose};
}
inline Handle dataspace(hid_t id) {
    return {id, H5Sclose};
}
inline Handle datatype(hid_t id) {
    return {id, H5Tclose};
}
inline Handle attribute(hid_t id) {
    return {id, H5Aclose};
}
inline Handle propertyList(hid_t id) {
    return {id, H5Pclose};
}

/// Turns off HDF5's printing of its error stack for the lifetime of the object, restoring it afterwards.
class SilenceErrors {
public:
    SilenceErrors();
    ~SilenceErrors();
    SilenceErrors(const SilenceErrors&) = delete;
    SilenceErrors& operator=(const SilenceErrors&) = delete;

private:
    H5E_auto2_t m_function = nullptr;
    void* m_data = nullptr;
};

/// Context for reads: the file (for messages) and its size (the bound on what its datasets can hold).
struct ReadContext {
    std::string path;
    std::uint64_t fileBytes = 0;
    std::string error; ///< set by the first failing read
    bool fail(const std::string& object, const std::string& reason);
};

/// Opens a file read-only, or sets ctx.error ("<file>: not an HDF5 file or unreadable").
Handle openForReading(ReadContext& ctx);

bool exists(hid_t location, const std::string& path);

/// Number of elements of a one-dimensional dataset, after checking that its declared size fits the file
/// (uncompressed) or a deflate ratio of the file (compressed). `object` names it in messages.
bool datasetLength(ReadContext& ctx, hid_t dset, const std::string& object, std::uint64_t& length);

/// Reads a whole one-dimensional numeric dataset at `name` under `location`, converting to double or uint32.
bool readDoubles(ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<double>& out);
bool readUInt32s(ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                 std::vector<std::uint32_t>& out);

/// Reads a scalar string dataset or attribute (fixed or variable length).
bool readStringDataset(ReadContext& ctx, hid_t location, const std::string& name, const std::string& object,
                       std::string& out);
bool readStringAttribute(ReadContext& ctx, hid_t object, const std::string& name, const std::string& where,
                         std::string& out);
bool readNumberAttribute(ReadContext& ctx, hid_t object, const std::string& name, const std::string& where,
                         double& out);
bool readUInt64Attribute(ReadContext& ctx, hid_t object, const std::string& name, const std::string& where,
                         std::uint64_t& out);

/// Names of the links in a group, in creation order when the group tracks it, else in name order.
bool childNames(ReadContext& ctx, hid_t groupId, const std::string& object, std::vector<std::string>& out);

/// Frees the memory HDF5 allocated for variable-length data read into `buffer`.
void reclaimVlen(hid_t memType, hid_t space, void* buffer);

} // namespace pulselab::core::recording_hdf5
