#pragma once
// AEDAT 2.0 files from the DVS128 (jAER's file format, as described by iniVation's file-format page): ASCII
// header lines starting with '#', the first "#!AER-DAT2.0", then events of 8 bytes, big-endian: a 32-bit
// address and a 32-bit timestamp in microseconds. DVS128 address bits: polarity = bit 0, x = bits 1-7,
// y = bits 8-14; bit 15 set marks an external (synchronisation) event, not a pixel, which is skipped.
#include "core/data/event_stream.h"

namespace pulselab::core {

EventLoad readAedat2Dvs128Events(const std::string& path, const EventReadLimits& limits = {});

} // namespace pulselab::core
