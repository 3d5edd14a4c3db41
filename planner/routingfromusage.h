#pragma once

#include "pricecatalog.h"
#include "pricedusage.h"
#include "routingproblem.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// A candidate model for --from-usage and the GUI's "from usage": prices from the catalog,
// quality from pricing-data/quality.json (0..1, sourced per figure).
struct RoutingCandidate
{
    std::string id;
    std::string provider;
    double inputUsdPerMtok = 0;
    double outputUsdPerMtok = 0;
    std::optional<double> cachedInputUsdPerMtok;
    std::optional<double> quality;
    std::optional<std::string> litellmModel;
};

struct RoutingFromUsageOptions
{
    double minQuality = 0;        // every task's min_quality
    double months = 1;            // length of the usage window in months (volumes are per month)
    // When set, usage model names ("gpt-4o-2024-08-06") are resolved through the catalog's
    // ids and aliases on `day` ("gpt-4o"), so a task's current model matches a candidate.
    const PriceCatalog* catalog = nullptr;
    Date day{};
};

// The candidates of a catalog: one per model id, at its cheapest provider (blended 80/20
// price) among `offersInForce`; quality from `qualityByName` (lower-case id or alias,
// see model/modelquality.h), none when the model has no sourced figure. Sorted by id.
std::vector<RoutingCandidate> routingCandidates(const std::vector<PriceOffer>& offersInForce,
                                                const std::map<std::string, double>& qualityByName);

// Task classes = the values of the tag key in `spend.tagged` (rows of one tag value summed):
// monthly requests, input/output tokens per request and cached share from the window's
// usage, divided by `months`; currentModel = the model with the most tokens. Models = the
// candidates. Throws InputError (field "--from-usage") when there is no tagged usage.
RoutingProblem routingProblemFromUsage(const SpendInputs& spend, const std::vector<RoutingCandidate>& candidates,
                                       const RoutingFromUsageOptions& options);

} // namespace finops
