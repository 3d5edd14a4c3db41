#include "reportdata.h"

#include "inputerror.h"
#include "usagestore.h"

#include <algorithm>

namespace finops {

ReportData loadReportData(Store& store, const Scenario& scenario, const std::string& tagKey)
{
    ReportData data;
    data.scenario = loadScenarioData(store, scenario);
    UsageStore usage(store);
    data.tagKeys = usage.tagKeys();
    const auto has = [&](const std::string& key) {
        return std::find(data.tagKeys.begin(), data.tagKeys.end(), key) != data.tagKeys.end();
    };
    if (!tagKey.empty()) {
        if (!has(tagKey))
            throw InputError("", 0, "--tag", "the usage has no tag '" + tagKey + "'");
        data.tagKey = tagKey;
    } else if (has("team")) {
        data.tagKey = "team";
    } else if (!data.tagKeys.empty()) {
        data.tagKey = data.tagKeys.front();
    }
    data.tagSpend.base = data.scenario.baselineRows;
    if (!data.tagKey.empty() && data.scenario.baselineFrom && data.scenario.baselineTo) {
        const auto from = data.scenario.baselineFrom, to = data.scenario.baselineTo;
        data.tagSpend.tagged =
            priceRollups(usage.tagRollups(data.tagKey, from, to), data.scenario.catalog);
        data.tagSpend.coverage =
            priceRollups(usage.tagCoverage(data.tagKey, from, to), data.scenario.catalog);
    }
    return data;
}

} // namespace finops
