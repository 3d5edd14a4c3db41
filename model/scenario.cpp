#include "scenario.h"

#include "routingproblem.h"

#include "bundleddata.h"
#include "fileio.h"
#include "inputerror.h"
#include "jsondocument.h"
#include "routingproblem.h"

#include <cmath>
#include <optional>

namespace finops {

namespace {

// A problem found by validation: the JSON pointer of the member (for its line), the field
// as a person reads it, and what is wrong.
struct Problem
{
    std::string pointer;
    std::string field;
    std::string message;
};

// TCO members as (JSON key, member) pairs, so writing, reading and checking share one list.
struct TcoDoubleField
{
    const char* key;
    double ScenarioTco::*member;
};
constexpr TcoDoubleField kTcoDoubles[] = {
    {"purchase_usd_per_gpu", &ScenarioTco::purchaseUsdPerGpu},
    {"overhead_pct", &ScenarioTco::overheadPct},
    {"depreciation_years", &ScenarioTco::depreciationYears},
    {"residual_pct", &ScenarioTco::residualPct},
    {"power_w_per_gpu", &ScenarioTco::powerWPerGpu},
    {"host_overhead_pct", &ScenarioTco::hostOverheadPct},
    {"idle_power_fraction", &ScenarioTco::idlePowerFraction},
    {"pue", &ScenarioTco::pue},
    {"usd_per_kwh", &ScenarioTco::usdPerKwh},
    {"colo_usd_per_kw_month", &ScenarioTco::coloUsdPerKwMonth},
    {"ops_usd_per_month", &ScenarioTco::opsUsdPerMonth},
    {"utilization", &ScenarioTco::utilization},
    {"rent_usd_per_gpu_hour", &ScenarioTco::rentUsdPerGpuHour},
    {"hours_per_month", &ScenarioTco::hoursPerMonth},
    {"rent_decline_pct_per_year", &ScenarioTco::rentDeclinePctPerYear},
    {"egress_gb_per_month", &ScenarioTco::egressGbPerMonth},
    {"egress_usd_per_gb", &ScenarioTco::egressUsdPerGb},
    {"discount_rate_pct", &ScenarioTco::discountRatePct},
};

bool finite(double v)
{
    return std::isfinite(v);
}

std::optional<Problem> checkRange(double value, double lo, double hi, const std::string& pointer,
                                  const std::string& field, const std::string& unit = {})
{
    if (!finite(value) || value < lo || value > hi) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "must be between %g and %g%s", lo, hi, unit.c_str());
        return Problem{pointer, field, buf};
    }
    return std::nullopt;
}

