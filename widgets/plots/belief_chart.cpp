#include "widgets/plots/belief_chart.h"

#include "widgets/common/colour_maps.h"
#include "widgets/export/figure_chart_painter.h"
#include "widgets/plots/nice_ticks.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulselab::widgets {

namespace {
constexpr int kRefreshIntervalMs = 33;
} // namespace

BeliefChart::BeliefChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_timeChart = new QChart;
    m_timeChart->setTitle(tr("Beliefs"));
    m_timeChart->legend()->setAlignment(Qt::AlignBottom);
    m_timeChart->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QValueAxis;
    m_x->setTitleText(tr("time (s)"));
    m_x->setLabelFormat(QStringLiteral("%.3g"));
    m_y = new QValueAxis;
    m_y->setTitleText(tr("posterior"));
    m_y->setLabelFormat(QStringLiteral("%g"));
    m_timeChart->addAxis(m_x, Qt::AlignBottom);
    m_timeChart->addAxis(m_y, Qt::AlignLeft);
    m_timeView = new QChartView(m_timeChart, this);
    m_timeView->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_timeView, 3);

    auto* barChart = new QChart;
    barChart->setTitle(tr("Class beliefs now"));
    barChart->legend()->hide();
    barChart->setMargins(QMargins(4, 4, 4, 4));
    m_barSet = new QBarSet(tr("P(class)"));
    m_barSet->setColor(categoricalColour(4));
    m_barSeries = new QBarSeries;
    m_barSeries->append(m_barSet);
    barChart->addSeries(m_barSeries);
    m_barY = new QValueAxis;
    m_barY->setRange(0.0, 1.0);
    m_barY->setTitleText(tr("probability"));
    barChart->addAxis(m_barY, Qt::AlignLeft);
    m_barSeries->attachAxis(m_barY);
    m_barView = new QChartView(barChart, this);
    m_barView->setRenderHint(QPainter::Antialiasing);
    m_barView->setVisible(false);
    layout->addWidget(m_barView, 2);

    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_dirty)
            return;
        QElapsedTimer cost;
        cost.start();
        refresh(); // Qt Charts recomputes the lines' geometry (and hover shapes) here
        m_budget.addCostMs(static_cast<double>(cost.nsecsElapsed()) / 1e6);
        m_refreshTimer.setInterval(m_budget.intervalMs());
    });
    m_refreshTimer.start();
}

