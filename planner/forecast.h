#pragma once

#include "date.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace finops {

// Monthly spend forecast, pure math (no Qt, no I/O). Month 1 is the first forecast month;
// month 0 is the baseline (the current month's volume and prices).
//
// Model, per month m = 1..N, for plan k (status quo, optimised, self-hosted):
//   volume   V(m)   = V0 * (1 + g)^m * E_k(m)          g monthly growth (fraction)
//   price    P_c(m) = (1 - d_c)^(m / 12)                 d_c yearly decline of class c
//   elastic  E_k(m) = (I_k(m))^(-e) when elasticity is on, else 1; I_k(m) the plan's price
//            index = sum_c share_kc * P_c(m), share_kc its baseline spend share per class
//   API cost        = sum_c A_kc * (1 + g)^m * E_k(m) * P_c(m)   A_kc baseline USD/month
//   self-hosted plan: the GPUs take H(m) = min(s * V(m), C(m)) of the tokens, C(m) the
//            capacity grown by 1 / (1 - d_sh) a year; the rest goes the optimised way:
//            cost = F + optimised API cost * (1 - H(m) / V(m)), F the fleet's monthly cost
//            (depreciation + running, planner/tco.h monthlyOwnUsd).
// Cumulative savings of a plan = sum of (status quo - plan). Payback: the first month in
// which the plan's cumulative cash savings reach its one-off investment (switching cost,
// plus the fleet's capital for the self-hosted plan, whose monthly cash then excludes
// depreciation); nullopt when that never happens within the horizon.
//
// Monte Carlo: each path draws g ~ U[growthLow, growthHigh] and one shift
// delta ~ U[-declineSpread, +declineSpread] added to every class's yearly decline (clamped
// to [-0.99, 0.99]), both constant along the path; the band is the plan's spend per month
// at P10 / P50 / P90 (linear interpolation between order statistics). std::mt19937_64
// seeded with `seed`: the same inputs give the same bands on every machine.

enum class PriceClass
{
    ClosedApi = 0,
    OpenWeightApi = 1,
    SelfHosted = 2
};
constexpr int kPriceClassCount = 3;

// Baseline monthly API spend of a plan, split by price class (USD per month at month-0
// volume and prices). SelfHosted is unused for API spend (kept for symmetry).
struct PlanSpend
{
    double closedApiUsd = 0;
    double openWeightApiUsd = 0;
    double total() const { return closedApiUsd + openWeightApiUsd; }
};

struct SelfHostedFleet
{
    bool enabled = false;
    double monthlyCostUsd = 0;       // depreciation + running (accrual), per month
    double monthlyCashCostUsd = 0;   // running only (power, colocation, operations), per month
    double capitalUsd = 0;           // paid in month 1 (cash view, for the payback)
    double capacityMtokPerMonth = 0; // tokens the fleet can serve per month at month 0
    double selfHostableShare = 0.5;  // share of the volume that may move to it, 0..1
};

struct ForecastInputs
{
    Date firstMonth;                // first day of forecast month 1
    int months = 24;                // 1..120 (the UI offers 12..36)
    double baselineMonthlyMtok = 0; // V0, million tokens per month
    PlanSpend statusQuo;            // A_status quo
    PlanSpend optimized;            // A_optimised
    SelfHostedFleet fleet;
    double monthlyGrowth = 0.03; // g, fraction per month (may be negative, > -1)
    double declinePerYear[kPriceClassCount] = {0, 0, 0}; // d_c, fractions, < 1
    double elasticity = 0;                               // e; 0: off
    double switchingCostUsd = 0; // one-off, for the payback of optimised / self-hosted
    int plan = 1;                // 0 status quo, 1 optimised, 2 self-hosted: bands + payback
    // Monte Carlo
    int paths = 1000;
    std::uint64_t seed = 20260101;
    double growthLow = 0, growthHigh = 0.06; // monthly fractions
    double declineSpread = 0.10;             // fraction points, +-

    // Empty when valid, else "field: what is wrong".
    std::string validate() const;
};

struct ForecastMonth
{
    Date month;               // first day of the month
    double statusQuoMtok = 0; // volume after elasticity, per plan
    double statusQuoUsd = 0;
    double optimizedUsd = 0;
    double selfHostedUsd = 0;                  // equals optimizedUsd when there is no fleet
    double selfHostedMtok = 0;                 // tokens served by the fleet
    double p10Usd = 0, p50Usd = 0, p90Usd = 0; // of the chosen plan
    double cumulativeSavingsOptimizedUsd = 0;  // vs status quo, accrual
    double cumulativeSavingsSelfHostedUsd = 0;
    double cumulativeCashSavingsPlanUsd = 0; // chosen plan, cash, minus the one-off investment
};

struct ForecastResult
{
    std::vector<ForecastMonth> months;
    std::optional<int> paybackMonthIndex; // 1-based month of months[]
    std::optional<Date> paybackMonth;     // first day of that month
    double totalStatusQuoUsd = 0, totalOptimizedUsd = 0, totalSelfHostedUsd = 0;
    double investmentUsd = 0; // the chosen plan's one-off investment
};

// Deterministic lines, cumulative savings and payback, plus the Monte Carlo bands.
ForecastResult forecast(const ForecastInputs& inputs);

// The deterministic part only (bands left 0): the Monte Carlo path kernel reuses it.
ForecastResult forecastLines(const ForecastInputs& inputs);

// Per-month P10 / P50 / P90 of the chosen plan's spend, `paths` x `months` simulated.
struct Bands
{
    std::vector<double> p10, p50, p90;
};
Bands monteCarloBands(const ForecastInputs& inputs);

// Least squares of ln(volume) on the month index: volume ~ a * (1 + g)^t. Months with
// volume <= 0 are left out. Needs at least 3 points, else nullopt.
struct GrowthFit
{
    double monthlyGrowth = 0; // g = exp(slope) - 1
    double rSquared = 0;      // of the log-linear fit
    double intercept = 0;     // ln a
    int points = 0;
};
std::optional<GrowthFit> fitGrowth(std::span<const double> monthlyVolumes);

// "YYYY-MM"
std::string monthLabel(Date month);
// First day of the month `offset` months after `month`'s month.
Date addMonths(Date month, int offset);

} // namespace finops