std::optional<Problem> firstProblem(const Scenario& s)
{
    if (s.name.empty())
        return Problem{"/name", "name", "must not be empty"};
    if (s.name.size() > 200)
        return Problem{"/name", "name", "longer than 200 characters"};
    for (unsigned char c : s.name)
        if (c < 0x20)
            return Problem{"/name", "name", "contains a control character"};
    if (s.baselineFrom && s.baselineTo && *s.baselineFrom > *s.baselineTo)
        return Problem{"/baseline/to", "baseline.to", "is before baseline.from"};
    for (std::size_t i = 0; i < s.customPrices.size(); ++i) {
        const CustomPrice& p = s.customPrices[i];
        const std::string ptr = "/custom_prices/" + std::to_string(i);
        const std::string fld = "custom_prices[" + std::to_string(i) + "].";
        if (p.provider.empty())
            return Problem{ptr + "/provider", fld + "provider", "must not be empty"};
        if (p.model.empty())
            return Problem{ptr + "/model", fld + "model", "must not be empty"};
        if (!finite(p.inputUsdPerMtok) || p.inputUsdPerMtok < 0)
            return Problem{ptr + "/input_usd_per_mtok", fld + "input_usd_per_mtok",
                           "must be a number >= 0"};
        if (!finite(p.outputUsdPerMtok) || p.outputUsdPerMtok < 0)
            return Problem{ptr + "/output_usd_per_mtok", fld + "output_usd_per_mtok",
                           "must be a number >= 0"};
        if (p.cachedInputUsdPerMtok &&
            (!finite(*p.cachedInputUsdPerMtok) || *p.cachedInputUsdPerMtok < 0))
            return Problem{ptr + "/cached_input_usd_per_mtok", fld + "cached_input_usd_per_mtok",
                           "must be a number >= 0"};
        for (std::size_t j = 0; j < i; ++j)
            if (s.customPrices[j].provider == p.provider && s.customPrices[j].model == p.model)
                return Problem{ptr + "/model", fld + "model",
                               "price for " + p.provider + "/" + p.model + " given twice"};
    }
    if (auto p = checkRange(s.mix.inputShare, 0, 1, "/mix/input_share", "mix.input_share"))
        return p;
    if (auto p = checkRange(s.mix.cacheHitRate, 0, 1, "/mix/cache_hit_rate", "mix.cache_hit_rate"))
        return p;
    if (auto p = checkRange(s.growth.monthlyGrowthPct, -50, 100, "/growth/monthly_pct",
                            "growth.monthly_pct", " %"))
        return p;
    if (auto p = checkRange(s.priceTrends.closedApiDeclinePctPerYear, -100, 99,
                            "/price_trends/closed_api_decline_pct_per_year",
                            "price_trends.closed_api_decline_pct_per_year", " %"))
        return p;
    if (auto p = checkRange(s.priceTrends.openWeightApiDeclinePctPerYear, -100, 99,
                            "/price_trends/open_weight_api_decline_pct_per_year",
                            "price_trends.open_weight_api_decline_pct_per_year", " %"))
        return p;
    if (auto p = checkRange(s.priceTrends.selfHostedDeclinePctPerYear, -100, 99,
                            "/price_trends/self_hosted_decline_pct_per_year",
                            "price_trends.self_hosted_decline_pct_per_year", " %"))
        return p;
    if (auto p = checkRange(s.elasticity.value, 0, 5, "/elasticity/value", "elasticity.value"))
        return p;
    if (s.monteCarlo.paths < 1 || s.monteCarlo.paths > 100000)
        return Problem{"/monte_carlo/paths", "monte_carlo.paths", "must be between 1 and 100000"};
    if (auto p = checkRange(s.monteCarlo.growthLowPct, -50, 100, "/monte_carlo/growth_low_pct",
                            "monte_carlo.growth_low_pct", " %"))
        return p;
    if (auto p = checkRange(s.monteCarlo.growthHighPct, -50, 100, "/monte_carlo/growth_high_pct",
                            "monte_carlo.growth_high_pct", " %"))
        return p;
    if (s.monteCarlo.growthHighPct < s.monteCarlo.growthLowPct)
        return Problem{"/monte_carlo/growth_high_pct", "monte_carlo.growth_high_pct",
                       "is below growth_low_pct"};
    if (auto p = checkRange(s.monteCarlo.declineSpreadPctPoints, 0, 99,
                            "/monte_carlo/decline_spread_pct_points",
                            "monte_carlo.decline_spread_pct_points"))
        return p;
    if (!finite(s.switchingCostUsd) || s.switchingCostUsd < 0)
        return Problem{"/switching_cost_usd", "switching_cost_usd", "must be a number >= 0"};
    if (s.forecastMonths < 12 || s.forecastMonths > 36)
        return Problem{"/forecast_months", "forecast_months", "must be between 12 and 36"};

    const ScenarioTco& t = s.tco;
    if (t.gpuCount < 1 || t.gpuCount > 100000)
        return Problem{"/tco/gpu_count", "tco.gpu_count", "must be between 1 and 100000"};
    if (t.horizonMonths < 1 || t.horizonMonths > 240)
        return Problem{"/tco/horizon_months", "tco.horizon_months", "must be between 1 and 240"};
    for (const TcoDoubleField& f : kTcoDoubles) {
        const double v = t.*(f.member);
        if (!finite(v) || v < 0)
            return Problem{std::string("/tco/") + f.key, std::string("tco.") + f.key,
                           "must be a number >= 0"};
    }
    if (t.utilization > 1)
        return Problem{"/tco/utilization", "tco.utilization", "must be between 0 and 1"};
    if (t.idlePowerFraction > 1)
        return Problem{"/tco/idle_power_fraction", "tco.idle_power_fraction",
                       "must be between 0 and 1"};
    if (t.pue < 1)
        return Problem{"/tco/pue", "tco.pue", "must be at least 1"};
    if (t.hoursPerMonth <= 0 || t.hoursPerMonth > 744)
        return Problem{"/tco/hours_per_month", "tco.hours_per_month", "must be between 0 and 744"};
    if (t.residualPct > 100)
        return Problem{"/tco/residual_pct", "tco.residual_pct", "must be between 0 and 100"};
    if (t.tokensPerSecondPerGpu &&
        (!finite(*t.tokensPerSecondPerGpu) || *t.tokensPerSecondPerGpu <= 0))
        return Problem{"/tco/tokens_per_second_per_gpu", "tco.tokens_per_second_per_gpu",
                       "must be a number > 0"};
    if (auto p =
            checkRange(s.capacity.selfHostableSharePct, 0, 100, "/capacity/self_hostable_share_pct",
                       "capacity.self_hostable_share_pct", " %"))
        return p;
    if (s.routing.taskTag.empty())
        return Problem{"/routing/task_tag", "routing.task_tag", "must not be empty"};
    if (s.routing.minQuality)
        if (auto p = checkRange(*s.routing.minQuality, 0, 1, "/routing/min_quality",
                                "routing.min_quality"))
            return p;
    if (s.routing.maxProviderShare)
        if (auto p = checkRange(*s.routing.maxProviderShare, 0, 1, "/routing/max_provider_share",
                                "routing.max_provider_share"))
            return p;
    if (!s.routing.problem.is_null() && !s.routing.problem.is_object())
        return Problem{"/routing/problem", "routing.problem", "must be an object or null"};
    if (s.routing.problem.is_object()) {
        // The optimised plan solves it: it must be a valid routing problem (file format v1).
        try {
            (void)RoutingProblem::fromJson(s.routing.problem.dump(), "routing.problem");
        } catch (const InputError& e) {
            return Problem{"/routing/problem", "routing.problem." + e.field(), e.reason()};
        }
    }
    if (!s.routing.assignment.is_null() && !s.routing.assignment.is_object())
        return Problem{"/routing/assignment", "routing.assignment", "must be an object or null"};
    return std::nullopt;
}

