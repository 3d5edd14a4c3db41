#pragma once

#include "forecast.h"
#include "scenario.h"
#include "scenariodata.h"
#include "scenariorouting.h"
#include "spend.h"
#include "tco.h"

#include <optional>
#include <string>
#include <vector>

namespace finops {

// One assumption behind the figures, for the report's appendix and `--json` output.
struct Assumption
{
    std::string name;   // "Volume growth", "Closed API price decline", "Price of openai/gpt-5"
    std::string value;  // as shown, with its unit: "3.00 % / month", "30 % / year", "$1.25 in /
                        // $10.00 out per Mtok"
    std::string source; // where it comes from: "scenario", "usage 2026-09-01..2026-11-30", a URL;
                        // with its date
};

// Where the optimised plan's monthly cost comes from.
enum class OptimizedSource
{
    Assignment, // the scenario's solved routing assignment, as stored
    Optimizer,  // the routing optimiser, solved now (the scenario's problem or its usage's
                // task classes with its quality floors and limits; planner/scenariorouting.h)
    BestOffer,  // nothing routed: the usage's models at the cheapest provider of the same
                // model (same weights, same quality) where that is cheaper than today
    None,       // nothing changes: optimised = status quo
};

// A scenario evaluated against its data: the figures of the executive summary, the
// forecast, and the assumptions behind them. The CLI (`forecast --json`), the GUI pages
// and the finance report all take their numbers from here.
struct ScenarioEvaluation
{
    Scenario scenario;
    // Baseline
    std::optional<Date> baselineFrom, baselineTo;
    double baselineDays = 0;
    double baselineCostUsd = 0;   // total over the baseline period (reported or priced)
    double currentMonthlyUsd = 0; // baselineCostUsd scaled to a month of 365.25 / 12 days
    double currentMonthlyMtok = 0;
    std::int64_t unpricedRequests = 0; // usage the catalog could not price (left out, not zero)
    double inputShare = 0.8, cacheHitRate = 0; // the mix used (observed or the scenario's)
    bool mixFromUsage = false;
    // Plans at month 0
    OptimizedSource optimizedSource = OptimizedSource::None;
    std::string optimizedDetail; // "9 task classes routed by the optimiser ($X -> $Y a month);
                                 // the cheapest provider of the same model for the rest (...)"
    double optimizedMonthlyUsd = 0;
    // The routing behind the optimised plan: what it covers, its answer, its floors.
    ScenarioRoutingPlan routing;
    // What the task classes the routing covers cost a month today: their usage's cost when
    // they are the usage's task classes, else the assignment's own figure of today.
    double routedTodayMonthlyUsd = 0;
    double selfHostedMonthlyUsd = 0; // month 0 of the self-hosted plan (fleet + remaining API)
    std::optional<TcoResult> tco;    // when scenario.tco.enabled
    // Growth
    double monthlyGrowth = 0;     // used (fraction)
    std::optional<GrowthFit> fit; // when mode is Fitted and the fit had >= 3 months
    std::string growthNote; // e.g. "fitted on 7 months, R² 0.982" or "fit needs 3 whole months:
                            // compound 3 %"
    // Forecast
    ForecastInputs inputs;
    ForecastResult forecast;
    // The chosen plan's figures (the executive summary)
    double plannedMonthlyUsd = 0; // month 0 of the chosen plan
    double monthlySavingsUsd = 0; // currentMonthlyUsd - plannedMonthlyUsd
    double savingsPct = 0;        // of currentMonthlyUsd; 0 when that is 0
    std::vector<Assumption> assumptions;
};

// Pure: from the scenario and its loaded data. `months` overrides scenario.forecastMonths
// when set (1..120). `cancel` (may be null), once true, stops the routing solve: the plan
// then keeps today's routing and its assumptions say the solve was cancelled.
ScenarioEvaluation evaluateScenario(const Scenario& scenario, const ScenarioData& data,
                                    std::optional<int> months = {},
                                    const std::atomic<bool>* cancel = nullptr);

// The one call the CLI, the GUI and the report make, so their numbers cannot differ:
// loads the scenario's data from the store, then evaluates it.
inline ScenarioEvaluation evaluateScenario(Store& store, const Scenario& scenario,
                                           std::optional<int> months = {})
{
    return evaluateScenario(scenario, loadScenarioData(store, scenario), months);
}

// The scenario used when none is named (`forecast` without --scenario, the report's
// default): Scenario::withDefaults("default") — the whole stored usage as the baseline, the
// mix observed in it, compound growth at 3 % a month, the documented price trends, no
// self-hosted fleet, the optimised plan from the routing optimiser on the usage tagged "task"
// (each task keeps at least the quality of its model today). Named "(default)" if shown.
Scenario defaultScenario();

// Conversions used by the evaluation (exposed for the Buy vs rent page and tests).
TcoInputs toTcoInputs(const ScenarioTco& tco);
ScenarioTco fromTcoInputs(const TcoInputs& inputs, bool enabled = true);

} // namespace finops
