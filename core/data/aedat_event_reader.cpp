#include "core/data/aedat_event_reader.h"

#include <algorithm>
#include <string_view>

namespace pulselab::core {

namespace {

constexpr std::size_t kEventBytes = 8;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;
constexpr std::string_view kMagic = "#!AER-DAT";
constexpr std::uint32_t kSensorSize = 128;
constexpr std::uint32_t kExternalEventBit = 1u << 15;

std::uint32_t bigEndian32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

} // namespace

EventLoad readAedat2Dvs128Events(const std::string& path, const EventReadLimits& limits) {
    std::vector<unsigned char> bytes;
    std::string error;
    if (!readEventFileBytes(path, kMaxHeaderBytes + limits.maxEvents * kEventBytes, bytes, error))
        return {std::nullopt, error};
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (text.substr(0, kMagic.size()) != kMagic)
        return {std::nullopt, path + ": byte offset 0: not an AEDAT file (expected \"#!AER-DAT2.0\")"};
    const std::string_view version = text.substr(kMagic.size(), 3);
    if (version != "2.0")
        return {std::nullopt, path + ": byte offset " + std::to_string(kMagic.size()) + ": AEDAT version \"" +
                                  std::string(version) + "\" is not supported (only 2.0)"};
    // The header is every line starting with '#'; the binary events start at the first byte after it.
    std::size_t offset = 0;
    while (offset < text.size() && text[offset] == '#') {
        const std::size_t end = text.find('\n', offset);
        if (end == std::string_view::npos)
            return {std::nullopt, path + ": truncated: the header line at byte offset " +
                                      std::to_string(offset) + " never ends"};
        offset = end + 1;
        if (offset > kMaxHeaderBytes)
            return {std::nullopt, path + ": the header is longer than " + std::to_string(kMaxHeaderBytes) +
                                      " bytes (not an AEDAT 2.0 file?)"};
    }
    const std::size_t dataBytes = bytes.size() - offset;
    if (const std::size_t tail = dataBytes % kEventBytes; tail != 0)
        return {std::nullopt, path + ": truncated: the event at byte offset " +
                                  std::to_string(bytes.size() - tail) + " has only " + std::to_string(tail) +
                                  " of its 8 bytes"};
    EventStream s;
    s.source = path;
    s.width = s.height = kSensorSize;
    const std::size_t count = dataBytes / kEventBytes;
    s.timesUs.reserve(count);
    s.x.reserve(count);
    s.y.reserve(count);
    s.polarity.reserve(count);
    // Timestamps are 32-bit and wrap after about 71.6 minutes; a large backwards jump is taken as a wrap.
    std::uint64_t wrapUs = 0;
    std::uint32_t previous = 0;
    for (; offset < bytes.size(); offset += kEventBytes) {
        const std::uint32_t address = bigEndian32(bytes.data() + offset);
        const std::uint32_t timestamp = bigEndian32(bytes.data() + offset + 4);
        if (timestamp < previous && previous - timestamp > (1u << 31))
            wrapUs += std::uint64_t{1} << 32;
        previous = timestamp;
        if (address & kExternalEventBit)
            continue;
        s.polarity.push_back(static_cast<std::uint8_t>(address & 1u));
        s.x.push_back(static_cast<std::uint16_t>((address >> 1) & 0x7Fu));
        s.y.push_back(static_cast<std::uint16_t>((address >> 8) & 0x7Fu));
        s.timesUs.push_back(wrapUs + timestamp);
    }
    return {std::move(s), {}};
}

} // namespace pulselab::core
