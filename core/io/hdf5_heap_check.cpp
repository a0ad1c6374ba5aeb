#include "core/io/hdf5_heap_check.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <vector>

namespace pulselab::core {

namespace {

// HDF5 file format specification 3.0, section III.E "Global Heap": a collection is "GCOL", version 1, three
// reserved bytes and its size (a "length", normally 8 bytes), then objects of index (2 bytes), reference
// count (2), reserved (4), size (a length) and data padded to a multiple of 8. Object 0 is the free space;
// its size counts its own header.
constexpr char kSignature[4] = {'G', 'C', 'O', 'L'};
constexpr std::size_t kBlockBytes = 1 << 20;
constexpr std::uintmax_t kCachedFileBytes = 16 << 20;

std::uint64_t littleEndian(const unsigned char* p, std::size_t bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

/// Size of lengths from the superblock at byte 0 (versions 0/1: byte 14; 2/3: byte 10); 8 if unknown.
std::size_t lengthBytes(std::ifstream& in) {
    std::array<unsigned char, 16> head{};
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(head.data()), head.size()) ||
        std::memcmp(head.data(), "\x89HDF\r\n\x1a\n", 8) != 0)
        return 8;
    const std::size_t bytes = head[8] <= 1 ? head[14] : head[10];
    return bytes == 2 || bytes == 4 || bytes == 8 ? bytes : 8;
}

/// Walks the objects of the collection in `heap` as libhdf5 does (H5HG__cache_heap_deserialize).
std::string collectionProblem(const std::vector<unsigned char>& heap, std::size_t lengthSize) {
    const std::size_t objectHeader = 8 + lengthSize;
    std::size_t offset = 8 + lengthSize; // after the collection header
    while (offset < heap.size()) {
        if (heap.size() - offset < objectHeader)
            return ""; // too small for an object: free space
        const std::uint64_t index = littleEndian(&heap[offset], 2);
        const std::uint64_t size = littleEndian(&heap[offset + 8], lengthSize);
        const std::uint64_t left = heap.size() - offset;
        if (index == 0) {
            if (size < objectHeader || size > left)
                return "its free space at offset " + std::to_string(offset) + " declares " +
                       std::to_string(size) + " bytes";
            offset += size;
            continue;
        }
        if (size > left - objectHeader || ((size + 7) & ~std::uint64_t{7}) > left - objectHeader)
            return "object " + std::to_string(index) + " at offset " + std::to_string(offset) + " declares " +
                   std::to_string(size) + " bytes, past the end of the collection";
        offset += objectHeader + ((size + 7) & ~std::uint64_t{7});
    }
    return "";
}

std::string scanGlobalHeaps(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return ""; // the HDF5 open reports unreadable files
    in.seekg(0, std::ios::end);
    const auto fileBytes = static_cast<std::uint64_t>(in.tellg());
    const std::size_t lengthSize = lengthBytes(in);
    std::vector<char> block(kBlockBytes + sizeof(kSignature));
    for (std::uint64_t start = 0; start < fileBytes; start += kBlockBytes) {
        // Each block overlaps the next by the signature's length, so a signature across the seam is seen.
        const std::uint64_t bytes = std::min<std::uint64_t>(block.size(), fileBytes - start);
        in.clear();
        in.seekg(static_cast<std::streamoff>(start));
        if (!in.read(block.data(), static_cast<std::streamsize>(bytes)))
            return "";
        const std::uint64_t scanned = std::min<std::uint64_t>(bytes, kBlockBytes);
        for (std::uint64_t at = 0; at < scanned; ++at) {
            const void* g = std::memchr(&block[at], 'G', static_cast<std::size_t>(scanned - at));
            if (g == nullptr)
                break;
            at = static_cast<std::uint64_t>(static_cast<const char*>(g) - block.data());
            if (at + sizeof(kSignature) > bytes ||
                std::memcmp(&block[at], kSignature, sizeof(kSignature)) != 0)
                continue;
            const std::uint64_t address = start + at;
            std::vector<unsigned char> header(8 + lengthSize);
            in.clear();
            in.seekg(static_cast<std::streamoff>(address));
            if (!in.read(reinterpret_cast<char*>(header.data()),
                         static_cast<std::streamsize>(header.size())) ||
                header[4] != 1)
                continue; // not a collection header (or one libhdf5 refuses by itself)
            const std::uint64_t size = littleEndian(&header[8], lengthSize);
            const std::string where = "global heap collection at byte " + std::to_string(address) + ": ";
            if (size < header.size() || size > fileBytes - address)
                return where + "declares " + std::to_string(size) + " bytes, but the file has " +
                       std::to_string(fileBytes - address) + " from there";
            std::vector<unsigned char> heap(size);
            in.seekg(static_cast<std::streamoff>(address));
            if (!in.read(reinterpret_cast<char*>(heap.data()), static_cast<std::streamsize>(size)))
                return where + "cannot be read";
            if (std::string problem = collectionProblem(heap, lengthSize); !problem.empty())
                return where + problem;
        }
    }
    return "";
}

} // namespace

