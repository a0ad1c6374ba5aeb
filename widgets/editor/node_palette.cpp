#include "widgets/editor/node_palette.h"

#include "widgets/editor/editor_graph_model.h"
#include "widgets/editor/editor_view.h"

#include <QDrag>
#include <QHeaderView>
#include <QLineEdit>
#include <QMap>
#include <QMimeData>
#include <QMouseEvent>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pulselab::widgets {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;

/// A tree whose leaf items drag out as node types.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.isEmpty() || items.front()->data(0, kTypeRole).toString().isEmpty())
            return nullptr;
        auto* mime = new QMimeData;
        mime->setData(QString::fromLatin1(EditorView::kNodeTypeMime),
                      items.front()->data(0, kTypeRole).toString().toUtf8());
        return mime;
    }
    QStringList mimeTypes() const override { return {QString::fromLatin1(EditorView::kNodeTypeMime)}; }
};

QString groupTitle(const QString& kind) {
    if (kind == QLatin1String("population"))
        return QObject::tr("Neuron populations");
    if (kind == QLatin1String("input"))
        return QObject::tr("Inputs");
    if (kind == QLatin1String("probe"))
        return QObject::tr("Probes and readouts");
    if (kind == QLatin1String("current"))
        return QObject::tr("Currents");
    if (kind == QLatin1String("pc-layer"))
        return QObject::tr("Predictive coding");
    return kind;
}

} // namespace

NodePalette::NodePalette(EditorGraphModel* model, QWidget* parent) : QWidget(parent), m_model(model) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search node types"));
    m_search->setClearButtonEnabled(true);
    m_tree = new PaletteTree(this);
    m_tree->setHeaderHidden(true);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);

    QMap<QString, QTreeWidgetItem*> groups;
    for (const QString& type : m_model->creatableTypes()) {
        const QString kind = type.section(QLatin1Char('/'), 0, 0);
        QTreeWidgetItem*& group = groups[kind];
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {groupTitle(kind)});
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, {type.section(QLatin1Char('/'), 1)});
        item->setData(0, kTypeRole, type);
        item->setToolTip(0, tr("Drag onto the canvas, or double-click to add"));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    connect(m_search, &QLineEdit::textChanged, this, &NodePalette::setFilter);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString type = item->data(0, kTypeRole).toString();
        if (!type.isEmpty())
            Q_EMIT typeActivated(type);
    });
}

void NodePalette::setFilter(const QString& text) {
    if (m_search->text() != text)
        m_search->setText(text);
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match =
                text.isEmpty() || item->data(0, kTypeRole).toString().contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

QStringList NodePalette::visibleTypes() const {
    QStringList types;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (!group->child(i)->isHidden())
                types << group->child(i)->data(0, kTypeRole).toString();
        }
    }
    return types;
}

} // namespace pulselab::widgets
