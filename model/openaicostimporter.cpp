#include "openaicostimporter.h"

#include "jsondocument.h"
#include "textparse.h"

namespace finops {

std::string_view OpenAiCostImporter::description() const { return "OpenAI Costs API (amount per line item)"; }

bool OpenAiCostImporter::recognises(std::string_view head) const
{
    return head.find("organization.costs.result") != std::string_view::npos ||
           (head.find("\"line_item\"") != std::string_view::npos && head.find("\"amount\"") != std::string_view::npos);
}

void OpenAiCostImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                              UsageRecordSink& sink) const
{
    usagecheck::forEachBucketResult(text, fileName, sink, [&](const JsonFields& bucket, const JsonFields& result) {
        UsageRecord r;
        r.kind = UsageRecord::Kind::Cost;
        r.line = usagecheck::lineOf(result, "");
        const auto start = bucket.number("start_time");
        if (!start)
            bucket.fail("start_time", "missing (required): the bucket's start as Unix seconds");
        r.timestampUtc = static_cast<std::int64_t>(*start);
        usagecheck::checkTimestamp(r.timestampUtc, fileName, bucket.line("start_time"), "start_time");
        r.provider = "openai";
        const nlohmann::json* amount = result.find("amount");
        if (!amount || !amount->is_object())
            result.fail("amount", "missing (required): {\"value\": ..., \"currency\": \"usd\"}");
        const std::string currency = amount->value("currency", "");
        if (text::toLower(currency) != "usd")
            result.fail("amount", "unknown currency '" + currency + "' (only USD is supported)");
        const auto value = amount->find("value");
        if (value == amount->end() || !value->is_number())
            result.fail("amount", "amount.value missing or not a number");
        r.reportedCostNanoUsd = usagecheck::moneyNano(value->get<double>(), fileName, result.line("amount"), "amount.value");
        // "gpt-4o-2024-08-06, input" -> model gpt-4o-2024-08-06, the rest kept as a tag.
        const std::string lineItem = usagecheck::jsonText(result, "line_item");
        const auto comma = lineItem.find(", ");
        r.model = lineItem.empty() ? "(all line items)" : lineItem.substr(0, comma);
        if (!lineItem.empty())
            r.tags.emplace_back("line_item", lineItem);
        if (auto project = usagecheck::jsonText(result, "project_id"); !project.empty())
            r.tags.emplace_back("project_id", project);
        sink.accept(r);
    });
}

} // namespace finops
