#pragma once

// Made-up price offers and usage rollups for the suites that work out their figures by
// hand: one way to write them, so a new PriceOffer field is set in one place.
#include "date.h"
#include "priceoffer.h"
#include "usagerecord.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finops::test {

// An offer in force from 2026-01-01. Prices USD per million tokens.
inline PriceOffer offer(const char* provider, const char* model, double inputUsdPerMtok,
                        double outputUsdPerMtok, bool openWeights = false,
                        std::optional<double> cachedInputUsdPerMtok = std::nullopt,
                        std::vector<std::string> aliases = {})
{
    PriceOffer o;
    o.provider = provider;
    o.model = model;
    o.displayName = model;
    o.inputUsdPerMtok = inputUsdPerMtok;
    o.outputUsdPerMtok = outputUsdPerMtok;
    o.cachedInputUsdPerMtok = cachedInputUsdPerMtok;
    o.openWeights = openWeights;
    o.aliases = std::move(aliases);
    o.effectiveFrom = Date::fromCivil(2026, 1, 1);
    o.source = "test";
    return o;
}

// One day's usage of a model, with the value of one tag key ("" for none).
inline UsageRollupRow usage(const char* provider, const char* model, const char* tagValue,
                            std::int64_t requests, std::int64_t inputTokens,
                            std::int64_t outputTokens, Date day = Date::fromCivil(2026, 11, 10))
{
    UsageRollupRow r;
    r.day = day;
    r.provider = provider;
    r.model = model;
    r.tagValue = tagValue;
    r.requests = requests;
    r.inputTokens = inputTokens;
    r.outputTokens = outputTokens;
    return r;
}

} // namespace finops::test
