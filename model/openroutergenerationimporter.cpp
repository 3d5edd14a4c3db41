#include "openroutergenerationimporter.h"

#include "date.h"
#include "jsondocument.h"

namespace finops {

std::string_view OpenRouterGenerationImporter::description() const
{
    return "OpenRouter generation records (one per request)";
}

bool OpenRouterGenerationImporter::recognises(std::string_view head) const
{
    return head.find("\"tokens_prompt\"") != std::string_view::npos ||
           head.find("\"native_tokens_prompt\"") != std::string_view::npos;
}

void OpenRouterGenerationImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                                        UsageRecordSink& sink) const
{
    usagecheck::forEachJsonRecord(text, fileName, sink, [&](const JsonFields& f) {
        UsageRecord r;
        r.line = usagecheck::lineOf(f, "");
        r.sourceId = usagecheck::jsonText(f, "id");
        const std::string created = usagecheck::jsonText(f, "created_at");
        const auto ts = parseTimestamp(created);
        if (!ts)
            f.fail("created_at", created.empty() ? "missing (required)" : "not a timestamp: '" + created + "'");
        usagecheck::checkTimestamp(*ts, fileName, f.line("created_at"), "created_at");
        r.timestampUtc = *ts;
        r.provider = "openrouter";
        r.model = usagecheck::jsonText(f, "model");
        if (r.model.empty())
            f.fail("model", "missing (required)");
        r.requests = 1;
        // Native counts are the upstream's own tokenizer, which is what it bills.
        const bool native = f.find("native_tokens_prompt") != nullptr;
        const std::int64_t prompt = usagecheck::jsonCount(f, native ? "native_tokens_prompt" : "tokens_prompt");
        const std::int64_t cached = usagecheck::jsonCount(f, "native_tokens_cached");
        if (cached > prompt)
            f.fail("native_tokens_cached", "exceeds the prompt tokens, which include it");
        r.inputTokens = prompt - cached;
        r.cachedInputTokens = cached;
        r.outputTokens = usagecheck::jsonCount(f, native ? "native_tokens_completion" : "tokens_completion");
        if (auto cost = f.number("total_cost"))
            r.reportedCostNanoUsd = usagecheck::moneyNano(*cost, fileName, f.line("total_cost"), "total_cost");
        if (auto upstream = usagecheck::jsonText(f, "provider_name"); !upstream.empty())
            r.tags.emplace_back("upstream_provider", upstream);
        sink.accept(r);
    });
}

} // namespace finops
