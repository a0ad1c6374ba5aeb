#pragma once
// The readers take a path, so each fuzz input is written to a temporary file first. One file per process
// (libFuzzer may run several jobs side by side), rewritten for every input.
#include <cstddef>
#include <cstdint>
#include <string>

namespace pulselab::fuzz {

/// Writes `size` bytes to this process's input file (named "<stem>-<pid><suffix>" in the temp directory)
/// and returns its path.
const std::string& writeInputFile(const std::uint8_t* data, std::size_t size, const char* stem,
                                  const char* suffix);

} // namespace pulselab::fuzz
