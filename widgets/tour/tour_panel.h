#pragma once
// The tour panel: one step of a Markdown tour at a time with Back / Next and "Step n of m". Clicking a
// pulselab: link emits actionRequested (the main window runs, pauses, shows a dock, sets a parameter or
// pins a slider); other links open in the system browser.
#include "widgets/tour/tour_document.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace pulselab::widgets {

class TourPanel : public QWidget {
    Q_OBJECT
public:
    explicit TourPanel(QWidget* parent = nullptr);

    /// Shows `tour` from its first step; `name` titles it when the Markdown has no "# " title.
    void setTour(const TourDocument& tour, const QString& name);
    void clear();
    bool hasTour() const { return !m_tour.steps().empty(); }
    const TourDocument& tour() const { return m_tour; }

    int currentStep() const { return m_step; }
    int stepCount() const { return static_cast<int>(m_tour.steps().size()); }
    void showStep(int index);
    void next() { showStep(m_step + 1); }
    void back() { showStep(m_step - 1); }
    QString counterText() const;
    QTextBrowser* browser() const { return m_browser; }
    QString stepTitle() const;

    /// Acts on a link as a click would (tests; the browser's anchorClicked lands here).
    void activateLink(const QUrl& url);

Q_SIGNALS:
    void actionRequested(const pulselab::widgets::TourAction& action);
    /// A pulselab: link that does not parse; the message names the link and what is wrong.
    void linkRefused(const QString& message);

private:
    void updateButtons();

    TourDocument m_tour;
    int m_step = 0;
    QLabel* m_title = nullptr;
    QLabel* m_stepTitle = nullptr;
    QLabel* m_counter = nullptr;
    QTextBrowser* m_browser = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace pulselab::widgets

Q_DECLARE_METATYPE(pulselab::widgets::TourAction)
