// The routing behind a scenario's optimised plan (planner/scenariorouting.h) and how the
// evaluation turns it into the optimised monthly spend: task classes from the usage with the
// quality floors of their models today (or the scenario's), limits, stored problems and
// assignments, and "solve and store" giving back the same figure. Hand-worked prices.
#include "inputerror.h"
#include "modelquality.h"
#include "offerfixture.h"
#include "scenarioeval.h"
#include "scenariorouting.h"

#include <QtTest>
#include <cmath>

using namespace finops;

namespace {

constexpr double kTol = 1e-9;
constexpr double kDaysPerMonth = 365.25 / 12;

using test::offer;
using test::usage;

// Thirty days of usage: tasks A (on claude-opus-4.1), B (gpt-5-mini) and C (a model with no
// sourced quality), plus untagged usage of gpt-oss-20b at a dearer host.
// Per month of 30 days (prices USD per Mtok):
//   A: 2 M in, 0.5 M out on opus (15 / 75)          = 30 + 37.5  = 67.50
//   B: 1 M in, 1 M out on gpt-5-mini (0.25 / 2)      = 0.25 + 2   =  2.25
//   C: 1 M in on mystery-1 (1 / 1)                   =               1.00
//   D: 1 M in, 1 M out of gpt-oss-20b at together (0.10 / 0.50)  =  0.60
ScenarioData data()
{
    ScenarioData d;
    PriceSheet sheet;
    sheet.name = "test";
    sheet.format = "native";
    sheet.offers = {offer("anthropic", "claude-opus-4.1", 15, 75),
                    offer("openai", "gpt-5-mini", 0.25, 2),
                    offer("openai", "gpt-5-nano", 0.05, 0.40),
                    offer("fireworks", "gpt-oss-20b", 0.07, 0.30, true),
                    offer("together", "gpt-oss-20b", 0.10, 0.50, true),
                    offer("acme", "mystery-1", 1, 1)};
    d.catalog.addSheet(sheet);
    d.catalogAsOf = Date::fromCivil(2026, 11, 30);
    d.baselineFrom = Date::fromCivil(2026, 11, 1);
    d.baselineTo = Date::fromCivil(2026, 11, 30);
    d.taskRows = priceRollups({usage("anthropic", "claude-opus-4.1", "A", 1000, 2'000'000, 500'000),
                               usage("openai", "gpt-5-mini", "B", 500, 1'000'000, 1'000'000),
                               usage("acme", "mystery-1", "C", 100, 1'000'000, 0)},
                              d.catalog);
    std::vector<UsageRollupRow> base;
    for (const PricedUsageRow& r : d.taskRows) {
        UsageRollupRow b = r;
        b.tagValue.clear();
        base.push_back(b);
    }
    base.push_back(usage("together", "gpt-oss-20b", "", 300, 1'000'000, 1'000'000));
    d.baselineRows = priceRollups(base, d.catalog);
    return d;
}

const double kMonths = 30 / kDaysPerMonth; // the baseline's length in months

double quality(const char* model)
{
    return qualityByName(bundledQuality()).at(model);
}

std::string routesText(const ScenarioRoutingPlan& plan)
{
    std::string s;
    for (const PlannedRoute& r : plan.routes) {
        s += (s.empty() ? "" : ",") + r.task + ":" + r.model;
        if (std::fabs(r.share - 1) > 1e-9)
            s += "@" + std::to_string(static_cast<int>(std::lround(r.share * 100)));
    }
    return s;
}

} // namespace

class TestScenarioRouting : public QObject
{
    Q_OBJECT
private slots:
    void qualitiesTheCasesRestOn();
    void fromUsage_data();
    void fromUsage();
    void providerShareLimit();
    void storedAssignmentIsUsedAsSolved();
    void storedProblemIsSolved();
    void noTaggedUsage();
    void evaluationReplacesTheRoutedTasks();
    void solveAndStoreGivesTheSameFigure();
    void assignmentOfOtherTasksKeepsTheRest();
    void cancelledSolveKeepsTodaysRouting();
};

void TestScenarioRouting::qualitiesTheCasesRestOn()
{
    // The cases below assume this order of the bundled (sourced) qualities.
    QVERIFY(quality("gpt-oss-20b") >= quality("claude-opus-4.1"));
    QVERIFY(quality("gpt-5-nano") >= quality("claude-opus-4.1"));
    QVERIFY(quality("gpt-oss-20b") > 0.5 && quality("gpt-5-nano") < 0.5);
    QVERIFY(quality("gpt-5-mini") > 0.6 && quality("gpt-oss-20b") < 0.6);
    QVERIFY(quality("gpt-5-mini") < 0.9);
    QVERIFY(quality("gpt-5-mini") > quality("gpt-oss-20b"));
}

void TestScenarioRouting::fromUsage_data()
{
    QTest::addColumn<double>("floor"); // < 0: each task keeps its quality of today
    QTest::addColumn<QString>("routes");
    QTest::addColumn<double>("objective"); // USD a month of 30.4375 days
    QTest::addColumn<int>("leftOut");
    // A's floor is opus's quality: gpt-oss-20b at fireworks, 2 x 0.07 + 0.5 x 0.30 = 0.29, is
    // the cheapest of those reaching it (gpt-5-nano: 0.30). B keeps gpt-5-mini (2.25): nothing
    // cheaper reaches its quality. C's model has no sourced quality: left as it is.
    QTest::newRow("floors of today") << -1.0 << "A:gpt-oss-20b,B:gpt-5-mini" << 0.29 + 2.25 << 1;
    // Every task at >= 0.5: gpt-oss-20b for all; B 0.07 + 0.30, C 0.07.
    QTest::newRow("floor 0.5") << 0.5 << "A:gpt-oss-20b,B:gpt-oss-20b,C:gpt-oss-20b"
                               << 0.29 + 0.37 + 0.07 << 0;
    // >= 0.6: only gpt-5-mini; A 2 x 0.25 + 0.5 x 2 = 1.5, C 0.25.
    QTest::newRow("floor 0.6") << 0.6 << "A:gpt-5-mini,B:gpt-5-mini,C:gpt-5-mini"
                               << 1.5 + 2.25 + 0.25 << 0;
    // Nothing reaches 0.9: every task keeps its routing.
    QTest::newRow("floor 0.9") << 0.9 << "" << 0.0 << 3;
}

void TestScenarioRouting::fromUsage()
{
    QFETCH(double, floor);
    QFETCH(QString, routes);
    QFETCH(double, objective);
    QFETCH(int, leftOut);
    Scenario s = Scenario::withDefaults("s");
    if (floor >= 0)
        s.routing.minQuality = floor;
    const ScenarioRoutingPlan plan = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(plan.source, ScenarioRoutingSource::FromUsage);
    QCOMPARE(QString::fromStdString(routesText(plan)), routes);
    QCOMPARE(static_cast<int>(plan.leftOut.size()), leftOut);
    const double perMonth = objective / kMonths; // the window's cost scaled to a month
    QVERIFY2(std::fabs(plan.objectiveUsd - perMonth) < kTol,
             qPrintable(QString::number(plan.objectiveUsd, 'g', 12)));
    if (!routes.isEmpty()) {
        QCOMPARE(QString::fromStdString(plan.status), QStringLiteral("optimal"));
        QVERIFY(plan.matchesUsage);
        QVERIFY(plan.problem);
        QCOMPARE(plan.floors.size(), plan.tasks.size());
        if (floor < 0) {
            QCOMPARE(plan.floors[0].minQuality, quality("claude-opus-4.1"));
            QCOMPARE(QString::fromStdString(plan.floors[0].model), QStringLiteral("claude-opus-4.1"));
            QVERIFY(QString::fromStdString(plan.leftOut[0]).contains(QStringLiteral("mystery-1")));
        }
        // Today's cost of the routed tasks, at the candidates' prices.
        QVERIFY(plan.currentCostUsd);
    } else {
        QVERIFY(plan.status.empty());
    }
}

void TestScenarioRouting::providerShareLimit()
{
    // At a 0.5 floor everything goes to fireworks; a 60 % cap on any provider's share of the
    // spend moves the rest to the next cheapest (gpt-5-mini at openai).
    Scenario s = Scenario::withDefaults("s");
    s.routing.minQuality = 0.5;
    s.routing.maxProviderShare = 0.6;
    const ScenarioRoutingPlan plan = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(QString::fromStdString(plan.status), QStringLiteral("optimal"));
    std::map<std::string, double> byProvider;
    for (const PlannedRoute& r : plan.routes)
        byProvider[r.provider] += r.monthlyCostUsd;
    for (const auto& [provider, usd] : byProvider)
        QVERIFY2(usd <= 0.6 * plan.objectiveUsd + 1e-9, provider.c_str());
    QVERIFY(plan.objectiveUsd > (0.29 + 0.37 + 0.07) / kMonths);
    // One model per task (integral) under a 75 % cap: all on fireworks is 100 %; the cheapest
    // whole assignment within it moves C to gpt-5-mini: 0.29 + 0.37 + 0.25 = 0.91, fireworks
    // 73 % (B on gpt-5-mini instead: 2.61, openai 86 %).
    s.routing.integral = true;
    s.routing.maxProviderShare = 0.75;
    const ScenarioRoutingPlan whole = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(QString::fromStdString(whole.status), QStringLiteral("optimal"));
    QCOMPARE(QString::fromStdString(routesText(whole)),
             QStringLiteral("A:gpt-oss-20b,B:gpt-oss-20b,C:gpt-5-mini"));
    QVERIFY(std::fabs(whole.objectiveUsd - 0.91 / kMonths) < kTol);
    // A cap no assignment meets: infeasible, nothing routed, the limit named.
    s.routing.integral = false;
    s.routing.maxProviderShare = 0.2;
    const ScenarioRoutingPlan none = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(QString::fromStdString(none.status), QStringLiteral("infeasible"));
    QVERIFY(none.routes.empty());
    QVERIFY(!none.infeasibleConstraints.empty());
}

void TestScenarioRouting::storedAssignmentIsUsedAsSolved()
{
    Scenario s = Scenario::withDefaults("s");
    s.routing.assignment = nlohmann::json::parse(R"({"status":"optimal","assignments":[
        {"task":"A","model":"gpt-5-nano","share":0.5,"monthly_cost_usd":1.5},
        {"task":"A","model":"gpt-oss-20b","provider":"fireworks","share":0.5,"monthly_cost_usd":1.25},
        {"task":"B","model":"gpt-5-mini","share":1,"monthly_cost_usd":2}],"current_cost_usd":70})");
    const ScenarioRoutingPlan plan = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(plan.source, ScenarioRoutingSource::StoredAssignment);
    QCOMPARE(QString::fromStdString(routesText(plan)),
             QStringLiteral("A:gpt-5-nano@50,A:gpt-oss-20b@50,B:gpt-5-mini"));
    QCOMPARE(plan.objectiveUsd, 4.75);
    QCOMPARE(plan.tasks, (std::vector<std::string>{"A", "B"}));
    QCOMPARE(*plan.currentCostUsd, 70.0);
    QVERIFY(plan.matchesUsage); // A and B are task classes of the usage
}

