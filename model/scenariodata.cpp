#include "scenariodata.h"

#include "usagestore.h"
#include "workspacecatalog.h"

#include <map>
#include <set>

namespace finops {

namespace {

unsigned daysInMonth(int year, unsigned month)
{
    const Date first = Date::fromCivil(year, month, 1);
    const Date next =
        month == 12 ? Date::fromCivil(year + 1, 1, 1) : Date::fromCivil(year, month + 1, 1);
    return static_cast<unsigned>(next.daysSinceEpoch - first.daysSinceEpoch);
}

// The workspace catalog as the scenario sees it: offers that take effect after the as-of
// date are left out (the scenario is pinned to the prices known then), and a custom price
// replaces every dated offer of its (provider, model).
PriceCatalog scenarioCatalog(Store& store, const Scenario& scenario, Date asOf)
{
    const PriceCatalog workspace = loadWorkspaceCatalog(&store);
    std::set<std::pair<std::string, std::string>> custom;
    for (const CustomPrice& p : scenario.customPrices)
        custom.emplace(p.provider, p.model);

    PriceSheet kept;
    kept.name = "workspace";
    kept.format = "native";
    for (const PriceOffer& o : workspace.allOffers()) {
        if (o.effectiveFrom > asOf)
            continue;
        if (custom.count({o.provider, o.model}))
            continue;
        kept.offers.push_back(o);
    }
    PriceCatalog catalog;
    catalog.addSheet(kept);
    if (!scenario.customPrices.empty()) {
        PriceSheet sheet;
        sheet.name = customPriceSheetName(scenario);
        sheet.format = "native";
        for (const CustomPrice& p : scenario.customPrices) {
            PriceOffer o;
            o.provider = p.provider;
            o.model = p.model;
            o.displayName = p.model;
            o.inputUsdPerMtok = p.inputUsdPerMtok;
            o.cachedInputUsdPerMtok = p.cachedInputUsdPerMtok;
            o.outputUsdPerMtok = p.outputUsdPerMtok;
            o.openWeights = p.openWeights;
            o.effectiveFrom = Date{};
            o.source = "custom price of scenario '" + scenario.name + "'";
            o.sourceDate = asOf.toString();
            o.sheet = sheet.name;
            sheet.offers.push_back(std::move(o));
        }
        catalog.addSheet(sheet);
    }
    return catalog;
}

} // namespace

std::string customPriceSheetName(const Scenario& scenario)
{
    return "scenario:" + scenario.name;
}

ScenarioData loadScenarioData(Store& store, const Scenario& scenario)
{
    ScenarioData data;
    data.catalogAsOf = scenario.catalogAsOf.value_or(Clock::today());
    data.catalog = scenarioCatalog(store, scenario, data.catalogAsOf);

    UsageStore usage(store);
    const auto range = usage.usageRange();
    if (!range)
        return data;
    data.baselineFrom = scenario.baselineFrom.value_or(range->first);
    data.baselineTo = scenario.baselineTo.value_or(range->second);
    data.baselineRows =
        priceRollups(usage.rollups(data.baselineFrom, data.baselineTo), data.catalog);
    data.taskRows = priceRollups(
        usage.tagRollups(scenario.routing.taskTag, data.baselineFrom, data.baselineTo),
        data.catalog);

    // Monthly volume history for the growth fit, up to the end of the baseline.
    const Date historyEnd = std::min(*data.baselineTo, range->second);
    std::map<int, double> tokensByMonth; // key: year * 12 + month - 1
    for (const UsageRollupRow& row : usage.rollups(std::nullopt, historyEnd)) {
        const double tokens =
            static_cast<double>(row.inputTokens) + static_cast<double>(row.cachedInputTokens) +
            static_cast<double>(row.cacheWriteTokens) + static_cast<double>(row.outputTokens);
        tokensByMonth[row.day.year() * 12 + static_cast<int>(row.day.month()) - 1] += tokens;
    }
    for (const auto& [key, tokens] : tokensByMonth) {
        const int year = key / 12;
        const unsigned month = static_cast<unsigned>(key % 12) + 1;
        const Date first = Date::fromCivil(year, month, 1);
        const Date last =
            Date{first.daysSinceEpoch + static_cast<int>(daysInMonth(year, month)) - 1};
        // A month the data covers only in part would read as a dip in volume.
        if (first < range->first || last > historyEnd)
            continue;
        data.history.push_back({first, tokens / 1e6});
    }
    return data;
}

} // namespace finops
