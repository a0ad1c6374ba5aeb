#pragma once
// The description of a neuromorphic chip, loaded from data (resources/chips/*.json), never hard-coded:
// every figure carries its source and a confidence tag so the UI can show which numbers are assumptions.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pulselab::core::loihi {

enum class Confidence { Primary, Secondary, Assumed };

/// One figure of the chip with its provenance.
struct SourcedValue {
    double value = 0.0;
    std::string sourceKey; ///< key into ChipDescription::sources
    Confidence confidence = Confidence::Assumed;
    std::string note;
};

struct ChipDescription {
    std::string name;
    int meshColumns = 0;
    int meshRows = 0;
    int neuroCores = 0;
    int embeddedX86Cores = 0;
    std::map<std::string, SourcedValue> perCore;  ///< e.g. "max_neurons", "sram_bytes"
    std::map<std::string, SourcedValue> perChip;  ///< numeric figures only
    std::map<std::string, SourcedValue> energyPj; ///< per-operation energies
    std::map<std::string, SourcedValue> systems; ///< boards and systems: name -> chips (e.g. Kapoho Point: 8)
    std::map<std::string, std::string> sources;  ///< source key -> citation

    /// Column and row of neuromorphic core `index` on the mesh (row-major).
    int coreColumn(int index) const { return index % meshColumns; }
    int coreRow(int index) const { return index / meshColumns; }
};

/// Thrown with a message naming the field and what is wrong with it.
class ChipDescriptionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Parses a chip description; `origin` names the file in error messages.
ChipDescription parseChipDescription(std::string_view json, std::string_view origin);

/// The Loihi 2 description shipped with PulseLab (resources/chips/loihi2.json).
const ChipDescription& loihi2();

/// The system of `chip.systems` with the fewest chips that still holds `chips`, or "" when none does.
std::string smallestSystemFor(const ChipDescription& chip, int chips);

std::string_view confidenceName(Confidence confidence);

} // namespace pulselab::core::loihi
