#include "reportmodel.h"

#include "blend.h"
#include "displayformat.h"
#include "spend.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

namespace finops {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12;
constexpr std::size_t kMaxProviders = 7;

std::string pct(double percent, int decimals = 1)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, percent);
    return buf;
}

std::string quality3(double q)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", q);
    return buf;
}

double tokensOf(const SpendRow& r)
{
    return static_cast<double>(r.inputTokens + r.cachedInputTokens + r.cacheWriteTokens +
                               r.outputTokens);
}

// The cost a row counts for, as aggregateSpend counts it: reported when the source gave
// one, else priced; nullopt when unpriced.
std::optional<double> rowCostUsd(const PricedUsageRow& row)
{
    if (row.hasReportedCost)
        return nanoToUsd(row.reportedCostNano);
    if (row.prices && !row.costOnly)
        return computedCostUsd(row, *row.prices);
    return std::nullopt;
}

StackedChartData spendTrend(const std::vector<PricedUsageRow>& rows)
{
    StackedChartData chart;
    chart.title = "Spend by month and provider";
    chart.valueLabel =
        "USD per calendar month of the baseline period (partial months at either end)";
    std::map<std::string, std::map<std::string, double>> byProviderMonth;
    std::map<std::string, double> providerTotal;
    std::set<std::string> months;
    for (const PricedUsageRow& r : rows) {
        const auto cost = rowCostUsd(r);
        if (!cost)
            continue;
        const std::string month = r.day.toString().substr(0, 7);
        byProviderMonth[r.provider][month] += *cost;
        providerTotal[r.provider] += *cost;
        months.insert(month);
    }
    chart.categories.assign(months.begin(), months.end());
    std::vector<std::pair<std::string, double>> providers(providerTotal.begin(),
                                                          providerTotal.end());
    std::stable_sort(providers.begin(), providers.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<double> other(chart.categories.size(), 0);
    bool hasOther = false;
    for (std::size_t i = 0; i < providers.size(); ++i) {
        std::vector<double> values;
        for (const auto& m : chart.categories)
            values.push_back(byProviderMonth[providers[i].first][m]);
        if (i < kMaxProviders) {
            chart.series.push_back(providers[i].first);
            chart.values.push_back(values);
        } else {
            hasOther = true;
            for (std::size_t c = 0; c < values.size(); ++c)
                other[c] += values[c];
        }
    }
    if (hasOther) {
        chart.series.push_back("other");
        chart.values.push_back(other);
    }
    return chart;
}

ReportTable spendTable(std::string id, std::string title, std::string keyColumn,
                       const SpendReport& report, double monthFactor, std::string note)
{
    ReportTable t;
    t.id = std::move(id);
    t.title = std::move(title);
    t.columns = {std::move(keyColumn),   "Requests",           "Tokens",
                 "Cost in period (USD)", "Monthly cost (USD)", "Share of cost"};
    double requests = 0, tokens = 0, cost = 0;
    for (const SpendRow& r : report.rows)
        cost += r.costUsd;
    for (const SpendRow& r : report.rows) {
        t.rows.push_back({ReportCell::textCell(r.key),
                          ReportCell::count(static_cast<double>(r.requests)),
                          ReportCell::count(tokensOf(r)), ReportCell::usd(r.costUsd),
                          ReportCell::usd(r.costUsd * monthFactor),
                          ReportCell::share(cost > 0 ? r.costUsd / cost : 0)});
        requests += static_cast<double>(r.requests);
        tokens += tokensOf(r);
    }
    if (!t.rows.empty())
        t.totals = {ReportCell::textCell("Total"),       ReportCell::count(requests),
                    ReportCell::count(tokens),           ReportCell::usd(cost),
                    ReportCell::usd(cost * monthFactor), ReportCell::share(cost > 0 ? 1 : 0)};
    t.note = std::move(note);
    if (report.unpricedRequests > 0)
        t.note += (t.note.empty() ? "" : " ") +
                  formatCount(static_cast<double>(report.unpricedRequests)) +
                  " requests could not be priced (no catalog price, no reported cost) and are left "
                  "out of the cost.";
    return t;
}

struct AssignmentRow
{
    std::string task, model;
    double share = 0;
    double monthlyCostUsd = 0;
};

std::vector<AssignmentRow> plannedAssignment(const ScenarioRoutingPlan& plan)
{
    std::vector<AssignmentRow> rows;
    for (const PlannedRoute& r : plan.routes)
        rows.push_back({r.task, r.model, r.share, r.monthlyCostUsd});
    return rows;
}

// Today's routing: per value of the tag key, each model's share of the tokens and its
// monthly cost, from the baseline usage.
std::vector<AssignmentRow> currentRouting(const ReportData& data, double monthFactor)
{
    std::map<std::pair<std::string, std::string>, std::pair<double, double>>
        byTaskModel; // tokens, cost
    std::map<std::string, double> taskTokens;
    for (const PricedUsageRow& r : data.tagSpend.tagged) {
        const double tokens = static_cast<double>(r.inputTokens + r.cachedInputTokens +
                                                  r.cacheWriteTokens + r.outputTokens);
        auto& slot = byTaskModel[{r.tagValue, r.model}];
        slot.first += tokens;
        slot.second += rowCostUsd(r).value_or(0);
        taskTokens[r.tagValue] += tokens;
    }
    std::vector<AssignmentRow> rows;
    for (const auto& [key, value] : byTaskModel) {
        const double total = taskTokens[key.first];
        rows.push_back({key.first, key.second, total > 0 ? value.first / total : 0,
                        value.second * monthFactor});
    }
    return rows;
}

StackedChartData routingChart(const std::vector<AssignmentRow>& rows, const std::string& title)
{
    StackedChartData chart;
    chart.title = title;
    chart.valueLabel = "share of each task's traffic by model";
    std::vector<std::string> tasks, models;
    std::map<std::string, double> modelCost;
    for (const AssignmentRow& r : rows) {
        if (std::find(tasks.begin(), tasks.end(), r.task) == tasks.end())
            tasks.push_back(r.task);
        modelCost[r.model] += r.monthlyCostUsd + 1e-12 * r.share;
    }
    for (const auto& [m, c] : modelCost)
        models.push_back(m);
    std::stable_sort(models.begin(), models.end(),
                     [&](const auto& a, const auto& b) { return modelCost[a] > modelCost[b]; });
    chart.categories = tasks;
    chart.series = models;
    chart.values.assign(models.size(), std::vector<double>(tasks.size(), 0));
    for (const AssignmentRow& r : rows) {
        const auto s = static_cast<std::size_t>(std::find(models.begin(), models.end(), r.model) -
                                                models.begin());
        const auto c =
            static_cast<std::size_t>(std::find(tasks.begin(), tasks.end(), r.task) - tasks.begin());
        chart.values[s][c] += r.share;
    }
    return chart;
}

std::string dateIn(const std::string& text)
{
    static const std::regex iso(R"((\d{4}-\d{2}-\d{2}))");
    std::smatch m;
    return std::regex_search(text, m, iso) ? m[1].str() : std::string();
}

} // namespace

