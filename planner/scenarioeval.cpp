#include "scenarioeval.h"

#include "blend.h"
#include "displayformat.h"
#include "inputerror.h"
#include "kahansum.h"
#include "modelquality.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace finops {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12.0;

std::string fmt(const char* format, double a)
{
    char buf[128];
    std::snprintf(buf, sizeof buf, format, a);
    return buf;
}

std::string fmt2(const char* format, double a, double b)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, format, a, b);
    return buf;
}

std::string usd(double v)
{
    return formatUsd(v);
}

// Whether the model at this provider is open-weight, by the catalog (unknown: closed).
class ClassResolver
{
public:
    ClassResolver(const PriceCatalog& catalog, Date day) : m_catalog(catalog), m_day(day) {}

    bool openWeights(const std::string& provider, const std::string& model)
    {
        const auto key = std::make_pair(provider, model);
        if (const auto it = m_cache.find(key); it != m_cache.end())
            return it->second;
        bool open = false;
        if (!provider.empty()) {
            if (const auto offer = m_catalog.resolve(provider, model, m_day))
                open = offer->openWeights;
        } else {
            for (const PriceOffer& o : m_catalog.offersOfModel(model, m_day))
                open = open || o.openWeights;
        }
        m_cache.emplace(key, open);
        return open;
    }

private:
    const PriceCatalog& m_catalog;
    Date m_day;
    std::map<std::pair<std::string, std::string>, bool> m_cache;
};

double rowCostUsd(const PricedUsageRow& r)
{
    if (r.hasReportedCost)
        return nanoToUsd(r.reportedCostNano);
    if (r.prices)
        return computedCostUsd(r, *r.prices);
    return 0;
}

// "provider/model" or a bare model name, as a routing assignment may write it.
std::pair<std::string, std::string> splitModel(const std::string& name, const PriceCatalog& catalog,
                                               Date day)
{
    if (const auto slash = name.find('/'); slash != std::string::npos) {
        std::string provider = name.substr(0, slash), model = name.substr(slash + 1);
        if (catalog.resolve(provider, model, day))
            return {provider, model};
    }
    return {std::string(), name};
}

// Tokens and cost of one (provider, model) of the usage.
struct UsageGroup
{
    UsageRollupRow tokens;
    double currentUsd = 0;
};
using UsageGroups = std::map<std::pair<std::string, std::string>, UsageGroup>;

void addRow(UsageGroup& g, const PricedUsageRow& r, int sign)
{
    auto add = [sign](std::int64_t& to, std::int64_t v) {
        to = std::max<std::int64_t>(0, to + sign * v);
    };
    add(g.tokens.inputTokens, r.inputTokens);
    add(g.tokens.cachedInputTokens, r.cachedInputTokens);
    add(g.tokens.cacheWriteTokens, r.cacheWriteTokens);
    add(g.tokens.outputTokens, r.outputTokens);
    g.currentUsd = std::max(0.0, g.currentUsd + sign * rowCostUsd(r));
}

std::string joined(const std::vector<std::string>& items, const std::string& separator)
{
    std::string out;
    for (const std::string& i : items)
        out += (out.empty() ? "" : separator) + i;
    return out;
}