std::string globalHeapProblem(const std::string& path) {
    // Readers reopen a file for every sample (SHD files are hundreds of MB), so a large file that passed is
    // not scanned again until its size or modification time changes. Small files are always scanned:
    // rewritten within one clock tick, a damaged copy can keep the size and time of the good one.
    using Stamp = std::pair<std::uintmax_t, std::filesystem::file_time_type>;
    static std::mutex mutex;
    static std::map<std::string, Stamp> passed;
    std::error_code ec;
    const Stamp stamp{std::filesystem::file_size(path, ec), std::filesystem::last_write_time(path, ec)};
    if (ec)
        return ""; // the HDF5 open reports unreadable files
    if (stamp.first < kCachedFileBytes)
        return scanGlobalHeaps(path);
    {
        const std::lock_guard lock(mutex);
        const auto it = passed.find(path);
        if (it != passed.end() && it->second == stamp)
            return "";
    }
    std::string problem = scanGlobalHeaps(path);
    const std::lock_guard lock(mutex);
    if (problem.empty()) {
        if (passed.size() >= 64)
            passed.clear();
        passed[path] = stamp;
    } else {
        passed.erase(path);
    }
    return problem;
}

namespace {

/// The chunk dimensions in a layout message's data, or "" if it is not a chunked layout it can read.
std::string layoutMessageProblem(const unsigned char* d, std::size_t size) {
    if (size < 5)
        return "";
    std::size_t ndims = 0, width = 4, first = 0;
    if (d[0] == 1 || d[0] == 2) { // version, rank, class, reserved (5), address (8), dimensions of 4 bytes
        if (d[2] != 2)            // 2: chunked
            return "";
        ndims = d[1];
        first = 8 + 8;
    } else if (d[0] == 3) { // version, class, rank, B-tree address (8), dimensions of 4 bytes
        if (d[1] != 2)
            return "";
        ndims = d[2];
        first = 3 + 8;
    } else if (d[0] == 4) { // version, class, flags, rank, dimension width, dimensions
        if (d[1] != 2)
            return "";
        ndims = d[3];
        width = d[4];
        first = 5;
    } else {
        return "";
    }
    if (width == 0 || width > 8)
        return "declares chunk dimensions of " + std::to_string(width) + " bytes";
    // libhdf5 decodes as many dimensions as the rank says, past the end of the message if need be.
    if (ndims == 0 || first + ndims * width > size)
        return "declares " + std::to_string(ndims) +
               " chunk dimensions, which its layout message cannot hold";
    for (std::size_t i = 0; i < ndims; ++i)
        if (littleEndian(d + first + i * width, width) == 0)
            return "declares a chunk dimension of 0";
    return "";
}

} // namespace

std::string chunkDimensionProblem(hid_t location, const std::string& name) {
    const ssize_t pathBytes = H5Fget_name(location, nullptr, 0);
    if (pathBytes <= 0)
        return "";
    std::string path(static_cast<std::size_t>(pathBytes) + 1, '\0');
    H5Fget_name(location, path.data(), path.size());
    path.resize(static_cast<std::size_t>(pathBytes));
    H5O_info_t info;
    if (H5Oget_info_by_name2(location, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 ||
        info.type != H5O_TYPE_DATASET || info.addr == HADDR_UNDEF)
        return ""; // H5Dopen2 reports it
    std::ifstream in(path, std::ios::binary);
    std::vector<unsigned char> header(1 << 16);
    in.seekg(static_cast<std::streamoff>(info.addr));
    in.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
    const auto got = static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount()));
    if (got >= 16 && header[0] == 1) {
        // Version 1: version, reserved, message count (2), reference count (4), header size (4), padding to
        // 16; messages of type (2), size (2), flags (1), reserved (3), data.
        const std::size_t count = littleEndian(&header[2], 2);
        const std::size_t end = std::min<std::size_t>(got, 16 + littleEndian(&header[8], 4));
        std::size_t p = 16;
        for (std::size_t i = 0; i < count && p + 8 <= end; ++i) {
            const std::size_t type = littleEndian(&header[p], 2), size = littleEndian(&header[p + 2], 2);
            if (p + 8 + size > end)
                break;
            if (type == 8)
                return layoutMessageProblem(&header[p + 8], size);
            p += 8 + size;
        }
    } else if (got >= 8 && std::memcmp(header.data(), "OHDR", 4) == 0 && header[4] == 2) {
        // Version 2: "OHDR", version, flags, [times (16)], [attribute phase (4)], chunk size (1 << (flags &
        // 3) bytes); messages of type (1), size (2), flags (1), [creation order (2)], data; a checksum (4).
        const unsigned flags = header[5];
        std::size_t p = 6 + ((flags & 0x20) ? 16 : 0) + ((flags & 0x10) ? 4 : 0);
        const std::size_t width = std::size_t{1} << (flags & 3);
        if (p + width > got)
            return "";
        const std::size_t chunk = littleEndian(&header[p], width);
        p += width;
        const std::size_t end = std::min<std::size_t>(got, p + chunk - std::min<std::size_t>(chunk, 4));
        const std::size_t messageHeader = (flags & 0x04) ? 6 : 4;
        while (p + messageHeader <= end) {
            const std::size_t type = header[p], size = littleEndian(&header[p + 1], 2);
            if (p + messageHeader + size > end)
                break;
            if (type == 8)
                return layoutMessageProblem(&header[p + messageHeader], size);
            p += messageHeader + size;
        }
    }
    return "";
}

} // namespace pulselab::core