nlohmann::json optionalDate(const std::optional<Date>& d)
{
    return d ? nlohmann::json(d->toString()) : nlohmann::json(nullptr);
}

struct ForecastDefaults
{
    PriceTrends trends;
    MonteCarloSettings monteCarlo;
    double elasticity = 1.2;
};

const ForecastDefaults& forecastDefaults()
{
    static const ForecastDefaults defaults = [] {
        ForecastDefaults d;
        for (const BundledFile& f : bundledDataFiles()) {
            if (f.path != "forecast-defaults.json")
                continue;
            const nlohmann::json j = nlohmann::json::parse(f.text);
            const auto& pt = j.at("price_trends");
            d.trends.closedApiDeclinePctPerYear =
                pt.at("closed_api_decline_pct_per_year").get<double>();
            d.trends.openWeightApiDeclinePctPerYear =
                pt.at("open_weight_api_decline_pct_per_year").get<double>();
            d.trends.selfHostedDeclinePctPerYear =
                pt.at("self_hosted_decline_pct_per_year").get<double>();
            // The short citation; the file's "source" and "notes" give the reasoning.
            d.trends.source = "pricing-data/forecast-defaults.json (" +
                              j.at("source_date").get<std::string>() +
                              "): " + j.at("citation").get<std::string>();
            const auto& mc = j.at("monte_carlo");
            d.monteCarlo.growthLowPct = mc.at("growth_low_pct").get<double>();
            d.monteCarlo.growthHighPct = mc.at("growth_high_pct").get<double>();
            d.monteCarlo.declineSpreadPctPoints = mc.at("decline_spread_pct_points").get<double>();
            d.elasticity = j.at("elasticity").get<double>();
        }
        return d;
    }();
    return defaults;
}

} // namespace