// The optimised plan at month 0, split by price class, with its assumptions:
// the scenario's routing (planScenarioRouting) replaces the usage of the task classes it
// covers; the rest of the usage moves to the cheapest provider of the same model (same
// weights, same quality) where that is cheaper than today.
PlanSpend optimizedPlan(ScenarioEvaluation& ev, const ScenarioData& data,
                        const PlanSpend& statusQuo, ClassResolver& classes,
                        const std::string& scenarioSource, const std::atomic<bool>* cancel)
{
    const Scenario& scenario = ev.scenario;
    std::vector<Assumption>& as = ev.assumptions;
    const Date asOf = data.catalogAsOf;
    const double toMonth = ev.baselineDays > 0 ? kDaysPerMonth / ev.baselineDays : 0;
    ev.routing = planScenarioRouting(scenario, data, ev.baselineDays / kDaysPerMonth, cancel);
    const ScenarioRoutingPlan& plan = ev.routing;

    UsageGroups groups;
    for (const PricedUsageRow& r : data.baselineRows)
        addRow(groups[{r.provider, r.model}], r, +1);

    // Changes against the status quo, by class (0 closed, 1 open).
    KahanSum delta[2];
    auto classOf = [&](const std::string& provider, const std::string& model) {
        return classes.openWeights(provider, model) ? 1 : 0;
    };
    bool restMoves = true; // whether the rest of the usage may move to cheaper hosts
    std::string routingDetail;
    if (!plan.routes.empty()) {
        for (const PlannedRoute& r : plan.routes) {
            const auto [provider, bare] = r.provider.empty()
                                              ? splitModel(r.model, data.catalog, asOf)
                                              : std::make_pair(r.provider, r.model);
            delta[classOf(provider, bare)].add(r.monthlyCostUsd);
        }
        double currentUsd = 0;
        if (plan.matchesUsage) {
            const std::set<std::string> covered(plan.tasks.begin(), plan.tasks.end());
            KahanSum current;
            for (const PricedUsageRow& r : data.taskRows) {
                if (!covered.count(r.tagValue))
                    continue;
                const double usd = rowCostUsd(r) * toMonth;
                delta[classOf(r.provider, r.model)].add(-usd);
                current.add(usd);
                addRow(groups[{r.provider, r.model}], r, -1);
            }
            currentUsd = current.value();
        } else {
            // Tasks that are not the usage's: their own figure of today (the status quo's
            // total when the assignment has none: it is then the whole plan) comes out of
            // the status quo, in its class proportions.
            currentUsd = plan.currentCostUsd.value_or(statusQuo.total());
            const double total = statusQuo.total();
            if (total > 0) {
                delta[0].add(-currentUsd * statusQuo.closedApiUsd / total);
                delta[1].add(-currentUsd * statusQuo.openWeightApiUsd / total);
            }
            restMoves = false;
        }
        ev.routedTodayMonthlyUsd = currentUsd;
        const std::size_t n = plan.tasks.size();
        routingDetail = std::to_string(n) + (n == 1 ? " task class" : " task classes") +
                        " routed by " +
                        (plan.source == ScenarioRoutingSource::StoredAssignment
                             ? std::string("the stored assignment")
                             : std::string("the optimiser")) +
                        " (" + usd(currentUsd) + " -> " + usd(plan.objectiveUsd) + " a month)";
        std::string value = usd(plan.objectiveUsd) + " / month for " + std::to_string(n) +
                            (n == 1 ? " task class" : " task classes") + " costing " +
                            usd(currentUsd) + " today";
        if (plan.weightedQuality)
            value += fmt(", traffic-weighted quality %.3f", *plan.weightedQuality);
        std::string source;
        switch (plan.source) {
        case ScenarioRoutingSource::StoredAssignment:
            source = scenarioSource + ": solved routing assignment, status " + plan.status;
            break;
        case ScenarioRoutingSource::StoredProblem:
            source = "routing optimiser (planner/routing.h) on the scenario's routing problem";
            break;
        default:
            source = "routing optimiser (planner/routing.h) on the baseline usage tagged '" +
                     scenario.routing.taskTag + "', candidates at the catalog prices of " +
                     asOf.toString();
        }
        as.push_back({"Optimised routing", value, source});
    } else if (plan.source != ScenarioRoutingSource::None && !plan.status.empty()) {
        // Solved without an answer (infeasible): the tasks keep today's routing.
        routingDetail = "routing " + plan.status +
                        (plan.infeasibleConstraints.empty()
                             ? std::string()
                             : " (" + joined(plan.infeasibleConstraints, "; ") + ")") +
                        ", tasks keep today's routing";
        as.push_back({"Optimised routing", routingDetail,
                      plan.status == "cancelled"
                          ? std::string("the solve was cancelled by the user")
                          : scenarioSource + ": routing constraints"});
    }
    if (plan.source == ScenarioRoutingSource::FromUsage) {
        const ScenarioRouting& sr = scenario.routing;
        as.push_back({"Routing quality floor",
                      sr.minQuality
                          ? "quality >= " + fmt("%.3f", *sr.minQuality) + " for every task"
                          : std::string("each task keeps at least the quality of the "
                                        "model it uses today"),
                      scenarioSource});
        as.push_back({"Routing limits",
                      (sr.maxProviderShare ? fmt("no provider above %.0f %% of the spend",
                                                 *sr.maxProviderShare * 100)
                                           : std::string("no provider share limit")) +
                          (sr.integral ? "; each task on exactly one model"
                                       : "; a task may be split across models"),
                      scenarioSource});
        for (const std::string& why : plan.leftOut)
            as.push_back({"Not routed", why, "routing optimiser"});
        for (const std::string& model : plan.qualityModels)
            if (const ModelQuality* q = findQuality(bundledQuality(), model))
                as.push_back(
                    {"Quality of " + model,
                     fmt("%.3f", q->quality) + (q->raw.empty() ? "" : " (" + q->raw + ")"),
                     q->source + (q->sourceDate.empty() ? "" : " (" + q->sourceDate + ")")});
    }

    // The rest of the usage: each model at its cheapest provider of the same model.
    int moved = 0;
    std::string example;
    double exampleSavings = 0;
    if (restMoves)
        for (const auto& [key, g] : groups) {
            if (g.currentUsd <= 0)
                continue;
            double bestUsd = g.currentUsd;
            bool bestOpen = false;
            std::string bestProvider;
            // The model as the catalog names it (usage may carry a dated or prefixed name).
            const auto resolved = data.catalog.resolve(key.first, key.second, asOf);
            const std::string modelId = resolved ? resolved->model : key.second;
            for (const PriceOffer& o : data.catalog.offersOfModel(modelId, asOf)) {
                const double cost = computedCostUsd(g.tokens, o.tokenPrices());
                if (cost < bestUsd - 1e-12 && o.provider != key.first) {
                    bestUsd = cost;
                    bestOpen = o.openWeights;
                    bestProvider = o.provider;
                }
            }
            if (bestProvider.empty())
                continue;
            ++moved;
            delta[classOf(key.first, key.second)].add(-g.currentUsd * toMonth);
            delta[bestOpen ? 1 : 0].add(bestUsd * toMonth);
            if (g.currentUsd - bestUsd > exampleSavings) {
                exampleSavings = g.currentUsd - bestUsd;
                example = key.first + "/" + key.second + " -> " + bestProvider;
            }
        }
    std::string restDetail;
    if (moved > 0) {
        restDetail = "the cheapest provider of the same model for the rest (" +
                     std::to_string(moved) + (moved == 1 ? " model moves" : " models move") +
                     ", largest: " + example + ")";
        as.push_back({"Rest of the usage",
                      restDetail + " at the catalog prices of " + asOf.toString(),
                      "price catalog as of " + asOf.toString()});
    }

    if (!plan.routes.empty())
        ev.optimizedSource = plan.source == ScenarioRoutingSource::StoredAssignment
                                 ? OptimizedSource::Assignment
                                 : OptimizedSource::Optimizer;
    else if (moved > 0)
        ev.optimizedSource = OptimizedSource::BestOffer;
    else
        ev.optimizedSource = OptimizedSource::None;
    if (!routingDetail.empty() && !restDetail.empty())
        ev.optimizedDetail = routingDetail + "; " + restDetail;
    else if (!routingDetail.empty())
        ev.optimizedDetail = routingDetail;
    else if (!restDetail.empty())
        ev.optimizedDetail = restDetail;
    else
        ev.optimizedDetail = "the status quo (nothing to route, and every model is at its "
                             "cheapest provider)";
    const PlanSpend optimized{std::max(0.0, statusQuo.closedApiUsd + delta[0].value()),
                              std::max(0.0, statusQuo.openWeightApiUsd + delta[1].value())};
    as.push_back({"Optimised plan", usd(optimized.total()) + " / month: " + ev.optimizedDetail,
                  scenarioSource});
    return optimized;
}

} // namespace

