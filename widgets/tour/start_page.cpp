#include "widgets/tour/start_page.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <functional>

namespace pulselab::widgets {

namespace {

constexpr int kCardWidth = 300;
constexpr int kThumbWidth = 280;
constexpr int kThumbHeight = 175;

class ExampleCard : public QFrame {
public:
    ExampleCard(const ExampleEntry& entry, std::function<void()> open, QWidget* parent)
        : QFrame(parent), m_open(std::move(open)) {
        setObjectName(QStringLiteral("exampleCard_") + entry.name);
        setFixedWidth(kCardWidth);
        setFrameShape(QFrame::StyledPanel);
        setCursor(Qt::PointingHandCursor);
        setFocusPolicy(Qt::StrongFocus);
        setToolTip(entry.path);
        setStyleSheet(QStringLiteral("QFrame#%1 { background: palette(base); border: 1px solid "
                                     "#c8c8c8; border-radius: 6px; } QFrame#%1:hover, QFrame#%1:focus { "
                                     "border: 2px solid #3a7bd5; }")
                          .arg(objectName()));
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(10, 10, 10, 10);
        auto* thumb = new QLabel(this);
        thumb->setFixedSize(kThumbWidth, kThumbHeight);
        thumb->setAlignment(Qt::AlignCenter);
        thumb->setStyleSheet(QStringLiteral("background: #f0f0f0; border: none;"));
        const QPixmap pixmap(entry.thumbnail);
        if (!pixmap.isNull())
            thumb->setPixmap(pixmap.scaled(thumb->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        else
            thumb->setText(tr("(no preview)"));
        layout->addWidget(thumb);
        auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(entry.title.toHtmlEscaped()), this);
        title->setWordWrap(true);
        title->setStyleSheet(QStringLiteral("border: none; font-size: 11pt;"));
        layout->addWidget(title);
        auto* summary = new QLabel(entry.summary, this);
        summary->setWordWrap(true);
        summary->setStyleSheet(QStringLiteral("border: none; color: #444;"));
        layout->addWidget(summary, 1);
        if (!entry.tourPath.isEmpty()) {
            auto* badge = new QLabel(tr("\u25B6 guided tour"), this);
            badge->setStyleSheet(QStringLiteral("border: none; color: #2a6a2a;"));
            layout->addWidget(badge);
        }
        for (QLabel* label : findChildren<QLabel*>())
            label->setAttribute(Qt::WA_TransparentForMouseEvents);
    }

protected:
    void mouseReleaseEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
            m_open();
    }
    void keyPressEvent(QKeyEvent* event) override {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space)
            m_open();
        else
            QFrame::keyPressEvent(event);
    }

private:
    std::function<void()> m_open;
};

} // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setAutoFillBackground(true);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* host = new QWidget(scroll);
    auto* layout = new QVBoxLayout(host);
    layout->setContentsMargins(24, 20, 24, 20);
    auto* heading = new QLabel(tr("<h2>Welcome to PulseLab</h2>Spiking networks, Bayesian inference and "
                                  "predictive coding you can watch. Pick a demo: each opens with a short "
                                  "guided tour (Help &gt; Tour brings it back)."),
                               host);
    heading->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(heading, 1);
    auto* close = new QPushButton(tr("Start with an empty network"), host);
    close->setObjectName(QStringLiteral("startPageClose"));
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    top->addWidget(close, 0, Qt::AlignTop);
    layout->addLayout(top);
    m_grid = new QGridLayout;
    m_grid->setSpacing(16);
    layout->addLayout(m_grid);
    layout->addStretch(1);
    scroll->setWidget(host);
    outer->addWidget(scroll);
}

void StartPage::setExamples(const std::vector<ExampleEntry>& examples) {
    m_examples = examples;
    qDeleteAll(m_cards);
    m_cards.clear();
    for (const ExampleEntry& e : m_examples) {
        const QString path = e.path;
        m_cards << new ExampleCard(
            e, [this, path] { Q_EMIT exampleChosen(path); }, this);
    }
    m_columns = 0;
    relayout();
}

QWidget* StartPage::card(const QString& name) const {
    for (QWidget* c : m_cards)
        if (c->objectName() == QStringLiteral("exampleCard_") + name)
            return c;
    return nullptr;
}

void StartPage::overlay(QWidget* host) {
    setParent(host);
    host->installEventFilter(this);
    setGeometry(host->rect());
    raise();
    show();
}

bool StartPage::eventFilter(QObject* watched, QEvent* event) {
    // Follow the host's size and stay above its own children (a view's scroll bars are created later).
    if (watched == parent() && (event->type() == QEvent::Resize || event->type() == QEvent::ChildAdded)) {
        setGeometry(parentWidget()->rect());
        raise();
    }
    return QWidget::eventFilter(watched, event);
}

void StartPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void StartPage::relayout() {
    const int columns = std::max(1, (width() - 48) / (kCardWidth + 16));
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* c : std::as_const(m_cards))
        m_grid->removeWidget(c);
    for (int i = 0; i < m_cards.size(); ++i)
        m_grid->addWidget(m_cards[i], i / columns, i % columns, Qt::AlignTop | Qt::AlignLeft);
    m_grid->setColumnStretch(columns, 1);
}

} // namespace pulselab::widgets
