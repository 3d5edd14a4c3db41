#pragma once

#include "usageimporter.h"

namespace finops {

// Anthropic Admin API cost report (GET /v1/organizations/cost_report): buckets of results whose amount is a decimal string in cents (the currency's lowest unit), with currency, model, workspace_id, cost_type, token_type, description.
class AnthropicCostImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "anthropic-cost"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
