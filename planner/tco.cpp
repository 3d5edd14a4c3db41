#include "tco.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace finops {

namespace {

struct MonthlyParts
{
    double capital = 0;
    double running = 0;   // own: power + colocation + operations per month
    double rentMonth1 = 0; // rent in the first month at the utilization, before decline
    double egress = 0;
    double monthlyDecline = 1; // rent multiplier from one month to the next
};

MonthlyParts parts(const TcoInputs& in)
{
    MonthlyParts p;
    const double n = in.gpuCount;
    p.capital = n * in.purchaseUsdPerGpu * (1 + in.overheadPct / 100);
    const double itKw = n * in.powerWPerGpu * (1 + in.hostOverheadPct / 100) / 1000;
    const double loadFactor = in.utilization + (1 - in.utilization) * in.idlePowerFraction;
    const double kwh = itKw * loadFactor * in.hoursPerMonth * in.pue;
    p.running = kwh * in.usdPerKwh + itKw * in.coloUsdPerKwMonth + in.opsUsdPerMonth;
    p.rentMonth1 = n * in.rentUsdPerGpuHour * in.hoursPerMonth * in.utilization;
    p.egress = in.egressGbPerMonth * in.egressUsdPerGb;
    p.monthlyDecline = std::pow(1 - in.rentDeclinePctPerYear / 100, 1.0 / 12);
    return p;
}

// The month at which cumulative owning stops being dearer than renting, interpolated
// linearly inside the month; nullopt when it does not happen by the horizon.
std::optional<double> breakeven(const TcoInputs& in, const MonthlyParts& p)
{
    double own = p.capital, rent = 0, rentThisMonth = p.rentMonth1;
    if (own <= rent)
        return 0.0;
    for (int m = 1; m <= in.horizonMonths; ++m) {
        const double ownNext = own + p.running;
        const double rentNext = rent + rentThisMonth + p.egress;
        if (ownNext <= rentNext) {
            const double gapBefore = own - rent;
            const double gapAfter = ownNext - rentNext;
            return (m - 1) + gapBefore / (gapBefore - gapAfter);
        }
        own = ownNext;
        rent = rentNext;
        rentThisMonth *= p.monthlyDecline;
    }
    return std::nullopt;
}

} // namespace

std::string TcoInputs::validate() const
{
    auto bad = [](double v) { return !std::isfinite(v) || v < 0; };
    if (gpuCount < 1)
        return "count must be at least 1";
    const std::pair<const char*, double> nonNegative[] = {
        {"purchase-usd", purchaseUsdPerGpu}, {"overhead-pct", overheadPct}, {"depreciation-years", depreciationYears},
        {"residual-pct", residualPct}, {"power-w", powerWPerGpu}, {"host-overhead-pct", hostOverheadPct},
        {"usd-per-kwh", usdPerKwh}, {"colo-usd-per-kw-month", coloUsdPerKwMonth}, {"ops-usd-per-month", opsUsdPerMonth},
        {"rent-usd-per-hour", rentUsdPerGpuHour}, {"rent-decline-pct-per-year", rentDeclinePctPerYear},
        {"egress-gb-per-month", egressGbPerMonth}, {"egress-usd-per-gb", egressUsdPerGb},
        {"discount-rate-pct", discountRatePct}};
    for (const auto& [name, value] : nonNegative)
        if (bad(value))
            return std::string(name) + " must be a non-negative number";
    if (!(utilization >= 0 && utilization <= 1))
        return "utilization must be between 0 and 1";
    if (!(idlePowerFraction >= 0 && idlePowerFraction <= 1))
        return "idle-power-fraction must be between 0 and 1";
    if (!(residualPct <= 100))
        return "residual-pct must be at most 100";
    if (!(rentDeclinePctPerYear < 100))
        return "rent-decline-pct-per-year must be below 100";
    if (!(pue >= 1 && std::isfinite(pue)))
        return "pue must be at least 1";
    if (!(hoursPerMonth > 0 && hoursPerMonth <= 744))
        return "hours-per-month must be above 0 and at most 744";
    if (horizonMonths < 1 || horizonMonths > 240)
        return "horizon-months must be from 1 to 240";
    if (tokensPerSecondPerGpu && !(*tokensPerSecondPerGpu > 0 && std::isfinite(*tokensPerSecondPerGpu)))
        return "tokens-per-second must be a positive number";
    return {};
}