std::vector<ReportTable> ReportModel::exportTables() const
{
    std::vector<ReportTable> all = tables;
    all.push_back(assumptions);
    return all;
}

ReportModel buildReportModel(const ScenarioEvaluation& ev, const ReportData& data,
                             const ReportOptions& options)
{
    const Scenario& sc = ev.scenario;
    const ScenarioData& sd = data.scenario;
    ReportModel m;
    m.scenario = sc.name;
    m.periodFrom = ev.baselineFrom;
    m.periodTo = ev.baselineTo;
    m.generatedOn = options.today.value_or(Clock::today());
    m.forecastMonths = static_cast<int>(ev.forecast.months.size());
    const double monthFactor = ev.baselineDays > 0 ? kDaysPerMonth / ev.baselineDays : 0;

    // Executive summary.
    ReportSummary& s = m.summary;
    s.currentMonthlyUsd = ev.currentMonthlyUsd;
    s.plannedMonthlyUsd = ev.plannedMonthlyUsd;
    s.savingsMonthlyUsd = ev.monthlySavingsUsd;
    s.savingsPct = ev.savingsPct;
    s.plan = toString(sc.plan);
    const double planTotal = sc.plan == ForecastPlan::SelfHosted  ? ev.forecast.totalSelfHostedUsd
                             : sc.plan == ForecastPlan::Optimized ? ev.forecast.totalOptimizedUsd
                                                                  : ev.forecast.totalStatusQuoUsd;
    s.savingsOverHorizonUsd = ev.forecast.totalStatusQuoUsd - planTotal;
    // A plan that saves nothing over the forecast has nothing to pay back: no payback month
    // (the forecast reports month 1 then, its investment being zero).
    if (s.savingsOverHorizonUsd > 0.005) {
        s.paybackMonth = ev.forecast.paybackMonthIndex;
        if (ev.forecast.paybackMonth)
            s.paybackMonthLabel = monthLabel(*ev.forecast.paybackMonth);
    }
    const TcoResult tco = ev.tco ? *ev.tco : computeTco(toTcoInputs(sc.tco));
    if (sc.tco.enabled)
        s.breakevenMonths = tco.breakevenMonths;

    // Charts.
    m.spendTrend = spendTrend(sd.baselineRows);
    for (const ForecastMonth& f : ev.forecast.months) {
        m.forecast.months.push_back(monthLabel(f.month));
        m.forecast.statusQuoUsd.push_back(f.statusQuoUsd);
        m.forecast.optimizedUsd.push_back(f.optimizedUsd);
        m.forecast.selfHostedUsd.push_back(f.selfHostedUsd);
        m.forecast.p10Usd.push_back(f.p10Usd);
        m.forecast.p50Usd.push_back(f.p50Usd);
        m.forecast.p90Usd.push_back(f.p90Usd);
    }
    m.forecast.paybackMonth = s.paybackMonth;

    // Blended ranking at the scenario's mix, as of its catalog date.
    const BlendMix mix{ev.inputShare, ev.cacheHitRate};
    {
        std::vector<PriceOffer> offers = sd.catalog.offersAt(sd.catalogAsOf);
        std::set<std::pair<std::string, std::string>> inUse;
        for (const PricedUsageRow& r : sd.baselineRows)
            if (auto o = sd.catalog.resolve(r.provider, r.model, sd.catalogAsOf))
                inUse.insert({o->provider, o->model});
        const Eigen::ArrayXd blended = blendedUsdPerMtok(PriceColumns::from(offers), mix);
        std::size_t shown = 0;
        for (Eigen::Index i : rankByBlendedPrice(blended)) {
            const PriceOffer& o = offers[static_cast<std::size_t>(i)];
            if (!(blended[i] > 0))
                continue; // free tiers and placeholders would only crowd the chart
            const bool used = inUse.count({o.provider, o.model}) > 0;
            if (shown >= options.rankingBars && !used)
                continue;
            m.ranking.push_back({o.provider + " / " + o.model, blended[i], o.openWeights, used});
            ++shown;
        }
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.0f%% input, %.0f%% cache hits (%s), prices as of %s",
                      mix.inputShare * 100, mix.cacheHitRate * 100,
                      ev.mixFromUsage ? "observed in the usage" : "set in the scenario",
                      sd.catalogAsOf.toString().c_str());
        m.rankingMix = buf;
    }
    {
        const TcoInputs in = toTcoInputs(sc.tco);
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "%d GPUs at %s each, %.0f%% utilization, rent %s per GPU-hour%s", in.gpuCount,
                      formatUsd(in.purchaseUsdPerGpu).c_str(), in.utilization * 100,
                      formatUsd(in.rentUsdPerGpuHour).c_str(),
                      sc.tco.enabled ? " (in the plan)"
                                     : " (not in the plan: self-hosting is off in this scenario)");
        m.buyRent.gpuLabel = buf;
        for (const TcoPoint& p : tco.curve) {
            m.buyRent.months.push_back(p.month);
            m.buyRent.ownCumulativeUsd.push_back(p.ownCumulativeUsd);
            m.buyRent.rentCumulativeUsd.push_back(p.rentCumulativeUsd);
        }
        m.buyRent.breakevenMonths = tco.breakevenMonths;
    }

    // Routing: the plan's routes (the stored assignment, or the optimiser's answer for the
    // scenario), else today's routing by tag.
    const ScenarioRoutingPlan& plan = ev.routing;
    std::vector<AssignmentRow> assignment = plannedAssignment(plan);
    const bool solved = !assignment.empty();
    if (solved) {
        switch (plan.source) {
        case ScenarioRoutingSource::StoredAssignment:
            m.routingSource = "The solved routing assignment stored with the scenario (status " +
                              plan.status + "); per-task monthly costs as the optimiser reported them.";
            break;
        case ScenarioRoutingSource::StoredProblem:
            m.routingSource = "The scenario's routing problem, solved by the routing optimiser "
                              "for this report (status " + plan.status + ").";
            break;
        default: {
            const ScenarioRouting& sr = sc.routing;
            m.routingSource =
                "The routing optimiser's answer (status " + plan.status + ") for the " +
                std::to_string(plan.tasks.size()) + " task classes of the baseline usage tagged '" +
                sr.taskTag + "': " +
                (sr.minQuality ? "every task at quality >= " + quality3(*sr.minQuality)
                               : std::string("each task keeps at least the quality of the model "
                                             "it uses today")) +
                " (sourced qualities, see the appendix)" +
                (sr.maxProviderShare ? ", no provider above " +
                                           pct(*sr.maxProviderShare * 100, 0) + " of the spend"
                                     : std::string()) +
                ". Monthly costs at the cheapest provider of each model.";
            if (!plan.leftOut.empty())
                m.routingSource += " Not routed (kept as today): " + std::to_string(plan.leftOut.size()) +
                                   " task classes, listed in the appendix.";
        }
        }
        m.routing = routingChart(assignment, "Optimised routing: share of each task by model");
    } else {
        assignment = currentRouting(data, monthFactor);
        m.routingSource =
            "The scenario's routing has no answer to show: the chart shows today's "
            "routing by " +
            (data.tagKey.empty() ? std::string("tag (the usage has no tags)")
                                 : "'" + data.tagKey + "'") +
            " from the baseline usage. The optimised plan's figure is " +
            (ev.optimizedDetail.empty() ? std::string("the status quo") : ev.optimizedDetail) + ".";
        m.routing =
            routingChart(assignment, "Current routing: share of each " +
                                         (data.tagKey.empty() ? std::string("task") : data.tagKey) +
                                         " by model");
    }

    // Tables.
    const std::string period =
        ev.baselineFrom && ev.baselineTo
            ? ev.baselineFrom->toString() + " to " + ev.baselineTo->toString()
            : std::string("no usage");
    if (!data.tagKey.empty())
        m.tables.push_back(
            spendTable("spend_by_tag", "Spend by " + data.tagKey, data.tagKey,
                       spendReport(data.tagSpend, SpendGrouping::Tag), monthFactor,
                       "Baseline " + period + ". A record with several values of '" + data.tagKey +
                           "' counts under each; usage without it is '(untagged)'."));
    else
        m.tables.push_back(spendTable("spend_by_tag", "Spend by tag", "tag", SpendReport{},
                                      monthFactor, "The stored usage carries no tags."));
    m.tables.push_back(spendTable(
        "spend_by_model", "Spend by model", "model",
        aggregateSpend(sd.baselineRows, SpendGrouping::Model), monthFactor,
        "Baseline " + period +
            "; reported costs where the logs carry them, else catalog prices of each day."));
    {
        ReportTable t;
        t.id = "assignment";
        t.title = solved ? "Routing assignment"
                         : "Current routing by " +
                               (data.tagKey.empty() ? std::string("task") : data.tagKey);
        t.columns = {solved                ? "Task"
                     : data.tagKey.empty() ? "Task"
                                           : data.tagKey,
                     "Model", "Share", "Monthly cost (USD)"};
        double total = 0;
        for (const AssignmentRow& r : assignment) {
            t.rows.push_back({ReportCell::textCell(r.task), ReportCell::textCell(r.model),
                              ReportCell::share(r.share), ReportCell::usd(r.monthlyCostUsd)});
            total += r.monthlyCostUsd;
        }
        if (!t.rows.empty())
            t.totals = {ReportCell::textCell("Total"), ReportCell::textCell(""),
                        ReportCell::textCell(""), ReportCell::usd(total)};
        t.note = m.routingSource;
        m.tables.push_back(std::move(t));
    }
    {
        const TcoInputs in = toTcoInputs(sc.tco);
        ReportTable t;
        t.id = "gpu_plan";
        t.title = sc.tco.enabled ? "GPU plan" : "GPU plan (not in the plan: shown for comparison)";
        t.columns = {"Item", "Value"};
        auto row = [&](std::string item, ReportCell v) {
            t.rows.push_back({ReportCell::textCell(std::move(item)), std::move(v)});
        };
        row("GPUs", ReportCell::count(in.gpuCount));
        row("Purchase per GPU", ReportCell::usd(in.purchaseUsdPerGpu));
        row("Capital (GPUs + overhead), month 0", ReportCell::usd(tco.capitalUsd));
        row("Monthly cost of owning (depreciation + running)", ReportCell::usd(tco.monthlyOwnUsd));
        row("Monthly running cost (power, colocation, operations)",
            ReportCell::usd(tco.monthlyOwnRunningUsd));
        row("Monthly cost of renting the same GPUs", ReportCell::usd(tco.monthlyRentUsd));
        row("Utilization", ReportCell::share(in.utilization));
        row("Break-even month (buy vs rent)", tco.breakevenMonths
                                                  ? ReportCell::number(*tco.breakevenMonths)
                                                  : ReportCell::textCell("not within the horizon"));
        row("NPV of buying minus renting", ReportCell::usd(tco.npvBuyMinusRentUsd));
        if (tco.ownUsdPerMtok)
            row("Owned cost per million tokens", ReportCell::unitPrice(*tco.ownUsdPerMtok));
        if (tco.rentUsdPerMtok)
            row("Rented cost per million tokens", ReportCell::unitPrice(*tco.rentUsdPerMtok));
        row("Self-hosted model", ReportCell::textCell(sc.capacity.selfHostedModel.empty()
                                                          ? "(not set)"
                                                          : sc.capacity.selfHostedModel));
        row("Share of traffic that may move to it",
            ReportCell::share(sc.capacity.selfHostableSharePct / 100));
        if (sc.tco.enabled)
            row("Month-0 spend of the self-hosted plan", ReportCell::usd(ev.selfHostedMonthlyUsd));
        t.note =
            "Buy vs rent over " + std::to_string(in.horizonMonths) + " months (planner/tco.h).";
        m.tables.push_back(std::move(t));
    }
    {
        ReportTable t;
        t.id = "forecast";
        t.title = "Forecast by month (USD)";
        t.columns = {"Month",      "Status quo", "Optimised", "Self-hosted",
                     "P10 (plan)", "P50 (plan)", "P90 (plan)"};
        double a = 0, b = 0, c = 0;
        for (const ForecastMonth& f : ev.forecast.months) {
            t.rows.push_back({ReportCell::textCell(monthLabel(f.month)),
                              ReportCell::usd(f.statusQuoUsd), ReportCell::usd(f.optimizedUsd),
                              ReportCell::usd(f.selfHostedUsd), ReportCell::usd(f.p10Usd),
                              ReportCell::usd(f.p50Usd), ReportCell::usd(f.p90Usd)});
            a += f.statusQuoUsd;
            b += f.optimizedUsd;
            c += f.selfHostedUsd;
        }
        if (!t.rows.empty())
            t.totals = {ReportCell::textCell("Total"),
                        ReportCell::usd(a),
                        ReportCell::usd(b),
                        ReportCell::usd(c),
                        ReportCell::textCell(""),
                        ReportCell::textCell(""),
                        ReportCell::textCell("")};
        t.note = "Bands: " + std::to_string(sc.monteCarlo.paths) + " Monte Carlo paths, seed " +
                 std::to_string(sc.monteCarlo.seed) + ", of the '" + toString(sc.plan) + "' plan.";
        m.tables.push_back(std::move(t));
    }

    // Appendix: the evaluation's assumptions, then the price of every offer the usage runs on.
    ReportTable& ap = m.assumptions;
    ap.id = "assumptions";
    ap.title = "Assumptions";
    ap.columns = {"Assumption", "Value", "Source", "Date"};
    for (const Assumption& a : ev.assumptions)
        ap.rows.push_back({ReportCell::textCell(a.name), ReportCell::textCell(a.value),
                           ReportCell::textCell(a.source), ReportCell::textCell(dateIn(a.source))});
    std::set<std::string> named;
    for (const Assumption& a : ev.assumptions)
        named.insert(a.name);
    std::set<std::pair<std::string, std::string>> listed;
    for (const PricedUsageRow& r : sd.baselineRows) {
        if (!listed.insert({r.provider, r.model}).second)
            continue;
        const auto offer = sd.catalog.resolve(r.provider, r.model, sd.catalogAsOf);
        // The evaluation lists the prices it used; add only the ones it does not name.
        if (named.count("Price of " + r.provider + "/" + r.model) ||
            (offer && named.count("Price of " + offer->provider + "/" + offer->model)))
            continue;
        if (!offer) {
            ap.rows.push_back(
                {ReportCell::textCell("Price of " + r.provider + "/" + r.model),
                 ReportCell::textCell(r.hasReportedCost ? "cost reported by the log"
                                                        : "unpriced: not in the catalog"),
                 ReportCell::textCell("usage logs"), ReportCell::textCell("")});
            continue;
        }
        std::string value = formatUnitPrice(offer->inputUsdPerMtok) + " in / " +
                            formatUnitPrice(offer->outputUsdPerMtok) + " out";
        if (offer->cachedInputUsdPerMtok)
            value += " / " + formatUnitPrice(*offer->cachedInputUsdPerMtok) + " cached";
        value += " per Mtok, effective " + offer->effectiveFrom.toString();
        ap.rows.push_back(
            {ReportCell::textCell("Price of " + offer->provider + "/" + offer->model),
             ReportCell::textCell(value),
             ReportCell::textCell(offer->source.empty() ? offer->sheet : offer->source),
             ReportCell::textCell(offer->sourceDate.empty() ? offer->effectiveFrom.toString()
                                                            : offer->sourceDate)});
    }
    ap.note = "Prices as of " + sd.catalogAsOf.toString() + " (the scenario's catalog date).";

    // The basis of the summary figures.
    {
        ReportTable& b = m.basis;
        b.id = "basis";
        b.title = "Basis of the figures";
        b.columns = {"Item", "Value"};
        auto row = [&](std::string item, ReportCell v) {
            b.rows.push_back({ReportCell::textCell(std::move(item)), std::move(v)});
        };
        row("Baseline period", ReportCell::textCell(period));
        row("Spend in the baseline period", ReportCell::usd(ev.baselineCostUsd));
        row("Days in the baseline period", ReportCell::number(ev.baselineDays));
        row("Tokens per month (millions)", ReportCell::number(ev.currentMonthlyMtok));
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.0f%% input, %.0f%% cache hits (%s)", ev.inputShare * 100,
                      ev.cacheHitRate * 100, ev.mixFromUsage ? "observed" : "scenario");
        row("Token mix", ReportCell::textCell(buf));
        std::snprintf(buf, sizeof buf, "%.2f%% a month", ev.monthlyGrowth * 100);
        row("Volume growth",
            ReportCell::textCell(std::string(buf) +
                                 (ev.growthNote.empty() ? "" : " (" + ev.growthNote + ")")));
        row("Optimised plan",
            ReportCell::textCell(ev.optimizedDetail.empty() ? "status quo" : ev.optimizedDetail));
        row("Plan followed by the summary", ReportCell::textCell(toString(sc.plan)));
        if (ev.unpricedRequests > 0)
            row("Requests left unpriced",
                ReportCell::count(static_cast<double>(ev.unpricedRequests)));
    }

    // Decisions, from the figures.
    auto& d = m.decisions;
    if (s.savingsMonthlyUsd > 0.005) {
        std::string what =
            solved ? "Deploy the optimised routing assignment (" +
                         std::to_string(m.routing.categories.size()) + " tasks) to the gateway"
                   : "Move traffic to " + (ev.optimizedDetail.empty()
                                               ? std::string("the cheapest adequate offer")
                                               : ev.optimizedDetail);
        if (sc.plan == ForecastPlan::SelfHosted)
            what += " and serve the self-hostable share on owned GPUs";
        d.push_back(what + ": monthly spend falls from " + formatUsd(s.currentMonthlyUsd) + " to " +
                    formatUsd(s.plannedMonthlyUsd) + " (" + formatUsd(s.savingsMonthlyUsd) + ", " +
                    pct(s.savingsPct) + " less), " + formatUsd(s.savingsOverHorizonUsd) + " over " +
                    std::to_string(m.forecastMonths) + " months" +
                    (s.paybackMonth ? ", paying back in month " + std::to_string(*s.paybackMonth) +
                                          " (" + s.paybackMonthLabel + ")."
                                    : "."));
    } else if (sc.plan == ForecastPlan::SelfHosted &&
               ev.optimizedMonthlyUsd + 0.005 < ev.selfHostedMonthlyUsd) {
        d.push_back("Do not self-host this traffic yet: the plan with " +
                    std::to_string(sc.tco.gpuCount) + " owned GPUs costs " +
                    formatUsd(s.plannedMonthlyUsd) + " a month against " +
                    formatUsd(ev.optimizedMonthlyUsd) + " for the optimised routing alone and " +
                    formatUsd(s.currentMonthlyUsd) + " today.");
    } else {
        d.push_back("Keep the current routing: the plan does not lower monthly spend (" +
                    formatUsd(s.currentMonthlyUsd) + " now, " + formatUsd(s.plannedMonthlyUsd) +
                    " planned).");
    }
    {
        const SpendReport byModel = aggregateSpend(sd.baselineRows, SpendGrouping::Model);
        if (!byModel.rows.empty() && byModel.totalCostUsd > 0) {
            const SpendRow* top = &byModel.rows.front();
            for (const SpendRow& r : byModel.rows)
                if (r.costUsd > top->costUsd)
                    top = &r;
            const double share = top->costUsd / byModel.totalCostUsd * 100;
            std::string cheaper;
            if (!m.ranking.empty())
                cheaper = "; the cheapest blended offer at this mix is " + m.ranking.front().label +
                          " at " + formatUnitPrice(m.ranking.front().usdPerMtok) + " per Mtok";
            d.push_back("Review " + top->key + " first: it is " + pct(share, 0) + " of spend (" +
                        formatUsd(top->costUsd * monthFactor) + " a month)" + cheaper + ".");
        }
    }
    if (tco.breakevenMonths && *tco.breakevenMonths <= sc.tco.horizonMonths) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", *tco.breakevenMonths);
        d.push_back(std::string(sc.tco.enabled ? "Buy" : "Consider buying") + " the GPU plan (" +
                    std::to_string(sc.tco.gpuCount) +
                    " GPUs) rather than renting: it breaks even in month " + buf + " at " +
                    pct(sc.tco.utilization * 100, 0) + " utilization.");
    } else {
        d.push_back("Keep renting GPU capacity (or stay on APIs): owning " +
                    std::to_string(sc.tco.gpuCount) + " GPUs does not break even within " +
                    std::to_string(sc.tco.horizonMonths) + " months at " +
                    pct(sc.tco.utilization * 100, 0) + " utilization.");
    }
    if (!ev.forecast.months.empty()) {
        const ForecastMonth& last = ev.forecast.months.back();
        char g[32];
        std::snprintf(g, sizeof g, "%.1f%%", ev.monthlyGrowth * 100);
        d.push_back("Budget for growth of " + std::string(g) + " a month: by " +
                    monthLabel(last.month) + " the plan costs " + formatUsd(last.p50Usd) +
                    " a month at P50 and up to " + formatUsd(last.p90Usd) + " at P90 (status quo " +
                    formatUsd(last.statusQuoUsd) + ").");
    }
    if (ev.unpricedRequests > 0)
        d.push_back("Add prices for the " + formatCount(static_cast<double>(ev.unpricedRequests)) +
                    " requests the catalog cannot price (custom or fine-tuned models), so the plan "
                    "covers all spend.");
    if (d.size() > 5)
        d.resize(5);
    return m;
}

