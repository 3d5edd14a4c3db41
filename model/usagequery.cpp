#include "usagequery.h"

namespace finops {

SpendInputs loadSpendInputs(UsageStore& usage, const PriceCatalog& catalog, std::optional<Date> from,
                            std::optional<Date> to, const std::string& tagKey)
{
    SpendInputs inputs;
    inputs.base = priceRollups(usage.rollups(from, to), catalog);
    if (!tagKey.empty()) {
        inputs.tagged = priceRollups(usage.tagRollups(tagKey, from, to), catalog);
        inputs.coverage = priceRollups(usage.tagCoverage(tagKey, from, to), catalog);
    }
    return inputs;
}

} // namespace finops
