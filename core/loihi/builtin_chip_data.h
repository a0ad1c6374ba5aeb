#pragma once
#include <string_view>

namespace pulselab::core::loihi {
/// The text of resources/chips/loihi2.json as it was at build time.
std::string_view builtinLoihi2ChipJson();
} // namespace pulselab::core::loihi
