#pragma once

#include "date.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// A scenario: a named, saved set of planning assumptions — which usage is the baseline,
// which prices apply, how volume and prices move, what self-hosted capacity costs, and
// the routing problem with its solved assignment. Everything a forecast or the finance
// report computes is a function of one Scenario and the store it is evaluated against.
//
// Units: prices USD per million tokens; percentages are percent (30 = 30 %), growth is
// per month, price declines are per year. Money USD. Dates are UTC calendar days.
//
// JSON form (the export file, `finops-cli scenario export/create --from`), version 1:
//   {"format":"finops-scenario","version":1,"name":"...", "description":"...",
//    "baseline":{"from":"YYYY-MM-DD"|null,"to":...}, "catalog_as_of":"YYYY-MM-DD"|null,
//    "custom_prices":[{"provider","model","input_usd_per_mtok","cached_input_usd_per_mtok"?,
//                      "output_usd_per_mtok","open_weights"}],
//    "mix":{"from_usage":bool,"input_share":0.8,"cache_hit_rate":0},
//    "growth":{"mode":"compound"|"fitted","monthly_pct":3},
//    "price_trends":{"closed_api_decline_pct_per_year","open_weight_api_decline_pct_per_year",
//                    "self_hosted_decline_pct_per_year","source"},
//    "elasticity":{"enabled":bool,"value":1.2},
//    "monte_carlo":{"paths","seed","growth_low_pct","growth_high_pct","decline_spread_pct_points"},
//    "plan":"status_quo"|"optimized"|"self_hosted", "switching_cost_usd":0,
//    "tco":{"enabled":bool, ...TcoInputs fields in snake_case...},
//    "capacity":{"self_hosted_model","self_hostable_share_pct"},
//    "routing":{"task_tag":"task","min_quality":0..1|null,"max_provider_share":0..1|null,
//               "integral":bool,"problem":{...}|null,"assignment":{...}|null}}
// Every member but "name" may be left out; a missing member takes the default below.

// A price the scenario sets by hand (a negotiated rate, a model not in any sheet). It
// overrides the catalog for that provider and model from any date.
struct CustomPrice
{
    std::string provider;
    std::string model;
    double inputUsdPerMtok = 0;
    std::optional<double> cachedInputUsdPerMtok;
    double outputUsdPerMtok = 0;
    bool openWeights = false;

    friend bool operator==(const CustomPrice&, const CustomPrice&) = default;
};

// The token mix used to blend input and output prices (DESIGN.md). With fromUsage the
// mix observed in the baseline usage replaces inputShare / cacheHitRate when there is usage.
struct ScenarioMix
{
    bool fromUsage = true;
    double inputShare = 0.8; // 0..1
    double cacheHitRate = 0; // 0..1

    friend bool operator==(const ScenarioMix&, const ScenarioMix&) = default;
};

enum class GrowthMode
{
    Compound, // monthlyGrowthPct, compounded
    Fitted,   // least squares on log monthly volume of the stored usage (R² reported)
};

struct VolumeGrowth
{
    GrowthMode mode = GrowthMode::Compound;
    double monthlyGrowthPct = 3.0; // compound mode; also the fallback when a fit has < 3 months

    friend bool operator==(const VolumeGrowth&, const VolumeGrowth&) = default;
};

// Yearly price declines per class. Defaults come from pricing-data/forecast-defaults.json
// (sources and dates there; see defaultPriceTrends()).
struct PriceTrends
{
    double closedApiDeclinePctPerYear = 0;
    double openWeightApiDeclinePctPerYear = 0;
    // Self-hosted: the same GPUs serve more tokens a year as inference software improves;
    // modelled as the self-hosted capacity growing by 1 / (1 - d) a year at the same cost.
    double selfHostedDeclinePctPerYear = 0;
    std::string source; // where the figures come from (the defaults' source, or "user")

    friend bool operator==(const PriceTrends&, const PriceTrends&) = default;
};

// Price elasticity of demand: volume multiplier (p / p0)^(-value), p the plan's price index.
struct Elasticity
{
    bool enabled = false;
    double value = 1.2;

    friend bool operator==(const Elasticity&, const Elasticity&) = default;
};

// Monte Carlo: each path draws a monthly growth uniformly in [growthLowPct, growthHighPct]
// and one shift of every class's yearly decline uniformly in ±declineSpreadPctPoints,
// both constant along the path. Seeded std::mt19937_64: the same seed gives the same bands.
struct MonteCarloSettings
{
    int paths = 1000;
    std::uint64_t seed = 20260101;
    double growthLowPct = 0;
    double growthHighPct = 6;
    double declineSpreadPctPoints = 10;

    friend bool operator==(const MonteCarloSettings&, const MonteCarloSettings&) = default;
};

// Which plan the P10/P50/P90 bands, the planned spend and the payback month follow.
enum class ForecastPlan
{
    StatusQuo,
    Optimized,
    SelfHosted
};

