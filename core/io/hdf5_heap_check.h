#pragma once
// A check of an HDF5 file's global heap collections, run before libhdf5 opens the file. Variable-length data
// (strings h5py and PulseLab write, SHD's ragged arrays) lives in global heap collections, and libhdf5 1.10
// walks a collection's objects trusting their stored sizes: a free-space object of size 0 makes it loop
// forever (H5HG__cache_heap_deserialize, found by bench/fuzz/fuzz_nir), and an object running past its
// collection makes it read past the collection's buffer. Collections are found by their "GCOL" signature.
// No Qt; plain file reads.
#include <hdf5.h>

#include <string>

namespace pulselab::core {

/// Why the global heap collections of the HDF5 file at `path` cannot be read safely ("global heap
/// collection at byte N: ..."), or "" if they can (or the file has none). Reads the file in blocks.
std::string globalHeapProblem(const std::string& path);

/// Why the dataset `name` under `location` cannot be opened safely, or "". Reads the
/// layout message of its object header (version 1 or 2 headers, layout versions 3 and 4) from the file:
/// libhdf5 1.10 divides by every chunk dimension while opening a chunked dataset (H5D__chunk_set_info), so a
/// damaged dimension of 0 kills the process with SIGFPE inside H5Dopen2. Call it before H5Dopen2.
std::string chunkDimensionProblem(hid_t location, const std::string& name);

} // namespace pulselab::core
