#pragma once
// RAII for HDF5 identifiers (hid_t): every file, group, dataset, dataspace, datatype and property list is
// closed on every path out of a function, including early error returns. Plus a guard that silences HDF5's
// automatic error-stack printing so that the messages users see are ours, naming the file and the object.
// Shared by all HDF5 code (NIR files, recordings, the SHD reader). HDF5 (Debian's build) is not thread-safe:
// use it from one thread at a time.
#include <hdf5.h>

#include <utility>

namespace pulselab::core {

/// Owns one hid_t and closes it with `Close` (H5Fclose, H5Gclose, ...). Invalid ids (< 0) are not closed.
template <herr_t (*Close)(hid_t)> class Hdf5Handle {
public:
    Hdf5Handle() = default;
    explicit Hdf5Handle(hid_t id) : m_id(id) {}
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;
    Hdf5Handle(Hdf5Handle&& other) noexcept : m_id(std::exchange(other.m_id, H5I_INVALID_HID)) {}
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
        if (this != &other) {
            reset();
            m_id = std::exchange(other.m_id, H5I_INVALID_HID);
        }
        return *this;
    }
    ~Hdf5Handle() { reset(); }

    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    explicit operator bool() const { return valid(); }
    void reset() {
        if (m_id >= 0)
            Close(m_id);
        m_id = H5I_INVALID_HID;
    }

private:
    hid_t m_id = H5I_INVALID_HID;
};

using H5File = Hdf5Handle<H5Fclose>;
using H5Group = Hdf5Handle<H5Gclose>;
using H5Dataset = Hdf5Handle<H5Dclose>;
using H5Space = Hdf5Handle<H5Sclose>;
using H5Type = Hdf5Handle<H5Tclose>;
using H5Props = Hdf5Handle<H5Pclose>;
using H5Attribute = Hdf5Handle<H5Aclose>;

/// Turns off HDF5's printing of its error stack for the guard's lifetime (and restores the previous handler):
/// a missing dataset is an expected case for us, reported in our own words.
class Hdf5ErrorSilencer {
public:
    Hdf5ErrorSilencer() {
        H5Eget_auto2(H5E_DEFAULT, &m_function, &m_data);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    Hdf5ErrorSilencer(const Hdf5ErrorSilencer&) = delete;
    Hdf5ErrorSilencer& operator=(const Hdf5ErrorSilencer&) = delete;
    ~Hdf5ErrorSilencer() { H5Eset_auto2(H5E_DEFAULT, m_function, m_data); }

private:
    H5E_auto2_t m_function = nullptr;
    void* m_data = nullptr;
};

} // namespace pulselab::core
