#pragma once

#include "usageimporter.h"

namespace finops {

// FOCUS 1.0-1.2 cost and usage CSV (FinOps Foundation): one charge per row with BilledCost / EffectiveCost in BillingCurrency, ChargePeriodStart, ProviderName, ServiceName, SkuId, ConsumedQuantity, ConsumedUnit, Tags (JSON). Token rows (ConsumedUnit mentions tokens) become usage by kind (input, cached input, cache write, output from the SKU or description); other rows are billed amounts.
class FocusImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "focus"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
