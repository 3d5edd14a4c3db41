#include "inputerror.h"
#include "routingproblem.h"

#include <QTest>

#include <fstream>
#include <sstream>

using namespace finops;

namespace {

// A valid problem, one member per line, so that errors can be checked by line.
const char* kValid = R"({
"version": 1,
"tasks": [
{"id": "chat",
 "monthly_requests": 1000000,
 "input_tokens": 1000,
 "output_tokens": 200,
 "cached_input_share": 0.5,
 "min_quality": 0.7}
],
"models": [
{"id": "cheap",
 "provider": "a",
 "input_usd_per_mtok": 0.2,
 "output_usd_per_mtok": 0.8,
 "cached_input_usd_per_mtok": 0.02,
 "quality": {"default": 0.75},
 "capacity": 1e12}
],
"constraints": {"integral": false}
})";

std::string replaced(const std::string& what, const std::string& with)
{
    std::string s = kValid;
    const auto at = s.find(what);
    if (at == std::string::npos)
        qFatal("test text not found: %s", what.c_str());
    return s.replace(at, what.size(), with);
}

} // namespace

class TestRoutingProblem : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheIssueExample();
    void pairDefaults();
    void allowedRules_data();
    void allowedRules();
    void badInput_data();
    void badInput();
    void roundTrip();
    void validateNamesTheField();
};

void TestRoutingProblem::parsesTheIssueExample()
{
    const RoutingProblem p = RoutingProblem::load(std::string(FINOPS_TEST_DATA) + "/routing/example.json");
    QCOMPARE(p.tasks.size(), size_t(3));
    QCOMPARE(p.models.size(), size_t(3));
    QCOMPARE(p.tasks[0].id, std::string("support-triage"));
    QCOMPARE(p.tasks[0].monthlyRequests, 2000000.0);
    QCOMPARE(*p.tasks[0].minQuality, 0.75);
    QCOMPARE(p.models[0].qualityByTask.at("support-triage"), 0.82);
    QCOMPARE(*p.models[0].defaultQuality, 0.70);
    QCOMPARE(*p.models[0].capacity, 5.0e9);
    QCOMPARE(*p.constraints.maxProviderShare, 0.6);
    QCOMPARE(p.constraints.minProviderShare.at("anthropic"), 0.1);
    QVERIFY(!p.constraints.budgetUsd);
    QVERIFY(!p.constraints.integral);
}

void TestRoutingProblem::pairDefaults()
{
    const RoutingProblem p = RoutingProblem::fromJson(kValid, "p.json");
    // 1e6 requests x (1000 input at 50% cached: 500 x 0.2 + 500 x 0.02, + 200 x 0.8) / 1e6
    // = 100 + 10 + 160 = 270 USD a month.
    QCOMPARE(p.pairCostUsd(0, 0), 270.0);
    QCOMPARE(p.pairLoad(0, 0), 1.2e9);
    QCOMPARE(*p.pairQuality(0, 0), 0.75);
    RoutingProblem q = p;
    q.pairs.push_back({"chat", "cheap", 99.0, 5.0, 0.9, std::nullopt});
    QCOMPARE(q.pairCostUsd(0, 0), 99.0);
    QCOMPARE(q.pairLoad(0, 0), 5.0);
    QCOMPARE(*q.pairQuality(0, 0), 0.9);
}

void TestRoutingProblem::allowedRules_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<int>("verdict");
    QTest::newRow("ok") << "" << int(PairVerdict::Allowed);
    QTest::newRow("quality below floor") << "quality=0.6" << int(PairVerdict::QualityTooLow);
    QTest::newRow("no quality with a floor") << "quality=none" << int(PairVerdict::QualityUnknown);
    QTest::newRow("too slow") << "latency=3000" << int(PairVerdict::TooSlow);
    QTest::newRow("no latency with a limit") << "latency=none" << int(PairVerdict::LatencyUnknown);
    QTest::newRow("wrong region") << "region=cn" << int(PairVerdict::RegionNotAllowed);
    QTest::newRow("no region with regions") << "region=none" << int(PairVerdict::RegionUnknown);
    QTest::newRow("pairs.allowed false") << "disallow" << int(PairVerdict::ExplicitlyDisallowed);
}

void TestRoutingProblem::allowedRules()
{
    QFETCH(QString, edit);
    QFETCH(int, verdict);
    RoutingProblem p = RoutingProblem::fromJson(kValid, "p.json");
    p.tasks[0].maxLatencyMs = 2000;
    p.tasks[0].regions = {"eu", "us"};
    p.models[0].latencyMs = 900;
    p.models[0].region = "eu";
    if (edit == "quality=0.6")
        p.models[0].defaultQuality = 0.6;
    else if (edit == "quality=none")
        p.models[0].defaultQuality.reset();
    else if (edit == "latency=3000")
        p.models[0].latencyMs = 3000;
    else if (edit == "latency=none")
        p.models[0].latencyMs.reset();
    else if (edit == "region=cn")
        p.models[0].region = "cn";
    else if (edit == "region=none")
        p.models[0].region.reset();
    else if (edit == "disallow")
        p.pairs.push_back({"chat", "cheap", std::nullopt, std::nullopt, std::nullopt, false});
    QCOMPARE(int(p.pairStatus(0, 0)), verdict);
}

