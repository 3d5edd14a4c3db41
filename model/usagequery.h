#pragma once

#include "pricedusage.h"
#include "usagestore.h"

#include <optional>
#include <string>

namespace finops {

// Reads the rollups of [from, to] from the store and prices them with the catalog; with a
// tag key, that key's rollups and coverage too. The one place the GUI and the CLI fetch
// spend inputs, so both show the same figures.
SpendInputs loadSpendInputs(UsageStore& usage, const PriceCatalog& catalog, std::optional<Date> from,
                            std::optional<Date> to, const std::string& tagKey = {});

} // namespace finops
