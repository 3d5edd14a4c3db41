#include "cliapp.h"
#include "modelquality.h"
#include "clisupport.h"
#include "cplexlp.h"
#include "displayformat.h"
#include "fileio.h"
#include "inputerror.h"
#include "jsondocument.h"
#include "routing.h"
#include "routingexport.h"
#include "routingfromusage.h"
#include "texttable.h"
#include "usagequery.h"
#include "usagestore.h"

#include <cstdio>
#include <map>

namespace finops::cli {

namespace {

std::optional<Date> dateOption(const ArgParser& args, const char* name)
{
    const auto v = args.value(name);
    if (!v)
        return std::nullopt;
    const auto d = Date::parse(*v);
    if (!d)
        args.fail(name, "expected a date as YYYY-MM-DD");
    return d;
}

} // namespace

int runRoute(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "route",
        "PROBLEM.json [--integral] [--pareto N] [--time-limit S] [--export litellm|json|csv -o FILE] [--json]\n"
        "       finops-cli route --from-usage [--tag-key KEY] [--from DATE] [--to DATE] --min-quality Q "
        "[--quality FILE] [--db PATH] ...",
        {{"integral", "", "each task on exactly one model (a generalized assignment problem)"},
         {"pareto", "N", "also sweep the quality floor in N steps: the cost-quality frontier"},
         {"time-limit", "S", "stop branch and bound after S seconds and report the proven gap"},
         {"export", "FORMAT", "write the assignment: litellm (proxy config YAML), json or csv"},
         {"output", "FILE", "the export's output file (with --export)", 'o'},
         {"from-usage", "", "build the task classes from stored usage by tag instead of a problem file"},
         {"tag-key", "KEY", "with --from-usage: the tag whose values are the task classes (default task)"},
         {"from", "DATE", "with --from-usage: first day of usage (YYYY-MM-DD)"},
         {"to", "DATE", "with --from-usage: last day of usage"},
         {"min-quality", "Q", "with --from-usage: every task's quality floor, 0..1"},
         {"quality", "FILE", "with --from-usage: model qualities (0..1), default pricing-data/quality.json"},
         {"write-problem", "FILE", "with --from-usage: also save the built problem (v1 JSON)"},
         {"write-lp", "FILE", "also write the LP/MIP as a CPLEX LP file (glpsol --lp FILE solves it)"},
         dbOption(),
         jsonOption()},
        "Optimal task-to-model routing: minimise monthly cost subject to quality, latency, region,\n"
        "capacity and provider-share limits (LP, or MIP with --integral / constraints.integral);\n"
        "with constraints.budget_usd, maximise traffic-weighted quality within the budget.\n"
        "An infeasible problem is a valid answer: status \"infeasible\", exit 0, and\n"
        "\"infeasible_constraints\" names the constraint groups that cause it.\n"
        "Shadow prices: USD a month per unit of the constraint (capacity: per token a month;\n"
        "provider shares: per 1.0 of share); negative means loosening it saves money.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;

    RoutingProblem problem;
    std::string problemName;
    if (args.has("from-usage")) {
        if (!args.positionals().empty())
            throw UsageError("finops-cli route: give either PROBLEM.json or --from-usage, not both");
        const auto q = args.fraction("min-quality");
        if (!q)
            args.fail("min-quality", "required with --from-usage (0..1)");
        // Sourced qualities: pricing-data/quality.json, or the user's own table.
        const std::map<std::string, double> quality =
            qualityByName(args.value("quality") ? readQualityTable(readWholeFile(*args.value("quality")), *args.value("quality"))
                                                : bundledQuality());
        const auto from = dateOption(args, "from");
        const auto to = dateOption(args, "to");
        auto store = openStore(args, false);
        if (!store)
            throw InputError(args.value("db").value_or(""), 0, "--db", "no store yet: import usage first");
        UsageStore usage(*store);
        const PriceCatalog catalog = loadCatalog(args);
        const std::string tagKey = args.value("tag-key").value_or("task");
        const SpendInputs spend = loadSpendInputs(usage, catalog, from, to, tagKey);
        // Months covered: the window's days / (365.25 / 12).
        double months = 1;
        Date first{}, last{};
        bool any = false;
        for (const PricedUsageRow& r : spend.tagged) {
            if (!any || r.day < first)
                first = r.day;
            if (!any || last < r.day)
                last = r.day;
            any = true;
        }
        if (any) {
            const Date a = from.value_or(first), b = to.value_or(last);
            months = std::max(1.0, static_cast<double>(b.daysSinceEpoch - a.daysSinceEpoch + 1)) / (365.25 / 12);
        }
        const std::vector<RoutingCandidate> candidates = routingCandidates(catalog.offersAt(lookupDate(args)), quality);
        RoutingFromUsageOptions fo;
        fo.minQuality = *q;
        fo.months = months;
        fo.catalog = &catalog;
        fo.day = lookupDate(args);
        problem = routingProblemFromUsage(spend, candidates, fo);
        problemName = "--from-usage";
        problem.validate(problemName);
        if (const auto out = args.value("write-problem"))
            writeFileAtomically(*out, problem.toJson().dump(2) + "\n");
    } else {
        if (args.positionals().size() != 1)
            throw UsageError("finops-cli route: expected one PROBLEM.json (or --from-usage)\n" + args.help());
        problemName = args.positionals()[0];
        problem = RoutingProblem::load(problemName);
    }

    RoutingOptions options;
    if (args.has("integral"))
        options.integral = true;
    if (const auto n = args.integer("pareto")) {
        if (*n < 2 || *n > 1000)
            args.fail("pareto", "must be from 2 to 1000");
        options.paretoPoints = static_cast<int>(*n);
    }
    if (const auto t = args.nonNegative("time-limit"))
        options.timeLimitSeconds = *t;
    const auto exportFormat = args.value("export");
    if (exportFormat && *exportFormat != "litellm" && *exportFormat != "json" && *exportFormat != "csv")
        args.fail("export", "expected litellm, json or csv");
    if (exportFormat && !args.value("output"))
        args.fail("output", "--export needs -o FILE");

    if (const auto lpFile = args.value("write-lp")) {
        const RoutingModelLp model = buildRoutingLp(problem, options.integral.value_or(problem.constraints.integral));
        writeFileAtomically(*lpFile, lp::toCplexLp(model.lp));
    }
    const RoutingResult r = solveRouting(problem, options);

    if (exportFormat) {
        if (r.status != RoutingStatus::Optimal && r.status != RoutingStatus::TimeLimit)
            throw InputError(problemName, 0, "--export", std::string("no assignment to export: the problem is ")
                                                              + routingStatusName(r.status));
        std::vector<RoutingExportRow> rows;
        for (const RoutingAssignment& a : r.assignments)
            rows.push_back({a.task, a.model, a.share, a.monthlyCostUsd});
        std::string text;
        if (*exportFormat == "litellm")
            text = routingToLitellmYaml(problem, rows);
        else if (*exportFormat == "json")
            text = routingToJson(problem, rows);
        else
            text = routingToCsv(problem, rows);
        writeRoutingExport(*args.value("output"), text);
    }

    if (args.has("json")) {
        nlohmann::ordered_json j;
        j["status"] = routingStatusName(r.status);
        const bool hasAnswer = r.status == RoutingStatus::Optimal || r.status == RoutingStatus::TimeLimit;
        j["objective_usd"] = hasAnswer ? nlohmann::ordered_json(r.objectiveUsd) : nlohmann::ordered_json(nullptr);
        j["mip_gap"] = r.mipGap;
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const RoutingAssignment& x : r.assignments)
            a.push_back({{"task", x.task}, {"model", x.model}, {"share", x.share}, {"monthly_cost_usd", x.monthlyCostUsd}});
        j["assignments"] = a;
        nlohmann::ordered_json sp = nlohmann::ordered_json::array();
        for (const ShadowPrice& s : r.shadowPrices)
            sp.push_back({{"constraint", s.constraint}, {"usd_per_unit", s.usdPerUnit}});
        j["shadow_prices"] = sp;
        nlohmann::ordered_json pa = nlohmann::ordered_json::array();
        for (const ParetoPoint& p : r.pareto)
            pa.push_back({{"min_quality", p.minQuality}, {"cost_usd", optionalNumber(p.costUsd)}});
        j["pareto"] = pa;
        if (r.status == RoutingStatus::Infeasible)
            j["infeasible_constraints"] = r.infeasibleConstraints;
        j["integral"] = r.integral;
        j["weighted_quality"] = optionalNumber(r.weightedQuality);
        j["current_cost_usd"] = optionalNumber(r.currentCostUsd);
        j["nodes"] = r.nodes;
        printJson(ctx.out, j);
        return ExitOk;
    }

