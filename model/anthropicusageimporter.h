#pragma once

#include "usageimporter.h"

namespace finops {

// Anthropic Admin API usage report (GET /v1/organizations/usage_report/messages): buckets (starting_at, ending_at, RFC 3339) of results with uncached_input_tokens, cache_read_input_tokens, cache_creation.ephemeral_5m_input_tokens / ephemeral_1h_input_tokens (both cache writes), output_tokens, model, workspace_id, api_key_id, service_tier, context_window. The report has no request count.
class AnthropicUsageImporter : public UsageImporter
{
public:
    std::string_view format() const override { return "anthropic-usage"; }
    std::string_view description() const override;
    bool recognises(std::string_view head) const override;
    void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
              UsageRecordSink& sink) const override;
};

} // namespace finops
