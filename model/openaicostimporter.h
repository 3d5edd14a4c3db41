#pragma once

#include "usageimporter.h"

namespace finops {

// OpenAI Costs API (GET /v1/organization/costs): buckets of results with amount.value in amount.currency (USD), line_item ("gpt-4o-2024-08-06, input") and project_id. Billed money without token detail.
class OpenAiCostImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "openai-costs"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