void TestRoutingProblem::badInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("line");
    QTest::newRow("not JSON") << "{\"version\": 1,\n\"tasks\": [" << "" << 2;
    QTest::newRow("missing version") << QString::fromStdString(replaced("\"version\": 1,", "")) << "version" << 1;
    QTest::newRow("missing tasks") << QString::fromStdString(replaced("\"tasks\": [", "\"tasks_\": [")) << "tasks" << 1;
    QTest::newRow("missing monthly_requests")
        << QString::fromStdString(replaced(" \"monthly_requests\": 1000000,\n", "")) << "tasks[0].monthly_requests" << 4;
    QTest::newRow("negative input_tokens")
        << QString::fromStdString(replaced("\"input_tokens\": 1000", "\"input_tokens\": -5")) << "tasks[0].input_tokens" << 6;
    QTest::newRow("cached share above 1")
        << QString::fromStdString(replaced("\"cached_input_share\": 0.5", "\"cached_input_share\": 1.5"))
        << "tasks[0].cached_input_share" << 8;
    QTest::newRow("negative price")
        << QString::fromStdString(replaced("\"output_usd_per_mtok\": 0.8", "\"output_usd_per_mtok\": -0.8"))
        << "models[0].output_usd_per_mtok" << 15;
    QTest::newRow("missing provider") << QString::fromStdString(replaced(" \"provider\": \"a\",\n", ""))
                                      << "models[0].provider" << 12;
    QTest::newRow("quality not a number")
        << QString::fromStdString(replaced("{\"default\": 0.75}", "{\"default\": \"good\"}")) << "models[0].quality.default"
        << 17;
    QTest::newRow("negative capacity") << QString::fromStdString(replaced("\"capacity\": 1e12", "\"capacity\": -1"))
                                       << "models[0].capacity" << 18;
    QTest::newRow("unknown task in pairs")
        << QString::fromStdString(replaced("\"constraints\"", "\"pairs\": [{\"task\": \"nope\", \"model\": \"cheap\"}],\n\"constraints\""))
        << "pairs[0].task" << 20;
    QTest::newRow("unknown model in pairs")
        << QString::fromStdString(replaced("\"constraints\"", "\"pairs\": [{\"task\": \"chat\", \"model\": \"nope\"}],\n\"constraints\""))
        << "pairs[0].model" << 20;
    QTest::newRow("negative pair cost")
        << QString::fromStdString(replaced("\"constraints\"", "\"pairs\": [{\"task\": \"chat\", \"model\": \"cheap\", \"cost_usd\": -1}],\n\"constraints\""))
        << "pairs[0].cost_usd" << 20;
    QTest::newRow("task with no allowed model")
        << QString::fromStdString(replaced("\"min_quality\": 0.7", "\"min_quality\": 0.9")) << "tasks[0].id" << 4;
    QTest::newRow("unknown provider in min share")
        << QString::fromStdString(replaced("{\"integral\": false}", "{\"min_provider_share\": {\"zz\": 0.1}}"))
        << "constraints.min_provider_share.zz" << 20;
    QTest::newRow("provider share above 1")
        << QString::fromStdString(replaced("{\"integral\": false}", "{\"max_provider_share\": 2}"))
        << "constraints.max_provider_share" << 20;
    QTest::newRow("negative budget")
        << QString::fromStdString(replaced("{\"integral\": false}", "{\"budget_usd\": -3}")) << "constraints.budget_usd" << 20;
    QTest::newRow("duplicate task id")
        << QString::fromStdString(replaced("\n],\n\"models\"", ",\n{\"id\": \"chat\", \"monthly_requests\": 1, \"input_tokens\": 1, \"output_tokens\": 1}\n],\n\"models\""))
        << "tasks[1].id" << 10;
    QTest::newRow("unknown task in quality")
        << QString::fromStdString(replaced("{\"default\": 0.75}", "{\"default\": 0.75, \"ghost\": 0.9}"))
        << "models[0].quality.ghost" << 17;
}

void TestRoutingProblem::badInput()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(int, line);
    try {
        (void)RoutingProblem::fromJson(text.toStdString(), "bad.json");
        QFAIL("accepted bad input");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.file()), QString("bad.json"));
        QCOMPARE(QString::fromStdString(e.field()), field);
        QCOMPARE(int(e.line()), line);
    }
}

void TestRoutingProblem::roundTrip()
{
    const RoutingProblem p = RoutingProblem::load(std::string(FINOPS_TEST_DATA) + "/routing/example.json");
    const RoutingProblem q = RoutingProblem::fromJson(p.toJson().dump(), "again.json");
    QCOMPARE(q.toJson().dump(), p.toJson().dump());
    QCOMPARE(q.pairCostUsd(1, 2), p.pairCostUsd(1, 2));
    QVERIFY(!q.pairAllowed(2, 2)); // summarise x claude: allowed false in pairs
}

void TestRoutingProblem::validateNamesTheField()
{
    RoutingProblem p = RoutingProblem::fromJson(kValid, "p.json");
    p.tasks[0].monthlyRequests = -1;
    try {
        p.validate("gui");
        QFAIL("accepted a negative volume");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.field()), QString("tasks[0].monthly_requests"));
        QCOMPARE(QString::fromStdString(e.file()), QString("gui"));
    }
}

QTEST_GUILESS_MAIN(TestRoutingProblem)
#include "test_routingproblem.moc"
