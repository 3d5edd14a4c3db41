#include "demoworkspace.h"
#include "inputerror.h"
#include "scenarioeval.h"
#include "scenariostore.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace finops;

namespace {

const Date kToday = Date::fromCivil(2026, 11, 22);

// Every member away from its default, so a member the JSON forgets shows up.
Scenario everyMemberSet()
{
    Scenario s = Scenario::withDefaults("Move support to open weights");
    s.description = "60 % of support traffic to an open-weight model; 8 H100s bought";
    s.baselineFrom = Date::fromCivil(2026, 9, 1);
    s.baselineTo = Date::fromCivil(2026, 11, 20);
    s.catalogAsOf = Date::fromCivil(2026, 11, 1);
    s.customPrices = {{"openai", "gpt-4.1", 1.6, 0.4, 6.4, false},
                      {"inhouse", "support-ft", 0.1, std::nullopt, 0.3, true}};
    s.mix = {false, 0.75, 0.3};
    s.growth = {GrowthMode::Fitted, 4.5};
    s.priceTrends = {25, 45, 20, "user: board assumption 2026-11"};
    s.elasticity = {true, 1.35};
    s.monteCarlo = {2000, 123456789012345ULL, -1, 9, 12.5};
    s.plan = ForecastPlan::SelfHosted;
    s.switchingCostUsd = 25000;
    s.forecastMonths = 36;
    s.tco.enabled = true;
    s.tco.gpuCount = 16;
    s.tco.purchaseUsdPerGpu = 27500.5;
    s.tco.utilization = 0.55;
    s.tco.tokensPerSecondPerGpu = 1800.25;
    s.tco.horizonMonths = 48;
    s.capacity = {"llama-3.3-70b", 60};
    s.routing.taskTag = "workload";
    s.routing.minQuality = 0.45;
    s.routing.maxProviderShare = 0.7;
    s.routing.integral = true;
    s.routing.problem = nlohmann::json::parse(
        R"({"version":1,"tasks":[{"id":"support","monthly_requests":1000,"input_tokens":500,"output_tokens":100}],
            "models":[{"id":"llama-3.3-70b","provider":"groq","input_usd_per_mtok":0.59,"output_usd_per_mtok":0.79}]})");
    s.routing.assignment = nlohmann::json::parse(
        R"({"status":"optimal","objective_usd":1234.5,"assignments":[{"task":"support","model":"llama-3.3-70b","share":1,"monthly_cost_usd":1234.5}]})");
    return s;
}

std::string writeText(const QTemporaryDir& dir, const char* name, const std::string& text)
{
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace

class TestScenarioStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonRoundTripKeepsEveryMember();
    void defaultsComeFromTheSourcedFile();
    void badJsonNamesFileLineField_data();
    void badJsonNamesFileLineField();
    void createDuplicateRenameDelete();
    void nameTakenOrMissingChangesNothing();
    void exportImportGivesIdenticalFigures();
    void failedImportLeavesStoreUnchanged();
    void storedScenariosSurviveReopening();

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
};

void TestScenarioStore::initTestCase()
{
    Clock::setToday(kToday);
}

void TestScenarioStore::jsonRoundTripKeepsEveryMember()
{
    const Scenario s = everyMemberSet();
    QVERIFY(s.validate().empty());
    const std::string text = scenarioToJsonText(s);
    const Scenario back = scenarioFromJsonText(text, "roundtrip.json");
    QVERIFY(back == s);
    QCOMPARE(scenarioToJsonText(back), text);
    // Defaults survive too (null dates, no fleet, no routing).
    const Scenario d = Scenario::withDefaults("d");
    QVERIFY(scenarioFromJsonText(scenarioToJsonText(d), "d.json") == d);
    // A minimal file takes every default.
    QVERIFY(scenarioFromJsonText(R"({"name": "d"})", "min.json") == d);
}

void TestScenarioStore::defaultsComeFromTheSourcedFile()
{
    const PriceTrends t = defaultPriceTrends();
    QCOMPARE(t.closedApiDeclinePctPerYear, 30.0);
    QCOMPARE(t.openWeightApiDeclinePctPerYear, 50.0);
    QCOMPARE(t.selfHostedDeclinePctPerYear, 25.0);
    QVERIFY(t.source.find("epoch.ai") != std::string::npos);
    QVERIFY(t.source.find("a16z.com") != std::string::npos);
}

