#pragma once
// A group on the editor canvas: a named frame drawn behind its nodes, fitted around them whenever they move.
// Dragging the frame (its title bar or border) moves every node in it; the scene does the dragging.
#include "widgets/editor/editor_graph_model.h"

#include <QGraphicsObject>

namespace pulselab::widgets {

class NodeItem;

class GroupItem : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr double kMargin = 18.0;
    static constexpr double kTitleHeight = 24.0;

    explicit GroupItem(const GroupInfo& info);

    const GroupInfo& info() const { return m_info; }
    QString name() const { return m_info.name; }
    /// Fits the frame around `members` (the scene's items for info().nodes).
    void fitAround(const QList<NodeItem*>& members);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GroupInfo m_info;
    QRectF m_frame;
};

} // namespace pulselab::widgets
