// CSV recordings in long format (one row per spike or sample), which pandas, R and spreadsheets read
// directly. Streamed to a temporary file, so a large recording is not duplicated in memory as text.
#include "core/io/csv_field.h"
#include "core/io/recording_file.h"
#include "core/io/recording_temp_file.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace pulselab::core {

namespace {

/// Shortest text that reads back as the same double.
void appendNumber(std::string& line, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    line.append(buffer, result.ptr);
}

class CsvFile {
public:
    explicit CsvFile(const std::string& path) : m_path(path), m_temporary(path) {
        m_file = std::fopen(m_temporary.path().c_str(), "wx");
        if (!m_file)
            m_error = path + ": creating a temporary file failed: " + std::strerror(errno);
    }
    ~CsvFile() {
        if (m_file)
            std::fclose(m_file);
    }
    CsvFile(const CsvFile&) = delete;
    CsvFile& operator=(const CsvFile&) = delete;

    bool write(const std::string& line) {
        if (m_file && std::fwrite(line.data(), 1, line.size(), m_file) != line.size() && m_error.empty())
            m_error = m_path + ": writing failed: " + std::strerror(errno);
        return m_error.empty();
    }
    WriteResult commit() {
        if (!m_error.empty())
            return {false, m_error};
        const bool closed = std::fclose(m_file) == 0;
        m_file = nullptr;
        if (!closed)
            return {false, m_path + ": writing failed: " + std::strerror(errno)};
        std::string error;
        if (!m_temporary.commit(error))
            return {false, error};
        return {true, {}};
    }

private:
    std::string m_path;
    TemporaryFileBeside m_temporary;
    std::FILE* m_file = nullptr;
    std::string m_error;
};

WriteResult writeSpikes(const Recording& recording, const std::string& path) {
    CsvFile out(path);
    out.write("population,id,time_ms\n");
    std::string line;
    for (const RecordedSpikes& s : recording.spikes) {
        const std::string name = csvField(s.population) + ",";
        for (std::size_t i = 0; i < s.ids.size() && i < s.timesMs.size(); ++i) {
            line = name;
            line += std::to_string(s.ids[i]);
            line += ',';
            appendNumber(line, s.timesMs[i]);
            line += '\n';
            if (!out.write(line))
                break;
        }
    }
    return out.commit();
}

WriteResult writeSignals(const Recording& recording, const std::string& path) {
    CsvFile out(path);
    out.write("name,time_ms,value\n");
    std::string line;
    for (const RecordedSignal& s : recording.scalarSignals) {
        const std::string name = csvField(s.name) + ",";
        for (std::size_t i = 0; i < s.values.size() && i < s.timesMs.size(); ++i) {
            line = name;
            appendNumber(line, s.timesMs[i]);
            line += ',';
            appendNumber(line, s.values[i]);
            line += '\n';
            if (!out.write(line))
                break;
        }
    }
    return out.commit();
}

} // namespace

WriteResult writeRecordingCsv(const Recording& recording, const std::string& spikesPath,
                              const std::string& signalsPath) {
    WriteResult spikes = writeSpikes(recording, spikesPath);
    if (!spikes.ok)
        return spikes;
    return writeSignals(recording, signalsPath);
}

} // namespace pulselab::core
