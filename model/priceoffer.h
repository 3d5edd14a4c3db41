#pragma once

#include "date.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace finops {

// Prices that apply instead of the base prices once a prompt is longer than
// `aboveTokens` (Gemini 2.5 Pro above 200k, Claude's 1M-context tier, ...).
struct LongContextTier
{
    std::int64_t aboveTokens = 0;
    double inputUsdPerMtok = 0;
    double outputUsdPerMtok = 0;
    std::optional<double> cachedInputUsdPerMtok;
};

// The four token prices of an offer, USD per million tokens, with the absent ones filled
// in the way a bill treats them: a cache read or write without its own price is billed as
// plain input.
struct TokenPrices
{
    double inputUsdPerMtok = 0;
    double cachedInputUsdPerMtok = 0;
    double cacheWriteUsdPerMtok = 0;
    double outputUsdPerMtok = 0;
};

// One model offered by one provider at prices in force from `effectiveFrom` until the
// next offer of the same (provider, model). All prices are USD per million tokens.
// `cachedInputUsdPerMtok` is the cache-read price and `cacheWriteUsdPerMtok` the
// cache-write price; absent means the provider does not price that token kind apart
// (cache reads are then billed as plain input).
struct PriceOffer
{
    std::string provider;
    std::string model;
    std::string displayName;
    std::vector<std::string> aliases;
    double inputUsdPerMtok = 0;
    std::optional<double> cachedInputUsdPerMtok;
    std::optional<double> cacheWriteUsdPerMtok;
    double outputUsdPerMtok = 0;
    double batchDiscount = 0; // fraction off input and output on the batch API
    std::optional<LongContextTier> longContext;
    std::optional<std::int64_t> contextWindowTokens;
    bool openWeights = false;
    std::optional<double> totalParamsB;
    std::optional<double> activeParamsB;
    std::string license;
    Date effectiveFrom;
    std::string source;     // where the figures come from (URL or document)
    std::string sourceDate; // date the source was read, ISO 8601; may be empty
    std::string sheet;      // the sheet that supplied the offer ("bundled:openai.json", a file name)

    // Price of a cache read: the cached price when the provider has one, else input.
    double cacheReadUsdPerMtok() const { return cachedInputUsdPerMtok.value_or(inputUsdPerMtok); }
    TokenPrices tokenPrices() const
    {
        return {inputUsdPerMtok, cacheReadUsdPerMtok(), cacheWriteUsdPerMtok.value_or(inputUsdPerMtok), outputUsdPerMtok};
    }
};

// The prices of one (provider, model) by effective date, oldest first.
struct OfferPriceHistory
{
    std::string provider;
    std::string model;
    bool openWeights = false;
    std::vector<std::pair<Date, TokenPrices>> prices;
};

// An entry of an imported sheet that was read but not turned into an offer.
struct SkippedEntry
{
    std::string key;
    std::string reason;
};

// The offers read from one file, with what was skipped and why.
struct PriceSheet
{
    std::string name;   // file name as given by the user, or "bundled:<file>"
    std::string format; // "native", "litellm" or "csv"
    std::vector<PriceOffer> offers;
    std::vector<SkippedEntry> skipped;
};

} // namespace finops
