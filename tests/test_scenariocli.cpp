#include "cliapp.h"
#include "clitest.h"
#include "date.h"
#include "scenarioeval.h"
#include "scenariostore.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using json = nlohmann::ordered_json;

namespace {

using Result = finops::test::CliResult;
using finops::test::cli;

using finops::test::keys;

const std::string kExample = FINOPS_TEST_DATA "/scenario-example.json";

} // namespace

class TestScenarioCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listOnAMissingStoreIsEmpty();
    void createShowListExportDelete();
    void createFromFileAndExportRoundTrip();
    void badInputExitsWithTwoAndStoresNothing_data();
    void badInputExitsWithTwoAndStoresNothing();
    void badInputMakesNoStore_data();
    void badInputMakesNoStore();
    void forecastContract();
    void forecastOfAScenarioEqualsTheLibrary();
    void forecastBadInput_data();
    void forecastBadInput();
    void forecastWithoutAStore();
    void helpOnEveryCommand();
    void benchForecastAgreesWithItsReference();

private:
    std::string path(const char* name) const
    {
        return m_dir.filePath(QString::fromLatin1(name)).toStdString();
    }
    QTemporaryDir m_dir;
    std::string m_demo;
};

void TestScenarioCli::initTestCase()
{
    finops::Clock::setToday(finops::Date::fromCivil(2026, 11, 22));
    m_demo = path("demo.db");
    QCOMPARE(cli({"demo", "--db", m_demo}).status, 0);
}

