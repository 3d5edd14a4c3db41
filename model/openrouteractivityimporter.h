#pragma once

#include "usageimporter.h"

namespace finops {

// OpenRouter activity (GET /api/v1/activity): one row per day, model and upstream provider with usage (USD), requests, prompt_tokens, completion_tokens, reasoning_tokens. completion_tokens already contains the reasoning tokens (as in the OpenAI convention), so output = completion_tokens. Billed by OpenRouter: provider "openrouter", the upstream provider kept as tag upstream_provider. The reported cost is usage plus byok_usage_inference (what the customer's own provider key paid).
class OpenRouterActivityImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "openrouter-activity"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
