// The chip description is data with provenance: the shipped Loihi 2 file parses to the documented figures
// (shared/docs/LOIHI2.md), and a broken file is refused with the field named.
#include "core/loihi/chip_description.h"

#include <QTest>

using namespace pulselab::core::loihi;

class TestChipDescription : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loihi2HasTheDocumentedGeometry() {
        const ChipDescription& chip = loihi2();
        QCOMPARE(chip.neuroCores, 128);
        QCOMPARE(chip.meshColumns, 8);
        QCOMPARE(chip.meshRows, 16);
        QCOMPARE(chip.embeddedX86Cores, 6);
        QCOMPARE(chip.perCore.at("max_neurons").value, 8192.0);
        QCOMPARE(chip.perChip.at("max_neurons").value, 1048576.0);
        QCOMPARE(chip.coreColumn(9), 1);
        QCOMPARE(chip.coreRow(9), 1);
    }

    void everyFigureNamesAKnownSource() {
        const ChipDescription& chip = loihi2();
        for (const auto* group : {&chip.perCore, &chip.perChip, &chip.energyPj}) {
            for (const auto& [key, value] : *group)
                QVERIFY2(chip.sources.count(value.sourceKey) == 1, key.c_str());
        }
        QCOMPARE(chip.energyPj.at("synaptic_op_pj").value, 23.6);
        QCOMPARE(chip.energyPj.at("synaptic_op_pj").confidence, Confidence::Primary);
        QCOMPARE(chip.perCore.at("max_delay_steps").confidence, Confidence::Assumed);
    }

    void systemsCountChipsAndPickTheSmallestThatFits() {
        const ChipDescription& chip = loihi2();
        QCOMPARE(chip.systems.at("Kapoho Point").value, 8.0);
        QCOMPARE(chip.sources.count(chip.systems.at("Kapoho Point").sourceKey), std::size_t{1});
        QCOMPARE(smallestSystemFor(chip, 1), std::string("Oheo Gulch"));
        QCOMPARE(smallestSystemFor(chip, 2), std::string("Kapoho Point"));
        QCOMPARE(smallestSystemFor(chip, 8), std::string("Kapoho Point"));
        QCOMPARE(smallestSystemFor(chip, 9), std::string("Hala Point"));
        QCOMPARE(smallestSystemFor(chip, 5000), std::string());
        try {
            parseChipDescription(R"({"mesh": {"columns": {"value": 2}, "rows": {"value": 2}},
                                     "neuro_cores": {"value": 4}, "systems": {"Board": {"chips": 0}}})",
                                 "board.json");
            QFAIL("a board of zero chips was accepted");
        } catch (const ChipDescriptionError& e) {
            QVERIFY2(std::string(e.what()).find("systems.Board.chips") != std::string::npos, e.what());
        }
    }

    void brokenFilesNameTheField() {
        auto messageOf = [](const char* text) {
            try {
                parseChipDescription(text, "my_chip.json");
            } catch (const ChipDescriptionError& e) {
                return std::string(e.what());
            }
            return std::string("accepted");
        };
        QVERIFY(messageOf("{ not json").find("my_chip.json: not valid JSON") == 0);
        const std::string noRows =
            messageOf(R"({"mesh": {"columns": {"value": 8}}, "neuro_cores": {"value": 8}})");
        QVERIFY2(noRows.find("mesh.rows") != std::string::npos, noRows.c_str());
        const std::string negative = messageOf(
            R"({"mesh": {"columns": {"value": -8}, "rows": {"value": 2}}, "neuro_cores": {"value": 8}})");
        QVERIFY2(negative.find("mesh.columns") != std::string::npos, negative.c_str());
        const std::string tooMany = messageOf(
            R"({"mesh": {"columns": {"value": 2}, "rows": {"value": 2}}, "neuro_cores": {"value": 8}})");
        QVERIFY2(tooMany.find("neuro_cores") != std::string::npos, tooMany.c_str());
        const std::string badConfidence = messageOf(
            R"({"mesh": {"columns": {"value": 2, "confidence": "maybe"}, "rows": {"value": 2}}, "neuro_cores": {"value": 4}})");
        QVERIFY2(badConfidence.find("mesh.columns.confidence") != std::string::npos, badConfidence.c_str());
    }
};

QTEST_APPLESS_MAIN(TestChipDescription)
#include "tst_chip_description.moc"