void TestScenarioRouting::storedProblemIsSolved()
{
    Scenario s = Scenario::withDefaults("s");
    s.routing.problem = nlohmann::json::parse(R"({"version":1,
        "tasks":[{"id":"chat","monthly_requests":1000000,"input_tokens":1000,"output_tokens":200,"min_quality":0.5}],
        "models":[{"id":"big","provider":"p","input_usd_per_mtok":3,"output_usd_per_mtok":15,"quality":{"default":0.9}},
                  {"id":"small","provider":"q","input_usd_per_mtok":0.1,"output_usd_per_mtok":0.4,"quality":{"default":0.6}}]})");
    QVERIFY(s.validate().empty());
    const ScenarioRoutingPlan plan = planScenarioRouting(s, data(), kMonths);
    QCOMPARE(plan.source, ScenarioRoutingSource::StoredProblem);
    QCOMPARE(QString::fromStdString(routesText(plan)), QStringLiteral("chat:small"));
    // 1e6 requests x (1000 x 0.1 + 200 x 0.4) / 1e6 = $180.
    QVERIFY(std::fabs(plan.objectiveUsd - 180) < 1e-6);
    QVERIFY(!plan.matchesUsage); // "chat" is no task class of the usage
    QCOMPARE(plan.routes[0].provider, std::string("q"));
}