void BeliefChart::setRunLayout(const core::RunLayout& layout) {
    m_timeChart->removeAllSeries();
    for (Latent& latent : m_latents) {
        delete latent.upper; // the band's boundary lines are not owned by the chart
        delete latent.lower;
    }
    m_latents.clear();
    m_classOfSignal.clear();
    m_classValues.clear();
    m_dtMs = layout.dtMs;
    m_lastT = 0.0;

    std::map<int, std::size_t> latentOfGroup;
    auto latentFor = [&](int group) -> Latent& {
        auto it = latentOfGroup.find(group);
        if (it == latentOfGroup.end()) {
            it = latentOfGroup.emplace(group, m_latents.size()).first;
            m_latents.emplace_back();
            m_latents.back().group = group;
        }
        return m_latents[it->second];
    };
    QStringList classNames;
    for (std::size_t i = 0; i < layout.scalarSignals.size(); ++i) {
        const core::SignalInfo& info = layout.scalarSignals[i];
        const int signal = static_cast<int>(i);
        switch (info.kind) {
        case core::SignalKind::BeliefMean:
            latentFor(info.group).meanSignal = signal;
            break;
        case core::SignalKind::BeliefSd:
            latentFor(info.group).sdSignal = signal;
            break;
        case core::SignalKind::BeliefTruth:
            latentFor(info.group).truthSignal = signal;
            break;
        case core::SignalKind::ClassProbability:
            m_classOfSignal[signal] = static_cast<int>(classNames.size());
            classNames << QString::fromStdString(info.name);
            break;
        default:
            break;
        }
    }

    for (std::size_t k = 0; k < m_latents.size(); ++k) {
        Latent& latent = m_latents[k];
        const QColor colour = lineColour(static_cast<int>(k));
        const QString name = latent.meanSignal >= 0
                                 ? QString::fromStdString(
                                       layout.scalarSignals[static_cast<std::size_t>(latent.meanSignal)].name)
                                 : tr("latent %1").arg(latent.group);
        if (latent.sdSignal >= 0) {
            latent.upper = new QLineSeries(this);
            latent.lower = new QLineSeries(this);
            latent.band = new QAreaSeries(latent.upper, latent.lower);
            latent.band->setName(name + tr(" ±1 s.d."));
            QColor fill = colour;
            fill.setAlpha(60);
            latent.band->setBrush(fill);
            latent.band->setPen(Qt::NoPen);
            m_timeChart->addSeries(latent.band);
            latent.band->attachAxis(m_x);
            latent.band->attachAxis(m_y);
            // The band is read from its fill: a legend entry per band would crowd out the means' names on
            // screen. Figures (whose legend wraps) list the first band once for all.
            for (QLegendMarker* marker : m_timeChart->legend()->markers(latent.band)) {
                marker->setVisible(false);
                if (k == 0)
                    marker->setProperty(kFigureLabelProperty, tr("±1 s.d. (exact posterior)"));
            }
        }
        latent.mean = new QLineSeries;
        latent.mean->setName(name);
        QPen pen(colour);
        pen.setWidthF(2.0);
        latent.mean->setPen(pen);
        m_timeChart->addSeries(latent.mean);
        latent.mean->attachAxis(m_x);
        latent.mean->attachAxis(m_y);
        if (latent.truthSignal >= 0) {
            latent.truth = new QLineSeries;
            latent.truth->setName(QString::fromStdString(
                layout.scalarSignals[static_cast<std::size_t>(latent.truthSignal)].name));
            QPen truthPen(colour.darker(160));
            truthPen.setStyle(Qt::DashLine);
            truthPen.setWidthF(1.4);
            latent.truth->setPen(truthPen);
            m_timeChart->addSeries(latent.truth);
            latent.truth->attachAxis(m_x);
            latent.truth->attachAxis(m_y);
            // Every latent's truth is dashed in its own colour: one legend entry explains the dashes. Short,
            // to fit at dock width: an exact posterior (rate PC) or the true hidden cause or signal.
            const QString what =
                latent.truth->name().contains(QLatin1String("exact")) ? tr("exact") : tr("truth");
            for (QLegendMarker* marker : m_timeChart->legend()->markers(latent.truth)) {
                marker->setVisible(k == 0);
                marker->setLabel(tr("dashed: %1").arg(what));
                if (k == 0) // a figure legend draws the dashed line itself
                    marker->setProperty(kFigureLabelProperty,
                                        what == tr("exact") ? tr("exact posterior mean") : tr("truth"));
            }
        }
    }

    // Class probability bars.
    m_barSet->remove(0, m_barSet->count());
    const auto axes = m_barView->chart()->axes(Qt::Horizontal);
    for (QAbstractAxis* axis : axes) {
        m_barView->chart()->removeAxis(axis);
        delete axis;
    }
    if (!classNames.isEmpty()) {
        for (int i = 0; i < classNames.size(); ++i)
            m_barSet->append(0.0);
        auto* categories = new QBarCategoryAxis;
        categories->append(classNames);
        m_barView->chart()->addAxis(categories, Qt::AlignBottom);
        m_barSeries->attachAxis(categories);
        m_classValues.assign(static_cast<std::size_t>(classNames.size()), 0.0);
    }
    m_barView->setVisible(!classNames.isEmpty());
    m_timeChart->setTitle(m_latents.empty() ? tr("Beliefs (not reported by this run)") : tr("Beliefs"));
    m_x->setVisible(!m_latents.empty());
    m_y->setVisible(!m_latents.empty());
    m_timeView->setVisible(!m_latents.empty() || classNames.isEmpty());
    m_dirty = true;
}

