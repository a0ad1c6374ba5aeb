#include "core/io/recording_temp_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace pulselab::core {

namespace {

std::filesystem::path directoryOf(const std::filesystem::path& target) {
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

} // namespace

TemporaryFileBeside::TemporaryFileBeside(std::string target) : m_target(std::move(target)) {
    const std::filesystem::path t(m_target);
    std::random_device entropy;
    m_temporary =
        (directoryOf(t) / ("." + t.filename().string() + ".tmp-" + std::to_string(entropy()))).string();
}

TemporaryFileBeside::~TemporaryFileBeside() {
    if (!m_committed)
        ::unlink(m_temporary.c_str());
}

bool TemporaryFileBeside::commit(std::string& error) {
    const int fd = ::open(m_temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = m_target + ": reopening the temporary file failed: " + std::strerror(errno);
        return false;
    }
    const bool synced = ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!synced) {
        error = m_target + ": flushing to disk failed: " + std::strerror(savedErrno);
        return false;
    }
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
        error = m_target + ": renaming the temporary file failed: " + std::strerror(errno);
        return false;
    }
    m_committed = true;
    const std::string directory = directoryOf(m_target).string();
    const int dirFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd); // make the rename itself durable
        ::close(dirFd);
    }
    return true;
}

} // namespace pulselab::core
