// Project files: every example loads and validates, a project survives a JSON round trip unchanged, and bad
// files give messages naming the file and the field, never a crash.
#include "core/model/project_file.h"

#include <QDir>
#include <QTest>

using namespace pulselab::core;

class TestProjectFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyExampleLoadsAndValidates() {
        const QStringList files =
            QDir(PULSELAB_SOURCE_DIR "/examples").entryList({"*.pulselab"}, QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString& name : files) {
            const std::string path = (QStringLiteral(PULSELAB_SOURCE_DIR "/examples/") + name).toStdString();
            const ProjectLoad load = loadProjectFile(path);
            QVERIFY2(load.project, load.error.c_str());
            const auto problems = validate(load.project->network);
            QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().message().c_str());
        }
    }

    void roundTripIsLossless() {
        const ProjectLoad load = loadProjectFile(PULSELAB_SOURCE_DIR "/examples/cuba.pulselab");
        QVERIFY(load.project);
        Project project = *load.project;
        project.network.projections[0].weight = {"normal", 1.5, 0.25};
        project.network.projections[1].plasticity = "stdp";
        project.network.projections[1].plasticityParameters = {{"a_plus", 0.02}};
        project.network.inputs.push_back({"times", "spike_times", 2, {}, {{1.0, 2.5}, {}}});
        project.editor = {{"positions", {{"exc", {10, 20}}}}};
        const std::string once = projectToJson(project);
        const ProjectLoad again = parseProject(once, "memory");
        QVERIFY2(again.project, again.error.c_str());
        QCOMPARE(projectToJson(*again.project), once);
        QCOMPARE(again.project->network.projections[0].weight.kind, std::string("normal"));
        QCOMPARE(again.project->editor["positions"]["exc"][1].get<int>(), 20);
    }

    void badFilesNameTheFileAndField_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{ nope"
                                  << "net.pulselab: not valid JSON";
        QTest::newRow("wrong format") << R"({"format": "other"})"
                                      << "net.pulselab: format: expected \"pulselab-project\"";
        QTest::newRow("future version") << R"({"format": "pulselab-project", "format_version": 9})"
                                        << "net.pulselab: format_version: 9 is not supported";
        QTest::newRow("no network") << R"({"format": "pulselab-project", "format_version": 1})"
                                    << "net.pulselab: network: missing";
        QTest::newRow("negative size")
            << R"({"format": "pulselab-project", "format_version": 1, "network": {"populations": [{"name": "a", "size": -3}]}})"
            << "net.pulselab: network.populations[0].size: expected a non-negative integer";
        QTest::newRow("string parameter")
            << R"({"format": "pulselab-project", "format_version": 1, "network": {"populations": [{"name": "a", "parameters": {"tau_m_ms": "fast"}}]}})"
            << "net.pulselab: network.populations[0].parameters.tau_m_ms: expected a number";
        QTest::newRow("bad synapse")
            << R"({"format": "pulselab-project", "format_version": 1, "network": {"projections": [{"name": "p", "source": "a", "target": "b", "synapses": [[1, "x"]]}]}})"
            << "net.pulselab: network.projections[0].synapses[0]: expected [source, target, weight(, "
               "delay_steps)]";
        QTest::newRow("missing name")
            << R"({"format": "pulselab-project", "format_version": 1, "network": {"inputs": [{"kind": "poisson"}]}})"
            << "net.pulselab: network.inputs[0].name: missing";
    }
    void badFilesNameTheFileAndField() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const ProjectLoad load = parseProject(text.toStdString(), "net.pulselab");
        QVERIFY(!load.project);
        QVERIFY2(load.error.rfind(expected.toStdString(), 0) == 0, load.error.c_str());
    }

    void missingFileIsReported() {
        const ProjectLoad load = loadProjectFile("/nonexistent/x.pulselab");
        QVERIFY(!load.project);
        QVERIFY(load.error.find("/nonexistent/x.pulselab") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestProjectFile)
#include "tst_project_file.moc"
