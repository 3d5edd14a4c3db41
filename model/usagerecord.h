#pragma once

#include "date.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace finops {

// One row of usage as an importer reads it, before it is stored. Token kinds are kept
// apart everywhere: `inputTokens` counts *uncached* input only, `cachedInputTokens` the
// cache reads, `cacheWriteTokens` the cache writes; reasoning tokens are output. A cost
// the source reports is kept exactly, in nano-USD, beside whatever we compute later.
struct UsageRecord
{
    enum class Kind { Usage = 0, Cost = 1 }; // Cost: a billed amount without token detail

    std::string sourceId;       // the source's record id, if it has one (dedupe key)
    std::int64_t timestampUtc = 0; // seconds since 1970-01-01T00:00:00Z (start of the bucket)
    std::string provider;
    std::string model;
    Kind kind = Kind::Usage;
    std::int64_t requests = 0;
    std::int64_t inputTokens = 0;
    std::int64_t cachedInputTokens = 0;
    std::int64_t cacheWriteTokens = 0;
    std::int64_t outputTokens = 0;
    std::optional<std::int64_t> reportedCostNanoUsd;
    std::vector<std::pair<std::string, std::string>> tags; // (key, value), e.g. ("team", "search")
    std::int64_t line = 0; // where the record starts in its file, for messages
};

// One rollup row: a day's usage of one model at one provider (and, in tag rollups, of
// one value of a tag), summed over records.
struct UsageRollupRow
{
    Date day;
    std::string provider;
    std::string model;
    std::string tagValue; // for tag rollups; empty in base rollups
    bool costOnly = false; // billed amounts without tokens
    bool hasReportedCost = false; // the records carry a reported cost (summed in reportedCostNano)
    std::int64_t requests = 0;
    std::int64_t inputTokens = 0;
    std::int64_t cachedInputTokens = 0;
    std::int64_t cacheWriteTokens = 0;
    std::int64_t outputTokens = 0;
    std::int64_t reportedCostNano = 0;
};

// Money kept exactly: 1 USD = 1,000,000,000 nano-USD.
constexpr std::int64_t kNanoPerUsd = 1'000'000'000;
inline double nanoToUsd(std::int64_t nano) { return static_cast<double>(nano) / 1e9; }

} // namespace finops