TcoInputs toTcoInputs(const ScenarioTco& t)
{
    TcoInputs in;
    in.gpuCount = t.gpuCount;
    in.purchaseUsdPerGpu = t.purchaseUsdPerGpu;
    in.overheadPct = t.overheadPct;
    in.depreciationYears = t.depreciationYears;
    in.residualPct = t.residualPct;
    in.powerWPerGpu = t.powerWPerGpu;
    in.hostOverheadPct = t.hostOverheadPct;
    in.idlePowerFraction = t.idlePowerFraction;
    in.pue = t.pue;
    in.usdPerKwh = t.usdPerKwh;
    in.coloUsdPerKwMonth = t.coloUsdPerKwMonth;
    in.opsUsdPerMonth = t.opsUsdPerMonth;
    in.utilization = t.utilization;
    in.rentUsdPerGpuHour = t.rentUsdPerGpuHour;
    in.hoursPerMonth = t.hoursPerMonth;
    in.rentDeclinePctPerYear = t.rentDeclinePctPerYear;
    in.egressGbPerMonth = t.egressGbPerMonth;
    in.egressUsdPerGb = t.egressUsdPerGb;
    in.discountRatePct = t.discountRatePct;
    in.horizonMonths = t.horizonMonths;
    in.tokensPerSecondPerGpu = t.tokensPerSecondPerGpu;
    return in;
}

