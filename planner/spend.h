#pragma once

#include "pricedusage.h"

#include <span>
#include <string>
#include <vector>

namespace finops {

// Spend by a dimension, from priced rollup rows. A row's cost is the cost its source
// reported when it has one (exact, summed in nano-USD), else its tokens at the catalog
// prices of its day (USD, compensated summation); a row with neither is unpriced: its
// requests and tokens are counted and its cost is left out, never taken as zero.
enum class SpendGrouping { Day, Month, Provider, Model, Tag };

struct SpendRow
{
    std::string key;
    std::int64_t requests = 0;
    std::int64_t inputTokens = 0;
    std::int64_t cachedInputTokens = 0;
    std::int64_t cacheWriteTokens = 0;
    std::int64_t outputTokens = 0;
    double costUsd = 0;
    double reportedCostUsd = 0; // the part of costUsd the sources reported
    std::int64_t unpricedRequests = 0;
    std::int64_t unpricedTokens = 0;
};

struct SpendReport
{
    std::vector<SpendRow> rows; // sorted by key (days and months chronologically), or by cost for the others
    double totalCostUsd = 0;
    std::int64_t unpricedRequests = 0;
    std::int64_t unpricedTokens = 0;
};

// For SpendGrouping::Tag the rows must be tag rollups (their tagValue is the key); use
// withUntagged() to add the usage that carries no value for the key.
SpendReport aggregateSpend(std::span<const PricedUsageRow> rows, SpendGrouping grouping);

// Tag rollups plus, per (day, provider, model, kind, cost flag), the base usage that no
// value of the tag covers (as "(untagged)"): base minus `coverage`, the usage that has
// the key counted once per record.
std::vector<PricedUsageRow> withUntagged(std::span<const PricedUsageRow> base, std::span<const PricedUsageRow> tagged,
                                         std::span<const PricedUsageRow> coverage);

// The spend report of loaded inputs: by tag when `grouping` is Tag (with "(untagged)"),
// else by the grouping over the base rollups.
SpendReport spendReport(const SpendInputs& inputs, SpendGrouping grouping);

// The cost of one row at its prices, USD (0 without prices).
double computedCostUsd(const UsageRollupRow& row, const TokenPrices& prices);

// The token mix a workload actually has, to feed the blended price: the input share counts
// uncached, cached and cache-write tokens as input; the cache-hit rate is cached over input.
struct ObservedMix
{
    double inputShare = 0.8;
    double cacheHitRate = 0;
    std::int64_t tokens = 0;
};
ObservedMix observedMix(std::span<const PricedUsageRow> rows);

// What the same tokens would have cost on every offer of the catalog, at each offer's
// prices in force on each usage day (an offer's first price for days before it existed).
// Only rows whose actual cost is known (reported or priced) take part, so the actual and
// the alternatives cover the same tokens.
struct RepriceAlternative
{
    std::string provider;
    std::string model;
    bool openWeights = false;
    double costUsd = 0;
    double savingsUsd = 0;
    double savingsPct = 0;
};
struct RepriceResult
{
    double actualCostUsd = 0;
    std::int64_t requests = 0;
    std::int64_t excludedUnpricedRequests = 0;
    std::int64_t excludedUnpricedTokens = 0;
    std::vector<RepriceAlternative> alternatives; // cheapest first
};
RepriceResult reprice(std::span<const PricedUsageRow> rows, std::span<const OfferPriceHistory> offers);

} // namespace finops
