// Decimation for long runs keeps every extreme: per time bucket the min and max survive, the point count
// stays bounded, and coarsening merges buckets without losing the global min/max.
#include "widgets/plots/min_max_decimator.h"
#include "widgets/plots/stride_decimator.h"

#include <QTest>

#include <cmath>
#include <map>
#include <random>

using pulselab::widgets::MinMaxDecimator;

class TestMinMaxDecimator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keepsEverySampleWhileFew() {
        MinMaxDecimator d(100, 1.0);
        for (int i = 0; i < 50; ++i)
            d.append(i, i * 2.0);
        const auto p = d.points();
        QCOMPARE(p.size(), std::size_t{50});
        QCOMPARE(p[10].v, 20.0);
    }

    void boundedAndExtremesKeptOverALongRun() {
        MinMaxDecimator d(200, 1e-3);
        std::mt19937 rng(7);
        std::normal_distribution<double> noise(0.0, 1.0);
        double globalMin = 1e9, globalMax = -1e9;
        double tMax = 0, tMin = 0;
        constexpr int kSamples = 1'000'000;
        for (int i = 0; i < kSamples; ++i) {
            const double t = i * 1e-4;
            double v = std::sin(t) + 0.1 * noise(rng);
            if (i == 654321)
                v = 50.0; // a single-sample spike must survive decimation
            if (i == 123456)
                v = -40.0;
            if (v > globalMax) {
                globalMax = v;
                tMax = t;
            }
            if (v < globalMin) {
                globalMin = v;
                tMin = t;
            }
            d.append(t, v);
        }
        const auto p = d.points();
        QVERIFY2(p.size() <= 400, qPrintable(QString::number(p.size())));
        QVERIFY(p.size() >= 200);
        bool sawMax = false, sawMin = false;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (i > 0)
                QVERIFY(p[i].t >= p[i - 1].t); // time order kept
            sawMax = sawMax || (p[i].v == globalMax && p[i].t == tMax);
            sawMin = sawMin || (p[i].v == globalMin && p[i].t == tMin);
        }
        QVERIFY(sawMax);
        QVERIFY(sawMin);
        QCOMPARE(d.maximum(), 50.0);
        QCOMPARE(d.minimum(), -40.0);
        QCOMPARE(d.sampleCount(), std::size_t{kSamples});
    }

    void everyBucketKeepsItsOwnMinAndMax() {
        // A square wave between -1 and +1 with a period much shorter than a bucket: every bucket must show
        // the full -1..+1 swing (a plain stride decimator would alias it away).
        MinMaxDecimator d(64, 1e-3);
        for (int i = 0; i < 100000; ++i)
            d.append(i * 1e-3, (i % 7) < 3 ? 1.0 : -1.0);
        const auto p = d.points();
        QVERIFY(p.size() % 2 == 0);
        for (std::size_t i = 0; i + 1 < p.size(); i += 2)
            QCOMPARE(std::min(p[i].v, p[i + 1].v) + std::max(p[i].v, p[i + 1].v), 0.0);
    }

    void nanSamplesAreIgnored() {
        MinMaxDecimator d(16, 1.0);
        d.append(0, 1.0);
        d.append(1, std::nan(""));
        d.append(2, 3.0);
        QCOMPARE(d.sampleCount(), std::size_t{2});
        QCOMPARE(d.maximum(), 3.0);
    }

    void strideThinsSparseSeriesEvenly() {
        // A belief sampled once per image, at the end of each 100-step presentation (steps 99, 199, ...):
        // thinning must keep an even share of them, not drop every sample whose step is odd.
        pulselab::widgets::StrideDecimator stride(64);
        std::map<std::int64_t, double> series;
        for (int image = 0; image < 1000; ++image) {
            const std::int64_t step = 100 * image + 99;
            if (stride.keeps(step))
                series[step] = image;
            if (stride.grow(series.size()))
                stride.thin(series);
        }
        QVERIFY2(series.size() >= 32 && series.size() <= 64, qPrintable(QString::number(series.size())));
        QCOMPARE(series.begin()->first, std::int64_t{99});
        QVERIFY(series.rbegin()->first > 100 * 1000 - 100 * 2 * stride.stride());
        // Every-step series behave as before: multiples of the stride from the first step.
        pulselab::widgets::StrideDecimator dense(64);
        std::map<std::int64_t, double> d;
        for (std::int64_t step = 0; step < 1000; ++step) {
            if (dense.keeps(step))
                d[step] = 0.0;
            if (dense.grow(d.size()))
                dense.thin(d);
        }
        for (const auto& [step, v] : d)
            QCOMPARE(step % dense.stride(), std::int64_t{0});
    }
};

QTEST_APPLESS_MAIN(TestMinMaxDecimator)
#include "tst_min_max_decimator.moc"
