// libFuzzer target: NIR graphs in HDF5 (core/io/nir_file.h).
#include "core/io/nir_file.h"
#include "fuzz_input_file.h"

#include <hdf5.h>

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // HDF5 recycles freed blocks through its own free lists, which hides a use after free from ASan. Turning
    // them off (PULSELAB_FUZZ_NO_FREE_LISTS=1) makes every run ~15x slower (fresh, zeroed pages each time),
    // so it is an option for a slow, thorough run.
    if (std::getenv("PULSELAB_FUZZ_NO_FREE_LISTS") != nullptr)
        H5set_free_list_limits(0, 0, 0, 0, 0, 0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = pulselab::fuzz::writeInputFile(data, size, "fuzz_nir", ".nir");
    (void)pulselab::core::importNir(path);
    return 0;
}
