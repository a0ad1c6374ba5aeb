#pragma once
// The process's peak resident memory, reported by every `run --json`.
#include <cstdint>
#include <sys/resource.h>

namespace pulselab::cli {

inline std::uint64_t peakRssBytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024; // ru_maxrss is in KiB on Linux
}

} // namespace pulselab::cli
