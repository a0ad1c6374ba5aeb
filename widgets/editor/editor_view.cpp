#include "widgets/editor/editor_view.h"

#include "widgets/editor/editor_scene.h"

#include <QCompleter>
#include <QGraphicsItem>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QUndoStack>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace pulselab::widgets {

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr int kMinimapWidth = 180;
constexpr int kMinimapHeight = 120;
} // namespace

EditorView::EditorView(EditorScene* scene, QWidget* parent) : QGraphicsView(scene, parent), m_scene(scene) {
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);

    m_minimap = new EditorMinimap(this, this);
    m_quickAdd = new QLineEdit(this);
    m_quickAdd->setObjectName(QStringLiteral("quickAdd"));
    m_quickAdd->setPlaceholderText(tr("Add node: type a model name"));
    m_quickAdd->setMinimumWidth(240);
    m_quickAdd->hide();
    auto* completer = new QCompleter(scene->model()->creatableTypes(), m_quickAdd);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_quickAdd->setCompleter(completer);
    connect(m_quickAdd, &QLineEdit::returnPressed, this, &EditorView::createFromQuickAdd);
    connect(m_quickAdd, &QLineEdit::editingFinished, m_quickAdd, [this] {
        if (!m_quickAdd->hasFocus())
            m_quickAdd->hide();
    });
    connect(scene, &QGraphicsScene::changed, m_minimap, &EditorMinimap::refresh);
}

QPointF EditorView::cursorScenePos() const {
    const QPoint local = mapFromGlobal(QCursor::pos());
    return mapToScene(rect().contains(local) ? local : rect().center());
}

void EditorView::zoomBy(double factor, const QPointF& anchorViewPos) {
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    factor = target / zoom();
    const QPointF before = mapToScene(anchorViewPos.toPoint());
    scale(factor, factor);
    const QPointF after = mapToScene(anchorViewPos.toPoint());
    const QPointF shift = (after - before) * zoom();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() -
                                    static_cast<int>(std::lround(shift.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - static_cast<int>(std::lround(shift.y())));
    m_minimap->refresh();
}

void EditorView::fitAll() {
    QRectF bounds = m_scene->itemsBoundingRect();
    if (bounds.isEmpty())
        bounds = QRectF(-200, -150, 400, 300);
    fitInView(bounds.adjusted(-40, -40, 40, 40), Qt::KeepAspectRatio);
    if (zoom() > 1.5) {
        const double f = 1.5 / zoom();
        scale(f, f);
        centerOn(bounds.center());
    }
    m_minimap->refresh();
}

void EditorView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    zoomBy(std::pow(1.15, steps), event->position());
    event->accept();
}

void EditorView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->pos();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void EditorView::mouseMoveEvent(QMouseEvent* event) {
    if (m_panning) {
        const QPoint d = event->pos() - m_panLast;
        m_panLast = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void EditorView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void EditorView::keyPressEvent(QKeyEvent* event) {
    QUndoStack* undo = m_scene->model()->undoStack();
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        m_scene->deleteSelection();
    } else if (event->matches(QKeySequence::Copy)) {
        m_scene->copySelection();
    } else if (event->matches(QKeySequence::Paste)) {
        m_scene->pasteAt(cursorScenePos());
    } else if (event->key() == Qt::Key_D && event->modifiers() == Qt::ControlModifier) {
        m_scene->duplicateSelection();
    } else if (event->matches(QKeySequence::Undo)) {
        undo->undo();
    } else if (event->matches(QKeySequence::Redo)) {
        undo->redo();
    } else if (event->matches(QKeySequence::SelectAll)) {
        for (QGraphicsItem* item : m_scene->items())
            item->setSelected(item->flags() & QGraphicsItem::ItemIsSelectable);
    } else if (event->key() == Qt::Key_G && event->modifiers() == Qt::ControlModifier) {
        m_scene->groupSelection();
    } else if (event->key() == Qt::Key_G && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)) {
        m_scene->ungroupSelection();
    } else if (event->key() == Qt::Key_E && event->modifiers() == Qt::NoModifier &&
               m_scene->toggleExpandedSelection()) {
        // expanded or collapsed the selected predictive-coding layers
    } else if (event->key() == Qt::Key_F2 && m_scene->selectedNodeIds().size() == 1) {
        renameSelected();
    } else if (event->key() == Qt::Key_F && event->modifiers() == Qt::NoModifier) {
        fitAll();
    } else if (event->key() == Qt::Key_L && event->modifiers() == Qt::NoModifier) {
        m_scene->autoLayout();
        fitAll();
    } else if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        zoomBy(1.25, viewport()->rect().center());
    } else if (event->key() == Qt::Key_Minus) {
        zoomBy(0.8, viewport()->rect().center());
    } else if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
    } else if (event->key() == Qt::Key_Tab) {
        openQuickAdd();
    } else if (event->modifiers() == Qt::NoModifier && !event->text().isEmpty() &&
               event->text().at(0).isLetter()) {
        openQuickAdd(event->text());
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void EditorView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat())
        m_spaceHeld = false;
    QGraphicsView::keyReleaseEvent(event);
}

