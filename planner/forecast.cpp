#include "forecast.h"

#include <Eigen/Core>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace finops {

namespace {

using Eigen::ArrayXd;

// A shifted decline stays within (-99 %, 99 %) a year, so every price factor stays positive.
constexpr double kMaxDecline = 0.99;
constexpr double kMinDecline = -0.99;

// What one plan spends in month m for a batch of parameter draws (one per element).
// The deterministic forecast is a batch of one with the point values, so both share
// every formula.
struct MonthSpend
{
    ArrayXd statusQuoMtok, statusQuoUsd, optimizedUsd, selfHostedUsd, selfHostedCashUsd,
        selfHostedMtok;
};

class SpendModel
{
public:
    SpendModel(const ForecastInputs& in, const ArrayXd& growth, const ArrayXd& declineShift)
        : m_in(in)
    {
        const Eigen::Index n = growth.size();
        m_logGrowth = (1.0 + growth).log();
        for (int c = 0; c < kPriceClassCount; ++c) {
            const ArrayXd d =
                (in.declinePerYear[c] + declineShift).cwiseMax(kMinDecline).cwiseMin(kMaxDecline);
            m_logPricePerYear[c] = (1.0 - d).log();
        }
        m_ones = ArrayXd::Ones(n);
    }

    MonthSpend at(int month) const
    {
        const double years = month / 12.0;
        const ArrayXd growthF = (m_logGrowth * month).exp();
        const ArrayXd closedF = (m_logPricePerYear[0] * years).exp();
        const ArrayXd openF = (m_logPricePerYear[1] * years).exp();
        MonthSpend s;
        ArrayXd sqElastic, optElastic;
        const ArrayXd sqApi = apiCost(m_in.statusQuo, closedF, openF, sqElastic);
        const ArrayXd optApi = apiCost(m_in.optimized, closedF, openF, optElastic);
        s.statusQuoMtok = m_in.baselineMonthlyMtok * growthF * sqElastic;
        s.statusQuoUsd = sqApi * growthF;
        s.optimizedUsd = optApi * growthF;
        if (!m_in.fleet.enabled) {
            s.selfHostedUsd = s.optimizedUsd;
            s.selfHostedCashUsd = s.optimizedUsd;
            s.selfHostedMtok = ArrayXd::Zero(m_ones.size());
            return s;
        }
        // The fleet's capacity grows as the self-hosted cost per token declines.
        const ArrayXd capacity =
            m_in.fleet.capacityMtokPerMonth * (-m_logPricePerYear[2] * years).exp();
        const ArrayXd volume = m_in.baselineMonthlyMtok * growthF * optElastic;
        s.selfHostedMtok = (volume * m_in.fleet.selfHostableShare).min(capacity);
        const ArrayXd apiShare =
            (volume > 0).select(1.0 - s.selfHostedMtok / volume.max(1e-300), 1.0);
        const ArrayXd remainingApi = s.optimizedUsd * apiShare;
        s.selfHostedUsd = remainingApi + m_in.fleet.monthlyCostUsd;
        s.selfHostedCashUsd = remainingApi + m_in.fleet.monthlyCashCostUsd;
        return s;
    }

private:
    // The plan's API spend at month-0 volume with this month's prices, times the
    // elasticity multiplier (returned in `elastic`).
    ArrayXd apiCost(const PlanSpend& plan, const ArrayXd& closedF, const ArrayXd& openF,
                    ArrayXd& elastic) const
    {
        const ArrayXd cost = plan.closedApiUsd * closedF + plan.openWeightApiUsd * openF;
        const double total = plan.total();
        if (m_in.elasticity > 0 && total > 0) {
            const ArrayXd index = cost / total;
            elastic = (-m_in.elasticity * index.log()).exp();
        } else {
            elastic = m_ones;
        }
        return cost * elastic;
    }