ScenarioTco fromTcoInputs(const TcoInputs& in, bool enabled)
{
    ScenarioTco t;
    t.enabled = enabled;
    t.gpuCount = in.gpuCount;
    t.purchaseUsdPerGpu = in.purchaseUsdPerGpu;
    t.overheadPct = in.overheadPct;
    t.depreciationYears = in.depreciationYears;
    t.residualPct = in.residualPct;
    t.powerWPerGpu = in.powerWPerGpu;
    t.hostOverheadPct = in.hostOverheadPct;
    t.idlePowerFraction = in.idlePowerFraction;
    t.pue = in.pue;
    t.usdPerKwh = in.usdPerKwh;
    t.coloUsdPerKwMonth = in.coloUsdPerKwMonth;
    t.opsUsdPerMonth = in.opsUsdPerMonth;
    t.utilization = in.utilization;
    t.rentUsdPerGpuHour = in.rentUsdPerGpuHour;
    t.hoursPerMonth = in.hoursPerMonth;
    t.rentDeclinePctPerYear = in.rentDeclinePctPerYear;
    t.egressGbPerMonth = in.egressGbPerMonth;
    t.egressUsdPerGb = in.egressUsdPerGb;
    t.discountRatePct = in.discountRatePct;
    t.horizonMonths = in.horizonMonths;
    t.tokensPerSecondPerGpu = in.tokensPerSecondPerGpu;
    return t;
}

Scenario defaultScenario()
{
    return Scenario::withDefaults("default");
}