void TestScenarioRouting::noTaggedUsage()
{
    ScenarioData d = data();
    d.taskRows.clear();
    const ScenarioRoutingPlan plan = planScenarioRouting(Scenario::withDefaults("s"), d, kMonths);
    QVERIFY(plan.routes.empty());
    QCOMPARE(plan.leftOut.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(plan.leftOut[0]).contains(QStringLiteral("'task'")));
}

void TestScenarioRouting::evaluationReplacesTheRoutedTasks()
{
    // Status quo a month: (67.50 + 2.25 + 1.00 + 0.60) per 30 days. Optimised: A and B
    // routed (0.29 + 2.25), C as today (1.00), D to the cheaper host of the same model
    // (fireworks: 0.07 + 0.30).
    const ScenarioEvaluation ev = evaluateScenario(Scenario::withDefaults("s"), data(), 12);
    const double toMonth = kDaysPerMonth / 30;
    QVERIFY(std::fabs(ev.currentMonthlyUsd - 71.35 * toMonth) < 1e-9);
    QVERIFY2(std::fabs(ev.optimizedMonthlyUsd - (0.29 + 2.25 + 1.00 + 0.37) * toMonth) < 1e-9,
             qPrintable(QString::number(ev.optimizedMonthlyUsd, 'g', 12)));
    QCOMPARE(ev.optimizedSource, OptimizedSource::Optimizer);
    QVERIFY(QString::fromStdString(ev.optimizedDetail).contains(QStringLiteral("2 task classes")));
    QVERIFY(QString::fromStdString(ev.optimizedDetail).contains(QStringLiteral("together/gpt-oss-20b -> fireworks")));
    // Every sourced quality the plan used is in the assumptions, with its source.
    bool opus = false;
    for (const Assumption& a : ev.assumptions)
        if (a.name == "Quality of claude-opus-4.1")
            opus = !a.source.empty();
    QVERIFY(opus);
    // The plan followed by default is the optimised one.
    QVERIFY(std::fabs(ev.plannedMonthlyUsd - ev.optimizedMonthlyUsd) < kTol);
    // The forecast's month 0 starts from it (open-weight share in its own class).
    QVERIFY(std::fabs(ev.inputs.optimized.total() - ev.optimizedMonthlyUsd) < kTol);
    QVERIFY(std::fabs(ev.inputs.optimized.openWeightApiUsd - (0.29 + 0.37) * toMonth) < 1e-9);
}

