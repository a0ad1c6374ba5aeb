#include "core/neurons/loihi_lif.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulselab::core {

namespace {
constexpr std::int64_t kMaxState = (1 << 23) - 1; // 24-bit signed state
constexpr int kDecayShift = 12;
constexpr int kActivationShift = 6;
constexpr int kThresholdShift = 6;

std::int64_t decay(std::int64_t x, std::int64_t factor) {
    const std::int64_t product = x * factor;
    const std::int64_t magnitude = (product < 0 ? -product : product) >> kDecayShift;
    return product < 0 ? -magnitude : magnitude;
}

std::int64_t wrap24(std::int64_t x) {
    // Two's-complement wrap into [-2^23, 2^23 - 1], as the chip's 24-bit register does.
    const std::int64_t range = std::int64_t{1} << 24;
    x = ((x + (range >> 1)) % range + range) % range - (range >> 1);
    return x;
}
} // namespace

bool loihiLifStep(LoihiLifState& s, std::int32_t activationIn, std::int32_t du, std::int32_t dv,
                  std::int32_t vth, std::int32_t biasMant, std::int32_t biasExp,
                  std::int32_t* voltageAtSpike) {
    const std::int64_t u =
        wrap24(decay(s.u, 4096 - (du + 1)) + (std::int64_t{activationIn} << kActivationShift));
    const std::int64_t bias =
        biasExp >= 0 ? (std::int64_t{biasMant} << biasExp) : (std::int64_t{biasMant} >> -biasExp);
    const std::int64_t v =
        std::clamp<std::int64_t>(decay(s.v, 4096 - dv) + u + bias, -kMaxState + 1, kMaxState);
    s.u = static_cast<std::int32_t>(u);
    const bool spike = v > (std::int64_t{vth} << kThresholdShift);
    if (voltageAtSpike)
        *voltageAtSpike = static_cast<std::int32_t>(v);
    s.v = spike ? 0 : static_cast<std::int32_t>(v);
    return spike;
}

const std::vector<ParameterSpec>& loihiLifSchema() {
    static const std::vector<ParameterSpec> schema = {
        {"du", "", 0, 4095, 4095, "current decay (4095: gone next step)", true},
        {"dv", "", 0, 4096, 0, "voltage decay (0: no leak; 4096: full decay)", true},
        {"vth", "", 0, 131071, 10, "threshold mantissa (compared with v after << 6)", true},
        {"bias_mant", "", -8192, 8191, 0, "bias mantissa", true},
        {"bias_exp", "", -8, 16, 0, "bias exponent", true},
        {"num_message_bits", "", 0, 32, 0, "graded spike payload bits (0 = binary spikes)", true},
    };
    return schema;
}

namespace {

class LoihiLif final : public NeuronKernel {
public:
    LoihiLif(std::uint32_t size, const ParameterMap& p, double)
        : m_n(size), m_p(withDefaults(loihiLifSchema(), p)), m_s(size), m_payload(size) {}

    void step(const StepInput& input, std::uint32_t begin, std::uint32_t end,
              std::vector<std::uint32_t>& spikes) override {
        const auto du = static_cast<std::int32_t>(m_p.at("du")), dv = static_cast<std::int32_t>(m_p.at("dv"));
        const auto vth = static_cast<std::int32_t>(m_p.at("vth"));
        const auto bm = static_cast<std::int32_t>(m_p.at("bias_mant")),
                   be = static_cast<std::int32_t>(m_p.at("bias_exp"));
        const auto bits = static_cast<int>(m_p.at("num_message_bits"));
        const std::int64_t maxLevel = bits > 0 ? (std::int64_t{1} << bits) - 1 : 1;
        const std::int64_t unit = std::int64_t{vth} << 6;
        for (std::uint32_t i = begin; i < end; ++i) {
            const auto a = static_cast<std::int32_t>(
                std::lround(input.excitatory[i] + input.inhibitory[i] + input.current));
            std::int32_t atSpike = 0;
            if (loihiLifStep(m_s[i], a, du, dv, vth, bm, be, &atSpike)) {
                const std::int64_t level = unit > 0 ? atSpike / unit : maxLevel;
                m_payload[i] =
                    static_cast<float>(bits > 0 ? std::clamp<std::int64_t>(level, 1, maxLevel) : 1);
                spikes.push_back(i);
            }
        }
    }

    const float* spikePayloads() const override {
        return m_p.at("num_message_bits") > 0 ? m_payload.data() : nullptr;
    }

    void reset(std::mt19937_64&) override {
        std::fill(m_s.begin(), m_s.end(), LoihiLifState{});
        std::fill(m_payload.begin(), m_payload.end(), 0.0f);
    }

    double state(const std::string& variable, std::uint32_t i) const override {
        if (i >= m_n)
            return std::numeric_limits<double>::quiet_NaN();
        if (variable == "u")
            return m_s[i].u;
        if (variable == "v")
            return m_s[i].v;
        if (variable == "payload")
            return m_payload[i];
        return std::numeric_limits<double>::quiet_NaN();
    }

    void setParameter(const std::string& name, double value) override { m_p[name] = value; }
    bool findNonFinite(std::uint32_t&, std::string&) const override { return false; } // integers
    std::size_t bytesPerNeuron() const override { return sizeof(LoihiLifState) + sizeof(float); }

private:
    std::uint32_t m_n;
    ParameterMap m_p;
    std::vector<LoihiLifState> m_s;
    std::vector<float> m_payload; // float: it multiplies float weights in delivery
};

} // namespace

std::unique_ptr<NeuronKernel> makeLoihiLif(std::uint32_t size, const ParameterMap& parameters, double dtMs) {
    return std::make_unique<LoihiLif>(size, parameters, dtMs);
}

} // namespace pulselab::core
