// Graded (multi-level) spikes: a Loihi 2 neuron with num_message_bits = b sends the number of whole
// thresholds its voltage reached, capped at 2^b - 1, and every synapse it crosses multiplies its weight by
// that level. Hand-computed from the integer semantics (loihi_lif.h): with du = 4095, dv = 4096 and no input,
// the source's v is its bias every step; the target's u is (sum of weight x level) << 6 one step later.
#include "core/sim/simulation.h"

#include <QTest>

using namespace pulselab::core;

namespace {

NetworkSpec gradedPair(int bits, double weight, const std::string& storage) {
    NetworkSpec net;
    net.run.dtMs = 1.0;
    // v = 1000 every step; threshold vth << 6 = 320: three whole thresholds.
    net.populations.push_back({"src",
                               "loihi2_cuba_lif",
                               2,
                               {{"du", 4095},
                                {"dv", 4096},
                                {"vth", 5},
                                {"bias_mant", 1000},
                                {"num_message_bits", static_cast<double>(bits)}}});
    net.populations.push_back({"dst", "loihi2_cuba_lif", 1, {{"du", 4095}, {"dv", 4096}, {"vth", 100000}}});
    ProjectionSpec p;
    p.name = "src_dst";
    p.source = "src";
    p.target = "dst";
    p.weight = {"constant", weight, 0.0};
    p.storage = storage;
    net.projections.push_back(p);
    return net;
}

double targetCurrentAfter(const NetworkSpec& net, std::int64_t steps) {
    std::string error;
    auto sim = Simulation::build(net, error);
    if (!sim)
        qFatal("%s", error.c_str());
    sim->advance(steps, nullptr);
    return sim->state("dst", "u", 0);
}

} // namespace

class TestGradedSpikes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void levelMultipliesTheWeight_data() {
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("storage");
        QTest::addColumn<double>("expectedU");
        // Two sources x weight 2 x level, << 6.
        QTest::newRow("binary, sparse") << 0 << "sparse" << 2.0 * 2 * 1 * 64;
        QTest::newRow("3 bits, sparse") << 3 << "sparse" << 2.0 * 2 * 3 * 64;
        QTest::newRow("3 bits, dense") << 3 << "dense" << 2.0 * 2 * 3 * 64;
        QTest::newRow("1 bit caps the level at 1") << 1 << "sparse" << 2.0 * 2 * 1 * 64;
    }
    void levelMultipliesTheWeight() {
        QFETCH(int, bits);
        QFETCH(QString, storage);
        QFETCH(double, expectedU);
        QCOMPARE(targetCurrentAfter(gradedPair(bits, 2.0, storage.toStdString()), 3), expectedU);
    }

    void theSourceRecordsItsLevel() {
        std::string error;
        auto sim = Simulation::build(gradedPair(3, 2.0, "sparse"), error);
        QVERIFY(sim);
        sim->advance(2, nullptr);
        QCOMPARE(sim->state("src", "payload", 0), 3.0);
    }
};

QTEST_APPLESS_MAIN(TestGradedSpikes)
#include "tst_graded_spikes.moc"
