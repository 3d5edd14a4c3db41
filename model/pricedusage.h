#pragma once

#include "priceoffer.h"
#include "usagerecord.h"

#include <optional>
#include <vector>

namespace finops {

class PriceCatalog;

// A rollup row with the catalog prices in force on its day for its model, resolved with
// PriceCatalog::resolve. `prices` is empty when the catalog does not know the model: the
// row is unpriced unless it carries a reported cost.
struct PricedUsageRow : UsageRollupRow
{
    std::optional<TokenPrices> prices;
};

// What spend and re-pricing work from: priced base rollups and, when grouping by a tag,
// that tag's rollups and coverage (see UsageStore::tagCoverage).
struct SpendInputs
{
    std::vector<PricedUsageRow> base;
    std::vector<PricedUsageRow> tagged;
    std::vector<PricedUsageRow> coverage;
};

std::vector<PricedUsageRow> priceRollups(const std::vector<UsageRollupRow>& rows, const PriceCatalog& catalog);

} // namespace finops
