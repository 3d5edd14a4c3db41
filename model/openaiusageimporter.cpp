#include "openaiusageimporter.h"

#include "jsondocument.h"

namespace finops {

std::string_view OpenAiUsageImporter::description() const
{
    return "OpenAI Usage API, completions (data[].results[] buckets)";
}

bool OpenAiUsageImporter::recognises(std::string_view head) const
{
    return head.find("organization.usage.completions") != std::string_view::npos ||
           (head.find("\"num_model_requests\"") != std::string_view::npos &&
            head.find("\"input_cached_tokens\"") != std::string_view::npos);
}

void OpenAiUsageImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                               UsageRecordSink& sink) const
{
    usagecheck::forEachBucketResult(text, fileName, sink, [&](const JsonFields& bucket, const JsonFields& result) {
        UsageRecord r;
        r.line = usagecheck::lineOf(result, "");
        const auto start = bucket.number("start_time");
        if (!start)
            bucket.fail("start_time", "missing (required): the bucket's start as Unix seconds");
        r.timestampUtc = static_cast<std::int64_t>(*start);
        usagecheck::checkTimestamp(r.timestampUtc, fileName, bucket.line("start_time"), "start_time");
        r.provider = "openai";
        // Without group_by=model the API leaves model null: keep the usage, unpriced.
        r.model = usagecheck::jsonText(result, "model");
        if (r.model.empty())
            r.model = "(all models)";
        r.requests = usagecheck::jsonCount(result, "num_model_requests");
        const std::int64_t input = usagecheck::jsonCount(result, "input_tokens");
        const std::int64_t cached = usagecheck::jsonCount(result, "input_cached_tokens");
        if (cached > input)
            result.fail("input_cached_tokens", "exceeds input_tokens, which includes it");
        r.inputTokens = input - cached;
        r.cachedInputTokens = cached;
        r.outputTokens = usagecheck::jsonCount(result, "output_tokens");
        for (const char* key : {"project_id", "api_key_id", "user_id", "service_tier"})
            if (auto v = usagecheck::jsonText(result, key); !v.empty())
                r.tags.emplace_back(key, v);
        if (auto batch = result.boolean("batch"))
            r.tags.emplace_back("batch", *batch ? "true" : "false");
        sink.accept(r);
    });
}

} // namespace finops
