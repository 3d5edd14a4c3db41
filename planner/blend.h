#pragma once

#include "priceoffer.h"

#include <Eigen/Core>
#include <span>
#include <vector>

namespace finops {

// How a workload's tokens split, for blending input and output prices into one figure.
// inputShare w: fraction of tokens that are input (prompt), default 0.8 (the 80/20
// enterprise mix); cacheHitRate h: fraction of input tokens served from the prompt
// cache. Blended USD/Mtok = w * (h * cached + (1 - h) * input) + (1 - w) * output.
struct BlendMix
{
    double inputShare = 0.8;
    double cacheHitRate = 0.0;

    // Empty when valid, else what is wrong ("input share must be between 0 and 1").
    std::string validate() const;
};

// Blended price of one pair of prices. `cachedUsdPerMtok` defaults to the input price
// (no cache discount).
double blendedUsdPerMtok(double inputUsdPerMtok, double outputUsdPerMtok, const BlendMix& mix,
                         double cachedUsdPerMtok);
double blendedUsdPerMtok(double inputUsdPerMtok, double outputUsdPerMtok, const BlendMix& mix = {});

// USD a month for `monthlyTokens` tokens at a blended price.
double monthlyCostUsd(double blendedUsdPerMtok, double monthlyTokens);

// The price columns of a set of offers, laid out for vectorised blending.
struct PriceColumns
{
    Eigen::ArrayXd inputUsdPerMtok;
    Eigen::ArrayXd cachedUsdPerMtok; // the input price where an offer has no cache price
    Eigen::ArrayXd outputUsdPerMtok;

    static PriceColumns from(std::span<const PriceOffer> offers);
    Eigen::Index size() const { return inputUsdPerMtok.size(); }
};

// Blended price of every offer at once.
Eigen::ArrayXd blendedUsdPerMtok(const PriceColumns& prices, const BlendMix& mix);

// Indexes of the offers sorted by blended price, cheapest first (ties keep input order).
std::vector<Eigen::Index> rankByBlendedPrice(const Eigen::ArrayXd& blended);

// What moving a workload from one price to another saves each month.
struct Savings
{
    double currentMonthlyUsd = 0;
    double alternativeMonthlyUsd = 0;
    double monthlyUsd = 0; // current - alternative; negative when the alternative costs more
    double percent = 0;    // of the current cost; 0 when the current cost is 0
};
Savings savings(double currentBlendedUsdPerMtok, double alternativeBlendedUsdPerMtok, double monthlyTokens);

} // namespace finops
