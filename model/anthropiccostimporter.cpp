#include "anthropiccostimporter.h"

#include "date.h"
#include "jsondocument.h"

namespace finops {

std::string_view AnthropicCostImporter::description() const
{
    return "Anthropic Admin API cost report (amounts in cents)";
}

bool AnthropicCostImporter::recognises(std::string_view head) const
{
    return head.find("\"cost_type\"") != std::string_view::npos ||
           (head.find("\"token_type\"") != std::string_view::npos && head.find("\"amount\"") != std::string_view::npos);
}

void AnthropicCostImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                                 UsageRecordSink& sink) const
{
    usagecheck::forEachBucketResult(text, fileName, sink, [&](const JsonFields& bucket, const JsonFields& result) {
        UsageRecord r;
        r.kind = UsageRecord::Kind::Cost;
        r.line = usagecheck::lineOf(result, "");
        const std::string start = usagecheck::jsonText(bucket, "starting_at");
        const auto ts = parseTimestamp(start);
        if (!ts)
            bucket.fail("starting_at", start.empty() ? "missing (required)" : "not an RFC 3339 timestamp: '" + start + "'");
        usagecheck::checkTimestamp(*ts, fileName, bucket.line("starting_at"), "starting_at");
        r.timestampUtc = *ts;
        r.provider = "anthropic";
        const std::string currency = usagecheck::jsonText(result, "currency");
        if (!currency.empty() && currency != "USD")
            result.fail("currency", "unknown currency '" + currency + "' (only USD is supported)");
        // The amount is a decimal string in the currency's lowest unit: cents.
        const nlohmann::json* amount = result.find("amount");
        if (!amount)
            result.fail("amount", "missing (required)");
        if (!amount->is_string())
            result.fail("amount", "expected a decimal string in cents");
        r.reportedCostNanoUsd =
            usagecheck::parseMoneyNano(amount->get<std::string>(), fileName, result.line("amount"), "amount", -2);
        r.model = usagecheck::jsonText(result, "model");
        if (r.model.empty())
            r.model = "(" + (usagecheck::jsonText(result, "cost_type").empty() ? std::string("other")
                                                                                : usagecheck::jsonText(result, "cost_type")) +
                      ")";
        for (const char* key : {"workspace_id", "cost_type", "token_type", "service_tier", "context_window", "description"})
            if (auto v = usagecheck::jsonText(result, key); !v.empty())
                r.tags.emplace_back(key, v);
        sink.accept(r);
    });
}

} // namespace finops
