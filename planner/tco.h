#pragma once

#include <optional>
#include <string>
#include <vector>

namespace finops {

// Inputs of the buy-vs-rent comparison for `gpuCount` GPUs. Money in USD, power in W.
// An input left at zero costs nothing, so the bare purchase-vs-rent case is expressible.
struct TcoInputs
{
    int gpuCount = 1;
    double purchaseUsdPerGpu = 0;
    double overheadPct = 0;        // server, network and installation on top of the GPUs, % of purchase
    double depreciationYears = 0;  // straight line; 0: over the horizon
    double residualPct = 0;        // value left at the end of depreciation, % of the capital cost
    double powerWPerGpu = 0;       // board power at full load
    double hostOverheadPct = 0;    // CPU, memory, fans, network per GPU, % of GPU power
    double idlePowerFraction = 0;  // power drawn when idle, as a fraction of full load
    double pue = 1;                // data-centre power usage effectiveness (>= 1)
    double usdPerKwh = 0;
    double coloUsdPerKwMonth = 0;  // colocation, per kW of IT load provisioned
    double opsUsdPerMonth = 0;     // staff and support for the fleet
    double utilization = 1;        // share of the hours the GPUs do useful work, 0..1
    double rentUsdPerGpuHour = 0;
    double hoursPerMonth = 730;    // the cloud convention
    double rentDeclinePctPerYear = 0;
    double egressGbPerMonth = 0;   // cloud case only
    double egressUsdPerGb = 0;
    double discountRatePct = 0;    // yearly, for the NPV
    int horizonMonths = 60;
    std::optional<double> tokensPerSecondPerGpu; // a model's throughput on one GPU

    // Empty when the inputs make sense, else the first problem, naming the input.
    std::string validate() const;
};

struct TcoPoint
{
    int month = 0;
    double ownCumulativeUsd = 0;  // capital at month 0 plus running costs (cash, no resale)
    double rentCumulativeUsd = 0;
};

struct TcoResult
{
    double capitalUsd = 0;        // purchase plus overhead, paid at month 0
    double monthlyOwnUsd = 0;     // depreciation plus running costs
    double monthlyOwnRunningUsd = 0; // power, colocation, operations
    double monthlyRentUsd = 0;    // the first month's rent at this utilization, plus egress
    std::optional<double> breakevenMonths;      // cumulative own <= rent from then on; nullopt: not within the horizon
    std::optional<double> breakevenUtilization; // lowest utilization at which owning breaks even within the horizon
    double npvBuyMinusRentUsd = 0; // present cost of buying minus that of renting (negative: buying is cheaper)
    std::vector<TcoPoint> curve;   // month 0 .. horizon
    std::optional<double> ownUsdPerMtok;
    std::optional<double> rentUsdPerMtok;
};

// The comparison: cumulative cash curves, break-even month (linear inside the month where
// the curves cross), break-even utilization (bisection: owning's and renting's costs are
// both linear in utilization), NPV with monthly discounting and the residual value
// recovered at the horizon, and per-Mtok costs from the throughput.
TcoResult computeTco(const TcoInputs& inputs);

// The break-even month at utilizations 0, 1/steps, ..., 1 (nullopt where owning does not
// break even within the horizon): the curve of the Buy vs rent page.
std::vector<std::pair<double, std::optional<double>>> breakevenByUtilization(const TcoInputs& inputs, int steps);

// One input moved -20% and +20%, and the break-even month at each. The sweep looks for
// break-even up to 240 months even when the horizon is shorter, so that the tornado shows
// how far each input moves it also when owning does not pay back within the horizon.
struct TcoSensitivity
{
    std::string input;
    double lowValue = 0, highValue = 0;
    std::optional<double> breakevenAtLow, breakevenAtHigh;
};
constexpr int kSensitivitySearchMonths = 240;
// Every input that changes the outcome, largest swing first (the tornado's order).
std::vector<TcoSensitivity> tcoSensitivity(const TcoInputs& inputs);

} // namespace finops
