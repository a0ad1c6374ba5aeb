// The mapping report: one CSV row per used core whose fields are the mapping's own figures (and, after a
// run, the traffic report's), never a utilisation above 1; names with commas survive quoting; the text form
// carries the same cores and totals.
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/mapping_report.h"

#include <QTest>

#include <sstream>

using namespace pulselab::core::loihi;

namespace {

MappingProblem twoPopulations() {
    MappingProblem problem;
    problem.populations = {{"in, left", 3000}, {"hidden", 20000}};
    problem.projections = {{0, 1, 3000ull * 20000 / 100}};
    return problem;
}

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::vector<std::string>> rowsOf(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);)
        rows.push_back(splitCsv(line));
    return rows;
}

} // namespace

class TestMappingReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvRowsAreTheMappingsPartitions() {
        const MappingProblem problem = twoPopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        std::ostringstream out;
        writeMappingCsv(out, problem, mapping, nullptr);
        const auto rows = rowsOf(out.str());
        QCOMPARE(rows.size(), mapping.partitions.size() + 1);
        const auto& header = rows.front();
        QCOMPARE(header.size(), std::size_t{13});
        QCOMPARE(header[4], std::string("population"));
        QCOMPARE(header[11], std::string("utilisation"));
        std::uint64_t neurons = 0;
        double tightest = 0.0;
        for (std::size_t i = 0; i < mapping.partitions.size(); ++i) {
            const Partition& p = mapping.partitions[i];
            const auto& row = rows[i + 1];
            QCOMPARE(row.size(), header.size());
            QCOMPARE(std::stoi(row[0]), p.chip);
            QCOMPARE(std::stoi(row[1]), p.core);
            QCOMPARE(std::stoi(row[2]), loihi2().coreColumn(p.core));
            QCOMPARE(std::stoi(row[3]), loihi2().coreRow(p.core));
            QCOMPARE(row[4], problem.populations[static_cast<std::size_t>(p.population)].name);
            QCOMPARE(std::stoul(row[5]), static_cast<unsigned long>(p.firstNeuron));
            QCOMPARE(std::stoul(row[6]), static_cast<unsigned long>(p.firstNeuron + p.neurons - 1));
            QCOMPARE(std::stoull(row[8]), static_cast<unsigned long long>(p.stateBytes + p.synapseBytes));
            const double u = std::stod(row[11]);
            QVERIFY(u > 0.0 && u <= 1.0);
            tightest = std::max(tightest, u);
            QCOMPARE(row[12], utilisationOf(p, mapping.limits).limit);
            neurons += std::stoul(row[7]);
        }
        QCOMPARE(neurons, std::uint64_t{23000});
        // The tightest core is the largest row, and a mapping never exceeds a limit.
        QCOMPARE(maxUtilisation(mapping).fraction, tightest);
        QVERIFY(tightest <= 1.0);
    }

    void csvCarriesTheRunsActivityPerCore() {
        const MappingProblem problem = twoPopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        RecordedActivity activity;
        activity.spikesPerNeuron = {std::vector<std::uint64_t>(3000, 4),
                                    std::vector<std::uint64_t>(20000, 1)};
        activity.steps = 500;
        const TrafficReport report = accountTraffic(problem, mapping, loihi2(), activity);
        std::ostringstream out;
        writeMappingCsv(out, problem, mapping, &report);
        const auto rows = rowsOf(out.str());
        QCOMPARE(rows.front().size(), std::size_t{20});
        QCOMPARE(rows.front().back(), std::string("energy_joules"));
        double joules = 0.0, synops = 0.0;
        for (std::size_t i = 0; i < mapping.partitions.size(); ++i) {
            const auto& row = rows[i + 1];
            QCOMPARE(std::stod(row[13]), report.perPartition[i].synapticOps);
            QCOMPARE(std::stod(row[15]), report.perPartition[i].spikesOut);
            joules += std::stod(row[19]);
            synops += std::stod(row[13]);
        }
        QCOMPARE(synops, report.total.synapticOps);
        QVERIFY(joules > 0.0);
    }

    void textReportListsEveryCore() {
        const MappingProblem problem = twoPopulations();
        const Mapping mapping = std::get<Mapping>(mapNetwork(problem, loihi2()));
        std::ostringstream out;
        writeMappingText(out, "net.pulselab", problem, mapping, nullptr, 0.5, "the run");
        const std::string text = out.str();
        QVERIFY(text.find("net.pulselab: " + std::to_string(mapping.coresUsed()) +
                          " cores on 1 Loihi 2 chip") != std::string::npos);
        QVERIFY(text.find("hidden [0, ") != std::string::npos);
        QVERIFY(text.find("total: 23000 neurons") != std::string::npos);
        QVERIFY(text.find("no run") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestMappingReport)
#include "tst_mapping_report.moc"
