#pragma once

#include "date.h"
#include "reportdata.h"
#include "reporttable.h"
#include "scenario.h"
#include "scenarioeval.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// Everything the finance report shows, computed once (buildReportModel) and drawn by the
// PDF writer, written to XLSX/CSV and printed by `finops-cli report --json`, so the three
// cannot disagree. Money is USD (planning doubles); months are "YYYY-MM".

// The executive summary's key figures. "Current" is the status-quo monthly spend of the
// scenario's baseline period; "planned" is the first forecast month of the recommended
// plan (optimised routing, plus self-hosting when that is cheaper).
struct ReportSummary
{
    double currentMonthlyUsd = 0;
    double plannedMonthlyUsd = 0;
    double savingsMonthlyUsd = 0;     // current - planned
    double savingsPct = 0;            // of current; 0 when current is 0
    double savingsOverHorizonUsd = 0; // cumulative status quo - plan over the forecast
    std::string plan;                 // "optimized" or "self_hosted"
    // The forecast's payback month (1-based) of the plan; nullopt when never, or when the plan
    // saves nothing over the forecast (nothing to pay back).
    std::optional<int> paybackMonth;
    std::string paybackMonthLabel;         // "2027-03", empty when never
    std::optional<double> breakevenMonths; // buy vs rent of the scenario's GPUs
};

// Bars stacked per category: values[series][category].
struct StackedChartData
{
    std::string title;
    std::string valueLabel; // "USD / month", "share of traffic"
    std::vector<std::string> categories;
    std::vector<std::string> series;
    std::vector<std::vector<double>> values;
};

struct ForecastChartData
{
    std::vector<std::string> months;
    std::vector<double> statusQuoUsd, optimizedUsd, selfHostedUsd;
    std::vector<double> p10Usd, p50Usd, p90Usd;
    std::optional<int> paybackMonth; // 1-based index into months
};

struct RankingBar
{
    std::string label; // "deepseek / deepseek-chat"
    double usdPerMtok = 0;
    bool openWeights = false;
    bool inUse = false; // the workload runs on it today
};

struct BuyRentChartData
{
    std::string gpuLabel; // "8 x NVIDIA H100 SXM"
    std::vector<int> months;
    std::vector<double> ownCumulativeUsd, rentCumulativeUsd;
    std::optional<double> breakevenMonths;
};

struct ReportModel
{
    std::string title = "LLM cost plan";
    std::string scenario;
    std::optional<Date> periodFrom, periodTo; // baseline usage period; nullopt: no usage
    Date generatedOn;
    int forecastMonths = 0;

    ReportSummary summary;
    std::vector<std::string> decisions; // three to five, derived from the figures
    ReportTable basis;                  // what the summary figures rest on (Item, Value)

    StackedChartData spendTrend; // USD by month (categories) and provider (series)
    ForecastChartData forecast;
    std::vector<RankingBar> ranking; // cheapest first
    std::string rankingMix;          // "80% input, 20% cache hits"
    BuyRentChartData buyRent;
    StackedChartData routing;  // share by task (categories) and model (series)
    std::string routingSource; // where the assignment comes from

    // spend_by_tag, spend_by_model, assignment, gpu_plan, forecast (in this order).
    std::vector<ReportTable> tables;
    // Every assumption with its value, source and date.
    ReportTable assumptions;

    // The tables and the assumptions, as the XLSX and CSV files hold them.
    std::vector<ReportTable> exportTables() const;
};

struct ReportOptions
{
    std::optional<int> months;    // forecast months; default the scenario's
    std::optional<Date> today;    // the report's date; default Clock::today()
    std::size_t rankingBars = 14; // cheapest offers shown (offers in use are added)
};

// Pure: the report of an evaluated scenario and its data. `evaluation` must come from
// evaluateScenario(data.scenario's scenario, data.scenario, options.months).
ReportModel buildReportModel(const ScenarioEvaluation& evaluation, const ReportData& data,
                             const ReportOptions& options = {});

// The one call the CLI, the GUI and the benchmark make: loads the data (model/), evaluates
// the scenario (the same evaluateScenario the forecast uses) and builds the report.
inline ReportModel buildReportModel(Store& store, const Scenario& scenario,
                                    const ReportOptions& options = {},
                                    const std::string& tagKey = {})
{
    const ReportData data = loadReportData(store, scenario, tagKey);
    return buildReportModel(evaluateScenario(scenario, data.scenario, options.months), data,
                            options);
}

// The executive-summary figures as `finops-cli report --json` prints them (stable keys):
// {"scenario","period":{"from","to"},"current_monthly_usd","planned_monthly_usd",
//  "savings_monthly_usd","savings_pct","savings_over_horizon_usd","plan","payback_month",
//  "payback_month_index","breakeven_months","forecast_months","decisions":[...]}
nlohmann::ordered_json reportSummaryJson(const ReportModel& model);

} // namespace finops
