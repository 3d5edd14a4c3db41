#include "pricedusage.h"

#include "pricecatalog.h"

#include <map>
#include <tuple>

namespace finops {

std::vector<PricedUsageRow> priceRollups(const std::vector<UsageRollupRow>& rows, const PriceCatalog& catalog)
{
    // Rollups repeat (provider, model, day) across tags and kinds: resolve each once.
    std::map<std::tuple<std::string, std::string, int>, std::optional<TokenPrices>> resolved;
    std::vector<PricedUsageRow> out;
    out.reserve(rows.size());
    for (const UsageRollupRow& row : rows) {
        PricedUsageRow priced;
        static_cast<UsageRollupRow&>(priced) = row;
        if (!row.costOnly) {
            const auto key = std::make_tuple(row.provider, row.model, row.day.daysSinceEpoch);
            auto it = resolved.find(key);
            if (it == resolved.end()) {
                const auto offer = catalog.resolve(row.provider, row.model, row.day);
                it = resolved.emplace(key, offer ? std::optional<TokenPrices>(offer->tokenPrices()) : std::nullopt).first;
            }
            priced.prices = it->second;
        }
        out.push_back(std::move(priced));
    }
    return out;
}

} // namespace finops
