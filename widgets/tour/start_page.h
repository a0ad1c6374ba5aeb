#pragma once
// The start page: the example demos as cards (thumbnail, title, one line of what it shows, "guided tour"
// when it has one); clicking a card (or Enter on it) asks to open that example.
#include "widgets/tour/example_catalog.h"

#include <QWidget>

class QGridLayout;

namespace pulselab::widgets {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    void setExamples(const std::vector<ExampleEntry>& examples);
    const std::vector<ExampleEntry>& examples() const { return m_examples; }
    /// The card of example `name` (tests click it).
    QWidget* card(const QString& name) const;
    /// Shows the page over `host` (e.g. the main window's central view), following its size.
    void overlay(QWidget* host);

Q_SIGNALS:
    void exampleChosen(const QString& path);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relayout();

    std::vector<ExampleEntry> m_examples;
    QList<QWidget*> m_cards;
    QGridLayout* m_grid = nullptr;
    int m_columns = 0;
};

} // namespace pulselab::widgets
