#include "core/data/nmnist_event_reader.h"

namespace pulselab::core {

namespace {
constexpr std::size_t kEventBytes = 5;
constexpr std::uint8_t kOverflowY = 240;
constexpr std::uint64_t kOverflowIncrementUs = std::uint64_t{1} << 13;
} // namespace

EventLoad readNmnistEvents(const std::string& path, const NmnistSensor& sensor,
                           const EventReadLimits& limits) {
    std::vector<unsigned char> bytes;
    std::string error;
    if (!readEventFileBytes(path, limits.maxEvents * kEventBytes, bytes, error))
        return {std::nullopt, error};
    if (const std::size_t tail = bytes.size() % kEventBytes; tail != 0) {
        const std::size_t offset = bytes.size() - tail;
        return {std::nullopt, path + ": truncated: the event at byte offset " + std::to_string(offset) +
                                  " has only " + std::to_string(tail) + " of its 5 bytes"};
    }
    EventStream s;
    s.source = path;
    const std::size_t count = bytes.size() / kEventBytes;
    s.timesUs.reserve(count);
    s.x.reserve(count);
    s.y.reserve(count);
    s.polarity.reserve(count);
    std::uint64_t overflowUs = 0;
    std::uint32_t maxX = 0, maxY = 0;
    for (std::size_t offset = 0; offset < bytes.size(); offset += kEventBytes) {
        const unsigned char* e = bytes.data() + offset;
        if (e[1] == kOverflowY) {
            overflowUs += kOverflowIncrementUs;
            continue;
        }
        const std::uint32_t timestamp =
            (std::uint32_t{e[2] & 0x7Fu} << 16) | (std::uint32_t{e[3]} << 8) | e[4];
        if ((sensor.width && e[0] >= sensor.width) || (sensor.height && e[1] >= sensor.height))
            return {std::nullopt, path + ": byte offset " + std::to_string(offset) + ": event at (" +
                                      std::to_string(e[0]) + ", " + std::to_string(e[1]) +
                                      ") lies outside the " + std::to_string(sensor.width) + " x " +
                                      std::to_string(sensor.height) + " sensor"};
        s.x.push_back(e[0]);
        s.y.push_back(e[1]);
        s.polarity.push_back(static_cast<std::uint8_t>(e[2] >> 7));
        s.timesUs.push_back(timestamp + overflowUs);
        maxX = std::max<std::uint32_t>(maxX, e[0]);
        maxY = std::max<std::uint32_t>(maxY, e[1]);
    }
    s.width = sensor.width ? sensor.width : (s.x.empty() ? 0 : maxX + 1);
    s.height = sensor.height ? sensor.height : (s.y.empty() ? 0 : maxY + 1);
    return {std::move(s), {}};
}

} // namespace pulselab::core