    ctx.out << "status: " << routingStatusName(r.status);
    if (r.integral && r.mipGap > 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g%%", r.mipGap * 100);
        ctx.out << " (gap " << buf << ")";
    }
    ctx.out << '\n';
    if (r.status == RoutingStatus::Infeasible) {
        ctx.out << "infeasible because of:\n";
        for (const std::string& c : r.infeasibleConstraints)
            ctx.out << "  " << c << '\n';
        return ExitOk;
    }
    ctx.out << "monthly cost: " << formatUsd(r.objectiveUsd);
    if (r.currentCostUsd)
        ctx.out << " (now " << formatUsd(*r.currentCostUsd) << ")";
    ctx.out << "\n\n";
    TextTable table;
    table.addColumn("task");
    table.addColumn("model");
    table.addColumn("share", TextTable::Align::Right);
    table.addColumn("monthly cost", TextTable::Align::Right);
    for (const RoutingAssignment& a : r.assignments) {
        char share[32];
        std::snprintf(share, sizeof share, "%.1f%%", a.share * 100);
        table.addRow({a.task, a.model, share, formatUsd(a.monthlyCostUsd)});
    }
    table.print(ctx.out);
    if (!r.shadowPrices.empty()) {
        ctx.out << "\nbinding constraints (USD a month per unit; negative: loosening saves):\n";
        for (const ShadowPrice& s : r.shadowPrices) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.6g", s.usdPerUnit);
            ctx.out << "  " << s.constraint << ": " << buf << '\n';
        }
    }
    if (!r.pareto.empty()) {
        ctx.out << "\ncost-quality frontier:\n";
        for (const ParetoPoint& p : r.pareto) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3f", p.minQuality);
            ctx.out << "  quality >= " << buf << ": " << (p.costUsd ? formatUsd(*p.costUsd) : std::string("infeasible"))
                    << '\n';
        }
    }
    return ExitOk;
}

} // namespace finops::cli