void TestScenarioRouting::solveAndStoreGivesTheSameFigure()
{
    Scenario s = Scenario::withDefaults("s");
    s.routing.minQuality = 0.5;
    const ScenarioData d = data();
    const ScenarioEvaluation live = evaluateScenario(s, d, 12);
    s.routing.assignment = toAssignmentJson(live.routing, s.routing.taskTag);
    QVERIFY(s.validate().empty());
    const ScenarioEvaluation stored = evaluateScenario(s, d, 12);
    QCOMPARE(stored.optimizedSource, OptimizedSource::Assignment);
    QVERIFY(std::fabs(stored.optimizedMonthlyUsd - live.optimizedMonthlyUsd) < 1e-9);
    QCOMPARE(routesText(stored.routing), routesText(live.routing));
    // The JSON carries the keys `route --json` has.
    for (const char* key : {"status", "objective_usd", "assignments", "current_cost_usd"})
        QVERIFY2(s.routing.assignment.contains(key), key);
}

void TestScenarioRouting::assignmentOfOtherTasksKeepsTheRest()
{
    // An assignment of tasks the usage does not have, with its own cost of today: the status
    // quo less that cost plus the assignment's. Without that figure: the assignment is the plan.
    const ScenarioData d = data();
    Scenario s = Scenario::withDefaults("s");
    s.routing.assignment = nlohmann::json::parse(
        R"({"status":"optimal","assignments":[{"task":"chat","model":"small","share":1,"monthly_cost_usd":5}],"current_cost_usd":20})");
    const ScenarioEvaluation ev = evaluateScenario(s, d, 12);
    QVERIFY(std::fabs(ev.optimizedMonthlyUsd - (ev.currentMonthlyUsd - 20 + 5)) < 1e-9);
    s.routing.assignment.erase("current_cost_usd");
    QVERIFY(std::fabs(evaluateScenario(s, d, 12).optimizedMonthlyUsd - 5) < 1e-9);
}

// A cancelled solve (the GUI's Cancel) has no answer: every task keeps today's routing, the
// optimised plan only moves models to their cheaper hosts, and the assumptions say why.
void TestScenarioRouting::cancelledSolveKeepsTodaysRouting()
{
    Scenario s = Scenario::withDefaults("s");
    s.routing.integral = true;
    const std::atomic<bool> cancel{true};
    const ScenarioEvaluation ev = evaluateScenario(s, data(), 12, &cancel);
    QCOMPARE(ev.routing.status, std::string("cancelled"));
    QVERIFY(ev.routing.routes.empty());
    // As in evaluationReplacesTheRoutedTasks, without the routed tasks: A and B as today.
    const double toMonth = kDaysPerMonth / 30;
    QVERIFY2(std::fabs(ev.optimizedMonthlyUsd - (67.50 + 2.25 + 1.00 + 0.37) * toMonth) < 1e-9,
             qPrintable(QString::number(ev.optimizedMonthlyUsd, 'g', 12)));
    bool said = false;
    for (const Assumption& a : ev.assumptions)
        said = said || a.source == "the solve was cancelled by the user";
    QVERIFY(said);
    // Not cancelled, the same scenario is solved.
    QCOMPARE(evaluateScenario(s, data(), 12).routing.status, std::string("optimal"));
}

QTEST_APPLESS_MAIN(TestScenarioRouting)
#include "test_scenariorouting.moc"
