// The start page: the example folder becomes cards with the project's title, the first sentence of its
// description, a bundled thumbnail when there is one and a tour badge; clicking a card asks to open it.
#include "widgets/tour/start_page.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pulselab::widgets;

class TestStartPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstSentenceIsOneLine() {
        QCOMPARE(firstSentence(QStringLiteral("A single neuron. Raise the current.")),
                 QStringLiteral("A single neuron."));
        QCOMPARE(firstSentence(QStringLiteral("Explicit error populations (Ororbia): 8 x 8 bars")),
                 QStringLiteral("Explicit error populations (Ororbia)"));
        const QString longText(300, QLatin1Char('x'));
        QCOMPARE(firstSentence(longText, 50).size(), 50);
    }

    void listsTheExamplesInTheGivenOrder() {
        const auto entries = listExamples(QStringLiteral(PULSELAB_SOURCE_DIR "/examples"),
                                          {QStringLiteral("single-neuron"), QStringLiteral("default")});
        QVERIFY(entries.size() >= 5);
        QCOMPARE(entries[0].name, QStringLiteral("single-neuron"));
        QCOMPARE(entries[1].name, QStringLiteral("default"));
        QCOMPARE(entries[0].title, QStringLiteral("One LIF neuron: f-I curve and refractoriness"));
        QCOMPARE(entries[0].summary,
                 QStringLiteral("A single current-based LIF neuron driven by a step current."));
        QVERIFY(entries[0].tourPath.endsWith(QStringLiteral("single-neuron.tour.md")));
        for (const auto& e : entries)
            QVERIFY2(e.loadable, qPrintable(e.summary));
    }

    void unreadableProjectsShowTheirError() {
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("broken.pulselab")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        const auto entries = listExamples(dir.path());
        QCOMPARE(entries.size(), std::size_t{1});
        QVERIFY(!entries[0].loadable);
        QVERIFY2(entries[0].summary.contains(QStringLiteral("broken.pulselab")),
                 qPrintable(entries[0].summary));
        QVERIFY(entries[0].thumbnail.isEmpty());
    }

    void clickingACardAsksToOpenIt() {
        StartPage page;
        page.resize(1000, 700);
        page.setExamples(listExamples(QStringLiteral(PULSELAB_SOURCE_DIR "/examples")));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy chosen(&page, &StartPage::exampleChosen);
        QWidget* card = page.card(QStringLiteral("bayesian-neuron"));
        QVERIFY(card);
        bool hasTitle = false;
        for (QLabel* label : card->findChildren<QLabel*>())
            hasTitle = hasTitle || label->text().contains(QStringLiteral("Bayesian neuron"));
        QVERIFY(hasTitle);
        QTest::mouseClick(card, Qt::LeftButton, {}, card->rect().center());
        QCOMPARE(chosen.count(), 1);
        QVERIFY(chosen[0][0].toString().endsWith(QStringLiteral("examples/bayesian-neuron.pulselab")));
        card->setFocus();
        QTest::keyClick(card, Qt::Key_Return);
        QCOMPARE(chosen.count(), 2);
    }
};

QTEST_MAIN(TestStartPage)
#include "tst_start_page.moc"
