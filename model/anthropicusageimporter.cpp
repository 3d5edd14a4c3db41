#include "anthropicusageimporter.h"

#include "date.h"
#include "jsondocument.h"

namespace finops {

namespace {
std::int64_t bucketStart(const JsonFields& bucket, const std::string& fileName)
{
    const std::string start = usagecheck::jsonText(bucket, "starting_at");
    if (start.empty())
        bucket.fail("starting_at", "missing (required): the bucket's start (RFC 3339)");
    const auto ts = parseTimestamp(start);
    if (!ts)
        bucket.fail("starting_at", "not an RFC 3339 timestamp: '" + start + "'");
    usagecheck::checkTimestamp(*ts, fileName, bucket.line("starting_at"), "starting_at");
    return *ts;
}
} // namespace

std::string_view AnthropicUsageImporter::description() const
{
    return "Anthropic Admin API usage report (messages)";
}

bool AnthropicUsageImporter::recognises(std::string_view head) const
{
    return head.find("\"uncached_input_tokens\"") != std::string_view::npos;
}

void AnthropicUsageImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                                  UsageRecordSink& sink) const
{
    usagecheck::forEachBucketResult(text, fileName, sink, [&](const JsonFields& bucket, const JsonFields& result) {
        UsageRecord r;
        r.line = usagecheck::lineOf(result, "");
        r.timestampUtc = bucketStart(bucket, fileName);
        r.provider = "anthropic";
        r.model = usagecheck::jsonText(result, "model");
        if (r.model.empty())
            r.model = "(all models)";
        r.inputTokens = usagecheck::jsonCount(result, "uncached_input_tokens");
        r.cachedInputTokens = usagecheck::jsonCount(result, "cache_read_input_tokens");
        if (const nlohmann::json* creation = result.find("cache_creation")) {
            if (!creation->is_object())
                result.fail("cache_creation", "expected an object");
            // Both cache lifetimes are cache writes; they differ only in price.
            for (const char* key : {"ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"}) {
                const auto it = creation->find(key);
                if (it == creation->end() || it->is_null())
                    continue;
                if (!it->is_number())
                    result.fail("cache_creation", std::string(key) + " is not a number");
                r.cacheWriteTokens +=
                    usagecheck::checkCount(it->get<double>(), fileName, result.line("cache_creation"),
                                           std::string("cache_creation.") + key);
            }
        }
        r.outputTokens = usagecheck::jsonCount(result, "output_tokens");
        for (const char* key : {"workspace_id", "api_key_id", "service_tier", "context_window"})
            if (auto v = usagecheck::jsonText(result, key); !v.empty())
                r.tags.emplace_back(key, v);
        sink.accept(r);
    });
}

} // namespace finops
