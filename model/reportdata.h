#pragma once

#include "pricedusage.h"
#include "scenario.h"
#include "scenariodata.h"
#include "store.h"

#include <string>
#include <vector>

namespace finops {

// What the finance report reads from the workspace beyond the scenario's own data: the
// baseline usage by one tag key (for "spend by tag"). Loaded here so planner/ stays free of
// database reads; the report model is then a pure function of this.
struct ReportData
{
    ScenarioData scenario;            // loadScenarioData(store, scenario)
    std::string tagKey;               // the key grouped by; empty when the usage has no tags
    std::vector<std::string> tagKeys; // every tag key in the store
    SpendInputs tagSpend;             // base = the baseline rows; tagged and coverage of tagKey
};

// `tagKey` empty: "team" when the store has it, else the first key. Read-only; throws
// StoreError on a database failure and InputError("", 0, "--tag", ...) for a key the
// store does not have.
ReportData loadReportData(Store& store, const Scenario& scenario, const std::string& tagKey = {});

} // namespace finops