void EditorView::renameSelected() {
    const QStringList selected = m_scene->selectedNodeIds();
    if (selected.size() != 1)
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename"), tr("New name for %1").arg(selected.front()),
                              QLineEdit::Normal, selected.front(), &ok);
    if (!ok || name == selected.front())
        return;
    QString reason;
    if (m_scene->model()->renameNode(selected.front(), name.trimmed(), &reason))
        m_scene->selectNodes({name.trimmed()});
    else
        Q_EMIT m_scene->statusMessage(reason);
}

void EditorView::mouseDoubleClickEvent(QMouseEvent* event) {
    QGraphicsView::mouseDoubleClickEvent(event);
    if (m_scene->selectedNodeIds().size() != 1)
        return;
    // A compound node (a predictive-coding layer or one of its units) expands or collapses; others rename.
    if (!m_scene->toggleExpandedSelection())
        renameSelected();
}

void EditorView::openQuickAdd(const QString& initialText) {
    m_quickAddScenePos = cursorScenePos();
    QPoint at = mapFromScene(m_quickAddScenePos);
    at.setX(std::clamp(at.x(), 0, std::max(0, width() - m_quickAdd->minimumWidth())));
    at.setY(std::clamp(at.y(), 0, std::max(0, height() - 30)));
    m_quickAdd->move(at);
    m_quickAdd->setText(initialText);
    m_quickAdd->show();
    m_quickAdd->raise();
    m_quickAdd->setFocus();
    if (!initialText.isEmpty())
        m_quickAdd->completer()->complete();
}

void EditorView::createFromQuickAdd() {
    const QString text = m_quickAdd->text().trimmed();
    m_quickAdd->hide();
    setFocus();
    if (text.isEmpty())
        return;
    const QStringList types = m_scene->model()->creatableTypes();
    // Accept "kind/model", or just the model name when it is unambiguous.
    QString chosen;
    for (const QString& type : types) {
        if (type.compare(text, Qt::CaseInsensitive) == 0 ||
            type.section(QLatin1Char('/'), 1).compare(text, Qt::CaseInsensitive) == 0) {
            chosen = type;
            break;
        }
    }
    if (chosen.isEmpty()) {
        const QStringList matches = types.filter(text, Qt::CaseInsensitive);
        if (matches.size() == 1)
            chosen = matches.front();
    }
    if (chosen.isEmpty()) {
        Q_EMIT m_scene->statusMessage(tr("No node type matches '%1'").arg(text));
        return;
    }
    const QString id = m_scene->model()->createNode(chosen, m_quickAddScenePos);
    if (id.isEmpty())
        Q_EMIT m_scene->statusMessage(m_scene->model()->whyCannotCreate(chosen));
    else
        m_scene->selectNodes({id});
}

void EditorView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    m_minimap->setGeometry(width() - kMinimapWidth - 12, height() - kMinimapHeight - 12, kMinimapWidth,
                           kMinimapHeight);
    m_minimap->refresh();
}

void EditorView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->viewport()->update();
}

void EditorView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kNodeTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void EditorView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kNodeTypeMime)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void EditorView::dropEvent(QDropEvent* event) {
    const QByteArray type = event->mimeData()->data(QString::fromLatin1(kNodeTypeMime));
    if (type.isEmpty()) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const QString typeName = QString::fromUtf8(type);
    const QString why = m_scene->model()->whyCannotCreate(typeName);
    const QString id = m_scene->model()->createNode(typeName, mapToScene(event->position().toPoint()));
    if (id.isEmpty())
        Q_EMIT m_scene->statusMessage(why);
    else
        m_scene->selectNodes({id});
    event->acceptProposedAction();
}

EditorMinimap::EditorMinimap(EditorView* editor, QWidget* parent)
    : QGraphicsView(editor->scene(), parent), m_editor(editor) {
    setObjectName(QStringLiteral("editorMinimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setRenderHint(QPainter::Antialiasing);
    setStyleSheet(QStringLiteral("background: rgba(255,255,255,200);"));
}

void EditorMinimap::refresh() {
    QRectF bounds = scene()->itemsBoundingRect();
    const QRectF visible = m_editor->mapToScene(m_editor->viewport()->rect()).boundingRect();
    bounds = bounds.isEmpty() ? visible : bounds.united(visible);
    fitInView(bounds.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    viewport()->update();
}

void EditorMinimap::drawForeground(QPainter* painter, const QRectF&) {
    const QRectF visible = m_editor->mapToScene(m_editor->viewport()->rect()).boundingRect();
    painter->setPen(QPen(QColor(0, 114, 178), 0));
    painter->setBrush(QColor(0, 114, 178, 40));
    painter->drawRect(visible);
}

void EditorMinimap::mousePressEvent(QMouseEvent* event) {
    m_editor->centerOn(mapToScene(event->pos()));
    viewport()->update();
}

void EditorMinimap::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) {
        m_editor->centerOn(mapToScene(event->pos()));
        viewport()->update();
    }
}

} // namespace pulselab::widgets