TcoResult computeTco(const TcoInputs& in)
{
    TcoResult r;
    const MonthlyParts p = parts(in);
    r.capitalUsd = p.capital;
    r.monthlyOwnRunningUsd = p.running;
    const double years = in.depreciationYears > 0 ? in.depreciationYears : in.horizonMonths / 12.0;
    r.monthlyOwnUsd = p.capital * (1 - in.residualPct / 100) / (years * 12) + p.running;
    r.monthlyRentUsd = p.rentMonth1 + p.egress;

    // Curves and present values month by month.
    const double monthlyRate = std::pow(1 + in.discountRatePct / 100, 1.0 / 12) - 1;
    double own = p.capital, rent = 0, rentThisMonth = p.rentMonth1, pvOwn = p.capital, pvRent = 0;
    r.curve.reserve(static_cast<std::size_t>(in.horizonMonths) + 1);
    r.curve.push_back({0, own, rent});
    for (int m = 1; m <= in.horizonMonths; ++m) {
        const double discount = std::pow(1 + monthlyRate, -m);
        own += p.running;
        rent += rentThisMonth + p.egress;
        pvOwn += p.running * discount;
        pvRent += (rentThisMonth + p.egress) * discount;
        rentThisMonth *= p.monthlyDecline;
        r.curve.push_back({m, own, rent});
    }
    // Straight-line book value at the horizon, sold then.
    const double depreciated = std::min(1.0, in.horizonMonths / (years * 12));
    const double residualAtHorizon = p.capital * (1 - (1 - in.residualPct / 100) * depreciated);
    pvOwn -= residualAtHorizon * std::pow(1 + monthlyRate, -in.horizonMonths);
    r.npvBuyMinusRentUsd = pvOwn - pvRent;

    r.breakevenMonths = breakeven(in, p);
    // Owning's and renting's cumulative costs are linear in utilization, so the set of
    // utilizations where owning breaks even is an interval [u*, 1]: find u* by bisection.
    TcoInputs probe = in;
    probe.utilization = 1;
    if (breakeven(probe, parts(probe))) {
        double lo = 0, hi = 1;
        probe.utilization = 0;
        if (breakeven(probe, parts(probe))) {
            r.breakevenUtilization = 0.0;
        } else {
            for (int i = 0; i < 50; ++i) {
                probe.utilization = (lo + hi) / 2;
                (breakeven(probe, parts(probe)) ? hi : lo) = probe.utilization;
            }
            r.breakevenUtilization = hi;
        }
    }

    if (in.tokensPerSecondPerGpu && *in.tokensPerSecondPerGpu > 0) {
        const double tokensPerGpuHour = *in.tokensPerSecondPerGpu * 3600;
        const double monthlyTokens = in.gpuCount * tokensPerGpuHour * in.hoursPerMonth * in.utilization;
        if (monthlyTokens > 0)
            r.ownUsdPerMtok = r.monthlyOwnUsd / (monthlyTokens / 1e6);
        r.rentUsdPerMtok = in.rentUsdPerGpuHour / (tokensPerGpuHour / 1e6);
    }
    return r;
}

std::vector<std::pair<double, std::optional<double>>> breakevenByUtilization(const TcoInputs& inputs, int steps)
{
    std::vector<std::pair<double, std::optional<double>>> out;
    TcoInputs probe = inputs;
    for (int i = 0; i <= steps; ++i) {
        probe.utilization = static_cast<double>(i) / steps;
        out.emplace_back(probe.utilization, breakeven(probe, parts(probe)));
    }
    return out;
}

std::vector<TcoSensitivity> tcoSensitivity(const TcoInputs& in)
{
    using Field = double TcoInputs::*;
    const std::pair<const char*, Field> fields[] = {
        {"purchase price", &TcoInputs::purchaseUsdPerGpu}, {"rent per GPU-hour", &TcoInputs::rentUsdPerGpuHour},
        {"utilization", &TcoInputs::utilization},          {"server overhead", &TcoInputs::overheadPct},
        {"GPU power", &TcoInputs::powerWPerGpu},            {"PUE", &TcoInputs::pue},
        {"electricity price", &TcoInputs::usdPerKwh},       {"colocation", &TcoInputs::coloUsdPerKwMonth},
        {"operations staff", &TcoInputs::opsUsdPerMonth},   {"rent decline", &TcoInputs::rentDeclinePctPerYear},
        {"egress", &TcoInputs::egressGbPerMonth},           {"idle power", &TcoInputs::idlePowerFraction},
        {"host overhead", &TcoInputs::hostOverheadPct}};
    std::vector<TcoSensitivity> out;
    for (const auto& [name, field] : fields) {
        const double base = in.*field;
        if (base == 0)
            continue; // moving zero by 20% changes nothing
        TcoSensitivity s;
        s.input = name;
        auto clampValue = [&](double v) {
            if (field == &TcoInputs::utilization || field == &TcoInputs::idlePowerFraction)
                return std::clamp(v, 0.0, 1.0);
            if (field == &TcoInputs::pue)
                return std::max(1.0, v);
            return v;
        };
        s.lowValue = clampValue(base * 0.8);
        s.highValue = clampValue(base * 1.2);
        TcoInputs low = in, high = in;
        low.*field = s.lowValue;
        high.*field = s.highValue;
        low.horizonMonths = high.horizonMonths = std::max(in.horizonMonths, kSensitivitySearchMonths);
        s.breakevenAtLow = breakeven(low, parts(low));
        s.breakevenAtHigh = breakeven(high, parts(high));
        out.push_back(s);
    }
    // Largest swing first; a side that never breaks even counts as the search limit + 1.
    const double never = std::max(in.horizonMonths, kSensitivitySearchMonths) + 1.0;
    auto swing = [&](const TcoSensitivity& s) {
        return std::fabs(s.breakevenAtHigh.value_or(never) - s.breakevenAtLow.value_or(never));
    };
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return swing(a) > swing(b); });
    return out;
}

} // namespace finops