void TestScenarioCli::listOnAMissingStoreIsEmpty()
{
    const std::string db = path("none/planner.db");
    const Result r = cli({"scenario", "list", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["scenarios"].size(), std::size_t(0));
    QVERIFY(!std::filesystem::exists(db)); // reading does not create a store
}

void TestScenarioCli::createShowListExportDelete()
{
    const std::string db = path("crud.db");
    Result r = cli({"scenario", "create", "Baseline", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["created"].get<std::string>(), std::string("Baseline"));
    QCOMPARE(cli({"scenario", "duplicate", "Baseline", "Copy", "--db", db}).status, 0);
    QCOMPARE(cli({"scenario", "rename", "Copy", "Renamed", "--db", db}).status, 0);

    r = cli({"scenario", "list", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const json list = r.j()["scenarios"];
    QCOMPARE(list.size(), std::size_t(2));
    QCOMPARE(keys(list[0]), (QStringList{"name", "description", "created_at", "updated_at"}));
    QCOMPARE(list[0]["name"].get<std::string>(), std::string("Baseline"));
    QCOMPARE(list[1]["name"].get<std::string>(), std::string("Renamed"));

    r = cli({"scenario", "show", "Baseline", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["name"].get<std::string>(), std::string("Baseline"));
    QCOMPARE(r.j()["growth"]["monthly_pct"].get<double>(), 3.0);
    QCOMPARE(r.j()["price_trends"]["closed_api_decline_pct_per_year"].get<double>(), 30.0);

    const std::string out = path("baseline.json");
    r = cli({"scenario", "export", "Baseline", "-o", out, "--db", db});
    QCOMPARE(r.status, 0);
    QVERIFY(std::filesystem::exists(out));

    QCOMPARE(cli({"scenario", "delete", "Renamed", "--db", db}).status, 0);
    r = cli({"scenario", "delete", "Renamed", "--db", db});
    QCOMPARE(r.status, 2);
    QVERIFY(r.err.find("Renamed") != std::string::npos);
    QCOMPARE(cli({"scenario", "list", "--db", db, "--json"}).j()["scenarios"].size(),
             std::size_t(1));
}

void TestScenarioCli::createFromFileAndExportRoundTrip()
{
    const std::string db = path("fromfile.db");
    QCOMPARE(cli({"scenario", "create", "Negotiated", "--from", kExample, "--db", db}).status, 0);
    const std::string out = path("negotiated.json");
    QCOMPARE(cli({"scenario", "export", "Negotiated", "-o", out, "--db", db}).status, 0);
    finops::Scenario expected = finops::readScenarioFile(kExample);
    expected.name = "Negotiated";
    QVERIFY(finops::readScenarioFile(out) == expected);
    // Import the export under another name: the same assumptions.
    QCOMPARE(cli({"scenario", "import", out, "--name", "Again", "--db", db}).status, 0);
    const json a = cli({"scenario", "show", "Negotiated", "--db", db, "--json"}).j();
    json b = cli({"scenario", "show", "Again", "--db", db, "--json"}).j();
    b["name"] = "Negotiated";
    QCOMPARE(a.dump(), b.dump());

    // On a workspace with usage: export -> import gives identical figures (the forecast,
    // with its routing solved again, and the report's summary).
    const std::string file = path("round.json");
    QCOMPARE(cli({"scenario", "create", "RoundA", "--from", kExample, "--db", m_demo}).status, 0);
    QCOMPARE(cli({"scenario", "export", "RoundA", "-o", file, "--db", m_demo}).status, 0);
    QCOMPARE(cli({"scenario", "import", file, "--name", "RoundB", "--db", m_demo}).status, 0);
    const Result fa = cli({"forecast", "--scenario", "RoundA", "--db", m_demo, "--json"});
    const Result fb = cli({"forecast", "--scenario", "RoundB", "--db", m_demo, "--json"});
    QCOMPARE(fa.status, 0);
    QVERIFY(fa.j()["months"][0]["optimized_usd"].get<double>() <
            fa.j()["months"][0]["status_quo_usd"].get<double>());
    QCOMPARE(fa.j()["months"].dump(), fb.j()["months"].dump()); // every figure, to the bit
    QCOMPARE(fa.j()["payback_month"], fb.j()["payback_month"]);
}

void TestScenarioCli::badInputExitsWithTwoAndStoresNothing_data()
{
    QTest::addColumn<QString>("fileText");
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("expectInErr");
    QTest::newRow("bad file: field and line")
        << "{\"name\": \"x\",\n\"growth\": {\"monthly_pct\": 500}}"
        << "create New --from FILE"
        << "FILE:2:growth.monthly_pct";
    QTest::newRow("bad file: syntax") << "{\"name\": \"x\",\n\n\"plan\" \"optimized\"}"
                                      << "import FILE"
                                      << "FILE:3";
    QTest::newRow("missing file") << ""
                                  << "create New --from MISSING"
                                  << "MISSING";
    QTest::newRow("name taken") << ""
                                << "create Kept"
                                << "exists already";
    QTest::newRow("show unknown") << ""
                                  << "show Nope"
                                  << "Nope";
    QTest::newRow("export without -o") << ""
                                       << "export Kept"
                                       << "-o FILE.json";
    QTest::newRow("unknown subcommand") << ""
                                        << "frobnicate"
                                        << "unknown subcommand";
    QTest::newRow("missing name") << ""
                                  << "create"
                                  << "missing NAME";
    QTest::newRow("rename onto taken") << ""
                                       << "rename Kept Kept2"
                                       << "exists already";
}

void TestScenarioCli::badInputExitsWithTwoAndStoresNothing()
{
    QFETCH(QString, fileText);
    QFETCH(QString, args);
    QFETCH(QString, expectInErr);
    const std::string db = path("bad.db");
    if (!std::filesystem::exists(db)) {
        QCOMPARE(cli({"scenario", "create", "Kept", "--db", db}).status, 0);
        QCOMPARE(cli({"scenario", "create", "Kept2", "--db", db}).status, 0);
    }
    const std::string before = cli({"scenario", "show", "Kept", "--db", db, "--json"}).out;
    const std::string file = path("bad-input.json");
    if (!fileText.isEmpty())
        std::ofstream(file) << fileText.toStdString();
    std::vector<std::string> argv{"scenario"};
    for (const QString& a : args.split(QLatin1Char(' ')))
        argv.push_back(a == QLatin1String("FILE")      ? file
                       : a == QLatin1String("MISSING") ? path("missing.json")
                                                       : a.toStdString());
    argv.push_back("--db");
    argv.push_back(db);
    const Result r = cli(argv);
    QCOMPARE(r.status, 2);
    std::string expect = expectInErr.toStdString();
    if (const auto at = expect.find("FILE"); at != std::string::npos && expect != "-o FILE.json")
        expect.replace(at, 4, file);
    if (const auto at = expect.find("MISSING"); at != std::string::npos)
        expect.replace(at, 7, path("missing.json"));
    QVERIFY2(r.err.find(expect) != std::string::npos, r.err.c_str());
    // The store is as it was.
    const json list = cli({"scenario", "list", "--db", db, "--json"}).j()["scenarios"];
    QCOMPARE(list.size(), std::size_t(2));
    QCOMPARE(cli({"scenario", "show", "Kept", "--db", db, "--json"}).out, before);
}

void TestScenarioCli::badInputMakesNoStore_data()
{
    QTest::addColumn<QString>("args");
    QTest::newRow("create from a missing file") << "create New --from MISSING";
    QTest::newRow("import a missing file") << "import MISSING";
    QTest::newRow("delete") << "delete Nope";
    QTest::newRow("rename") << "rename Nope New";
    QTest::newRow("duplicate") << "duplicate Nope New";
}

void TestScenarioCli::badInputMakesNoStore()
{
    // Where there is no store yet, a command that fails leaves none behind.
    QFETCH(QString, args);
    const std::string db = path("never/made.db");
    std::vector<std::string> argv{"scenario"};
    for (const QString& a : args.split(QLatin1Char(' ')))
        argv.push_back(a == QLatin1String("MISSING") ? path("missing.json") : a.toStdString());
    argv.push_back("--db");
    argv.push_back(db);
    const Result r = cli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY(!std::filesystem::exists(db));
}

void TestScenarioCli::forecastContract()
{
    Result r = cli({"forecast", "--months", "6", "--db", m_demo, "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QVERIFY(j.contains("months") && j.contains("payback_month"));
    QCOMPARE(j["months"].size(), std::size_t(6));
    const QRegularExpression month(QStringLiteral("^\\d{4}-\\d{2}$"));
    for (const json& m : j["months"]) {
        QCOMPARE(keys(m), (QStringList{"month", "status_quo_usd", "optimized_usd",
                                       "self_hosted_usd", "p10_usd", "p50_usd", "p90_usd"}));
        QVERIFY(month.match(QString::fromStdString(m["month"].get<std::string>())).hasMatch());
        QVERIFY(m["p10_usd"].get<double>() <= m["p50_usd"].get<double>());
        QVERIFY(m["p50_usd"].get<double>() <= m["p90_usd"].get<double>());
        QVERIFY(m["status_quo_usd"].get<double>() > 0);
    }
    QCOMPARE(j["months"][0]["month"].get<std::string>(), std::string("2026-12"));
    QCOMPARE(j["months"][5]["month"].get<std::string>(), std::string("2027-05"));
    // The default scenario routes the demo's task classes with the optimiser (each keeps at
    // least the quality of its model today): cheaper from the first month, and with no
    // switching cost it pays back at once.
    QVERIFY(j["months"][0]["optimized_usd"].get<double>() <
            j["months"][0]["status_quo_usd"].get<double>());
    QCOMPARE(j["payback_month"].get<std::string>(), std::string("2026-12"));
    // Without --months: the default scenario's 24.
    QCOMPARE(cli({"forecast", "--db", m_demo, "--json"}).j()["months"].size(), std::size_t(24));
    // The table form.
    r = cli({"forecast", "--months", "12", "--db", m_demo});
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.find("2027-11") != std::string::npos);
}

void TestScenarioCli::forecastOfAScenarioEqualsTheLibrary()
{
    QCOMPARE(cli({"scenario", "create", "Negotiated", "--from", kExample, "--db", m_demo}).status,
             0);
    const Result r = cli({"forecast", "--scenario", "Negotiated", "--db", m_demo, "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QCOMPARE(j["months"].size(), std::size_t(12)); // the scenario's own horizon

    finops::Store store(m_demo);
    const auto scenario = finops::ScenarioStore(store).get("Negotiated");
    QVERIFY(scenario);
    const finops::ScenarioEvaluation ev = finops::evaluateScenario(store, *scenario);
    QVERIFY(ev.optimizedMonthlyUsd < ev.currentMonthlyUsd);
    QVERIFY(ev.forecast.paybackMonth);
    QCOMPARE(j["payback_month"].get<std::string>(), finops::monthLabel(*ev.forecast.paybackMonth));
    for (std::size_t i = 0; i < 12; ++i) {
        const auto& m = ev.forecast.months[i];
        QCOMPARE(j["months"][i]["status_quo_usd"].get<double>(), m.statusQuoUsd);
        QCOMPARE(j["months"][i]["optimized_usd"].get<double>(), m.optimizedUsd);
        QCOMPARE(j["months"][i]["p50_usd"].get<double>(), m.p50Usd);
    }
    // The same seed, the same bands: run it again.
    QCOMPARE(cli({"forecast", "--scenario", "Negotiated", "--db", m_demo, "--json"}).out, r.out);
}

void TestScenarioCli::forecastBadInput_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("expectInErr");
    QTest::newRow("months 0") << "--months 0"
                              << "--months";
    QTest::newRow("months 37") << "--months 37"
                               << "--months";
    QTest::newRow("months abc") << "--months abc"
                                << "--months";
    QTest::newRow("unknown scenario") << "--scenario Nope"
                                      << "--scenario";
    QTest::newRow("unknown option") << "--frobnicate"
                                    << "--frobnicate";
}

void TestScenarioCli::forecastBadInput()
{
    QFETCH(QString, args);
    QFETCH(QString, expectInErr);
    std::vector<std::string> argv{"forecast", "--db", m_demo, "--json"};
    for (const QString& a : args.split(QLatin1Char(' ')))
        argv.push_back(a.toStdString());
    const Result r = cli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.find(expectInErr.toStdString()) != std::string::npos, r.err.c_str());
    QVERIFY(r.out.empty());
}

void TestScenarioCli::forecastWithoutAStore()
{
    const std::string db = path("nothing/here.db");
    const Result r = cli({"forecast", "--months", "12", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["months"].size(), std::size_t(12));
    QCOMPARE(r.j()["months"][0]["status_quo_usd"].get<double>(), 0.0);
    QVERIFY(r.j()["payback_month"].is_null());
    QVERIFY(!std::filesystem::exists(db));
}

void TestScenarioCli::helpOnEveryCommand()
{
    for (const char* command : {"scenario", "forecast"}) {
        const Result r = cli({command, "--help"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.find(std::string("finops-cli ") + command) != std::string::npos);
    }
    QCOMPARE(cli({"bench", "forecast", "--help"}).status, 0);
}

void TestScenarioCli::benchForecastAgreesWithItsReference()
{
    const Result r = cli({"bench", "forecast", "--runs", "1", "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QVERIFY(j["agree"].get<bool>());
    QCOMPARE(j["paths"].get<int>(), 1000);
    QCOMPARE(j["months"].get<int>(), 36);
    QVERIFY(j["ms"].get<double>() > 0);
}

QTEST_MAIN(TestScenarioCli)
#include "test_scenariocli.moc"