// The buy-vs-rent inputs of the Buy vs rent page (mirrors planner/tco.h TcoInputs field by
// field; model/ does not see planner/). Only used when `enabled`.
struct ScenarioTco
{
    bool enabled = false;
    int gpuCount = 8;
    double purchaseUsdPerGpu = 30000;
    double overheadPct = 20;
    double depreciationYears = 4;
    double residualPct = 10;
    double powerWPerGpu = 700;
    double hostOverheadPct = 30;
    double idlePowerFraction = 0.3;
    double pue = 1.3;
    double usdPerKwh = 0.12;
    double coloUsdPerKwMonth = 150;
    double opsUsdPerMonth = 5000;
    double utilization = 0.6;
    double rentUsdPerGpuHour = 2.5;
    double hoursPerMonth = 730;
    double rentDeclinePctPerYear = 0;
    double egressGbPerMonth = 0;
    double egressUsdPerGb = 0;
    double discountRatePct = 8;
    int horizonMonths = 60;
    std::optional<double> tokensPerSecondPerGpu = 2500; // aggregate decode throughput per GPU

    friend bool operator==(const ScenarioTco&, const ScenarioTco&) = default;
};

// What may run on the self-hosted GPUs.
struct CapacityChoice
{
    std::string selfHostedModel;      // the open-weight model served (for the report); may be empty
    double selfHostableSharePct = 50; // share of the traffic that may move to it

    friend bool operator==(const CapacityChoice&, const CapacityChoice&) = default;
};

// How the optimised plan routes the traffic (planner/scenariorouting.h).
// - Without a problem or an assignment, the task classes come from the baseline usage: the
//   values of the tag `task_tag`, each with its monthly volume and its model today; the
//   candidates are the catalog's models at their cheapest provider with the sourced
//   qualities of pricing-data/quality.json. Each task needs quality >= min_quality, or,
//   when min_quality is null, at least the quality of the model it uses today (the same or
//   better answers); max_provider_share caps any provider's share of the spend; integral
//   puts each task on exactly one model.
// - `problem`: a routing problem (the v1 problem file of `finops-cli route`) solved instead,
//   with its own constraints.
// - `assignment`: a solved result (the `route --json` object or the Scenarios page's "Solve
//   and store": {"status","assignments":[{"task","model","share","monthly_cost_usd"}],
//   "current_cost_usd"?,...}), used as solved. Both kept verbatim as JSON; null when absent.
struct ScenarioRouting
{
    std::string taskTag = "task";
    std::optional<double> minQuality;       // 0..1; nullopt: each task keeps its quality of today
    std::optional<double> maxProviderShare; // 0..1 of the spend; nullopt: no cap
    bool integral = false;
    nlohmann::json problem;
    nlohmann::json assignment;

    friend bool operator==(const ScenarioRouting&, const ScenarioRouting&) = default;
};

struct Scenario
{
    std::string name;
    std::string description;
    std::optional<Date> baselineFrom; // nullopt: the first day with usage
    std::optional<Date> baselineTo;   // nullopt: the last day with usage
    std::optional<Date> catalogAsOf;  // nullopt: Clock::today()
    std::vector<CustomPrice> customPrices;
    ScenarioMix mix;
    VolumeGrowth growth;
    PriceTrends priceTrends;
    Elasticity elasticity;
    MonteCarloSettings monteCarlo;
    ForecastPlan plan = ForecastPlan::Optimized;
    double switchingCostUsd =
        0;                   // one-off cost of moving to the plan (engineering), for the payback
    int forecastMonths = 24; // 12..36
    ScenarioTco tco;
    CapacityChoice capacity;
    ScenarioRouting routing;

    // A scenario with every default (price trends from defaultPriceTrends()).
    static Scenario withDefaults(std::string name);

    // Empty when valid, else the first problem as "field: what is wrong" (field in JSON
    // spelling, e.g. "mix.input_share: must be between 0 and 1").
    std::string validate() const;

    friend bool operator==(const Scenario&, const Scenario&) = default;
};

// The documented default price trends (pricing-data/forecast-defaults.json, embedded).
PriceTrends defaultPriceTrends();

// Names in JSON ("status_quo", "optimized", "self_hosted"; "compound", "fitted").
std::string toString(ForecastPlan plan);
std::string toString(GrowthMode mode);

// JSON round trip. toJson writes every member; the result read back with fromJson is
// equal to the scenario. fromJson checks types, ranges and unknown enum names and throws
// InputError(file, line, field, message) — line of the offending member in `text`.
nlohmann::json scenarioToJson(const Scenario& scenario);
std::string
scenarioToJsonText(const Scenario& scenario); // pretty, 2-space indent, trailing newline
Scenario scenarioFromJsonText(std::string_view text, const std::string& fileName);

// Files: read / write. Reading throws InputError (unreadable file: line 0); writing goes
// through a temporary file and a rename, so a failed write leaves no half file.
Scenario readScenarioFile(const std::string& path);
void writeScenarioFile(const Scenario& scenario, const std::string& path);

} // namespace finops