void BeliefChart::appendSnapshot(const core::RunSnapshot& snapshot) {
    for (const core::SignalSamples& block : snapshot.samples) {
        if (const auto cls = m_classOfSignal.find(block.signal); cls != m_classOfSignal.end()) {
            if (!block.values.empty())
                m_classValues[static_cast<std::size_t>(cls->second)] = block.values.back();
            m_dirty = true;
            continue;
        }
        for (Latent& latent : m_latents) {
            std::map<std::int64_t, double>* store = nullptr;
            if (block.signal == latent.meanSignal)
                store = &latent.meanData;
            else if (block.signal == latent.sdSignal)
                store = &latent.sdData;
            else if (block.signal == latent.truthSignal)
                store = &latent.truthData;
            if (!store)
                continue;
            for (std::size_t k = 0; k < block.steps.size(); ++k) {
                if (latent.stride.keeps(block.steps[k]))
                    (*store)[block.steps[k]] = block.values[k];
            }
            if (latent.stride.grow(latent.meanData.size())) {
                latent.stride.thin(latent.meanData);
                latent.stride.thin(latent.sdData);
                latent.stride.thin(latent.truthData);
            }
            m_dirty = true;
        }
    }
    m_lastT = std::max(m_lastT, static_cast<double>(snapshot.endStep) * m_dtMs / 1000.0);
}

void BeliefChart::refresh() {
    m_dirty = false;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    auto toSeconds = [this](std::int64_t step) { return static_cast<double>(step + 1) * m_dtMs / 1000.0; };
    for (Latent& latent : m_latents) {
        QList<QPointF> mean, upper, lower, truth;
        for (const auto& [step, v] : latent.meanData) {
            mean.append({toSeconds(step), v});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            if (const auto sd = latent.sdData.find(step); sd != latent.sdData.end() && latent.band) {
                upper.append({toSeconds(step), v + sd->second});
                lower.append({toSeconds(step), v - sd->second});
                lo = std::min(lo, v - sd->second);
                hi = std::max(hi, v + sd->second);
            }
        }
        for (const auto& [step, v] : latent.truthData) {
            truth.append({toSeconds(step), v});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        latent.mean->replace(mean);
        if (latent.band) {
            latent.upper->replace(upper);
            latent.lower->replace(lower);
        }
        if (latent.truth)
            latent.truth->replace(truth);
    }
    setNiceRange(m_x, 0.0, std::max(m_lastT, 1e-3),
                 std::clamp(static_cast<int>(m_timeChart->plotArea().width() / 55.0), 2, 10));
    if (std::isfinite(lo) && lo >= 0.0 && hi <= 1.0) {
        m_y->setRange(0.0, 1.0); // probabilities
        m_y->setTickCount(5);
    } else if (std::isfinite(lo)) {
        const double pad = hi > lo ? 0.05 * (hi - lo) : 0.05;
        m_y->setRange(lo - pad, hi + pad);
        m_y->applyNiceNumbers();
    }
    for (std::size_t i = 0; i < m_classValues.size(); ++i)
        m_barSet->replace(static_cast<qsizetype>(i), m_classValues[i]);
}

void BeliefChart::clear() {
    for (Latent& latent : m_latents) {
        latent.meanData.clear();
        latent.sdData.clear();
        latent.truthData.clear();
        latent.stride.clear();
    }
    std::fill(m_classValues.begin(), m_classValues.end(), 0.0);
    m_lastT = 0.0;
    refresh();
}

QList<QPointF> BeliefChart::meanPoints(int i) const {
    return m_latents.at(static_cast<std::size_t>(i)).mean->points();
}

bool BeliefChart::hasBand(int i) const {
    return m_latents.at(static_cast<std::size_t>(i)).band != nullptr;
}

bool BeliefChart::hasTruth(int i) const {
    return m_latents.at(static_cast<std::size_t>(i)).truth != nullptr;
}

} // namespace pulselab::widgets
