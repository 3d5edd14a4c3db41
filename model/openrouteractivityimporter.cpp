#include "openrouteractivityimporter.h"

#include "date.h"
#include "jsondocument.h"

namespace finops {

std::string_view OpenRouterActivityImporter::description() const
{
    return "OpenRouter activity (per day, model and provider)";
}

bool OpenRouterActivityImporter::recognises(std::string_view head) const
{
    return head.find("\"provider_name\"") != std::string_view::npos &&
           head.find("\"prompt_tokens\"") != std::string_view::npos &&
           head.find("\"requests\"") != std::string_view::npos;
}

void OpenRouterActivityImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                                      UsageRecordSink& sink) const
{
    usagecheck::forEachJsonRecord(text, fileName, sink, [&](const JsonFields& f) {
        UsageRecord r;
        r.line = usagecheck::lineOf(f, "");
        const std::string date = usagecheck::jsonText(f, "date");
        const auto ts = parseTimestamp(date);
        if (!ts)
            f.fail("date", date.empty() ? "missing (required)" : "not a date: '" + date + "'");
        usagecheck::checkTimestamp(*ts, fileName, f.line("date"), "date");
        r.timestampUtc = *ts;
        r.provider = "openrouter";
        r.model = usagecheck::jsonText(f, "model");
        if (r.model.empty())
            f.fail("model", "missing (required)");
        r.requests = usagecheck::jsonCount(f, "requests");
        r.inputTokens = usagecheck::jsonCount(f, "prompt_tokens");
        // completion_tokens already counts the reasoning tokens; reasoning_tokens is a part of it.
        r.outputTokens = usagecheck::jsonCount(f, "completion_tokens");
        const std::int64_t reasoning = usagecheck::jsonCount(f, "reasoning_tokens");
        if (reasoning > r.outputTokens)
            f.fail("reasoning_tokens", "exceeds completion_tokens, which includes it");
        // usage is what OpenRouter charged; byok_usage_inference what the customer's own
        // provider key was charged for the same requests. Both are spend.
        const auto usage = f.number("usage");
        const auto byok = f.number("byok_usage_inference");
        if (usage || byok)
            r.reportedCostNanoUsd = usagecheck::moneyNano(usage.value_or(0), fileName, f.line("usage"), "usage") +
                                    usagecheck::moneyNano(byok.value_or(0), fileName, f.line("byok_usage_inference"),
                                                          "byok_usage_inference");
        if (auto upstream = usagecheck::jsonText(f, "provider_name"); !upstream.empty())
            r.tags.emplace_back("upstream_provider", upstream);
        sink.accept(r);
    });
}

} // namespace finops
