#pragma once

#include "usageimporter.h"

namespace finops {

// LiteLLM proxy spend logs (LiteLLM_SpendLogs, /spend/logs) as CSV, JSON array or JSONL: request_id, startTime, model, custom_llm_provider, prompt_tokens, completion_tokens, spend (USD), team_id, user, end_user, request_tags, and cache tokens in metadata.usage_object (prompt_tokens_details.cached_tokens, cache_read_input_tokens, cache_creation_input_tokens). prompt_tokens includes the cache reads but not the cache writes (LiteLLM's logging through 2025, e.g. its issue #15056).
class LiteLlmSpendImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "litellm"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
