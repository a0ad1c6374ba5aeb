// libFuzzer target: AEDAT 2.0 DVS128 event files (core/data/aedat_event_reader.h).
#include "core/data/aedat_event_reader.h"
#include "fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = pulselab::fuzz::writeInputFile(data, size, "fuzz_aedat", ".aedat");
    (void)pulselab::core::readAedat2Dvs128Events(path);
    return 0;
}
