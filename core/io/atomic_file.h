#pragma once
// Writes files so that a crash, a kill or a full disk never leaves a half-written file behind: the data goes
// to a temporary file in the same directory, is flushed to disk (fsync), then renamed over the target, and
// the directory entry is synced. Readers see either the old file or the new one, never a mixture.
#include <string>
#include <string_view>

namespace pulselab::core {

struct WriteResult {
    bool ok = false;
    std::string error; ///< names the file and the failing step, e.g. "out.pulselab: rename failed: ..."
};

WriteResult writeFileAtomically(const std::string& path, std::string_view contents);

/// Removes the temporaries that writeFileAtomically(path, ...) calls left beside `path` when the process was
/// killed mid-write (".NAME.tmp-N": never read, never renamed). Returns how many were removed. Call it when
/// a file is opened for editing; a save of the same file in flight in another process at that moment would
/// then fail with a message, never corrupt anything.
int removeStaleTemporaries(const std::string& path);

/// Reads a whole file; `error` names the file and the reason on failure. Refuses files over `maxBytes`.
bool readWholeFile(const std::string& path, std::string& contents, std::string& error,
                   std::size_t maxBytes = std::size_t{1} << 30);

} // namespace pulselab::core
