#include "core/data/shd_event_reader.h"
#include "core/io/hdf5_heap_check.h"
#include "core/io/hdf5_io.h"
#include "core/io/hdf5_isolation.h"

#include <cmath>

namespace pulselab::core {

namespace {

/// An open SHD file: the two ragged datasets and the number of samples they hold.
struct ShdFile {
    H5File file;
    H5Dataset times;
    H5Dataset units;
    std::uint64_t samples = 0;
};

/// Opens `name` and checks it is a one-dimensional array of variable-length arrays of `baseClass`.
H5Dataset openRagged(Hdf5ReadContext& ctx, hid_t f, const std::string& name, H5T_class_t baseClass,
                     const char* what, std::uint64_t& length) {
    const std::string object = "/" + name;
    if (!hdf5PathExists(f, name)) {
        ctx.fail(object, "missing (not a Spiking Heidelberg Digits file?)");
        return {};
    }
    if (const std::string problem = chunkDimensionProblem(f, name); !problem.empty()) {
        ctx.fail(object, problem);
        return {};
    }
    H5Dataset dset(H5Dopen2(f, name.c_str(), H5P_DEFAULT));
    if (!dset.valid()) {
        ctx.fail(object, "not a dataset");
        return {};
    }
    const H5Type type(H5Dget_type(dset.get()));
    const H5Type base(H5Tget_super(type.get()));
    if (H5Tget_class(type.get()) != H5T_VLEN || !base.valid() || H5Tget_class(base.get()) != baseClass) {
        ctx.fail(object, std::string("expected variable-length arrays of ") + what);
        return {};
    }
    std::string problem = numericTypeProblem(base.get());
    if (problem.empty())
        problem = datasetStorageProblem(dset.get());
    if (!problem.empty()) {
        ctx.fail(object, problem);
        return {};
    }
    if (!datasetLength(ctx, dset.get(), object, length))
        return {};
    return dset;
}

std::optional<ShdFile> openShd(Hdf5ReadContext& ctx) {
    ShdFile shd;
    shd.file = openHdf5ForReading(ctx);
    if (!shd.file.valid())
        return std::nullopt;
    std::uint64_t unitCount = 0;
    shd.times =
        openRagged(ctx, shd.file.get(), "spikes/times", H5T_FLOAT, "floating-point times", shd.samples);
    if (!shd.times.valid())
        return std::nullopt;
    shd.units =
        openRagged(ctx, shd.file.get(), "spikes/units", H5T_INTEGER, "integer channel ids", unitCount);
    if (!shd.units.valid())
        return std::nullopt;
    if (unitCount != shd.samples) {
        ctx.fail("/spikes/units", "holds " + std::to_string(unitCount) + " samples but /spikes/times holds " +
                                      std::to_string(shd.samples));
        return std::nullopt;
    }
    return shd;
}

/// Reads element `index` of a ragged dataset as `memBase` values, after checking the size HDF5 reports for
/// it against the file's size.
template <typename T>
bool readRaggedElement(Hdf5ReadContext& ctx, hid_t dset, std::uint64_t index, hid_t memBase,
                       const std::string& object, std::vector<T>& out) {
    const H5Type memType(H5Tvlen_create(memBase));
    const H5Space fileSpace(H5Dget_space(dset));
    const hsize_t start[1] = {index}, count[1] = {1};
    H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
    const H5Space memSpace(H5Screate_simple(1, count, nullptr));
    hsize_t bytes = 0;
    if (H5Dvlen_get_buf_size(dset, memType.get(), fileSpace.get(), &bytes) < 0)
        return ctx.fail(object, "reading sample " + std::to_string(index) + " failed (damaged file?)");
    // Stored values are at least 1 byte each, so more than 8 bytes of doubles per file byte is impossible.
    if (bytes > ctx.fileBytes * sizeof(T))
        return ctx.fail(object, "sample " + std::to_string(index) + " declares " + std::to_string(bytes) +
                                    " bytes, more than the file can hold");
    hvl_t data{0, nullptr};
    if (H5Dread(dset, memType.get(), memSpace.get(), fileSpace.get(), H5P_DEFAULT, &data) < 0)
        return ctx.fail(object, "reading sample " + std::to_string(index) + " failed (damaged file?)");
    const T* values = static_cast<const T*>(data.p);
    out.assign(values, values + data.len);
    reclaimVlen(memType.get(), memSpace.get(), &data);
    return true;
}

} // namespace

std::optional<ShdInfo> readShdInfo(const std::string& path, std::string& error) {
    // libhdf5 crashes inside itself on some damaged files: read it in a child first (hdf5_isolation.h).
    if (std::string crashed = probeHdf5InChild(Hdf5Reader::ShdInfo, path); !crashed.empty()) {
        error = std::move(crashed);
        return std::nullopt;
    }
    const Hdf5ErrorSilencer silence;
    Hdf5ReadContext ctx{path, 0, {}};
    auto shd = openShd(ctx);
    if (!shd) {
        error = ctx.error;
        return std::nullopt;
    }
    ShdInfo info;
    info.samples = shd->samples;
    std::vector<std::uint32_t> labels;
    if (!readUInt32s(ctx, shd->file.get(), "labels", "/labels", labels)) {
        error = ctx.error;
        return std::nullopt;
    }
    if (labels.size() != info.samples) {
        error = path + ": /labels: holds " + std::to_string(labels.size()) + " labels for " +
                std::to_string(info.samples) + " samples";
        return std::nullopt;
    }
    info.labels.assign(labels.begin(), labels.end());
    return info;
}

EventLoad readShdSample(const std::string& path, std::uint64_t index, const EventReadLimits& limits) {
    if (std::string crashed = probeHdf5InChild(Hdf5Reader::ShdSample, path, index, limits.maxEvents);
        !crashed.empty())
        return {std::nullopt, std::move(crashed)};
    const Hdf5ErrorSilencer silence;
    Hdf5ReadContext ctx{path, 0, {}};
    auto shd = openShd(ctx);
    if (!shd)
        return {std::nullopt, ctx.error};
    if (index >= shd->samples)
        return {std::nullopt, path + ": sample " + std::to_string(index) + " does not exist (the file has " +
                                  std::to_string(shd->samples) + ")"};
    std::vector<double> seconds;
    std::vector<std::uint32_t> units;
    if (!readRaggedElement(ctx, shd->times.get(), index, H5T_NATIVE_DOUBLE, "/spikes/times", seconds) ||
        !readRaggedElement(ctx, shd->units.get(), index, H5T_NATIVE_UINT32, "/spikes/units", units))
        return {std::nullopt, ctx.error};
    const std::string sample = "sample " + std::to_string(index);
    if (seconds.size() != units.size())
        return {std::nullopt, path + ": /spikes/units: " + sample + " has " + std::to_string(units.size()) +
                                  " channel ids for " + std::to_string(seconds.size()) + " times"};
    if (seconds.size() > limits.maxEvents)
        return {std::nullopt, path + ": " + sample + ": " + std::to_string(seconds.size()) +
                                  " events is more than the " + std::to_string(limits.maxEvents) +
                                  " allowed"};
    EventStream s;
    s.source = path + " " + sample;
    s.width = kShdChannels;
    s.height = 1;
    s.hasPolarity = false;
    s.timesUs.reserve(seconds.size());
    for (std::size_t i = 0; i < seconds.size(); ++i) {
        if (!std::isfinite(seconds[i]) || seconds[i] < 0.0 || seconds[i] > 1e6)
            return {std::nullopt, path + ": /spikes/times: " + sample + " entry " + std::to_string(i) +
                                      " is not a time in seconds"};
        if (units[i] >= kShdChannels)
            return {std::nullopt, path + ": /spikes/units: " + sample + " entry " + std::to_string(i) +
                                      " is channel " + std::to_string(units[i]) + " (there are 700)"};
        s.timesUs.push_back(static_cast<std::uint64_t>(std::llround(seconds[i] * 1e6)));
        s.x.push_back(static_cast<std::uint16_t>(units[i]));
        s.y.push_back(0);
    }
    // Labels are optional for replay; when present they must be readable integers.
    if (hdf5PathExists(shd->file.get(), "labels")) {
        std::vector<std::uint32_t> labels;
        if (!readUInt32s(ctx, shd->file.get(), "labels", "/labels", labels))
            return {std::nullopt, ctx.error};
        if (index < labels.size())
            s.label = static_cast<int>(labels[index]);
    }
    return {std::move(s), {}};
}

} // namespace pulselab::core
