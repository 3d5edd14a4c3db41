#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "scenarioeval.h"
#include "scenariostore.h"
#include "texttable.h"

#include <cstdio>

namespace finops::cli {

int runForecast(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "forecast", "[--scenario NAME] [--months N] [--db PATH] [--json]",
        {{"scenario", "NAME", "a saved scenario (default: the default scenario, see below)"},
         {"months", "N", "months ahead, 1..36 (default: the scenario's, 24 for the default)"},
         dbOption(),
         jsonOption()},
        "Monthly spend forecast under three plans: the status quo, the optimised routing and\n"
        "the optimised routing with the self-hosted fleet of the scenario's TCO inputs, with\n"
        "P10/P50/P90 bands of the scenario's plan from a seeded Monte Carlo over growth and\n"
        "price-decline ranges, and the payback month (null when never). Without --scenario\n"
        "the default scenario is used: all stored usage as the baseline, its observed mix,\n"
        "3 % compound monthly growth, the price trends of pricing-data/forecast-defaults.json,\n"
        "no self-hosted fleet, and the optimised plan: the routing optimiser on the usage\n"
        "tagged \"task\" (each task class at least as good as its model today, qualities of\n"
        "pricing-data/quality.json), the rest of the usage at the cheapest host of its model.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (!args.positionals().empty())
        throw UsageError("finops-cli forecast: unexpected argument '" + args.positionals().front() +
                         "'");
    std::optional<int> months;
    if (const auto n = args.integer("months")) {
        if (*n < 1 || *n > 36)
            args.fail("months", "must be between 1 and 36");
        months = static_cast<int>(*n);
    }

    auto [store, scenario] = openScenario(args);
    const ScenarioEvaluation ev = evaluateScenario(*store, scenario, months);
    const ForecastResult& f = ev.forecast;

    if (args.has("json")) {
        nlohmann::ordered_json j;
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const ForecastMonth& m : f.months)
            list.push_back({{"month", monthLabel(m.month)},
                            {"status_quo_usd", m.statusQuoUsd},
                            {"optimized_usd", m.optimizedUsd},
                            {"self_hosted_usd", m.selfHostedUsd},
                            {"p10_usd", m.p10Usd},
                            {"p50_usd", m.p50Usd},
                            {"p90_usd", m.p90Usd}});
        j["months"] = list;
        j["payback_month"] = f.paybackMonth ? nlohmann::ordered_json(monthLabel(*f.paybackMonth))
                                            : nlohmann::ordered_json(nullptr);
        // What the figures rest on (extra keys; the two above are the contract).
        j["scenario"] = scenario.name;
        j["plan"] = toString(scenario.plan);
        j["current_monthly_usd"] = ev.currentMonthlyUsd;
        j["planned_monthly_usd"] = ev.plannedMonthlyUsd;
        j["monthly_growth_pct"] = ev.monthlyGrowth * 100;
        j["r_squared"] =
            ev.fit ? nlohmann::ordered_json(ev.fit->rSquared) : nlohmann::ordered_json(nullptr);
        nlohmann::ordered_json assumptions = nlohmann::ordered_json::array();
        for (const Assumption& a : ev.assumptions)
            assumptions.push_back({{"name", a.name}, {"value", a.value}, {"source", a.source}});
        j["assumptions"] = assumptions;
        printJson(ctx.out, j);
        return ExitOk;
    }

    ctx.out << "scenario:          " << scenario.name << " (plan: " << toString(scenario.plan)
            << ")\n";
    ctx.out << "current monthly:   " << formatUsd(ev.currentMonthlyUsd) << '\n';
    ctx.out << "planned monthly:   " << formatUsd(ev.plannedMonthlyUsd) << '\n';
    ctx.out << "growth:            " << ev.growthNote << '\n';
    ctx.out << "payback:           "
            << (f.paybackMonth ? monthLabel(*f.paybackMonth) : std::string("never")) << "\n\n";
    TextTable table;
    table.addColumn("month");
    for (const char* c : {"status quo", "optimised", "self-hosted", "P10", "P50", "P90"})
        table.addColumn(c, TextTable::Align::Right);
    for (const ForecastMonth& m : f.months)
        table.addRow({monthLabel(m.month), formatUsd(m.statusQuoUsd), formatUsd(m.optimizedUsd),
                      formatUsd(m.selfHostedUsd), formatUsd(m.p10Usd), formatUsd(m.p50Usd),
                      formatUsd(m.p90Usd)});
    table.print(ctx.out);
    return ExitOk;
}

} // namespace finops::cli
