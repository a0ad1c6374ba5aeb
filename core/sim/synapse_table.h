#pragma once
// A projection's synapses in compressed sparse rows by source neuron: for each synapse a packed word (target
// index in the low 24 bits, delay in steps in the high 8) and a float weight -- 8 bytes per static synapse.
#include <cstdint>
#include <vector>

namespace pulselab::core {

struct SynapseTable {
    static constexpr std::uint32_t kMaxTarget = (1u << 24) - 1;
    static constexpr std::uint32_t kMaxDelay = 255;

    std::vector<std::uint64_t> rowStart; ///< size sources + 1
    std::vector<std::uint32_t> packed;   ///< target | delay << 24
    std::vector<float> weight;

    static std::uint32_t pack(std::uint32_t target, std::uint32_t delay) { return target | (delay << 24); }
    static std::uint32_t targetOf(std::uint32_t word) { return word & kMaxTarget; }
    static std::uint32_t delayOf(std::uint32_t word) { return word >> 24; }
    std::size_t size() const { return packed.size(); }
    std::uint32_t maxDelay() const {
        std::uint32_t d = 0;
        for (std::uint32_t w : packed)
            d = w >> 24 > d ? w >> 24 : d;
        return d;
    }
};

} // namespace pulselab::core
