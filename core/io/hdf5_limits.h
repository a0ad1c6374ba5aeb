#pragma once
// What hdf5_io.cpp and hdf5_checked_read.cpp share: the limits a genuine file stays within, and how messages
// name an HDF5 type class.
#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace pulselab::core::hdf5_limits {

// Deflate cannot shrink data by more than about 1032:1, so a compressed dataset declaring more than that
// multiple of the file's size cannot be genuine.
inline constexpr std::uint64_t kMaxCompressionRatio = 1032;
inline constexpr std::size_t kMaxNameBytes = 1 << 16;

/// A type class as messages name it: one value ("found an integer", NIR readers) or many ("found integers",
/// checked readers).
inline std::string className(H5T_class_t c, bool plural) {
    struct Names {
        H5T_class_t typeClass;
        const char* one;
        const char* many;
    };
    static constexpr Names kNames[] = {
        {H5T_INTEGER, "an integer", "integers"},
        {H5T_FLOAT, "a float", "floating-point numbers"},
        {H5T_STRING, "a string", "strings"},
        {H5T_COMPOUND, "a compound", "compound records"},
        {H5T_ENUM, "an enum", "enums"},
        {H5T_VLEN, "a variable-length sequence", "variable-length arrays"},
        {H5T_ARRAY, "an array type", "arrays"},
    };
    for (const Names& names : kNames)
        if (names.typeClass == c)
            return plural ? names.many : names.one;
    return plural ? "values of another type" : "an unsupported type";
}

} // namespace pulselab::core::hdf5_limits