PriceTrends defaultPriceTrends()
{
    return forecastDefaults().trends;
}

Scenario Scenario::withDefaults(std::string name)
{
    Scenario s;
    s.name = std::move(name);
    const ForecastDefaults& d = forecastDefaults();
    s.priceTrends = d.trends;
    s.monteCarlo.growthLowPct = d.monteCarlo.growthLowPct;
    s.monteCarlo.growthHighPct = d.monteCarlo.growthHighPct;
    s.monteCarlo.declineSpreadPctPoints = d.monteCarlo.declineSpreadPctPoints;
    s.elasticity.value = d.elasticity;
    return s;
}

std::string Scenario::validate() const
{
    if (auto p = firstProblem(*this))
        return p->field + ": " + p->message;
    return {};
}

std::string toString(ForecastPlan plan)
{
    switch (plan) {
    case ForecastPlan::StatusQuo:
        return "status_quo";
    case ForecastPlan::Optimized:
        return "optimized";
    case ForecastPlan::SelfHosted:
        return "self_hosted";
    }
    return "optimized";
}

std::string toString(GrowthMode mode)
{
    return mode == GrowthMode::Fitted ? "fitted" : "compound";
}

nlohmann::json scenarioToJson(const Scenario& s)
{
    using nlohmann::json;
    json j = json::object();
    j["format"] = "finops-scenario";
    j["version"] = 1;
    j["name"] = s.name;
    j["description"] = s.description;
    j["baseline"] = {{"from", optionalDate(s.baselineFrom)}, {"to", optionalDate(s.baselineTo)}};
    j["catalog_as_of"] = optionalDate(s.catalogAsOf);
    json prices = json::array();
    for (const CustomPrice& p : s.customPrices) {
        json o = {{"provider", p.provider},
                  {"model", p.model},
                  {"input_usd_per_mtok", p.inputUsdPerMtok},
                  {"cached_input_usd_per_mtok",
                   p.cachedInputUsdPerMtok ? json(*p.cachedInputUsdPerMtok) : json(nullptr)},
                  {"output_usd_per_mtok", p.outputUsdPerMtok},
                  {"open_weights", p.openWeights}};
        prices.push_back(std::move(o));
    }
    j["custom_prices"] = std::move(prices);
    j["mix"] = {{"from_usage", s.mix.fromUsage},
                {"input_share", s.mix.inputShare},
                {"cache_hit_rate", s.mix.cacheHitRate}};
    j["growth"] = {{"mode", toString(s.growth.mode)}, {"monthly_pct", s.growth.monthlyGrowthPct}};
    j["price_trends"] = {
        {"closed_api_decline_pct_per_year", s.priceTrends.closedApiDeclinePctPerYear},
        {"open_weight_api_decline_pct_per_year", s.priceTrends.openWeightApiDeclinePctPerYear},
        {"self_hosted_decline_pct_per_year", s.priceTrends.selfHostedDeclinePctPerYear},
        {"source", s.priceTrends.source}};
    j["elasticity"] = {{"enabled", s.elasticity.enabled}, {"value", s.elasticity.value}};
    j["monte_carlo"] = {{"paths", s.monteCarlo.paths},
                        {"seed", s.monteCarlo.seed},
                        {"growth_low_pct", s.monteCarlo.growthLowPct},
                        {"growth_high_pct", s.monteCarlo.growthHighPct},
                        {"decline_spread_pct_points", s.monteCarlo.declineSpreadPctPoints}};
    j["plan"] = toString(s.plan);
    j["switching_cost_usd"] = s.switchingCostUsd;
    j["forecast_months"] = s.forecastMonths;
    json tco = {{"enabled", s.tco.enabled},
                {"gpu_count", s.tco.gpuCount},
                {"horizon_months", s.tco.horizonMonths}};
    for (const TcoDoubleField& f : kTcoDoubles)
        tco[f.key] = s.tco.*(f.member);
    tco["tokens_per_second_per_gpu"] =
        s.tco.tokensPerSecondPerGpu ? json(*s.tco.tokensPerSecondPerGpu) : json(nullptr);
    j["tco"] = std::move(tco);
    j["capacity"] = {{"self_hosted_model", s.capacity.selfHostedModel},
                     {"self_hostable_share_pct", s.capacity.selfHostableSharePct}};
    j["routing"] = {
        {"task_tag", s.routing.taskTag},
        {"min_quality", s.routing.minQuality ? json(*s.routing.minQuality) : json(nullptr)},
        {"max_provider_share",
         s.routing.maxProviderShare ? json(*s.routing.maxProviderShare) : json(nullptr)},
        {"integral", s.routing.integral},
        {"problem", s.routing.problem},
        {"assignment", s.routing.assignment}};
    return j;
}

