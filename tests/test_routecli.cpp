#include "cliapp.h"
#include "clitest.h"
#include "glpsolrun.h"
#include "routing.h"

#include <QTemporaryDir>
#include <QtTest>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using json = nlohmann::ordered_json;
using namespace finops;

namespace {

using Run = finops::test::CliResult;
using finops::test::keys;
Run runCli(const std::vector<std::string>& args) { return finops::test::cli(args); }

std::string data(const char* name) { return std::string(FINOPS_TEST_DATA) + "/routing/" + name; }

std::string slurp(const QString& path)
{
    std::ifstream f(path.toStdString());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

} // namespace

class TestRouteCli : public QObject
{
    Q_OBJECT

private slots:
    void jsonContract();
    void agreesWithGlpsol();
    void sharesAndCapacityHold();
    void integralPutsEachTaskOnOneModel();
    void infeasibleIsReportedWithCauses();
    void paretoIsMonotone();
    void budgetModeMaximisesQuality();
    void exportLitellm();
    void exportJsonAndCsv();
    void badInput_data();
    void badInput();
    void helpAndTable();
};

void TestRouteCli::jsonContract()
{
    const Run r = runCli({"route", data("example.json"), "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    const QStringList expected{"status", "objective_usd", "mip_gap", "assignments", "shadow_prices", "pareto"};
    QCOMPARE(keys(j).mid(0, expected.size()), expected);
    QCOMPARE(j["status"].get<std::string>(), std::string("optimal"));
    QVERIFY(!j["assignments"].empty());
    for (const auto& a : j["assignments"])
        QCOMPARE(keys(a), (QStringList{"task", "model", "share", "monthly_cost_usd"}));
    for (const auto& s : j["shadow_prices"])
        QCOMPARE(keys(s), (QStringList{"constraint", "usd_per_unit"}));
    // The example's binding limits: Anthropic's minimum share and DeepSeek's capacity.
    QStringList names;
    for (const auto& s : j["shadow_prices"])
        names << QString::fromStdString(s["constraint"].get<std::string>());
    QVERIFY2(names.contains("min_provider_share:anthropic"), qPrintable(names.join(",")));
    QVERIFY2(names.contains("capacity:deepseek-v3.2"), qPrintable(names.join(",")));
    for (const auto& s : j["shadow_prices"])
        if (s["constraint"] == "capacity:deepseek-v3.2")
            QVERIFY(s["usd_per_unit"].get<double>() < 0); // more capacity saves money
}

// The routing LP written as CPLEX LP: glpsol finds the same optimum, and the same
// marginal of the binding capacity (the row glpsol calls r4).
void TestRouteCli::agreesWithGlpsol()
{
    if (!testing::hasGlpsol())
        QSKIP("glpsol (glpk-utils) is not installed");
    QTemporaryDir dir;
    for (const char* file : {"example.json", "infeasible.json"}) {
        const RoutingProblem p = RoutingProblem::load(data(file));
        for (bool integral : {false, true}) {
            const RoutingModelLp model = buildRoutingLp(p, integral);
            const auto ref = testing::runGlpsol(model.lp, dir.path().toStdString(), std::string(file) + (integral ? "i" : "c"));
            QVERIFY(ref.known);
            RoutingOptions o;
            o.integral = integral;
            const RoutingResult ours = solveRouting(p, o);
            if (ref.status == lp::Status::Optimal) {
                QCOMPARE(ours.status, RoutingStatus::Optimal);
                QVERIFY2(std::abs(ours.objectiveUsd - *ref.objective) <= 1e-7 * std::abs(*ref.objective),
                         qPrintable(QString("%1 %2: ours %3 glpsol %4").arg(file).arg(integral).arg(ours.objectiveUsd, 0, 'g', 15).arg(*ref.objective, 0, 'g', 15)));
            } else {
                QCOMPARE(ours.status, RoutingStatus::Infeasible);
            }
        }
    }
}

void TestRouteCli::sharesAndCapacityHold()
{
    const RoutingProblem p = RoutingProblem::load(data("example.json"));
    const RoutingResult r = solveRouting(p);
    QCOMPARE(r.status, RoutingStatus::Optimal);
    std::map<std::string, double> byProvider, taskShare, load;
    double total = 0;
    for (const RoutingAssignment& a : r.assignments) {
        const int m = p.modelIndex(a.model), t = p.taskIndex(a.task);
        QVERIFY(p.pairAllowed(t, m));
        byProvider[p.models[m].provider] += a.monthlyCostUsd;
        taskShare[a.task] += a.share;
        load[a.model] += a.share * p.pairLoad(t, m);
        total += a.monthlyCostUsd;
    }
    QVERIFY(std::abs(total - r.objectiveUsd) < 1e-6);
    for (const auto& [task, s] : taskShare)
        QVERIFY2(std::abs(s - 1) < 1e-9, task.c_str());
    for (const auto& [prov, spend] : byProvider)
        QVERIFY(spend <= 0.6 * total + 1e-6);
    QVERIFY(byProvider["anthropic"] >= 0.1 * total - 1e-6);
    QVERIFY(load["deepseek-v3.2"] <= 5e9 * (1 + 1e-9));
}

void TestRouteCli::integralPutsEachTaskOnOneModel()
{
    QTemporaryDir dir;
    // Without the provider limits the integral example is feasible.
    RoutingProblem p = RoutingProblem::load(data("example.json"));
    p.constraints.maxProviderShare.reset();
    p.constraints.minProviderShare.clear();
    const QString file = dir.filePath("p.json");
    std::ofstream(file.toStdString()) << p.toJson().dump(1);
    const Run r = runCli({"route", file.toStdString(), "--integral", "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QCOMPARE(j["status"].get<std::string>(), std::string("optimal"));
    QCOMPARE(j["mip_gap"].get<double>(), 0.0);
    std::set<std::string> tasks;
    for (const auto& a : j["assignments"]) {
        QCOMPARE(a["share"].get<double>(), 1.0);
        QVERIFY(tasks.insert(a["task"].get<std::string>()).second);
    }
    QCOMPARE(tasks.size(), size_t(3));
    // Integral costs at least the fractional optimum.
    const json lp = runCli({"route", file.toStdString(), "--json"}).j();
    QVERIFY(j["objective_usd"].get<double>() >= lp["objective_usd"].get<double>() - 1e-6);
}

void TestRouteCli::infeasibleIsReportedWithCauses()
{
    const Run r = runCli({"route", data("infeasible.json"), "--json"});
    QCOMPARE(r.status, 0); // a valid problem with no solution is an answer, not bad input
    const json j = r.j();
    QCOMPARE(j["status"].get<std::string>(), std::string("infeasible"));
    QVERIFY(j["objective_usd"].is_null());
    QVERIFY(j["assignments"].empty());
    std::set<std::string> causes;
    for (const auto& c : j["infeasible_constraints"])
        causes.insert(c.get<std::string>());
    // 1e9 tokens a month do not fit in 2 x 4e8: both capacities are the cause.
    QVERIFY(causes.count("capacity:small-a"));
    QVERIFY(causes.count("capacity:small-b"));
    const Run text = runCli({"route", data("infeasible.json")});
    QVERIFY(text.out.find("infeasible") != std::string::npos);
    QVERIFY(text.out.find("capacity:small-a") != std::string::npos);
}

void TestRouteCli::paretoIsMonotone()
{
    const Run r = runCli({"route", data("example.json"), "--pareto", "6", "--json"});
    QCOMPARE(r.status, 0);
    const json pareto = r.j()["pareto"];
    QCOMPARE(pareto.size(), size_t(6));
    double lastQ = -1, lastCost = 0;
    bool seenInfeasible = false;
    for (const auto& p : pareto) {
        QCOMPARE(keys(p), (QStringList{"min_quality", "cost_usd"}));
        QVERIFY(p["min_quality"].get<double>() > lastQ);
        lastQ = p["min_quality"].get<double>();
        if (p["cost_usd"].is_null()) {
            seenInfeasible = true;
            continue;
        }
        QVERIFY(!seenInfeasible); // once infeasible, a higher floor stays infeasible
        QVERIFY(p["cost_usd"].get<double>() >= lastCost - 1e-6);
        lastCost = p["cost_usd"].get<double>();
    }
}

void TestRouteCli::budgetModeMaximisesQuality()
{
    RoutingProblem p = RoutingProblem::load(data("example.json"));
    const RoutingResult cheapest = solveRouting(p);
    p.constraints.budgetUsd = cheapest.objectiveUsd * 3;
    const RoutingResult rich = solveRouting(p);
    QCOMPARE(rich.status, RoutingStatus::Optimal);
    QVERIFY(rich.objectiveUsd <= *p.constraints.budgetUsd * (1 + 1e-9));
    QVERIFY(*rich.weightedQuality > *cheapest.weightedQuality);
    p.constraints.budgetUsd = cheapest.objectiveUsd * 0.5; // below the cheapest plan
    const RoutingResult poor = solveRouting(p);
    QCOMPARE(poor.status, RoutingStatus::Infeasible);
    QVERIFY(std::find(poor.infeasibleConstraints.begin(), poor.infeasibleConstraints.end(), "budget")
            != poor.infeasibleConstraints.end());
}

void TestRouteCli::exportLitellm()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("litellm.yaml");
    const Run r = runCli({"route", data("example.json"), "--export", "litellm", "-o", out.toStdString(), "--json"});
    QCOMPARE(r.status, 0);
    const json result = r.j();
    const YAML::Node y = YAML::LoadFile(out.toStdString());
    QVERIFY(y["model_list"].IsSequence());
    QCOMPARE(y["router_settings"]["routing_strategy"].as<std::string>(), std::string("simple-shuffle"));
    QVERIFY(y["router_settings"]["fallbacks"].IsSequence());
    // Weights per alias: integers, every entry has one, proportional to the shares.
    std::map<std::string, std::map<std::string, int>> weights;
    for (const auto& e : y["model_list"]) {
        QVERIFY(e["litellm_params"]["weight"].IsDefined());
        weights[e["model_name"].as<std::string>()][e["litellm_params"]["model"].as<std::string>()] =
            e["litellm_params"]["weight"].as<int>();
    }
    const RoutingProblem p = RoutingProblem::load(data("example.json"));
    for (const auto& a : result["assignments"]) {
        const std::string task = a["task"].get<std::string>();
        const int m = p.modelIndex(a["model"].get<std::string>());
        QVERIFY(weights.count(task));
        int sum = 0;
        for (const auto& [model, w] : weights[task]) {
            QVERIFY(w >= 1);
            sum += w;
        }
        QCOMPARE(sum, 100);
        const int w = weights[task][p.models[m].litellmName()];
        QVERIFY2(std::abs(w - 100 * a["share"].get<double>()) <= 1.0,
                 qPrintable(QString("%1 %2: weight %3 share %4").arg(task.c_str()).arg(p.models[m].id.c_str()).arg(w).arg(a["share"].get<double>())));
    }
    // The fallbacks point at aliases that exist.
    for (const auto& f : y["router_settings"]["fallbacks"])
        for (const auto& kv : f) {
            QVERIFY(weights.count(kv.first.as<std::string>()));
            for (const auto& target : kv.second)
                QVERIFY(weights.count(target.as<std::string>()));
        }
    QCOMPARE(weights["support-triage"].count("openai/gpt-4.1-mini"), size_t(1));
}

void TestRouteCli::exportJsonAndCsv()
{
    QTemporaryDir dir;
    const QString j = dir.filePath("a.json"), c = dir.filePath("a.csv");
    QCOMPARE(runCli({"route", data("example.json"), "--export", "json", "-o", j.toStdString()}).status, 0);
    QCOMPARE(runCli({"route", data("example.json"), "--export", "csv", "-o", c.toStdString()}).status, 0);
    const json doc = json::parse(slurp(j));
    QCOMPARE(doc["assignments"].size(), size_t(5));
    double total = 0;
    for (const auto& a : doc["assignments"])
        total += a["monthly_cost_usd"].get<double>();
    QVERIFY(std::abs(total - doc["total_monthly_cost_usd"].get<double>()) < 1e-6);
    const std::string csv = slurp(c);
    QVERIFY(csv.rfind("task,model,provider,share,monthly_cost_usd\r\n", 0) == 0);
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 6L);
    // Nothing exported from an infeasible problem, and no file appears.
    const QString none = dir.filePath("none.yaml");
    const Run r = runCli({"route", data("infeasible.json"), "--export", "litellm", "-o", none.toStdString()});
    QCOMPARE(r.status, 2);
    QVERIFY(!QFile::exists(none));
}

void TestRouteCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mention");
    QTest::newRow("missing file") << QStringList{"route", "/nonexistent/p.json"} << "p.json";
    QTest::newRow("no problem") << QStringList{"route"} << "PROBLEM.json";
    QTest::newRow("bad pareto") << QStringList{"route", "EX", "--pareto", "1"} << "--pareto";
    QTest::newRow("bad export format") << QStringList{"route", "EX", "--export", "xml", "-o", "/tmp/x"} << "--export";
    QTest::newRow("export without -o") << QStringList{"route", "EX", "--export", "csv"} << "-o";
    QTest::newRow("unknown option") << QStringList{"route", "EX", "--frobnicate"} << "frobnicate";
    QTest::newRow("from-usage without quality floor") << QStringList{"route", "--from-usage", "--db", "/nonexistent/x.db"}
                                                       << "--min-quality";
    QTest::newRow("from-usage without a store")
        << QStringList{"route", "--from-usage", "--min-quality", "0.5", "--db", "/nonexistent/x.db"} << "--db";
}

void TestRouteCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mention);
    std::vector<std::string> a;
    for (const QString& s : args)
        a.push_back(s == "EX" ? data("example.json") : s.toStdString());
    const Run r = runCli(a);
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.find(mention.toStdString()) != std::string::npos, r.err.c_str());
}

void TestRouteCli::helpAndTable()
{
    const Run help = runCli({"route", "--help"});
    QCOMPARE(help.status, 0);
    QVERIFY(help.out.find("--integral") != std::string::npos);
    QVERIFY(help.out.find("--from-usage") != std::string::npos);
    const Run table = runCli({"route", data("example.json")});
    QCOMPARE(table.status, 0);
    QVERIFY(table.out.find("support-triage") != std::string::npos);
    QVERIFY(table.out.find("min_provider_share:anthropic") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestRouteCli)
#include "test_routecli.moc"
