#pragma once
// An edge of the editor canvas (a projection): a cubic curve from an output port to an input port with an
// arrow head, dashed red when validation found a problem with it.
#include "widgets/editor/editor_graph_model.h"

#include <QGraphicsPathItem>

namespace pulselab::widgets {

class ConnectionItem : public QGraphicsPathItem {
public:
    explicit ConnectionItem(const ConnectionInfo& info);

    const ConnectionInfo& info() const { return m_info; }
    void setInfo(const ConnectionInfo& info);
    void setEnds(const QPointF& from, const QPointF& to);

    /// The curve the editor draws between two points (also used for the connection being dragged).
    static QPainterPath curve(const QPointF& from, const QPointF& to);

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    QPainterPath shape() const override;

private:
    ConnectionInfo m_info;
    QPointF m_to;
    static constexpr double kArrowInset = 7.0;
};

} // namespace pulselab::widgets
