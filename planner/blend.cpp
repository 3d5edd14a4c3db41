#include "blend.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace finops {

std::string BlendMix::validate() const
{
    if (!(inputShare >= 0 && inputShare <= 1))
        return "input share must be between 0 and 1";
    if (!(cacheHitRate >= 0 && cacheHitRate <= 1))
        return "cache-hit rate must be between 0 and 1";
    return {};
}

double blendedUsdPerMtok(double inputUsdPerMtok, double outputUsdPerMtok, const BlendMix& mix,
                         double cachedUsdPerMtok)
{
    const double effectiveInput = mix.cacheHitRate * cachedUsdPerMtok + (1 - mix.cacheHitRate) * inputUsdPerMtok;
    return mix.inputShare * effectiveInput + (1 - mix.inputShare) * outputUsdPerMtok;
}

double blendedUsdPerMtok(double inputUsdPerMtok, double outputUsdPerMtok, const BlendMix& mix)
{
    return blendedUsdPerMtok(inputUsdPerMtok, outputUsdPerMtok, mix, inputUsdPerMtok);
}

double monthlyCostUsd(double blendedUsdPerMtok, double monthlyTokens)
{
    return blendedUsdPerMtok * monthlyTokens / 1e6;
}

PriceColumns PriceColumns::from(std::span<const PriceOffer> offers)
{
    PriceColumns c;
    const auto n = static_cast<Eigen::Index>(offers.size());
    c.inputUsdPerMtok.resize(n);
    c.cachedUsdPerMtok.resize(n);
    c.outputUsdPerMtok.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const PriceOffer& o = offers[static_cast<std::size_t>(i)];
        c.inputUsdPerMtok[i] = o.inputUsdPerMtok;
        c.cachedUsdPerMtok[i] = o.cacheReadUsdPerMtok();
        c.outputUsdPerMtok[i] = o.outputUsdPerMtok;
    }
    return c;
}

Eigen::ArrayXd blendedUsdPerMtok(const PriceColumns& prices, const BlendMix& mix)
{
    const double w = mix.inputShare, h = mix.cacheHitRate;
    return w * (h * prices.cachedUsdPerMtok + (1 - h) * prices.inputUsdPerMtok) + (1 - w) * prices.outputUsdPerMtok;
}

std::vector<Eigen::Index> rankByBlendedPrice(const Eigen::ArrayXd& blended)
{
    std::vector<Eigen::Index> order(static_cast<std::size_t>(blended.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return blended[a] < blended[b]; });
    return order;
}

Savings savings(double currentBlendedUsdPerMtok, double alternativeBlendedUsdPerMtok, double monthlyTokens)
{
    Savings s;
    s.currentMonthlyUsd = monthlyCostUsd(currentBlendedUsdPerMtok, monthlyTokens);
    s.alternativeMonthlyUsd = monthlyCostUsd(alternativeBlendedUsdPerMtok, monthlyTokens);
    s.monthlyUsd = s.currentMonthlyUsd - s.alternativeMonthlyUsd;
    s.percent = s.currentMonthlyUsd > 0 ? 100.0 * s.monthlyUsd / s.currentMonthlyUsd : 0.0;
    return s;
}

} // namespace finops
