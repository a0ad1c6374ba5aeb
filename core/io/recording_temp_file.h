#pragma once
// A temporary file beside a target that replaces the target only when committed (fsync, rename, directory
// fsync), for outputs written by a library (HDF5) or streamed (CSV) that are too large to build in memory
// and hand to writeFileAtomically. An uncommitted temporary is removed, so a failed write leaves the old
// file untouched and no debris.
#include <string>

namespace pulselab::core {

class TemporaryFileBeside {
public:
    explicit TemporaryFileBeside(std::string target);
    ~TemporaryFileBeside();
    TemporaryFileBeside(const TemporaryFileBeside&) = delete;
    TemporaryFileBeside& operator=(const TemporaryFileBeside&) = delete;

    /// Where to write; does not exist yet.
    const std::string& path() const { return m_temporary; }
    /// Makes the written temporary durable and renames it over the target. `error` names the target.
    bool commit(std::string& error);

private:
    std::string m_target;
    std::string m_temporary;
    bool m_committed = false;
};

} // namespace pulselab::core
