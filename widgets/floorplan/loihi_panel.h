#pragma once
// The Loihi 2 dock: the 3-D floorplan plus what it shows. Colour the cores by neurons, memory use, synaptic
// operations, routed spike messages or energy; pick a chip when the network spans several; click a core to
// see which neurons it holds and how close it is to each per-core limit (hover for a core's numbers); raise
// the tiles by the chosen quantity in 3-D; read the energy of the recorded run next to CPU and GPU estimates,
// with every figure's source and confidence; see the chips side by side when the network spills over several;
// save the mapping report as CSV or text.
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/traffic_accounting.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace pulselab::widgets {

class BoardStrip;
class ChipFloorplanView;

class LoihiPanel : public QWidget {
    Q_OBJECT
public:
    enum class Quantity { Neurons, Memory, SynapticOps, RoutedMessages, Energy };

    explicit LoihiPanel(QWidget* parent = nullptr);

    ChipFloorplanView* floorplan() const { return m_floorplan; }

    void setMapping(const core::loihi::MappingProblem& problem, const core::loihi::Mapping& mapping);
    /// Shows why the network does not map (and clears the floorplan colouring).
    void setMappingFailure(const core::loihi::MappingFailure& failure);
    void setTrafficReport(const core::loihi::TrafficReport& report);
    /// Traffic of the last `windowMs` of a running simulation: recolours like setTrafficReport and says in
    /// the summary that it is a live window (setTrafficReport with the whole run ends it).
    void setLiveTrafficReport(const core::loihi::TrafficReport& report, double windowMs);
    bool showingLiveTraffic() const { return m_liveWindowMs > 0.0; }

    /// Tiles raised by the chosen quantity in a tilted view (the "3-D heights" box).
    void setHeightMode(bool on);
    /// Outlines the cores that hold population `name` (empty: none), switching to a chip that holds it.
    void highlightPopulation(const QString& name);
    /// The mapping report: CSV when `path` ends in .csv, else aligned text; false with `error` if unwritten.
    bool saveReport(const QString& path, QString* error) const;
    /// The tooltip over core `core` of the shown chip: partition, neurons, SRAM, activity and energy.
    QString coreToolTip(int core) const;
    BoardStrip* board() const { return m_board; }

    void setQuantity(Quantity quantity);
    void showChip(int chip);
    int shownChip() const { return m_chip; }
    /// The values the cores of the shown chip are coloured by (0 for free cores).
    std::vector<double> shownValues() const;
    QString summaryText() const;
    QString coreDetailsText() const;

Q_SIGNALS:
    /// A click on a core that holds neurons: population `population`, neurons [first, first + count) of it.
    /// Emitted with an empty population when the selection is cleared or lands on a free core.
    void coreNeuronsSelected(const QString& population, quint32 first, quint32 count);

private:
    void recolour();
    void describeCore(int core);
    void updateSummary();
    void updateBoard();
    void applyHighlight();
    double valueOf(std::size_t partition) const;

    ChipFloorplanView* m_floorplan = nullptr;
    QComboBox* m_quantityBox = nullptr;
    QSpinBox* m_chipBox = nullptr;
    QCheckBox* m_heightBox = nullptr;
    QPushButton* m_saveButton = nullptr;
    BoardStrip* m_board = nullptr;
    QString m_highlightPopulation;
    double m_liveWindowMs = 0.0;
    QLabel* m_summary = nullptr;
    QLabel* m_coreDetails = nullptr;
    QTextBrowser* m_sources = nullptr;
    core::loihi::MappingProblem m_problem;
    std::optional<core::loihi::Mapping> m_mapping;
    std::optional<core::loihi::TrafficReport> m_report;
    std::optional<core::loihi::MappingFailure> m_failure;
    Quantity m_quantity = Quantity::Neurons;
    int m_chip = 0;
};

} // namespace pulselab::widgets
