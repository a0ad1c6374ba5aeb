#pragma once
// The Loihi 2 dock: the 3-D floorplan plus what it shows. Colour the cores by neurons, memory use, synaptic
// operations, routed spike messages or energy; pick a chip when the network spans several; click a core to
// see which neurons it holds and how close it is to each per-core limit; read the energy of the recorded run
// next to CPU and GPU estimates, with every figure's source and confidence.
#include "core/loihi/loihi_mapper.h"
#include "core/loihi/traffic_accounting.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;
class QTextBrowser;

namespace pulselab::widgets {

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

    void setQuantity(Quantity quantity);
    void showChip(int chip);
    int shownChip() const { return m_chip; }
    /// The values the cores of the shown chip are coloured by (0 for free cores).
    std::vector<double> shownValues() const;
    QString summaryText() const;
    QString coreDetailsText() const;

private:
    void recolour();
    void describeCore(int core);
    void updateSummary();
    double valueOf(std::size_t partition) const;

    ChipFloorplanView* m_floorplan = nullptr;
    QComboBox* m_quantityBox = nullptr;
    QSpinBox* m_chipBox = nullptr;
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
