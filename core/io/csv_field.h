#pragma once
// One CSV field as RFC 4180 writes it, shared by every CSV PulseLab writes (recordings, sweeps, mapping
// reports).
#include <string>

namespace pulselab::core {

/// `text` as it is, or quoted with its quotes doubled when it holds a comma, quote or line break.
std::string csvField(const std::string& text);

} // namespace pulselab::core
