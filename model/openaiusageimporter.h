#pragma once

#include "usageimporter.h"

namespace finops {

// OpenAI Usage API, completions endpoint (GET /v1/organization/usage/completions): daily or hourly buckets (start_time, end_time in Unix seconds) of results grouped by model, project_id, api_key_id, user_id, batch, service_tier. input_tokens includes input_cached_tokens; we store the difference as uncached input.
class OpenAiUsageImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "openai-usage"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
