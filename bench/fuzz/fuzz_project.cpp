// libFuzzer target: .pulselab project files (core/model/project_file.h), parsed from the bytes directly and
// loaded through the file path.
#include "core/model/project_file.h"
#include "fuzz_input_file.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)pulselab::core::parseProject(text, "fuzz.pulselab");
    const auto& path = pulselab::fuzz::writeInputFile(data, size, "fuzz_project", ".pulselab");
    (void)pulselab::core::loadProjectFile(path);
    return 0;
}
