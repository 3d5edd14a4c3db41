#pragma once

#include "pricecatalog.h"
#include "pricedusage.h"
#include "scenario.h"
#include "store.h"

#include <optional>
#include <string>
#include <vector>

namespace finops {

// Everything a scenario's evaluation reads from the workspace, loaded in one place (the
// store is read here and nowhere in planner/): the catalog the scenario sees, the priced
// usage of its baseline period and the monthly volume history for the growth fit.
struct ScenarioData
{
    PriceCatalog catalog; // bundled + imported sheets + the scenario's custom prices
    Date catalogAsOf;     // scenario.catalogAsOf or Clock::today()
    std::optional<Date> baselineFrom, baselineTo; // resolved; nullopt: no usage in the store
    std::vector<PricedUsageRow> baselineRows;     // base rollups of [from, to], priced
    // Rollups of [from, to] by the values of scenario.routing.taskTag, priced: the task
    // classes of the optimised routing (empty when no usage carries the tag).
    std::vector<PricedUsageRow> taskRows;
    // Whole calendar months of usage up to baselineTo (a month the data only partly covers
    // at either end is left out), oldest first: the growth fit's input.
    struct MonthVolume
    {
        Date month;      // first day
        double mtok = 0; // all token kinds, millions
    };
    std::vector<MonthVolume> history;
};

// The sheet name custom prices appear under in the catalog: "scenario:<name>".
std::string customPriceSheetName(const Scenario& scenario);

// Reads the store (read-only). Throws StoreError on a database failure.
ScenarioData loadScenarioData(Store& store, const Scenario& scenario);

} // namespace finops
