#pragma once
// Wall-clock seconds elapsed, for the timing figures runs and benchmarks report.
#include <chrono>

namespace pulselab::core {

inline double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace pulselab::core
