// The "figures" field of a project: the schema's items parse, and every kind of mistake is refused with the
// JSON path of the item and the offending value named; a project with a bad field does not load.
#include "core/model/figure_config.h"
#include "core/model/project_file.h"

#include <QTest>

using namespace pulselab::core;
using nlohmann::json;

class TestFigureConfig : public QObject {
    Q_OBJECT

    static std::string refusal(const json& figures) {
        FigureConfigError error;
        if (parseFigureConfig(figures, error))
            return "accepted";
        return error.field + ": " + error.reason;
    }

private Q_SLOTS:
    void emptyAsksForNoFigures() {
        FigureConfigError error;
        const auto items = parseFigureConfig(json::object(), error);
        QVERIFY(items);
        QVERIFY(items->empty());
    }

    void itemsParseWithDefaults() {
        FigureConfigError error;
        const auto items = parseFigureConfig(
            json::parse(
                R"({"items": [{"file": "a.pdf", "views": ["free-energy", "beliefs"], "preset": "double",
                                        "dpi": 300, "columns": 2},
                                       {"file": "b.PNG", "views": ["raster"]}]})"),
            error);
        QVERIFY2(items, error.reason.c_str());
        QCOMPARE(items->size(), std::size_t{2});
        QCOMPARE((*items)[0].views, (std::vector<std::string>{"free-energy", "beliefs"}));
        QCOMPARE((*items)[0].preset, std::string("double"));
        QCOMPARE((*items)[0].dpi, 300);
        QCOMPARE((*items)[0].columns, 2);
        QCOMPARE((*items)[1].preset, std::string("single"));
        QCOMPARE((*items)[1].dpi, 0);
    }

    void mistakesNameTheItemAndTheValue_data() {
        QTest::addColumn<QString>("figures");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown view") << R"({"items": [{"file": "a.pdf", "views": ["raster"]},
                                                      {"file": "b.pdf", "views": ["beliefs", "rastr"]}]})"
                                      << "figures.items[1].views[1]: unknown view 'rastr'";
        QTest::newRow("no views") << R"({"items": [{"file": "a.pdf", "views": []}]})"
                                  << "figures.items[0].views: expected a non-empty list";
        QTest::newRow("bad suffix") << R"({"items": [{"file": "a.gif", "views": ["raster"]}]})"
                                    << "figures.items[0].file: 'a.gif' must end in .svg, .pdf or .png";
        QTest::newRow("path escapes") << R"({"items": [{"file": "../a.pdf", "views": ["raster"]}]})"
                                      << "figures.items[0].file: '../a.pdf' must be a plain file name";
        QTest::newRow("bad preset")
            << R"({"items": [{"file": "a.pdf", "views": ["raster"], "preset": "poster"}]})"
            << "figures.items[0].preset: 'poster' is not a preset";
        QTest::newRow("bad dpi") << R"({"items": [{"file": "a.png", "views": ["raster"], "dpi": 5}]})"
                                 << "figures.items[0].dpi: 5 is not a resolution";
        QTest::newRow("duplicate file") << R"({"items": [{"file": "a.pdf", "views": ["raster"]},
                                                        {"file": "a.pdf", "views": ["beliefs"]}]})"
                                        << "figures.items[1].file: 'a.pdf' is already written";
        QTest::newRow("unknown key") << R"({"items": [{"file": "a.pdf", "views": ["raster"], "colour": 1}]})"
                                     << "figures.items[0].colour: unknown key";
        QTest::newRow("not a list") << R"({"items": 3})"
                                    << "figures.items: expected a list";
    }
    void mistakesNameTheItemAndTheValue() {
        QFETCH(QString, figures);
        QFETCH(QString, expected);
        const std::string message = refusal(json::parse(figures.toStdString()));
        QVERIFY2(message.find(expected.toStdString()) == 0, message.c_str());
    }

    void projectWithABadFieldDoesNotLoad() {
        const ProjectLoad load = parseProject(
            R"({"format": "pulselab-project", "format_version": 1, "network": {"populations": []},
                "figures": {"items": [{"file": "f.svg", "views": ["histogram"]}]}})",
            "bad.pulselab");
        QVERIFY(!load.project);
        QVERIFY2(load.error.find("bad.pulselab: figures.items[0].views[0]: unknown view 'histogram'") == 0,
                 load.error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestFigureConfig)
#include "tst_figure_config.moc"