void TestScenarioStore::badJsonNamesFileLineField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::newRow("syntax error") << "{\n  \"name\": \"a\",\n  \"mix\": {\"input_share\": 0.8,,}\n}"
                                  << 3 << "";
    QTest::newRow("not an object") << "[1, 2]" << 1 << "";
    QTest::newRow("name missing") << "{\n  \"description\": \"x\"\n}" << 1 << "name";
    QTest::newRow("name not a string") << "{\n  \"name\": 5\n}" << 2 << "name";
    QTest::newRow("input share above 1")
        << "{\n  \"name\": \"a\",\n  \"mix\": {\n    \"input_share\": 1.5\n  }\n}" << 4
        << "mix.input_share";
    QTest::newRow("unknown growth mode")
        << "{\"name\": \"a\",\n\"growth\": {\n\"mode\": \"linear\"}}" << 3 << "growth.mode";
    QTest::newRow("negative custom price")
        << "{\"name\": \"a\",\n\"custom_prices\": [\n{\"provider\": \"p\", \"model\": \"m\", "
           "\"input_usd_per_mtok\": 1,\n"
           "\"output_usd_per_mtok\": 2},\n{\"provider\": \"p\", \"model\": \"n\", "
           "\"input_usd_per_mtok\": 1,\n"
           "\"output_usd_per_mtok\": -2}]}"
        << 6 << "custom_prices[1].output_usd_per_mtok";
    QTest::newRow("paths zero") << "{\"name\": \"a\",\n\"monte_carlo\": {\"paths\": 0}}" << 2
                                << "monte_carlo.paths";
    QTest::newRow("paths fractional")
        << "{\"name\": \"a\",\n\"monte_carlo\": {\n\"paths\": 10.5}}" << 3 << "monte_carlo.paths";
    QTest::newRow("growth range reversed")
        << "{\"name\": \"a\",\n\"monte_carlo\": {\"growth_low_pct\": 5,\n\"growth_high_pct\": 1}}"
        << 3 << "monte_carlo.growth_high_pct";
    QTest::newRow("utilization above 1")
        << "{\"name\": \"a\",\n\"tco\": {\n\"enabled\": true,\n\"utilization\": 1.5}}" << 4
        << "tco.utilization";
    QTest::newRow("bad baseline date")
        << "{\"name\": \"a\",\n\"baseline\": {\"from\": \"2026-02-30\"}}" << 2 << "baseline.from";
    QTest::newRow("baseline reversed")
        << "{\"name\": \"a\",\n\"baseline\": {\"from\": \"2026-10-01\",\n\"to\": \"2026-09-01\"}}"
        << 3 << "baseline.to";
    QTest::newRow("unknown plan") << "{\"name\": \"a\",\n\n\"plan\": \"cheapest\"}" << 3 << "plan";
    QTest::newRow("forecast months 48")
        << "{\"name\": \"a\",\n\"forecast_months\": 48}" << 2 << "forecast_months";
    QTest::newRow("wrong format") << "{\"format\": \"finops-price-sheet\", \"name\": \"a\"}" << 1
                                  << "format";
    QTest::newRow("mix not an object") << "{\"name\": \"a\",\n\"mix\": 0.8}" << 2 << "mix";
    QTest::newRow("unknown member (typo)")
        << "{\"name\": \"a\",\n\n\"grwoth\": {}}" << 3 << "grwoth";
    QTest::newRow("unknown nested member")
        << "{\"name\": \"a\",\n\"mix\": {\n\"input_shar\": 0.5}}" << 3 << "mix.input_shar";
    QTest::newRow("unknown TCO member")
        << "{\"name\": \"a\",\n\"tco\": {\"gpus\": 4}}" << 2 << "tco.gpus";
    QTest::newRow("routing floor above 1")
        << "{\"name\": \"a\",\n\"routing\": {\n\"min_quality\": 1.5}}" << 3
        << "routing.min_quality";
    QTest::newRow("provider share negative")
        << "{\"name\": \"a\",\n\"routing\": {\"max_provider_share\": -0.1}}" << 2
        << "routing.max_provider_share";
    QTest::newRow("empty task tag")
        << "{\"name\": \"a\",\n\"routing\": {\"task_tag\": \"\"}}" << 2 << "routing.task_tag";
    QTest::newRow("invalid routing problem")
        << "{\"name\": \"a\",\n\"routing\": {\n\"problem\": {\"version\": 1, \"tasks\": [{\"id\": \"t\"}]}}}"
        << 3 << "routing.problem.tasks[0].monthly_requests";
}

void TestScenarioStore::badJsonNamesFileLineField()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, field);
    const std::string file = writeText(m_dir, "bad.json", text.toStdString());
    try {
        readScenarioFile(file);
        QFAIL("accepted a bad scenario");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(file));
        QCOMPARE(e.line(), std::int64_t(line));
        QCOMPARE(QString::fromStdString(e.field()), field);
        QVERIFY(std::string(e.what()).find(file + ":" + std::to_string(line)) == 0);
    }
}

void TestScenarioStore::createDuplicateRenameDelete()
{
    Store store(path("crud.db"));
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
    ScenarioStore scenarios(store);
    QVERIFY(scenarios.list().empty());
    const Scenario s = everyMemberSet();
    QVERIFY(scenarios.create(s) > 0);
    QVERIFY(scenarios.create(Scenario::withDefaults("A default")) > 0);
    QCOMPARE(scenarios.names(),
             (std::vector<std::string>{"A default", "Move support to open weights"}));
    QVERIFY(*scenarios.get(s.name) == s);

    scenarios.duplicate(s.name, "Copy");
    Scenario copy = *scenarios.get("Copy");
    QCOMPARE(copy.name, std::string("Copy"));
    copy.name = s.name;
    QVERIFY(copy == s);

    scenarios.rename("Copy", "Renamed");
    QVERIFY(!scenarios.contains("Copy"));
    QCOMPARE(scenarios.get("Renamed")->name, std::string("Renamed"));
    QCOMPARE(scenarios.get("Renamed")->description, s.description);

    Scenario edited = *scenarios.get("Renamed");
    edited.growth.monthlyGrowthPct = 7;
    scenarios.update(edited);
    QCOMPARE(scenarios.get("Renamed")->growth.monthlyGrowthPct, 7.0);

    QVERIFY(scenarios.remove("Renamed"));
    QVERIFY(!scenarios.remove("Renamed"));
    QCOMPARE(scenarios.list().size(), std::size_t(2));
}

