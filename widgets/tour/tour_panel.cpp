#include "widgets/tour/tour_panel.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace pulselab::widgets {

TourPanel::TourPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setStyleSheet(QStringLiteral("color: #555;"));
    layout->addWidget(m_title);
    m_stepTitle = new QLabel(this);
    m_stepTitle->setObjectName(QStringLiteral("tourStepTitle"));
    m_stepTitle->setWordWrap(true);
    QFont large = bold;
    large.setPointSizeF(bold.pointSizeF() * 1.25);
    m_stepTitle->setFont(large);
    layout->addWidget(m_stepTitle);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("tourText"));
    m_browser->setOpenLinks(false); // every link comes to activateLink
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &TourPanel::activateLink);
    layout->addWidget(m_browser, 1);
    auto* buttons = new QHBoxLayout;
    m_back = new QPushButton(tr("< Back"), this);
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_counter = new QLabel(this);
    m_counter->setAlignment(Qt::AlignCenter);
    m_next = new QPushButton(tr("Next >"), this);
    m_next->setObjectName(QStringLiteral("tourNext"));
    buttons->addWidget(m_back);
    buttons->addWidget(m_counter, 1);
    buttons->addWidget(m_next);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &TourPanel::back);
    connect(m_next, &QPushButton::clicked, this, &TourPanel::next);
    clear();
}

void TourPanel::setTour(const TourDocument& tour, const QString& name) {
    m_tour = tour;
    m_title->setText(tour.title().isEmpty() ? name : tour.title());
    m_step = 0;
    showStep(0);
}

void TourPanel::clear() {
    m_tour = TourDocument();
    m_step = 0;
    m_title->setText(tr("No tour"));
    m_stepTitle->clear();
    m_browser->setMarkdown(tr("This project has no guided tour. Open one of the examples (File > Open "
                              "Example) to follow its tour."));
    updateButtons();
}

void TourPanel::showStep(int index) {
    if (!hasTour())
        return;
    m_step = std::clamp(index, 0, stepCount() - 1);
    const TourStep& step = m_tour.steps()[static_cast<std::size_t>(m_step)];
    // The step's heading goes above the text in the panel's own font: Markdown headings are too large for a
    // narrow dock.
    QString body = step.markdown;
    if (body.startsWith(QLatin1Char('#'))) {
        const qsizetype end = body.indexOf(QLatin1Char('\n'));
        body = end < 0 ? QString() : body.mid(end + 1).trimmed();
    }
    m_stepTitle->setText(step.title);
    m_browser->setMarkdown(body);
    updateButtons();
}

QString TourPanel::stepTitle() const {
    return m_stepTitle->text();
}

QString TourPanel::counterText() const {
    return hasTour() ? tr("Step %1 of %2").arg(m_step + 1).arg(stepCount()) : QString();
}

void TourPanel::updateButtons() {
    m_counter->setText(counterText());
    m_back->setEnabled(hasTour() && m_step > 0);
    m_next->setEnabled(hasTour() && m_step + 1 < stepCount());
}

void TourPanel::activateLink(const QUrl& url) {
    if (url.scheme() != QLatin1String("pulselab")) {
        if (url.isValid() && !url.isRelative())
            QDesktopServices::openUrl(url);
        return;
    }
    QString reason;
    if (const auto action = TourAction::fromUrl(url, &reason))
        Q_EMIT actionRequested(*action);
    else
        Q_EMIT linkRefused(reason);
}

} // namespace pulselab::widgets
