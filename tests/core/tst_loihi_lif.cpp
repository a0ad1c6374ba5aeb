// Loihi 2 fixed-point CUBA-LIF: integer traces computed by hand from the semantics in SCIENCE.md section 2
// (with Lava's bit-accurate model's current-decay offset of 1), matched exactly.
#include "core/neurons/loihi_lif.h"

#include <QTest>

using namespace pulselab::core;

class TestLoihiLif : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handComputedTrace() {
        // du = 1023: u keeps (4096 - 1024) / 4096 = 3/4 per step; dv = 2048: v keeps half; vth = 100 (6400).
        LoihiLifState s;
        // step 1: a_in = 50 -> u = 50 << 6 = 3200; v = 0 + 3200 = 3200.
        QVERIFY(!loihiLifStep(s, 50, 1023, 2048, 100, 0, 0));
        QCOMPARE(s.u, 3200);
        QCOMPARE(s.v, 3200);
        // step 2: u = 3200 * 3072 >> 12 = 2400; v = 3200 * 2048 >> 12 = 1600, + 2400 = 4000.
        QVERIFY(!loihiLifStep(s, 0, 1023, 2048, 100, 0, 0));
        QCOMPARE(s.u, 2400);
        QCOMPARE(s.v, 4000);
        // step 3: a_in = 60 -> u = 1800 + 3840 = 5640; v = 2000 + 5640 = 7640 > 6400: spike, v = 0.
        QVERIFY(loihiLifStep(s, 60, 1023, 2048, 100, 0, 0));
        QCOMPARE(s.u, 5640);
        QCOMPARE(s.v, 0);
        // step 4: u = 5640 * 3072 >> 12 = 4230; v = 0 + 4230.
        QVERIFY(!loihiLifStep(s, 0, 1023, 2048, 100, 0, 0));
        QCOMPARE(s.u, 4230);
        QCOMPARE(s.v, 4230);
    }

    void negativeValuesRoundTowardZero() {
        LoihiLifState s;
        s.u = -3;
        s.v = -5;
        // u: -3 * 3072 = -9216, |.| >> 12 = 2 -> -2 (toward zero, not -3 as a floor would give).
        // v: -5 * 2048 = -10240 -> 2 -> -2, plus u = -4.
        loihiLifStep(s, 0, 1023, 2048, 100, 0, 0);
        QCOMPARE(s.u, -2);
        QCOMPARE(s.v, -4);
    }

    void biasAndFullDecay() {
        LoihiLifState s;
        // du = 4095: the current is gone after one step; bias 3 << 4 = 48 per step; no voltage leak.
        loihiLifStep(s, 1, 4095, 0, 1000, 3, 4);
        QCOMPARE(s.u, 64);
        QCOMPARE(s.v, 64 + 48);
        loihiLifStep(s, 0, 4095, 0, 1000, 3, 4);
        QCOMPARE(s.u, 0);
        QCOMPARE(s.v, 64 + 48 + 48);
    }

    void currentWrapsAndVoltageClipsAt24Bits() {
        LoihiLifState s;
        s.u = (1 << 23) - 1;
        // du = 0 keeps 4095/4096 of u: 8388607 * 4095 >> 12 = 8386559; + (1000 << 6) = 8450559 > 2^23 - 1 ->
        // wraps.
        loihiLifStep(s, 1000, 0, 0, 131071, 0, 0);
        QCOMPARE(s.u, 8450559 - (1 << 24));
        s = {};
        s.v = -(1 << 23) + 10;
        s.u = 0;
        loihiLifStep(s, -100, 4095, 0, 131071, 0, 0); // v would leave the 24-bit range: clipped
        QCOMPARE(s.v, -(1 << 23) + 2);                // Lava's negative limit is -(2^23 - 1) + 1
    }
};

QTEST_APPLESS_MAIN(TestLoihiLif)
#include "tst_loihi_lif.moc"