void TestScenarioStore::nameTakenOrMissingChangesNothing()
{
    Store store(path("names.db"));
    ScenarioStore scenarios(store);
    scenarios.create(Scenario::withDefaults("a"));
    scenarios.create(Scenario::withDefaults("b"));
    const auto before = scenarios.list();
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.create(Scenario::withDefaults("a")));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.create(Scenario::withDefaults("")));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.rename("a", "b"));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.rename("zz", "c"));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.duplicate("a", "b"));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.update(Scenario::withDefaults("c")));
    Scenario invalid = Scenario::withDefaults("a");
    invalid.mix.inputShare = 2;
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.update(invalid));
    const auto after = scenarios.list();
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].name, before[i].name);
        QCOMPARE(after[i].updatedAt, before[i].updatedAt);
    }
    QVERIFY(*scenarios.get("a") == Scenario::withDefaults("a"));
}

void TestScenarioStore::exportImportGivesIdenticalFigures()
{
    Store store(path("figures.db"));
    writeDemoWorkspace(store, kToday);
    ScenarioStore scenarios(store);
    Scenario s = everyMemberSet();
    s.baselineFrom.reset();
    s.baselineTo.reset();
    s.routing = {};
    scenarios.create(s);
    const std::string file = path("exported.json");
    scenarios.exportFile(s.name, file);
    const Scenario imported = scenarios.importFile(file, std::string("Imported"));
    QCOMPARE(imported.name, std::string("Imported"));

    const ScenarioEvaluation a = evaluateScenario(store, *scenarios.get(s.name));
    const ScenarioEvaluation b = evaluateScenario(store, *scenarios.get("Imported"));
    QVERIFY(a.currentMonthlyUsd > 0);
    QCOMPARE(a.currentMonthlyUsd, b.currentMonthlyUsd);
    QCOMPARE(a.plannedMonthlyUsd, b.plannedMonthlyUsd);
    QCOMPARE(a.forecast.months.size(), std::size_t(36));
    QCOMPARE(a.forecast.months.size(), b.forecast.months.size());
    for (std::size_t i = 0; i < a.forecast.months.size(); ++i) {
        const ForecastMonth& x = a.forecast.months[i];
        const ForecastMonth& y = b.forecast.months[i];
        QCOMPARE(x.month, y.month);
        QCOMPARE(x.statusQuoUsd, y.statusQuoUsd);
        QCOMPARE(x.optimizedUsd, y.optimizedUsd);
        QCOMPARE(x.selfHostedUsd, y.selfHostedUsd);
        QCOMPARE(x.p10Usd, y.p10Usd);
        QCOMPARE(x.p50Usd, y.p50Usd);
        QCOMPARE(x.p90Usd, y.p90Usd);
    }
    QCOMPARE(a.forecast.paybackMonth, b.forecast.paybackMonth);
}

void TestScenarioStore::failedImportLeavesStoreUnchanged()
{
    Store store(path("import.db"));
    ScenarioStore scenarios(store);
    scenarios.create(everyMemberSet());
    const std::string before = scenarioToJsonText(*scenarios.get(everyMemberSet().name));

    // A bad file, a file whose name is taken, and one that tries to replace with bad values.
    const std::string bad = writeText(m_dir, "bad-import.json",
                                      "{\"name\": \"new\",\n\"mix\": {\"cache_hit_rate\": 7}}");
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.importFile(bad));
    Scenario taken = Scenario::withDefaults(everyMemberSet().name);
    const std::string takenFile = path("taken.json");
    writeScenarioFile(taken, takenFile);
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.importFile(takenFile));
    QVERIFY_THROWS_EXCEPTION(InputError, scenarios.importFile(path("missing.json")));

    QCOMPARE(scenarios.names(), std::vector<std::string>{everyMemberSet().name});
    QCOMPARE(scenarioToJsonText(*scenarios.get(everyMemberSet().name)), before);

    // With --replace the same good file does replace.
    scenarios.importFile(takenFile, std::nullopt, true);
    QVERIFY(*scenarios.get(everyMemberSet().name) == taken);
}

void TestScenarioStore::storedScenariosSurviveReopening()
{
    const std::string db = path("reopen.db");
    {
        Store store(db);
        ScenarioStore(store).create(everyMemberSet());
    }
    Store store(db);
    QVERIFY(*ScenarioStore(store).get(everyMemberSet().name) == everyMemberSet());
}

QTEST_GUILESS_MAIN(TestScenarioStore)
#include "test_scenariostore.moc"
