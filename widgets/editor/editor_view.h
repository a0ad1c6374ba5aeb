#pragma once
// The editor's viewport: zoom with the wheel (around the cursor), pan with the middle button or Space+drag,
// fit all (F), a minimap in the corner, rubber-band selection, drops from the palette, and a quick-add box
// (Tab, or typing on an empty canvas) that creates a node by name where the cursor is. The usual shortcuts:
// Delete, Ctrl+C/V/D, Ctrl+Z/Shift+Ctrl+Z, Ctrl+A, F2 or double-click to rename, L for automatic layout,
// Ctrl+G / Ctrl+Shift+G to group / ungroup, E or double-click to expand or collapse a predictive-coding
// layer.
#include <QGraphicsView>

class QLineEdit;

namespace pulselab::widgets {

class EditorScene;
class EditorMinimap;

class EditorView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr const char* kNodeTypeMime = "application/x-pulselab-node-type";

    explicit EditorView(EditorScene* scene, QWidget* parent = nullptr);

    EditorScene* editorScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    void zoomBy(double factor, const QPointF& anchorViewPos);
    void fitAll();
    /// Opens the quick-add box at the cursor (or the view centre).
    void openQuickAdd(const QString& initialText = QString());
    QLineEdit* quickAddBox() const { return m_quickAdd; }
    EditorMinimap* minimap() const { return m_minimap; }
    /// Asks for a new name for the selected node (F2 or double-click).
    void renameSelected();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    /// Tab opens the quick-add box (as in common node editors) instead of moving focus.
    bool focusNextPrevChild(bool) override { return false; }
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createFromQuickAdd();
    QPointF cursorScenePos() const;

    EditorScene* m_scene;
    EditorMinimap* m_minimap = nullptr;
    QLineEdit* m_quickAdd = nullptr;
    QPointF m_quickAddScenePos;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QPoint m_panLast;
};

/// A small overview of the whole network with the visible area outlined; click or drag to move there.
class EditorMinimap : public QGraphicsView {
    Q_OBJECT
public:
    EditorMinimap(EditorView* editor, QWidget* parent);
    void refresh();

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    EditorView* m_editor;
};

} // namespace pulselab::widgets