nlohmann::ordered_json reportSummaryJson(const ReportModel& m)
{
    const ReportSummary& s = m.summary;
    nlohmann::ordered_json j;
    j["scenario"] = m.scenario;
    j["period"] = {{"from", m.periodFrom ? nlohmann::ordered_json(m.periodFrom->toString())
                                         : nlohmann::ordered_json(nullptr)},
                   {"to", m.periodTo ? nlohmann::ordered_json(m.periodTo->toString())
                                     : nlohmann::ordered_json(nullptr)}};
    j["current_monthly_usd"] = s.currentMonthlyUsd;
    j["planned_monthly_usd"] = s.plannedMonthlyUsd;
    j["savings_monthly_usd"] = s.savingsMonthlyUsd;
    j["savings_pct"] = s.savingsPct;
    j["savings_over_horizon_usd"] = s.savingsOverHorizonUsd;
    j["plan"] = s.plan;
    j["payback_month"] = s.paybackMonth ? nlohmann::ordered_json(s.paybackMonthLabel)
                                        : nlohmann::ordered_json(nullptr);
    j["payback_month_index"] =
        s.paybackMonth ? nlohmann::ordered_json(*s.paybackMonth) : nlohmann::ordered_json(nullptr);
    j["breakeven_months"] = s.breakevenMonths ? nlohmann::ordered_json(*s.breakevenMonths)
                                              : nlohmann::ordered_json(nullptr);
    j["forecast_months"] = m.forecastMonths;
    j["decisions"] = m.decisions;
    return j;
}

} // namespace finops
