// The inspector shows every parameter with unit and range, refuses out-of-range or malformed values with the
// reason (keeping the old value), and reports accepted edits with old and new values.
#include "widgets/inspector/parameter_inspector.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace pulselab::widgets;

class TestParameterInspector : public QObject {
    Q_OBJECT
    std::vector<ParameterField> lifFields() const {
        return {{"tau_m", "ms", 0.1, 1000, 20, 20, "membrane time constant", false},
                {"v_th", "mV", -100, 50, -50, -50, "threshold", false},
                {"size", "", 1, 1e7, 100, 4000, "neurons", true}};
    }

private Q_SLOTS:
    void showsFieldsAndAcceptsValidEdits() {
        ParameterInspector inspector;
        inspector.setFields("exc", "lif_cuba population", lifFields());
        inspector.show();
        auto* tau = inspector.findChild<QLineEdit*>("field_tau_m");
        QVERIFY(tau);
        QCOMPARE(tau->text(), QStringLiteral("20"));
        QVERIFY(tau->toolTip().contains(QStringLiteral("0.1 ms .. 1000 ms")));
        QSignalSpy edits(&inspector, &ParameterInspector::parameterEdited);
        tau->setFocus();
        tau->selectAll();
        QTest::keyClicks(tau, "12.5 ms");
        QTest::keyClick(tau, Qt::Key_Return);
        QCOMPARE(edits.count(), 1);
        QCOMPARE(edits[0][0].toString(), QStringLiteral("exc"));
        QCOMPARE(edits[0][1].toString(), QStringLiteral("tau_m"));
        QCOMPARE(edits[0][2].toDouble(), 20.0);
        QCOMPARE(edits[0][3].toDouble(), 12.5);
        QVERIFY(inspector.refusal("tau_m").isEmpty());
    }

    void refusesWithTheReason() {
        ParameterInspector inspector;
        inspector.setFields("exc", "lif_cuba population", lifFields());
        QSignalSpy edits(&inspector, &ParameterInspector::parameterEdited);
        QVERIFY(!inspector.commitText("tau_m", "0"));
        QCOMPARE(inspector.refusal("tau_m"), QStringLiteral("tau_m: 0 ms is below the minimum 0.1 ms"));
        QCOMPARE(inspector.findChild<QLineEdit*>("field_tau_m")->text(),
                 QStringLiteral("20")); // old value kept
        QVERIFY(!inspector.commitText("v_th", "banana"));
        QVERIFY(inspector.refusal("v_th").contains(QStringLiteral("'banana' is not a number")));
        QVERIFY(!inspector.commitText("size", "10.5"));
        QVERIFY(inspector.refusal("size").contains(QStringLiteral("whole number")));
        QVERIFY(!inspector.commitText("v_th", "inf"));
        QCOMPARE(edits.count(), 0);
        QVERIFY(inspector.commitText("size", "5000"));
        QCOMPARE(edits.count(), 1);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestParameterInspector test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_parameter_inspector.moc"
