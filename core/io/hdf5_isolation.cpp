#include "core/io/hdf5_isolation.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <tuple>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pulselab::core {

namespace {

std::atomic<bool> g_isolationEnabled{true};

/// A file the child read cleanly, as it was then (a rewritten file is probed again).
struct CleanRead {
    std::string path;
    std::uint64_t bytes = 0;
    std::int64_t modified = 0;
    int reader = 0;
    std::uint64_t sampleIndex = 0;
    std::uint64_t maxEvents = 0;
    auto operator<=>(const CleanRead&) const = default;
};

std::mutex g_programMutex;
std::string g_programOverride;

std::mutex g_cleanMutex;
std::set<CleanRead>& cleanReads() {
    static std::set<CleanRead> reads;
    return reads;
}

/// What the file should have been, for the message.
const char* expectedKind(Hdf5Reader reader) {
    switch (reader) {
    case Hdf5Reader::Nir:
        return "a NIR file";
    case Hdf5Reader::Recording:
        return "a PulseLab recording";
    case Hdf5Reader::ShdInfo:
    case Hdf5Reader::ShdSample:
        return "a Spiking Heidelberg Digits file";
    }
    return "an HDF5 file PulseLab reads";
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
/// Bytes of virtual memory this process has mapped now (/proc/self/statm, first field, in pages).
std::uint64_t mappedBytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}
#endif

/// Why the child ended without a verdict, for the message.
std::string deathCause(int status, std::uint64_t budgetBytes) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGXCPU)
            return "it used more than " + std::to_string(kHdf5ProbeCpuSeconds) + " s of CPU";
        const char* name = sigabbrev_np(sig);
        return name != nullptr ? std::string("SIG") + name : "signal " + std::to_string(sig);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 4)
        return "it needed more than its " + std::to_string(budgetBytes >> 20) + " MiB memory limit";
    return "the reader ended with exit code " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
           " and no verdict";
}

} // namespace

const char* hdf5ReaderName(Hdf5Reader reader) {
    switch (reader) {
    case Hdf5Reader::Nir:
        return "nir";
    case Hdf5Reader::Recording:
        return "recording";
    case Hdf5Reader::ShdInfo:
        return "shd-info";
    case Hdf5Reader::ShdSample:
        return "shd-sample";
    }
    return "";
}

void setHdf5IsolationEnabled(bool enabled) {
    g_isolationEnabled.store(enabled);
}

bool hdf5IsolationEnabled() {
    return g_isolationEnabled.load();
}

namespace {

std::string defaultProbeProgram() {
    static const std::string program = [] {
        if (const char* env = std::getenv("PULSELAB_HDF5_PROBE"); env != nullptr && *env != '\0')
            return std::string(env);
        std::error_code ec;
        const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
        if (ec)
            return std::string();
        const std::filesystem::path beside = self.parent_path() / "pulselab-hdf5-probe";
        return std::filesystem::is_regular_file(beside, ec) ? beside.string() : std::string();
    }();
    return program;
}

} // namespace

std::string hdf5ProbeProgram() {
    const std::lock_guard lock(g_programMutex);
    return g_programOverride.empty() ? defaultProbeProgram() : g_programOverride;
}

void setHdf5ProbeProgram(const std::string& program) {
    const std::lock_guard lock(g_programMutex);
    g_programOverride = program;
}

std::uint64_t hdf5ProbeMemoryBudgetBytes(std::uint64_t fileBytes) {
    constexpr std::uint64_t kBase = std::uint64_t{1} << 30;
    constexpr std::uint64_t kMaxFile = (std::uint64_t{1} << 60) / 8;
    return kBase + 8 * std::min(fileBytes, kMaxFile);
}

std::string applyHdf5ProbeLimits(std::uint64_t fileBytes) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // Sanitizer runtimes map their shadow and allocator regions as they go; an address-space limit would end
    // the child for the wrong reason. There the probe program bounds single allocations through the
    // sanitizer's own option instead (max_allocation_size_mb, app/probe/hdf5_probe_main.cpp).
    (void)fileBytes;
#else
    rlim_t memory = mappedBytes() + hdf5ProbeMemoryBudgetBytes(fileBytes);
    rlimit current{};
    if (getrlimit(RLIMIT_AS, &current) == 0 && current.rlim_max != RLIM_INFINITY)
        memory = std::min(memory, current.rlim_max); // a lower limit from the user (ulimit -v) stays
    const rlimit as{memory, memory};
    if (setrlimit(RLIMIT_AS, &as) != 0)
        return std::string("RLIMIT_AS: ") + std::strerror(errno);
#endif
    const rlimit cpu{kHdf5ProbeCpuSeconds, kHdf5ProbeCpuSeconds + 5};
    if (setrlimit(RLIMIT_CPU, &cpu) != 0)
        return std::string("RLIMIT_CPU: ") + std::strerror(errno);
    const rlimit core{0, 0}; // a crash of the child is expected; it must not leave core files behind
    setrlimit(RLIMIT_CORE, &core);
    return {};
}

std::string probeHdf5InChild(Hdf5Reader reader, const std::string& path, std::uint64_t sampleIndex,
                             std::uint64_t maxEvents) {
    if (!hdf5IsolationEnabled())
        return {};
    const std::string program = hdf5ProbeProgram();
    std::error_code ec;
    if (program.empty() || !std::filesystem::is_regular_file(path, ec))
        return {}; // no probe program, or nothing to read: the reader says what is missing
    const std::uint64_t bytes = std::filesystem::file_size(path, ec);
    const auto modified = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    const CleanRead key{path,        bytes,    static_cast<std::int64_t>(modified), static_cast<int>(reader),
                        sampleIndex, maxEvents};
    {
        const std::lock_guard lock(g_cleanMutex);
        if (cleanReads().count(key) != 0)
            return {};
    }

    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0)
        return {}; // cannot isolate: read in-process, as without a probe program
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    // libhdf5's error stack and a crash report would only clutter the lab's terminal.
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);   // the GUI's threads may block signals
    posix_spawnattr_setsigdefault(&attributes, &all); // and handle them (a crash must end the child)
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const std::string sample = std::to_string(sampleIndex), events = std::to_string(maxEvents);
    const std::string name = hdf5ReaderName(reader);
    char* const argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(name.c_str()),
                          const_cast<char*>(path.c_str()),    const_cast<char*>(sample.c_str()),
                          const_cast<char*>(events.c_str()),  nullptr};
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(pipeFds[1]);
    if (spawned != 0) {
        close(pipeFds[0]);
        return {};
    }
    std::string verdict;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(pipeFds[0], buffer, sizeof buffer);
        if (n > 0)
            verdict.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    close(pipeFds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const bool exitedCleanly = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (exitedCleanly && verdict == kHdf5ProbeOk) {
        const std::lock_guard lock(g_cleanMutex);
        cleanReads().insert(key);
        return {};
    }
    const std::string error = kHdf5ProbeError;
    if (exitedCleanly && verdict.rfind(error, 0) == 0 && verdict.size() > error.size())
        return verdict.substr(error.size()); // the reader's own message, from a reader that did not crash
    return path + ": the HDF5 library crashed reading it (" +
           deathCause(status, hdf5ProbeMemoryBudgetBytes(bytes)) + "); the file is damaged or not " +
           expectedKind(reader);
}

} // namespace pulselab::core
