#pragma once
// The palette of node types the model can create, grouped by kind, with a search box. Drag a type onto the
// canvas, or double-click it to add it in the middle of the view.
#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace pulselab::widgets {

class EditorGraphModel;

class NodePalette : public QWidget {
    Q_OBJECT
public:
    explicit NodePalette(EditorGraphModel* model, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    void setFilter(const QString& text);
    /// Types currently shown (after filtering), as "kind/model".
    QStringList visibleTypes() const;

Q_SIGNALS:
    void typeActivated(const QString& type);

private:
    EditorGraphModel* m_model;
    QLineEdit* m_search = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace pulselab::widgets
