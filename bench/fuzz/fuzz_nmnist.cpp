// libFuzzer target: N-MNIST / N-Caltech101 40-bit event files (core/data/nmnist_event_reader.h), both with a
// free sensor size and with N-MNIST's fixed 34 x 34 sensor (which checks every event's position).
#include "core/data/nmnist_event_reader.h"
#include "fuzz_input_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = pulselab::fuzz::writeInputFile(data, size, "fuzz_nmnist", ".bin");
    (void)pulselab::core::readNmnistEvents(path);
    (void)pulselab::core::readNmnistEvents(path, {34, 34});
    return 0;
}
