#pragma once
// Untrusted HDF5 files are read once in a child process before the core reads them (issue 11). libhdf5 1.10
// crashes inside itself on some damaged files before any check we can make through its API (fuzzing found
// H5Aexists / H5O__msg_iterate_real reading past a damaged object header, and a variable-length conversion
// asking for 8 GiB); we cannot fix the library, so the crash is contained: the child (the small program
// pulselab-hdf5-probe, app/probe/) runs the same reader under a memory and CPU limit and prints its verdict.
// Only when the child read the file cleanly does the calling process read it itself; if the child died, the
// reader returns a message naming the file instead of crashing the lab. The child is started with
// posix_spawn (vfork + exec), which is safe from a process with threads (the GUI), unlike a bare fork().
// No Qt.
#include <cstdint>
#include <string>

namespace pulselab::core {

/// The readers that can run in the child; their names are the probe program's first argument.
enum class Hdf5Reader { Nir, Recording, ShdInfo, ShdSample };

/// "nir", "recording", "shd-info", "shd-sample".
const char* hdf5ReaderName(Hdf5Reader reader);

/// Whether readers probe files in a child first (default: on). The probe program turns it off for itself;
/// tests of the in-process checks (byte-flip sweeps of thousands of files) and the fuzz targets turn it off.
void setHdf5IsolationEnabled(bool enabled);
bool hdf5IsolationEnabled();

/// The probe program: $PULSELAB_HDF5_PROBE if set, else pulselab-hdf5-probe beside this executable, else ""
/// (then files are read in-process only, as before isolation existed).
std::string hdf5ProbeProgram();
/// Replaces the probe program (tests: a program that crashes on purpose); "" restores the default.
void setHdf5ProbeProgram(const std::string& program);

/// Virtual memory the child may use beyond what it has mapped at start: 1 GiB plus 8 times the file size
/// (damaged NIR files found by fuzzing make libhdf5 allocate and touch 1.7 GB; a legitimate read needs a few
/// times the file).
std::uint64_t hdf5ProbeMemoryBudgetBytes(std::uint64_t fileBytes);
/// CPU seconds the child may use before the kernel stops it (SIGXCPU): a hang inside libhdf5.
inline constexpr unsigned kHdf5ProbeCpuSeconds = 120;

/// Runs `reader` on `path` in the probe program. Returns "" when the file may be read in this process (the
/// child read it cleanly; or isolation is off or there is no probe program); otherwise the error to report,
/// naming the file: the reader's own message when the child's reader refused the file, or "PATH: the HDF5
/// library crashed reading it (...); the file is damaged or not a PulseLab recording, NIR or SHD file" when
/// the child died by a signal, exceeded its limits or ended without a verdict. `sampleIndex` and `maxEvents`
/// are passed on for Hdf5Reader::ShdSample. Clean verdicts are remembered per file (path, size, modification
/// time, reader, sample), so replaying the samples of one SHD file starts one child per sample only once.
std::string probeHdf5InChild(Hdf5Reader reader, const std::string& path, std::uint64_t sampleIndex = 0,
                             std::uint64_t maxEvents = 0);

/// The verdict lines the probe program prints on its standard output: "ok\n", or "error\n" then the reader's
/// message.
inline constexpr const char* kHdf5ProbeOk = "ok\n";
inline constexpr const char* kHdf5ProbeError = "error\n";

/// For the probe program: applies the limits above to the calling process (RLIMIT_AS: what is mapped now plus
/// the budget, so sanitizer builds, which reserve terabytes of shadow memory at start, keep working;
/// RLIMIT_CPU). Returns "" or why a limit could not be set.
std::string applyHdf5ProbeLimits(std::uint64_t fileBytes);

} // namespace pulselab::core
