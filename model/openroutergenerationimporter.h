#pragma once

#include "usageimporter.h"

namespace finops {

// OpenRouter generation records (GET /api/v1/generation data objects, as JSONL or a JSON array): id, created_at, model, provider_name, tokens_prompt, tokens_completion, native_tokens_prompt, native_tokens_completion, native_tokens_cached, total_cost. Native token counts are preferred (they are what the upstream bills); the prompt count includes the cached tokens.
class OpenRouterGenerationImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "openrouter-generations"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
