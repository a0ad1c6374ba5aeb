// libFuzzer target: the MNIST digits cache (core/data/mnist_digits.h). loadMnist reads 0.json ... 9.json from
// a directory; every one of them is the fuzz input (1.json ... 9.json are links to 0.json).
#include "core/data/mnist_digits.h"
#include "fuzz_input_file.h"

#include <filesystem>
#include <unistd.h>

namespace {

std::string digitsDirectory(const std::string& inputPath) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("fuzz_mnist-" + std::to_string(getpid()));
    fs::create_directories(dir);
    for (int digit = 0; digit < 10; ++digit) {
        const fs::path link = dir / (std::to_string(digit) + ".json");
        fs::remove(link);
        fs::create_symlink(inputPath, link);
    }
    return dir.string();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = pulselab::fuzz::writeInputFile(data, size, "fuzz_mnist", ".json");
    static const std::string dir = digitsDirectory(path);
    std::string error;
    (void)pulselab::core::loadMnist(dir, error);
    return 0;
}
