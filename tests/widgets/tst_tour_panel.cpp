// The tour panel and its Markdown: steps split at "---" and "## " headings, Back/Next and the step counter,
// pulselab: links parsed into actions (bad ones refused with the link named), and the example tours: every
// one has 3-6 steps and only well-formed action links.
#include "widgets/tour/tour_panel.h"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

using namespace pulselab::widgets;

class TestTourPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsStepsAtRulesAndHeadings() {
        const TourDocument tour = TourDocument::fromMarkdown(QStringLiteral(
            "# The title\n\n## First\nLook here.\n\n---\n\nNo heading, [run](pulselab:run).\n"
            "## Third\nSet [it](pulselab:set?target=neuron&param=v_th_mv&value=-45).\n---\n\n"));
        QCOMPARE(tour.title(), QStringLiteral("The title"));
        QCOMPARE(tour.steps().size(), std::size_t{3});
        QCOMPARE(tour.steps()[0].title, QStringLiteral("First"));
        QCOMPARE(tour.steps()[1].title, QStringLiteral("Step 2"));
        QCOMPARE(tour.steps()[2].title, QStringLiteral("Third"));
        QVERIFY(tour.steps()[1].markdown.contains(QStringLiteral("No heading")));
        const auto links = tour.actionLinks();
        QCOMPARE(links.size(), std::size_t{2});
        QCOMPARE(links[0].step, 1);
        QCOMPARE(links[1].step, 2);
        QCOMPARE(links[1].url.toString(),
                 QStringLiteral("pulselab:set?target=neuron&param=v_th_mv&value=-45"));
    }

    void parsesEveryKindOfAction() {
        QString reason;
        auto set = TourAction::fromUrl(
            QUrl(QStringLiteral("pulselab:set?target=drive&param=amplitude&value=2.5")), &reason);
        QVERIFY2(set, qPrintable(reason));
        QCOMPARE(set->kind, TourAction::Kind::SetParameter);
        QCOMPARE(set->target, QStringLiteral("drive"));
        QCOMPARE(set->parameter, QStringLiteral("amplitude"));
        QCOMPARE(set->value, 2.5);
        auto slider = TourAction::fromUrl(
            QUrl(QStringLiteral("pulselab:slider?target=pc&param=inference_rate&min=0.002&max=0.2")),
            &reason);
        QVERIFY2(slider, qPrintable(reason));
        QCOMPARE(slider->kind, TourAction::Kind::PinSlider);
        QCOMPARE(slider->minimum.value(), 0.002);
        QCOMPARE(slider->maximum.value(), 0.2);
        auto show = TourAction::fromUrl(QUrl(QStringLiteral("pulselab:show?dock=floorplanDock")), &reason);
        QVERIFY(show);
        QCOMPARE(show->dock, QStringLiteral("floorplanDock"));
        QCOMPARE(TourAction::fromUrl(QUrl(QStringLiteral("pulselab:pause")), &reason)->kind,
                 TourAction::Kind::Pause);
        QCOMPARE(TourAction::fromUrl(QUrl(QStringLiteral("pulselab:reset")), &reason)->kind,
                 TourAction::Kind::Reset);
    }

    void refusesBadLinksNamingThem() {
        QString reason;
        QVERIFY(!TourAction::fromUrl(QUrl(QStringLiteral("pulselab:fly")), &reason));
        QVERIFY(reason.contains(QStringLiteral("pulselab:fly")) &&
                reason.contains(QStringLiteral("unknown")));
        QVERIFY(!TourAction::fromUrl(QUrl(QStringLiteral("pulselab:set?target=a&param=b&value=x")), &reason));
        QVERIFY(reason.contains(QStringLiteral("value")));
        QVERIFY(!TourAction::fromUrl(QUrl(QStringLiteral("pulselab:slider?target=a")), &reason));
        QVERIFY(!TourAction::fromUrl(QUrl(QStringLiteral("pulselab:show")), &reason));
        QVERIFY(
            !TourAction::fromUrl(QUrl(QStringLiteral("pulselab:slider?target=a&param=b&min=low")), &reason));
    }

    void backNextAndCounter() {
        TourPanel panel;
        QVERIFY(!panel.hasTour());
        panel.setTour(TourDocument::fromMarkdown(QStringLiteral("## A\none\n## B\ntwo\n## C\nthree")),
                      QStringLiteral("demo"));
        QCOMPARE(panel.stepCount(), 3);
        QCOMPARE(panel.counterText(), QStringLiteral("Step 1 of 3"));
        auto* back = panel.findChild<QPushButton*>(QStringLiteral("tourBack"));
        auto* next = panel.findChild<QPushButton*>(QStringLiteral("tourNext"));
        QVERIFY(back && next);
        QVERIFY(!back->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(panel.currentStep(), 2);
        QCOMPARE(panel.counterText(), QStringLiteral("Step 3 of 3"));
        QCOMPARE(panel.stepTitle(), QStringLiteral("C")); // the heading moves out of the text, above it
        QVERIFY(!panel.browser()->toPlainText().contains(QStringLiteral("C\n")));
        QVERIFY(!next->isEnabled());
        QVERIFY(panel.browser()->toPlainText().contains(QStringLiteral("three")));
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(panel.currentStep(), 1);
        QVERIFY(panel.browser()->toPlainText().contains(QStringLiteral("two")));
    }

    void linksEmitActionsOrRefusals() {
        TourPanel panel;
        panel.setTour(TourDocument::fromMarkdown(QStringLiteral("[Run](pulselab:run)")), QString());
        QSignalSpy actions(&panel, &TourPanel::actionRequested);
        QSignalSpy refused(&panel, &TourPanel::linkRefused);
        // The browser turns the Markdown link into an anchor with that href.
        QVERIFY(panel.browser()->toHtml().contains(QStringLiteral("href=\"pulselab:run\"")));
        Q_EMIT panel.browser()->anchorClicked(QUrl(QStringLiteral("pulselab:run")));
        QCOMPARE(actions.count(), 1);
        QCOMPARE(actions[0][0].value<TourAction>().kind, TourAction::Kind::Run);
        panel.activateLink(QUrl(QStringLiteral("pulselab:show")));
        QCOMPARE(refused.count(), 1);
        QCOMPARE(actions.count(), 1);
    }

    void exampleToursAreWellFormed() {
        const QDir examples(QStringLiteral(PULSELAB_SOURCE_DIR "/examples"));
        const QStringList tours = examples.entryList({QStringLiteral("*.tour.md")}, QDir::Files);
        for (const char* required : {"single-neuron", "bayesian-neuron", "default", "bars-rate-pc",
                                     "bars-spiking-pc", "mnist-spiking-pc"})
            QVERIFY2(tours.contains(QString::fromLatin1(required) + QStringLiteral(".tour.md")), required);
        for (const QString& name : tours) {
            QString error;
            const TourDocument tour = TourDocument::fromFile(examples.filePath(name), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const auto steps = static_cast<int>(tour.steps().size());
            QVERIFY2(steps >= 3 && steps <= 6, qPrintable(name + QStringLiteral(": %1 steps").arg(steps)));
            QVERIFY2(!tour.title().isEmpty(), qPrintable(name));
            const QString project =
                name.chopped(QStringLiteral(".tour.md").size()) + QStringLiteral(".pulselab");
            QVERIFY2(examples.exists(project), qPrintable(project));
            QVERIFY2(!tour.actionLinks().empty(), qPrintable(name));
            for (const TourLink& link : tour.actionLinks()) {
                QString reason;
                QVERIFY2(TourAction::fromUrl(link.url, &reason),
                         qPrintable(name + QStringLiteral(": ") + reason));
            }
        }
    }
};

QTEST_MAIN(TestTourPanel)
#include "tst_tour_panel.moc"
