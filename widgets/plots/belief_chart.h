#pragma once
// Beliefs against time: for each latent, its posterior mean (or probability) with a +-1 s.d. band when the
// model reports one, and the ground truth as a dashed line when the input has one. Below, the current class
// probabilities as bars when the run has a labelled top layer.
#include "core/runtime/run_snapshot.h"
#include "widgets/plots/refresh_budget.h"
#include "widgets/plots/stride_decimator.h"

#include <QTimer>
#include <QWidget>

#include <map>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QBarSet;
class QBarSeries;
class QValueAxis;

namespace pulselab::widgets {

class BeliefChart : public QWidget {
    Q_OBJECT
public:
    explicit BeliefChart(QWidget* parent = nullptr);

    void setRunLayout(const core::RunLayout& layout);
    void appendSnapshot(const core::RunSnapshot& snapshot);
    void clear();
    void refresh();

    int latentCount() const { return static_cast<int>(m_latents.size()); }
    /// Stored (decimated) mean samples of latent i as (t seconds, value).
    QList<QPointF> meanPoints(int i) const;
    bool hasBand(int i) const;
    bool hasTruth(int i) const;
    /// Latest class probabilities (empty without a labelled layer).
    std::vector<double> classProbabilities() const { return m_classValues; }

private:
    struct Latent {
        int group = 0;
        int meanSignal = -1;
        int sdSignal = -1;
        int truthSignal = -1;
        QLineSeries* mean = nullptr;
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;
        QAreaSeries* band = nullptr;
        QLineSeries* truth = nullptr;
        // Kept samples by step; mean, sd and truth are sampled at the same steps, so a band stays aligned.
        std::map<std::int64_t, double> meanData, sdData, truthData;
        StrideDecimator stride;
    };

    QChartView* m_timeView = nullptr;
    QChart* m_timeChart = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QChartView* m_barView = nullptr;
    QBarSet* m_barSet = nullptr;
    QBarSeries* m_barSeries = nullptr;
    QValueAxis* m_barY = nullptr;

    double m_dtMs = 0.1;
    double m_lastT = 0.0;
    std::vector<Latent> m_latents;
    std::map<int, int> m_classOfSignal; ///< signal -> class index
    std::vector<double> m_classValues;
    bool m_dirty = false;
    QTimer m_refreshTimer;
    RefreshBudget m_budget; ///< spaces the redraws: mean lines and +-1 s.d. bands are costly to stroke
};

} // namespace pulselab::widgets
