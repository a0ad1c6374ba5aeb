#include "widgets/floorplan/loihi_panel.h"

#include "core/loihi/mapping_report.h"
#include "widgets/floorplan/board_strip.h"
#include "widgets/floorplan/chip_floorplan_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <fstream>
#include <set>
#include <sstream>

namespace pulselab::widgets {

namespace {

QString engineering(double value, const QString& unit) {
    static const std::pair<double, const char*> kPrefixes[] = {
        {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1.0, ""}, {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}, {1e-12, "p"}};
    if (value == 0.0)
        return QStringLiteral("0 %1").arg(unit);
    for (const auto& [scale, prefix] : kPrefixes) {
        if (std::abs(value) >= scale)
            return QStringLiteral("%1 %2%3")
                .arg(value / scale, 0, 'g', 3)
                .arg(QString::fromUtf8(prefix), unit);
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'g', 3).arg(unit);
}

/// A core's activity in the recorded run, its items joined by `separator`.
QString activityText(const core::loihi::CoreActivity& a, const QString& separator) {
    return QStringList{LoihiPanel::tr("synaptic ops %1").arg(a.synapticOps, 0, 'g', 4),
                       LoihiPanel::tr("spikes %1").arg(a.spikesOut, 0, 'g', 4),
                       LoihiPanel::tr("messages sent %1, routed %2")
                           .arg(a.messagesOut, 0, 'g', 4)
                           .arg(a.routedMessages, 0, 'g', 4),
                       LoihiPanel::tr("energy %1").arg(engineering(a.energyJoules, QStringLiteral("J")))}
        .join(separator);
}

QString sourcesHtml(const core::loihi::ChipDescription& chip) {
    QString html = QStringLiteral("<b>Figures used and their sources</b><table cellspacing=2>");
    auto rows = [&](const std::map<std::string, core::loihi::SourcedValue>& group) {
        for (const auto& [key, v] : group) {
            const QString confidence = QString::fromUtf8(core::loihi::confidenceName(v.confidence).data());
            const QString colour = v.confidence == core::loihi::Confidence::Assumed
                                       ? QStringLiteral("#D55E00")
                                       : QStringLiteral("#000000");
            html += QStringLiteral("<tr><td>%1</td><td align=right>%2</td><td><font color=%3>%4</font></td>"
                                   "<td>%5</td></tr>")
                        .arg(QString::fromStdString(key))
                        .arg(v.value, 0, 'g', 6)
                        .arg(colour, confidence, QString::fromStdString(v.sourceKey));
        }
    };
    rows(chip.perCore);
    rows(chip.perChip);
    rows(chip.energyPj);
    html += QStringLiteral("</table><p>");
    for (const auto& [key, citation] : chip.sources)
        html += QStringLiteral("<b>%1</b>: %2<br>")
                    .arg(QString::fromStdString(key), QString::fromStdString(citation).toHtmlEscaped());
    return html;
}

} // namespace

LoihiPanel::LoihiPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Colour by"), this));
    m_quantityBox = new QComboBox(this);
    m_quantityBox->setObjectName(QStringLiteral("quantityBox"));
    m_quantityBox->addItem(tr("neurons per core"), static_cast<int>(Quantity::Neurons));
    m_quantityBox->addItem(tr("SRAM use"), static_cast<int>(Quantity::Memory));
    m_quantityBox->addItem(tr("synaptic operations"), static_cast<int>(Quantity::SynapticOps));
    m_quantityBox->addItem(tr("routed spike messages"), static_cast<int>(Quantity::RoutedMessages));
    m_quantityBox->addItem(tr("energy"), static_cast<int>(Quantity::Energy));
    connect(m_quantityBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setQuantity(static_cast<Quantity>(m_quantityBox->itemData(i).toInt())); });
    controls->addWidget(m_quantityBox);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Chip"), this));
    m_chipBox = new QSpinBox(this);
    m_chipBox->setObjectName(QStringLiteral("chipBox"));
    m_chipBox->setRange(0, 0);
    connect(m_chipBox, &QSpinBox::valueChanged, this, &LoihiPanel::showChip);
    controls->addWidget(m_chipBox);
    controls->addSpacing(12);
    m_heightBox = new QCheckBox(tr("3-D heights"), this);
    m_heightBox->setObjectName(QStringLiteral("heightModeBox"));
    m_heightBox->setToolTip(tr("Tilt the chip and raise each core's tile by the chosen quantity"));
    connect(m_heightBox, &QCheckBox::toggled, this, &LoihiPanel::setHeightMode);
    controls->addWidget(m_heightBox);
    controls->addStretch();
    m_saveButton = new QPushButton(tr("Save Mapping Report..."), this);
    m_saveButton->setObjectName(QStringLiteral("saveMappingReportButton"));
    m_saveButton->setEnabled(false);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Mapping Report"),
                                                          QStringLiteral("loihi2-mapping.csv"),
                                                          tr("CSV (*.csv);;Text (*.txt)"));
        QString error;
        if (!path.isEmpty() && !saveReport(path, &error))
            m_summary->setText(
                m_summary->text() +
                QStringLiteral("<br><font color=#D55E00>%1</font>").arg(error.toHtmlEscaped()));
    });
    controls->addWidget(m_saveButton);
    layout->addLayout(controls);
    m_board = new BoardStrip(this);
    m_board->setObjectName(QStringLiteral("boardStrip"));
    m_board->setVisible(false);
    connect(m_board, &BoardStrip::chipClicked, this, &LoihiPanel::showChip);
    layout->addWidget(m_board);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_floorplan = new ChipFloorplanView(splitter);
    m_floorplan->setObjectName(QStringLiteral("chipFloorplan"));
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 0, 0);
    m_summary = new QLabel(tr("No network mapped yet."), side);
    m_summary->setObjectName(QStringLiteral("mappingSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_coreDetails = new QLabel(tr("Click a core to see what it holds."), side);
    m_coreDetails->setObjectName(QStringLiteral("coreDetails"));
    m_coreDetails->setWordWrap(true);
    m_coreDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sources = new QTextBrowser(side);
    m_sources->setHtml(sourcesHtml(m_floorplan->chip()));
    auto* tabs = new QTabWidget(side);
    auto* overview = new QWidget(tabs);
    auto* overviewLayout = new QVBoxLayout(overview);
    overviewLayout->addWidget(m_summary);
    overviewLayout->addWidget(m_coreDetails);
    overviewLayout->addStretch();
    auto* scroll = new QScrollArea(tabs);
    scroll->setWidget(overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    tabs->addTab(scroll, tr("Mapping"));
    tabs->addTab(m_sources, tr("Sources"));
    sideLayout->addWidget(tabs, 1);
    splitter->addWidget(m_floorplan);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_floorplan, &ChipFloorplanView::coreSelected, this, &LoihiPanel::describeCore);
    m_floorplan->setCoreDescriber([this](int core) { return coreToolTip(core); });
}

void LoihiPanel::setMapping(const core::loihi::MappingProblem& problem, const core::loihi::Mapping& mapping) {
    m_problem = problem;
    m_mapping = mapping;
    m_failure.reset();
    m_report.reset();
    m_chipBox->setRange(0, std::max(0, mapping.chips - 1));
    m_chip = std::min(m_chip, std::max(0, mapping.chips - 1));
    m_liveWindowMs = 0.0;
    m_saveButton->setEnabled(true);
    updateSummary();
    recolour();
    applyHighlight();
}

void LoihiPanel::setMappingFailure(const core::loihi::MappingFailure& failure) {
    m_failure = failure;
    m_mapping.reset();
    m_report.reset();
    m_liveWindowMs = 0.0;
    m_saveButton->setEnabled(false);
    m_floorplan->setCoreValues({}, QString());
    m_floorplan->setLinkTraffic({});
    m_floorplan->setHighlightedCores({});
    m_board->setVisible(false);
    updateSummary();
}

void LoihiPanel::setTrafficReport(const core::loihi::TrafficReport& report) {
    m_report = report;
    m_liveWindowMs = 0.0;
    updateSummary();
    recolour();
}

void LoihiPanel::setLiveTrafficReport(const core::loihi::TrafficReport& report, double windowMs) {
    m_report = report;
    m_liveWindowMs = std::max(windowMs, 1e-9);
    updateSummary();
    recolour();
}

void LoihiPanel::setHeightMode(bool on) {
    if (m_heightBox->isChecked() != on)
        m_heightBox->setChecked(on);
    m_floorplan->setHeightMode(on);
}

void LoihiPanel::highlightPopulation(const QString& name) {
    m_highlightPopulation = name;
    if (m_mapping && !name.isEmpty()) {
        // Show a chip that holds the population if the shown one does not.
        int firstChip = -1;
        bool onShown = false;
        for (const auto& p : m_mapping->partitions)
            if (m_problem.populations[static_cast<std::size_t>(p.population)].name == name.toStdString()) {
                onShown = onShown || p.chip == m_chip;
                if (firstChip < 0)
                    firstChip = p.chip;
            }
        if (firstChip >= 0 && !onShown)
            showChip(firstChip);
    }
    applyHighlight();
}

void LoihiPanel::applyHighlight() {
    std::set<int> cores;
    if (m_mapping && !m_highlightPopulation.isEmpty())
        for (const auto& p : m_mapping->partitions)
            if (p.chip == m_chip && m_problem.populations[static_cast<std::size_t>(p.population)].name ==
                                        m_highlightPopulation.toStdString())
                cores.insert(p.core);
    m_floorplan->setHighlightedCores(cores);
}

bool LoihiPanel::saveReport(const QString& path, QString* error) const {
    if (!m_mapping) {
        if (error)
            *error = tr("No mapping to report: the network is not mapped onto Loihi 2.");
        return false;
    }
    std::ostringstream text;
    const core::loihi::TrafficReport* traffic = m_report ? &*m_report : nullptr;
    if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        core::loihi::writeMappingCsv(text, m_problem, *m_mapping, traffic);
    else
        core::loihi::writeMappingText(text, "network", m_problem, *m_mapping, traffic, 0.0,
                                      m_liveWindowMs > 0 ? "the live window" : "the run");
    std::ofstream out(path.toStdString(), std::ios::binary | std::ios::trunc);
    out << text.str();
    out.close();
    if (!out) {
        if (error)
            *error = tr("Could not write the mapping report to %1").arg(path);
        return false;
    }
    return true;
}

QString LoihiPanel::coreToolTip(int core) const {
    if (!m_mapping || core < 0)
        return tr("Core %1").arg(core);
    const int index = m_mapping->partitionOn(m_chip, core);
    const QString where = tr("Core %1 of chip %2 (column %3, row %4)")
                              .arg(core)
                              .arg(m_chip)
                              .arg(m_floorplan->chip().coreColumn(core))
                              .arg(m_floorplan->chip().coreRow(core));
    if (index < 0)
        return where + tr("\nfree");
    const auto& p = m_mapping->partitions[static_cast<std::size_t>(index)];
    const auto u = core::loihi::utilisationOf(p, m_mapping->limits);
    QString text =
        where +
        tr("\n%1 [%2-%3]: %4 neurons\nSRAM %5 bytes\ntightest limit: %6 at %7%")
            .arg(QString::fromStdString(m_problem.populations[static_cast<std::size_t>(p.population)].name))
            .arg(p.firstNeuron)
            .arg(p.firstNeuron + p.neurons - 1)
            .arg(p.neurons)
            .arg(p.stateBytes + p.synapseBytes)
            .arg(QString::fromStdString(u.limit))
            .arg(100.0 * u.fraction, 0, 'f', 1);
    if (m_report && static_cast<std::size_t>(index) < m_report->perPartition.size()) {
        text += QStringLiteral("\n") +
                activityText(m_report->perPartition[static_cast<std::size_t>(index)], QStringLiteral("\n"));
        if (m_liveWindowMs > 0)
            text += tr(" (last %1 ms)").arg(m_liveWindowMs, 0, 'g', 4);
    }
    return text;
}

void LoihiPanel::setQuantity(Quantity quantity) {
    m_quantity = quantity;
    const int index = m_quantityBox->findData(static_cast<int>(quantity));
    if (index != m_quantityBox->currentIndex())
        m_quantityBox->setCurrentIndex(index);
    recolour();
}

void LoihiPanel::showChip(int chip) {
    if (chip == m_chip && m_chipBox->value() == chip)
        return;
    m_chip = chip;
    if (m_chipBox->value() != chip)
        m_chipBox->setValue(chip);
    m_floorplan->selectCore(-1);
    recolour();
    applyHighlight();
}

double LoihiPanel::valueOf(std::size_t partition) const {
    const core::loihi::Partition& p = m_mapping->partitions[partition];
    const core::loihi::CoreActivity* activity =
        m_report && partition < m_report->perPartition.size() ? &m_report->perPartition[partition] : nullptr;
    switch (m_quantity) {
    case Quantity::Neurons:
        return p.neurons;
    case Quantity::Memory:
        return static_cast<double>(p.stateBytes + p.synapseBytes);
    case Quantity::SynapticOps:
        return activity ? activity->synapticOps : 0.0;
    case Quantity::RoutedMessages:
        return activity ? activity->routedMessages : 0.0;
    case Quantity::Energy:
        return activity ? activity->energyJoules : 0.0;
    }
    return 0.0;
}

std::vector<double> LoihiPanel::shownValues() const {
    std::vector<double> values(static_cast<std::size_t>(m_floorplan->coreCount()), 0.0);
    if (!m_mapping)
        return values;
    for (std::size_t i = 0; i < m_mapping->partitions.size(); ++i) {
        const auto& p = m_mapping->partitions[i];
        if (p.chip == m_chip && p.core < static_cast<int>(values.size()))
            values[static_cast<std::size_t>(p.core)] = valueOf(i);
    }
    return values;
}

void LoihiPanel::recolour() {
    if (!m_mapping)
        return;
    // Mesh traffic of the recorded run on the chip shown.
    std::vector<ChipFloorplanView::LinkLoad> links;
    if (m_report)
        for (const core::loihi::MeshLinkTraffic& l : m_report->meshLinks)
            if (l.chip == m_chip)
                links.push_back({l.fromCore, l.toCore, l.messages});
    m_floorplan->setLinkTraffic(links);
    m_floorplan->setCoreValues(shownValues(),
                               m_quantityBox->currentText() +
                                   (m_mapping->chips > 1 ? tr(" (chip %1)").arg(m_chip) : QString()));
    updateBoard();
}

void LoihiPanel::updateBoard() {
    const bool board = m_mapping && m_mapping->chips > 1;
    m_board->setVisible(board);
    if (!board)
        return;
    const auto& chip = m_floorplan->chip();
    std::vector<BoardStrip::ChipSummary> chips(static_cast<std::size_t>(m_mapping->chips));
    std::vector<int> cores(chips.size(), 0);
    std::vector<double> joules(chips.size(), 0.0);
    for (auto& c : chips)
        c.coreValues.assign(static_cast<std::size_t>(chip.neuroCores), -1.0);
    for (std::size_t i = 0; i < m_mapping->partitions.size(); ++i) {
        const auto& p = m_mapping->partitions[i];
        if (p.chip < 0 || p.chip >= m_mapping->chips || p.core < 0 || p.core >= chip.neuroCores)
            continue;
        const auto c = static_cast<std::size_t>(p.chip);
        chips[c].coreValues[static_cast<std::size_t>(p.core)] = valueOf(i);
        ++cores[c];
        if (m_report && i < m_report->perPartition.size())
            joules[c] += m_report->perPartition[i].energyJoules;
    }
    for (std::size_t c = 0; c < chips.size(); ++c) {
        chips[c].caption = tr("chip %1: %2 cores").arg(c).arg(cores[c]);
        if (m_report)
            chips[c].caption += QStringLiteral(", ") + engineering(joules[c], QStringLiteral("J"));
    }
    const std::string system = core::loihi::smallestSystemFor(chip, m_mapping->chips);
    const QString title = system.empty() ? tr("%1 chips (more than any listed system)").arg(m_mapping->chips)
                                         : tr("%1 chips: fits one %2 (%3 chips); click a chip to show it")
                                               .arg(m_mapping->chips)
                                               .arg(QString::fromStdString(system))
                                               .arg(chip.systems.at(system).value, 0, 'f', 0);
    m_board->setBoard(chip, chips, title);
    m_board->setCurrentChip(m_chip);
}

void LoihiPanel::updateSummary() {
    if (m_failure) {
        m_summary->setText(tr("<b>Does not map onto Loihi 2.</b><br>%1")
                               .arg(QString::fromStdString(m_failure->message).toHtmlEscaped()));
        return;
    }
    if (!m_mapping) {
        m_summary->setText(tr("No network mapped yet."));
        return;
    }
    QString text = tr("<b>%1 cores on %2 chip(s)</b> (%3 partitions of %4 populations).<br>"
                      "Traffic x hops: %5 after placement (%6 before).")
                       .arg(m_mapping->coresUsed())
                       .arg(m_mapping->chips)
                       .arg(m_mapping->partitions.size())
                       .arg(m_problem.populations.size())
                       .arg(m_mapping->trafficHopCost, 0, 'g', 4)
                       .arg(m_mapping->initialTrafficHopCost, 0, 'g', 4);
    if (m_report && m_liveWindowMs > 0)
        text += tr("<br><b>Live</b>: traffic and energy of the last %1 ms of simulated time.")
                    .arg(m_liveWindowMs, 0, 'g', 4);
    if (m_report) {
        text += tr("<br><b>Energy of the recorded run</b> (%1 s simulated): Loihi %2 (%3 average)")
                    .arg(m_report->simulatedSeconds, 0, 'g', 4)
                    .arg(engineering(m_report->loihiJoules, QStringLiteral("J")),
                         engineering(m_report->loihiWatts, QStringLiteral("W")));
        if (m_report->joulesPerInference > 0)
            text +=
                tr(", %1 per inference").arg(engineering(m_report->joulesPerInference, QStringLiteral("J")));
        for (const auto& estimate : m_report->comparisons)
            text += tr("<br>%1: %2 <i>(%3)</i>")
                        .arg(QString::fromStdString(estimate.platform),
                             engineering(estimate.joules, QStringLiteral("J")),
                             QString::fromStdString(estimate.assumptions).toHtmlEscaped());
        text += tr("<br>%1 synaptic operations, %2 spike messages, %3 mesh hops.")
                    .arg(m_report->total.synapticOps, 0, 'g', 4)
                    .arg(m_report->total.messagesOut, 0, 'g', 4)
                    .arg(m_report->total.hopsEastWest + m_report->total.hopsNorthSouth, 0, 'g', 4);
        text += tr("<br><small>Assumptions: %1</small>")
                    .arg(QString::fromStdString([&] {
                             std::string all;
                             for (const auto& a : m_report->assumptions)
                                 all += (all.empty() ? "" : "; ") + a;
                             return all;
                         }())
                             .toHtmlEscaped());
    }
    m_summary->setText(text);
}

void LoihiPanel::describeCore(int core) {
    if (!m_mapping || core < 0) {
        m_coreDetails->setText(tr("Click a core to see what it holds."));
        Q_EMIT coreNeuronsSelected(QString(), 0, 0);
        return;
    }
    const int index = m_mapping->partitionOn(m_chip, core);
    if (index < 0) {
        m_coreDetails->setText(tr("Core %1 of chip %2 is free.").arg(core).arg(m_chip));
        Q_EMIT coreNeuronsSelected(QString(), 0, 0);
        return;
    }
    const auto& p = m_mapping->partitions[static_cast<std::size_t>(index)];
    Q_EMIT coreNeuronsSelected(
        QString::fromStdString(m_problem.populations[static_cast<std::size_t>(p.population)].name),
        p.firstNeuron, p.neurons);
    const auto& limits = m_mapping->limits;
    auto percent = [](double used, double limit) { return limit > 0 ? 100.0 * used / limit : 0.0; };
    QString text =
        tr("<b>Core %1 of chip %2</b>: population <b>%3</b>, neurons %4-%5<br>"
           "neurons %6 / %7 (%8%)<br>SRAM %9 / %10 bytes (%11%)<br>"
           "input axons %12 / %13 (%14%)<br>fan-out edges %15 / %16 (%17%)")
            .arg(core)
            .arg(m_chip)
            .arg(QString::fromStdString(m_problem.populations[static_cast<std::size_t>(p.population)].name))
            .arg(p.firstNeuron)
            .arg(p.firstNeuron + p.neurons - 1)
            .arg(p.neurons)
            .arg(limits.maxNeurons)
            .arg(percent(p.neurons, limits.maxNeurons), 0, 'f', 1)
            .arg(p.stateBytes + p.synapseBytes)
            .arg(limits.sramBytes)
            .arg(percent(static_cast<double>(p.stateBytes + p.synapseBytes),
                         static_cast<double>(limits.sramBytes)),
                 0, 'f', 1)
            .arg(p.inputAxons)
            .arg(limits.maxInputAxons)
            .arg(percent(p.inputAxons, limits.maxInputAxons), 0, 'f', 1)
            .arg(p.fanoutEdges)
            .arg(limits.maxFanoutEdges)
            .arg(percent(p.fanoutEdges, limits.maxFanoutEdges), 0, 'f', 1);
    if (m_report && static_cast<std::size_t>(index) < m_report->perPartition.size()) {
        text += QStringLiteral("<br>") +
                activityText(m_report->perPartition[static_cast<std::size_t>(index)], QStringLiteral(", "));
    }
    m_coreDetails->setText(text);
}

QString LoihiPanel::summaryText() const {
    return m_summary->text();
}

QString LoihiPanel::coreDetailsText() const {
    return m_coreDetails->text();
}

} // namespace pulselab::widgets