    const ForecastInputs& m_in;
    ArrayXd m_logGrowth;
    ArrayXd m_logPricePerYear[kPriceClassCount];
    ArrayXd m_ones;
};

const ArrayXd& planSpend(const MonthSpend& s, int plan)
{
    return plan == 0 ? s.statusQuoUsd : plan == 2 ? s.selfHostedUsd : s.optimizedUsd;
}

// Linear interpolation between order statistics (type 7, the spreadsheet convention).
double quantileSorted(const double* sorted, Eigen::Index n, double q)
{
    if (n == 0)
        return 0;
    const double pos = q * static_cast<double>(n - 1);
    const auto lo = static_cast<Eigen::Index>(std::floor(pos));
    const Eigen::Index hi = std::min(lo + 1, n - 1);
    const double frac = pos - static_cast<double>(lo);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

// A uniform double in [0, 1) from the top 53 bits: the same on every standard library
// (std::uniform_real_distribution's algorithm is left to the implementation).
double unit(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace

std::string ForecastInputs::validate() const
{
    auto bad = [](double v) { return !std::isfinite(v); };
    if (months < 1 || months > 120)
        return "months: must be between 1 and 120";
    if (bad(baselineMonthlyMtok) || baselineMonthlyMtok < 0)
        return "baseline_monthly_mtok: must be a number >= 0";
    for (const PlanSpend* p : {&statusQuo, &optimized})
        if (bad(p->closedApiUsd) || bad(p->openWeightApiUsd) || p->closedApiUsd < 0 ||
            p->openWeightApiUsd < 0)
            return "plan spend: must be numbers >= 0";
    if (bad(monthlyGrowth) || monthlyGrowth <= -1)
        return "monthly_growth: must be above -100 %";
    for (double d : declinePerYear)
        if (bad(d) || d >= 1 || d <= -1)
            return "decline_per_year: must be between -100 % and 100 %";
    if (bad(elasticity) || elasticity < 0)
        return "elasticity: must be >= 0";
    if (bad(switchingCostUsd) || switchingCostUsd < 0)
        return "switching_cost_usd: must be >= 0";
    if (plan < 0 || plan > 2)
        return "plan: must be 0, 1 or 2";
    if (paths < 1 || paths > 1'000'000)
        return "paths: must be between 1 and 1000000";
    if (bad(growthLow) || bad(growthHigh) || growthLow <= -1 || growthHigh < growthLow)
        return "growth range: low must be above -100 % and not above high";
    if (bad(declineSpread) || declineSpread < 0 || declineSpread >= 1)
        return "decline_spread: must be between 0 and 100 percentage points";
    if (fleet.enabled) {
        if (bad(fleet.monthlyCostUsd) || bad(fleet.monthlyCashCostUsd) || bad(fleet.capitalUsd) ||
            bad(fleet.capacityMtokPerMonth) || fleet.monthlyCostUsd < 0 ||
            fleet.monthlyCashCostUsd < 0 || fleet.capitalUsd < 0 || fleet.capacityMtokPerMonth < 0)
            return "fleet: costs and capacity must be numbers >= 0";
        if (bad(fleet.selfHostableShare) || fleet.selfHostableShare < 0 ||
            fleet.selfHostableShare > 1)
            return "fleet.self_hostable_share: must be between 0 and 1";
    }
    return {};
}

ForecastResult forecastLines(const ForecastInputs& in)
{
    ForecastResult r;
    const ArrayXd g = ArrayXd::Constant(1, in.monthlyGrowth);
    const ArrayXd shift = ArrayXd::Zero(1);
    const SpendModel model(in, g, shift);

    r.investmentUsd =
        in.plan == 0
            ? 0.0
            : in.switchingCostUsd + (in.plan == 2 && in.fleet.enabled ? in.fleet.capitalUsd : 0.0);
    double cumOpt = 0, cumSelf = 0, cumCash = -r.investmentUsd, cumGross = 0;
    for (int m = 1; m <= in.months; ++m) {
        const MonthSpend s = model.at(m);
        ForecastMonth fm;
        fm.month = addMonths(in.firstMonth, m - 1);
        fm.statusQuoMtok = s.statusQuoMtok(0);
        fm.statusQuoUsd = s.statusQuoUsd(0);
        fm.optimizedUsd = s.optimizedUsd(0);
        fm.selfHostedUsd = s.selfHostedUsd(0);
        fm.selfHostedMtok = s.selfHostedMtok(0);
        cumOpt += fm.statusQuoUsd - fm.optimizedUsd;
        cumSelf += fm.statusQuoUsd - fm.selfHostedUsd;
        fm.cumulativeSavingsOptimizedUsd = cumOpt;
        fm.cumulativeSavingsSelfHostedUsd = cumSelf;
        const double planCash = in.plan == 0   ? fm.statusQuoUsd
                                : in.plan == 2 ? s.selfHostedCashUsd(0)
                                               : fm.optimizedUsd;
        cumCash += fm.statusQuoUsd - planCash;
        cumGross += fm.statusQuoUsd - planCash;
        fm.cumulativeCashSavingsPlanUsd = cumCash;
        // A saving below half a cent is rounding, not a saving.
        if (in.plan != 0 && !r.paybackMonthIndex && cumCash >= 0 && cumGross > 0.005) {
            r.paybackMonthIndex = m;
            r.paybackMonth = fm.month;
        }
        r.totalStatusQuoUsd += fm.statusQuoUsd;
        r.totalOptimizedUsd += fm.optimizedUsd;
        r.totalSelfHostedUsd += fm.selfHostedUsd;
        const double planUsd = planSpend(s, in.plan)(0);
        fm.p10Usd = fm.p50Usd = fm.p90Usd = planUsd;
        r.months.push_back(fm);
    }
    return r;
}

Bands monteCarloBands(const ForecastInputs& in)
{
    const Eigen::Index n = in.paths;
    ArrayXd g(n), shift(n);
    std::mt19937_64 rng(in.seed);
    for (Eigen::Index i = 0; i < n; ++i) {
        g(i) = in.growthLow + (in.growthHigh - in.growthLow) * unit(rng);
        shift(i) = in.declineSpread * (2.0 * unit(rng) - 1.0);
    }
    const SpendModel model(in, g, shift);
    Bands b;
    b.p10.reserve(static_cast<std::size_t>(in.months));
    b.p50.reserve(static_cast<std::size_t>(in.months));
    b.p90.reserve(static_cast<std::size_t>(in.months));
    ArrayXd spend;
    for (int m = 1; m <= in.months; ++m) {
        spend = planSpend(model.at(m), in.plan);
        std::sort(spend.data(), spend.data() + n);
        b.p10.push_back(quantileSorted(spend.data(), n, 0.10));
        b.p50.push_back(quantileSorted(spend.data(), n, 0.50));
        b.p90.push_back(quantileSorted(spend.data(), n, 0.90));
    }
    return b;
}

ForecastResult forecast(const ForecastInputs& inputs)
{
    ForecastResult r = forecastLines(inputs);
    const Bands b = monteCarloBands(inputs);
    for (std::size_t i = 0; i < r.months.size(); ++i) {
        r.months[i].p10Usd = b.p10[i];
        r.months[i].p50Usd = b.p50[i];
        r.months[i].p90Usd = b.p90[i];
    }
    return r;
}

std::optional<GrowthFit> fitGrowth(std::span<const double> monthlyVolumes)
{
    std::vector<double> t, y;
    for (std::size_t i = 0; i < monthlyVolumes.size(); ++i)
        if (std::isfinite(monthlyVolumes[i]) && monthlyVolumes[i] > 0) {
            t.push_back(static_cast<double>(i));
            y.push_back(std::log(monthlyVolumes[i]));
        }
    if (t.size() < 3)
        return std::nullopt;
    const auto n = static_cast<Eigen::Index>(t.size());
    Eigen::MatrixXd a(n, 2);
    Eigen::VectorXd b(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        a(i, 0) = 1;
        a(i, 1) = t[static_cast<std::size_t>(i)];
        b(i) = y[static_cast<std::size_t>(i)];
    }
    const Eigen::Vector2d coef = a.colPivHouseholderQr().solve(b);
    const Eigen::VectorXd residual = b - a * coef;
    const double mean = b.mean();
    const double ssTot = (b.array() - mean).square().sum();
    const double ssRes = residual.squaredNorm();
    GrowthFit fit;
    fit.intercept = coef(0);
    fit.monthlyGrowth = std::exp(coef(1)) - 1.0;
    // A flat series is fitted exactly by a flat line.
    fit.rSquared = ssTot > 1e-300 ? std::max(0.0, 1.0 - ssRes / ssTot) : 1.0;
    fit.points = static_cast<int>(n);
    return fit;
}

std::string monthLabel(Date month)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", month.year(), month.month());
    return buf;
}

Date addMonths(Date month, int offset)
{
    const int index = month.year() * 12 + static_cast<int>(month.month()) - 1 + offset;
    const int year = index >= 0 ? index / 12 : (index - 11) / 12;
    const int m = index - year * 12;
    return Date::fromCivil(year, static_cast<unsigned>(m + 1), 1);
}

} // namespace finops
