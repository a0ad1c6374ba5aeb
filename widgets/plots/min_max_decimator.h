#pragma once
// Decimates a growing time series for plotting without losing its extremes: samples fall into buckets of
// equal time width, each bucket keeps its minimum and maximum (in time order). When there are more buckets
// than wanted, the bucket width doubles and neighbours merge, so a run of any length costs at most
// 2 x maxBuckets points and every local peak and trough stays visible.
#include <cstddef>
#include <vector>

namespace pulselab::widgets {

class MinMaxDecimator {
public:
    struct Point {
        double t;
        double v;
    };

    /// `maxBuckets` is typically the plot width in pixels.
    explicit MinMaxDecimator(std::size_t maxBuckets = 1024, double initialBucketWidth = 1e-3);

    void append(double t, double v);
    void clear();

    /// The decimated series in time order: per bucket its min and max sample (one point if they coincide).
    std::vector<Point> points() const;
    std::size_t sampleCount() const { return m_samples; }
    double bucketWidth() const { return m_width; }
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }

private:
    struct Bucket {
        long long index; ///< floor(t / width)
        Point first;     ///< whichever of min/max came first
        Point second;
        bool single = true;
        Point lo() const { return single || first.v <= second.v ? first : second; }
        Point hi() const { return single || first.v > second.v ? first : second; }
    };
    static Bucket mergeBuckets(const Bucket& a, const Bucket& b, long long index);
    void coarsen();

    std::size_t m_maxBuckets;
    double m_initialWidth;
    double m_width;
    std::vector<Bucket> m_buckets;
    std::size_t m_samples = 0;
    double m_min = 0.0;
    double m_max = 0.0;
};

} // namespace pulselab::widgets
