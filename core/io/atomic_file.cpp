#include "core/io/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace pulselab::core {

namespace {

std::string describe(const std::string& path, const char* step) {
    return path + ": " + step + " failed: " + std::strerror(errno);
}

} // namespace

WriteResult writeFileAtomically(const std::string& path, std::string_view contents) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::random_device entropy;
    const std::string temporary =
        (directory / ("." + target.filename().string() + ".tmp-" + std::to_string(entropy()))).string();

    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return {false, describe(path, "creating a temporary file")};
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            WriteResult result{false, describe(path, "writing")};
            ::close(fd);
            ::unlink(temporary.c_str());
            return result;
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        WriteResult result{false, describe(path, "flushing to disk")};
        ::close(fd);
        ::unlink(temporary.c_str());
        return result;
    }
    // Keep the permissions of the file being replaced.
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0)
        ::fchmod(fd, existing.st_mode & 07777);
    if (::close(fd) != 0) {
        ::unlink(temporary.c_str());
        return {false, describe(path, "closing")};
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        WriteResult result{false, describe(path, "renaming the temporary file")};
        ::unlink(temporary.c_str());
        return result;
    }
    const int dirFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd); // make the rename itself durable
        ::close(dirFd);
    }
    return {true, {}};
}

int removeStaleTemporaries(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string prefix = "." + target.filename().string() + ".tmp-";
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
            name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
            continue;
        std::error_code removeError;
        if (fs::remove(it->path(), removeError))
            ++removed;
    }
    return removed;
}

bool readWholeFile(const std::string& path, std::string& contents, std::string& error, std::size_t maxBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = path + ": cannot read: " + ec.message();
        return false;
    }
    if (size > maxBytes) {
        error = path + ": file is " + std::to_string(size) + " bytes, more than the " +
                std::to_string(maxBytes) + " this reader accepts";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open";
        return false;
    }
    contents.resize(static_cast<std::size_t>(size));
    in.read(contents.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size) {
        error = path + ": short read";
        return false;
    }
    return true;
}

} // namespace pulselab::core
