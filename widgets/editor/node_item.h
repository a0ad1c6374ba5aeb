#pragma once
// One node of the editor canvas: a rounded box with the node's name and model, typed input ports on the left
// and output ports on the right, and a red mark with the messages when validation found a problem.
#include "widgets/editor/editor_graph_model.h"

#include <QGraphicsObject>
#include <optional>

namespace pulselab::widgets {

class NodeItem : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr double kWidth = 190.0;
    static constexpr double kHeaderHeight = 40.0;
    static constexpr double kPortPitch = 22.0;
    static constexpr double kPortRadius = 6.0;

    struct PortRef {
        bool output = false;
        int index = 0;
    };

    explicit NodeItem(const NodeInfo& info);

    const NodeInfo& info() const { return m_info; }
    void setInfo(const NodeInfo& info);
    QString id() const { return m_info.id; }

    QPointF portScenePos(bool output, int index) const;
    /// The port within a few pixels of `scenePos`, if any.
    std::optional<PortRef> portAt(const QPointF& scenePos) const;
    /// Marks a port while a connection is dragged: 1 accepts, -1 refuses, 0 none.
    void setPortHighlight(std::optional<PortRef> port, int verdict);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /// Grid the node snaps to while dragged (0 = free).
    static void setSnapGrid(double grid);

Q_SIGNALS:
    void moved();

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    double height() const;
    NodeInfo m_info;
    std::optional<PortRef> m_highlight;
    int m_verdict = 0;
};

} // namespace pulselab::widgets
