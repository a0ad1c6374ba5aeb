#pragma once
// One random stream per named part of the network (population, input, projection), derived from the run seed
// and the part's name only: results do not depend on build order, thread count or other parts.
#include <cstdint>
#include <random>
#include <string_view>

namespace pulselab::core {

inline std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

inline std::mt19937_64 streamFor(std::uint64_t seed, std::string_view name, std::uint64_t salt = 0) {
    std::uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (char c : name)
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return std::mt19937_64(splitMix64(seed ^ splitMix64(h + salt)));
}

} // namespace pulselab::core