ScenarioEvaluation evaluateScenario(const Scenario& scenario, const ScenarioData& data,
                                    std::optional<int> months, const std::atomic<bool>* cancel)
{
    if (const std::string problem = scenario.validate(); !problem.empty()) {
        const auto colon = problem.find(':');
        throw InputError("", 0, problem.substr(0, colon),
                         problem.substr(std::min(problem.size(), colon + 2)));
    }
    const int horizon = months.value_or(scenario.forecastMonths);
    if (horizon < 1 || horizon > 120)
        throw InputError("", 0, "months", "must be between 1 and 120");

    ScenarioEvaluation ev;
    ev.scenario = scenario;
    ev.baselineFrom = data.baselineFrom;
    ev.baselineTo = data.baselineTo;
    const Date asOf = data.catalogAsOf;
    std::vector<Assumption>& as = ev.assumptions;
    const std::string scenarioSource = "scenario '" + scenario.name + "'";

    // --- Baseline: what the status quo spends a month, split by price class.
    ClassResolver classes(data.catalog, asOf);
    KahanSum closedUsd, openUsd;
    std::int64_t tokens = 0;
    for (const PricedUsageRow& r : data.baselineRows) {
        const double cost = rowCostUsd(r);
        if (!r.hasReportedCost && !r.prices)
            ev.unpricedRequests += r.requests;
        (classes.openWeights(r.provider, r.model) ? openUsd : closedUsd).add(cost);
        tokens += r.inputTokens + r.cachedInputTokens + r.cacheWriteTokens + r.outputTokens;
    }
    // The total as the Dashboard and `spend` compute it (exact nano-USD for reported costs).
    const SpendReport spend = aggregateSpend(data.baselineRows, SpendGrouping::Provider);
    ev.baselineCostUsd = spend.totalCostUsd;
    const double splitTotal = closedUsd.value() + openUsd.value();
    const double openShare = splitTotal > 0 ? openUsd.value() / splitTotal : 0;
    if (data.baselineFrom && data.baselineTo) {
        ev.baselineDays = data.baselineTo->daysSinceEpoch - data.baselineFrom->daysSinceEpoch + 1;
        ev.currentMonthlyUsd = ev.baselineCostUsd * kDaysPerMonth / ev.baselineDays;
        ev.currentMonthlyMtok = static_cast<double>(tokens) / 1e6 * kDaysPerMonth / ev.baselineDays;
        as.push_back(
            {"Baseline usage period",
             data.baselineFrom->toString() + " to " + data.baselineTo->toString() + " (" +
                 fmt("%.0f days", ev.baselineDays) + ")",
             scenario.baselineFrom || scenario.baselineTo ? scenarioSource : "all stored usage"});
        as.push_back({"Current monthly spend",
                      usd(ev.currentMonthlyUsd) + " (baseline total " + usd(ev.baselineCostUsd) +
                          " x 30.44 / " + fmt("%.0f days)", ev.baselineDays),
                      "usage store: reported costs, else tokens at the catalog price of each day"});
        if (ev.unpricedRequests > 0)
            as.push_back(
                {"Unpriced usage",
                 std::to_string(ev.unpricedRequests) + " requests left out (no price known)",
                 "usage store"});
    } else {
        as.push_back({"Baseline usage period", "no usage stored", "usage store"});
    }
    PlanSpend statusQuo{ev.currentMonthlyUsd * (1 - openShare), ev.currentMonthlyUsd * openShare};

    // --- Mix
    const ObservedMix observed = observedMix(data.baselineRows);
    ev.mixFromUsage = scenario.mix.fromUsage && observed.tokens > 0;
    ev.inputShare = ev.mixFromUsage ? observed.inputShare : scenario.mix.inputShare;
    ev.cacheHitRate = ev.mixFromUsage ? observed.cacheHitRate : scenario.mix.cacheHitRate;
    as.push_back(
        {"Token mix",
         fmt2("%.1f %% input, %.1f %% cache hits", ev.inputShare * 100, ev.cacheHitRate * 100),
         ev.mixFromUsage ? "observed in the baseline usage" : scenarioSource});
    as.push_back({"Price catalog as of", asOf.toString(),
                  scenario.catalogAsOf ? scenarioSource : "today (no date set in the scenario)"});
    for (const CustomPrice& p : scenario.customPrices)
        as.push_back({"Custom price " + p.provider + "/" + p.model,
                      fmt2("$%.4g in / $%.4g out per Mtok", p.inputUsdPerMtok, p.outputUsdPerMtok),
                      scenarioSource});

    // Prices of the models in the baseline, each with its source and date.
    {
        std::map<std::pair<std::string, std::string>, bool> seen;
        const Date priceDay = data.baselineTo.value_or(asOf);
        for (const PricedUsageRow& r : data.baselineRows) {
            if (!seen.emplace(std::make_pair(r.provider, r.model), true).second)
                continue;
            if (const auto offer = data.catalog.resolve(r.provider, r.model, priceDay))
                as.push_back(
                    {"Price of " + offer->provider + "/" + offer->model,
                     fmt2("$%.4g in / $%.4g out per Mtok", offer->inputUsdPerMtok,
                          offer->outputUsdPerMtok) +
                         (offer->cachedInputUsdPerMtok
                              ? fmt(", $%.4g cached", *offer->cachedInputUsdPerMtok)
                              : ""),
                     offer->source +
                         (offer->sourceDate.empty() ? "" : " (" + offer->sourceDate + ")")});
        }
    }

    // --- Optimised plan at month 0
    const PlanSpend optimized = optimizedPlan(ev, data, statusQuo, classes, scenarioSource, cancel);
    ev.optimizedMonthlyUsd = optimized.total();

    // --- Self-hosted fleet
    SelfHostedFleet fleet;
    if (scenario.tco.enabled) {
        const TcoInputs tcoIn = toTcoInputs(scenario.tco);
        if (const std::string problem = tcoIn.validate(); !problem.empty())
            throw InputError("", 0, "tco", problem);
        ev.tco = computeTco(tcoIn);
        fleet.enabled = true;
        fleet.monthlyCostUsd = ev.tco->monthlyOwnUsd;
        fleet.monthlyCashCostUsd = ev.tco->monthlyOwnRunningUsd;
        fleet.capitalUsd = ev.tco->capitalUsd;
        fleet.capacityMtokPerMonth =
            scenario.tco.tokensPerSecondPerGpu
                ? *scenario.tco.tokensPerSecondPerGpu * scenario.tco.gpuCount * 3600.0 *
                      scenario.tco.hoursPerMonth * scenario.tco.utilization / 1e6
                : 0.0;
        fleet.selfHostableShare = scenario.capacity.selfHostableSharePct / 100.0;
        as.push_back({"Self-hosted fleet",
                      std::to_string(scenario.tco.gpuCount) + " GPUs, capital " +
                          usd(fleet.capitalUsd) + ", " + usd(fleet.monthlyCostUsd) + " / month (" +
                          usd(fleet.monthlyCashCostUsd) + " running)",
                      scenarioSource + ": Buy vs rent inputs"});
        as.push_back(
            {"Self-hosted capacity",
             fmt("%.0f Mtok / month", fleet.capacityMtokPerMonth) +
                 fmt(", up to %.0f %% of the traffic", scenario.capacity.selfHostableSharePct) +
                 (scenario.capacity.selfHostedModel.empty()
                      ? ""
                      : " (" + scenario.capacity.selfHostedModel + ")"),
             scenarioSource});
        const double v0 = ev.currentMonthlyMtok;
        const double served = std::min(v0 * fleet.selfHostableShare, fleet.capacityMtokPerMonth);
        ev.selfHostedMonthlyUsd =
            fleet.monthlyCostUsd + optimized.total() * (v0 > 0 ? 1 - served / v0 : 1);
    } else {
        ev.selfHostedMonthlyUsd = ev.optimizedMonthlyUsd;
    }

    // --- Growth
    ev.monthlyGrowth = scenario.growth.monthlyGrowthPct / 100.0;
    double growthLow = scenario.monteCarlo.growthLowPct / 100.0,
           growthHigh = scenario.monteCarlo.growthHighPct / 100.0;
    if (scenario.growth.mode == GrowthMode::Fitted) {
        std::vector<double> volumes;
        if (!data.history.empty()) {
            const Date first = data.history.front().month;
            for (const auto& h : data.history) {
                const int index = (h.month.year() - first.year()) * 12 +
                                  static_cast<int>(h.month.month()) -
                                  static_cast<int>(first.month());
                volumes.resize(static_cast<std::size_t>(index) + 1, 0.0);
                volumes[static_cast<std::size_t>(index)] = h.mtok;
            }
        }
        ev.fit = fitGrowth(volumes);
        if (ev.fit) {
            ev.monthlyGrowth = ev.fit->monthlyGrowth;
            // The range keeps its width around the fitted rate.
            const double half = (growthHigh - growthLow) / 2;
            growthLow = std::max(-0.99, ev.monthlyGrowth - half);
            growthHigh = std::max(growthLow, ev.monthlyGrowth + half);
            ev.growthNote = "fitted on " + std::to_string(ev.fit->points) + " whole months, R² " +
                            fmt("%.3f", ev.fit->rSquared);
        } else {
            ev.growthNote = "a fit needs 3 whole months of usage; compound " +
                            fmt("%.2f %% / month used", scenario.growth.monthlyGrowthPct);
        }
    } else {
        ev.growthNote = "compound " + fmt("%.2f %% / month", scenario.growth.monthlyGrowthPct);
    }
    as.push_back(
        {"Volume growth",
         fmt("%.2f %% / month", ev.monthlyGrowth * 100) + " (" + ev.growthNote + ")",
         ev.fit ? "least squares on log monthly tokens of the stored usage" : scenarioSource});
    const PriceTrends& pt = scenario.priceTrends;
    const std::string trendSource = pt.source.empty() ? scenarioSource : pt.source;
    as.push_back({"Closed API price decline", fmt("%.1f %% / year", pt.closedApiDeclinePctPerYear),
                  trendSource});
    as.push_back({"Open-weight API price decline",
                  fmt("%.1f %% / year", pt.openWeightApiDeclinePctPerYear), trendSource});
    as.push_back({"Self-hosted cost decline",
                  fmt("%.1f %% / year", pt.selfHostedDeclinePctPerYear) +
                      " (as capacity growth at the same fleet cost)",
                  trendSource});
    as.push_back(
        {"Price elasticity of demand",
         scenario.elasticity.enabled ? fmt("%.2f", scenario.elasticity.value) : std::string("off"),
         scenarioSource});
    as.push_back({"Monte Carlo",
                  std::to_string(scenario.monteCarlo.paths) + " paths, seed " +
                      std::to_string(scenario.monteCarlo.seed) +
                      fmt2(", growth %.2f..%.2f %% / month", growthLow * 100, growthHigh * 100) +
                      fmt(", declines +-%.1f points", scenario.monteCarlo.declineSpreadPctPoints),
                  scenarioSource});
    as.push_back({"Plan followed", toString(scenario.plan), scenarioSource});
    if (scenario.switchingCostUsd > 0)
        as.push_back({"One-off switching cost", usd(scenario.switchingCostUsd), scenarioSource});

    // --- Forecast
    ForecastInputs& in = ev.inputs;
    in.firstMonth = addMonths(Date::fromCivil(Clock::today().year(), Clock::today().month(), 1), 1);
    in.months = horizon;
    in.baselineMonthlyMtok = ev.currentMonthlyMtok;
    in.statusQuo = statusQuo;
    in.optimized = optimized;
    in.fleet = fleet;
    in.monthlyGrowth = ev.monthlyGrowth;
    in.declinePerYear[0] = pt.closedApiDeclinePctPerYear / 100.0;
    in.declinePerYear[1] = pt.openWeightApiDeclinePctPerYear / 100.0;
    in.declinePerYear[2] = pt.selfHostedDeclinePctPerYear / 100.0;
    in.elasticity = scenario.elasticity.enabled ? scenario.elasticity.value : 0.0;
    in.switchingCostUsd = scenario.switchingCostUsd;
    in.plan = static_cast<int>(scenario.plan);
    in.paths = scenario.monteCarlo.paths;
    in.seed = scenario.monteCarlo.seed;
    in.growthLow = growthLow;
    in.growthHigh = growthHigh;
    in.declineSpread = scenario.monteCarlo.declineSpreadPctPoints / 100.0;
    if (const std::string problem = in.validate(); !problem.empty())
        throw InputError("", 0, problem.substr(0, problem.find(':')),
                         problem.substr(std::min(problem.size(), problem.find(':') + 2)));
    as.push_back({"Forecast start", monthLabel(in.firstMonth) + fmt(", %.0f months", horizon),
                  "the month after today (" + Clock::today().toString() + ")"});
    ev.forecast = forecast(in);

    switch (scenario.plan) {
    case ForecastPlan::StatusQuo:
        ev.plannedMonthlyUsd = ev.currentMonthlyUsd;
        break;
    case ForecastPlan::Optimized:
        ev.plannedMonthlyUsd = ev.optimizedMonthlyUsd;
        break;
    case ForecastPlan::SelfHosted:
        ev.plannedMonthlyUsd = ev.selfHostedMonthlyUsd;
        break;
    }
    ev.monthlySavingsUsd = ev.currentMonthlyUsd - ev.plannedMonthlyUsd;
    ev.savingsPct =
        ev.currentMonthlyUsd > 0 ? 100.0 * ev.monthlySavingsUsd / ev.currentMonthlyUsd : 0.0;
    return ev;
}

} // namespace finops
