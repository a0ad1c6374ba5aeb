#pragma once
// N-MNIST and N-Caltech101 event files (Orchard et al. 2015, Front. Neurosci. 9:437; format as documented
// with the datasets and their Read_Ndataset.m): 5 bytes (40 bits) per event, most significant first:
// bits 39-32 x, bits 31-24 y, bit 23 polarity (1 = ON), bits 22-0 timestamp in microseconds. An event with
// y == 240 is not an event but marks a timestamp overflow: 2^13 us is added to every later timestamp, as
// the datasets' reference readers do.
#include "core/data/event_stream.h"

namespace pulselab::core {

struct NmnistSensor {
    std::uint32_t width = 0; ///< 0: one more than the largest x seen (N-MNIST: 34; N-Caltech101 varies)
    std::uint32_t height = 0;
};

EventLoad readNmnistEvents(const std::string& path, const NmnistSensor& sensor = {},
                           const EventReadLimits& limits = {});

} // namespace pulselab::core
