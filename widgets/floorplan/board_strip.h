#pragma once
// The board: when a network spills over several Loihi 2 chips, the chips side by side as on a board, each
// a miniature of its core mesh (used cores filled, coloured by the panel's quantity relative to the busiest
// core of the whole board) with a one-line summary under it. The chip shown on the floorplan is outlined;
// clicking a chip shows it there.
#include "core/loihi/chip_description.h"

#include <QString>
#include <QWidget>

#include <vector>

namespace pulselab::widgets {

class BoardStrip : public QWidget {
    Q_OBJECT
public:
    struct ChipSummary {
        std::vector<double> coreValues; ///< one per neuromorphic core; negative = free core
        QString caption;                ///< e.g. "chip 1: 12 cores, 0.4 mJ"
    };

    explicit BoardStrip(QWidget* parent = nullptr);

    void setBoard(const core::loihi::ChipDescription& chip, const std::vector<ChipSummary>& chips,
                  const QString& title);
    void setCurrentChip(int chip);
    int currentChip() const { return m_current; }
    int chipCount() const { return static_cast<int>(m_chips.size()); }
    QString title() const { return m_title; }
    QString caption(int chip) const;
    /// The chip under a widget position, or -1.
    int chipAt(const QPoint& position) const;
    /// Where chip `chip` is drawn (widget coordinates).
    QRectF chipRect(int chip) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void chipClicked(int chip);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    core::loihi::ChipDescription m_chip;
    std::vector<ChipSummary> m_chips;
    QString m_title;
    int m_current = 0;
};

} // namespace pulselab::widgets