std::string scenarioToJsonText(const Scenario& scenario)
{
    return scenarioToJson(scenario).dump(2) + "\n";
}

namespace {

// Reads an optional sub-object; a member present but not an object fails naming it.
const nlohmann::json* subObject(const JsonFields& top, const std::string& key)
{
    const nlohmann::json* v = top.find(key);
    if (v && !v->is_object())
        top.fail(key, "expected an object");
    return v;
}

// A member this format does not know is most likely a typo ("grwoth"): refuse it rather
// than silently use the default in its place.
void rejectUnknown(const JsonFields& f, const nlohmann::json& object,
                   std::initializer_list<const char*> known)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool ok = false;
        for (const char* k : known)
            ok = ok || it.key() == k;
        if (!ok)
            f.fail(it.key(), "unknown member");
    }
}

int readInt(const JsonFields& f, const std::string& key, int fallback)
{
    const auto v = f.number(key);
    if (!v)
        return fallback;
    if (*v != std::floor(*v) || *v < -2147483647.0 || *v > 2147483647.0)
        f.fail(key, "expected a whole number");
    return static_cast<int>(*v);
}

} // namespace

Scenario scenarioFromJsonText(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a JSON object (a FinOps Planner scenario)");
    const JsonFields top(doc, doc.root(), "");
    if (const auto format = top.string("format"); format && *format != "finops-scenario")
        top.fail("format", "expected \"finops-scenario\", found \"" + *format + "\"");
    if (const auto version = top.number("version"); version && *version != 1)
        top.fail("version", "this build reads version 1");

    rejectUnknown(top, doc.root(),
                  {"format", "version", "name", "description", "baseline", "catalog_as_of",
                   "custom_prices", "mix", "growth", "price_trends", "elasticity", "monte_carlo",
                   "plan", "switching_cost_usd", "forecast_months", "tco", "capacity", "routing"});
    Scenario s = Scenario::withDefaults({});
    const auto name = top.string("name");
    if (!name)
        top.fail("name", "missing (required)");
    s.name = *name;
    s.description = top.string("description").value_or("");

    if (const nlohmann::json* b = subObject(top, "baseline")) {
        const JsonFields f(doc, *b, "/baseline", "baseline.");
        rejectUnknown(f, *b, {"from", "to"});
        s.baselineFrom = f.date("from");
        s.baselineTo = f.date("to");
    }
    s.catalogAsOf = top.date("catalog_as_of");

    if (const nlohmann::json* prices = top.find("custom_prices")) {
        if (!prices->is_array())
            top.fail("custom_prices", "expected an array");
        for (std::size_t i = 0; i < prices->size(); ++i) {
            const std::string ptr = "/custom_prices/" + std::to_string(i);
            const std::string prefix = "custom_prices[" + std::to_string(i) + "].";
            if (!(*prices)[i].is_object())
                doc.fail(ptr, prefix.substr(0, prefix.size() - 1), "expected an object");
            const JsonFields f(doc, (*prices)[i], ptr, prefix);
            rejectUnknown(f, (*prices)[i],
                          {"provider", "model", "input_usd_per_mtok", "cached_input_usd_per_mtok",
                           "output_usd_per_mtok", "open_weights"});
            CustomPrice p;
            const auto provider = f.string("provider");
            if (!provider)
                f.fail("provider", "missing (required)");
            const auto model = f.string("model");
            if (!model)
                f.fail("model", "missing (required)");
            p.provider = *provider;
            p.model = *model;
            p.inputUsdPerMtok = f.requiredNonNegative("input_usd_per_mtok");
            p.cachedInputUsdPerMtok = f.nonNegative("cached_input_usd_per_mtok");
            p.outputUsdPerMtok = f.requiredNonNegative("output_usd_per_mtok");
            p.openWeights = f.boolean("open_weights").value_or(false);
            s.customPrices.push_back(std::move(p));
        }
    }
    if (const nlohmann::json* m = subObject(top, "mix")) {
        const JsonFields f(doc, *m, "/mix", "mix.");
        rejectUnknown(f, *m, {"from_usage", "input_share", "cache_hit_rate"});
        s.mix.fromUsage = f.boolean("from_usage").value_or(s.mix.fromUsage);
        s.mix.inputShare = f.number("input_share").value_or(s.mix.inputShare);
        s.mix.cacheHitRate = f.number("cache_hit_rate").value_or(s.mix.cacheHitRate);
    }
    if (const nlohmann::json* g = subObject(top, "growth")) {
        const JsonFields f(doc, *g, "/growth", "growth.");
        rejectUnknown(f, *g, {"mode", "monthly_pct"});
        if (const auto mode = f.string("mode")) {
            if (*mode == "compound")
                s.growth.mode = GrowthMode::Compound;
            else if (*mode == "fitted")
                s.growth.mode = GrowthMode::Fitted;
            else
                f.fail("mode", "expected \"compound\" or \"fitted\", found \"" + *mode + "\"");
        }
        s.growth.monthlyGrowthPct = f.number("monthly_pct").value_or(s.growth.monthlyGrowthPct);
    }
    if (const nlohmann::json* t = subObject(top, "price_trends")) {
        const JsonFields f(doc, *t, "/price_trends", "price_trends.");
        rejectUnknown(f, *t,
                      {"closed_api_decline_pct_per_year", "open_weight_api_decline_pct_per_year",
                       "self_hosted_decline_pct_per_year", "source"});
        PriceTrends& pt = s.priceTrends;
        const PriceTrends before = pt;
        pt.closedApiDeclinePctPerYear =
            f.number("closed_api_decline_pct_per_year").value_or(pt.closedApiDeclinePctPerYear);
        pt.openWeightApiDeclinePctPerYear = f.number("open_weight_api_decline_pct_per_year")
                                                .value_or(pt.openWeightApiDeclinePctPerYear);
        pt.selfHostedDeclinePctPerYear =
            f.number("self_hosted_decline_pct_per_year").value_or(pt.selfHostedDeclinePctPerYear);
        if (const auto source = f.string("source"))
            pt.source = *source;
        else if (!(pt == before))
            pt.source = "user";
    }
    if (const nlohmann::json* e = subObject(top, "elasticity")) {
        const JsonFields f(doc, *e, "/elasticity", "elasticity.");
        rejectUnknown(f, *e, {"enabled", "value"});
        s.elasticity.enabled = f.boolean("enabled").value_or(s.elasticity.enabled);
        s.elasticity.value = f.number("value").value_or(s.elasticity.value);
    }
    if (const nlohmann::json* mc = subObject(top, "monte_carlo")) {
        const JsonFields f(doc, *mc, "/monte_carlo", "monte_carlo.");
        rejectUnknown(
            f, *mc,
            {"paths", "seed", "growth_low_pct", "growth_high_pct", "decline_spread_pct_points"});
        s.monteCarlo.paths = readInt(f, "paths", s.monteCarlo.paths);
        if (const nlohmann::json* seed = f.find("seed"); seed && !seed->is_null()) {
            if (seed->is_number_unsigned())
                s.monteCarlo.seed = seed->get<std::uint64_t>();
            else if (seed->is_number_integer() && seed->get<std::int64_t>() >= 0)
                s.monteCarlo.seed = static_cast<std::uint64_t>(seed->get<std::int64_t>());
            else
                f.fail("seed", "expected a whole number >= 0");
        }
        s.monteCarlo.growthLowPct = f.number("growth_low_pct").value_or(s.monteCarlo.growthLowPct);
        s.monteCarlo.growthHighPct =
            f.number("growth_high_pct").value_or(s.monteCarlo.growthHighPct);
        s.monteCarlo.declineSpreadPctPoints =
            f.number("decline_spread_pct_points").value_or(s.monteCarlo.declineSpreadPctPoints);
    }
    if (const auto plan = top.string("plan")) {
        if (*plan == "status_quo")
            s.plan = ForecastPlan::StatusQuo;
        else if (*plan == "optimized")
            s.plan = ForecastPlan::Optimized;
        else if (*plan == "self_hosted")
            s.plan = ForecastPlan::SelfHosted;
        else
            top.fail("plan", "expected \"status_quo\", \"optimized\" or \"self_hosted\", found \"" +
                                 *plan + "\"");
    }
    s.switchingCostUsd = top.number("switching_cost_usd").value_or(s.switchingCostUsd);
    s.forecastMonths = readInt(top, "forecast_months", s.forecastMonths);
    if (const nlohmann::json* t = subObject(top, "tco")) {
        const JsonFields f(doc, *t, "/tco", "tco.");
        for (auto it = t->begin(); it != t->end(); ++it) {
            bool ok = it.key() == "enabled" || it.key() == "gpu_count" ||
                      it.key() == "horizon_months" || it.key() == "tokens_per_second_per_gpu";
            for (const TcoDoubleField& field : kTcoDoubles)
                ok = ok || it.key() == field.key;
            if (!ok)
                f.fail(it.key(), "unknown member");
        }
        s.tco.enabled = f.boolean("enabled").value_or(s.tco.enabled);
        s.tco.gpuCount = readInt(f, "gpu_count", s.tco.gpuCount);
        s.tco.horizonMonths = readInt(f, "horizon_months", s.tco.horizonMonths);
        for (const TcoDoubleField& field : kTcoDoubles)
            s.tco.*(field.member) = f.number(field.key).value_or(s.tco.*(field.member));
        if (const nlohmann::json* tps = f.find("tokens_per_second_per_gpu"))
            s.tco.tokensPerSecondPerGpu =
                tps->is_null() ? std::nullopt : f.number("tokens_per_second_per_gpu");
    }
    if (const nlohmann::json* c = subObject(top, "capacity")) {
        const JsonFields f(doc, *c, "/capacity", "capacity.");
        rejectUnknown(f, *c, {"self_hosted_model", "self_hostable_share_pct"});
        s.capacity.selfHostedModel = f.string("self_hosted_model").value_or("");
        s.capacity.selfHostableSharePct =
            f.number("self_hostable_share_pct").value_or(s.capacity.selfHostableSharePct);
    }
    if (const nlohmann::json* r = subObject(top, "routing")) {
        const JsonFields f(doc, *r, "/routing", "routing.");
        rejectUnknown(f, *r,
                      {"task_tag", "min_quality", "max_provider_share", "integral", "problem",
                       "assignment"});
        s.routing.taskTag = f.string("task_tag").value_or(s.routing.taskTag);
        s.routing.minQuality = f.number("min_quality");
        s.routing.maxProviderShare = f.number("max_provider_share");
        s.routing.integral = f.boolean("integral").value_or(s.routing.integral);
        if (const auto it = r->find("problem"); it != r->end())
            s.routing.problem = *it;
        if (const auto it = r->find("assignment"); it != r->end())
            s.routing.assignment = *it;
    }

    if (const auto problem = firstProblem(s))
        doc.fail(problem->pointer, problem->field, problem->message);
    return s;
}

Scenario readScenarioFile(const std::string& path)
{
    return scenarioFromJsonText(readWholeFile(path), path);
}

void writeScenarioFile(const Scenario& scenario, const std::string& path)
{
    writeFileAtomically(path, scenarioToJsonText(scenario));
}

} // namespace finops
