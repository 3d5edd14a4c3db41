#include "usageimporter.h"

#include "anthropiccostimporter.h"
#include "anthropicusageimporter.h"
#include "date.h"
#include "focusimporter.h"
#include "genericimporter.h"
#include "jsondocument.h"
#include "litellmspendimporter.h"
#include "openaicostimporter.h"
#include "openaiusageimporter.h"
#include "openrouteractivityimporter.h"
#include "openroutergenerationimporter.h"
#include "textparse.h"

#include <cmath>

namespace finops {

const std::vector<std::unique_ptr<UsageImporter>>& usageImporters()
{
    static const std::vector<std::unique_ptr<UsageImporter>> importers = [] {
        std::vector<std::unique_ptr<UsageImporter>> v;
        v.push_back(std::make_unique<OpenAiUsageImporter>());
        v.push_back(std::make_unique<OpenAiCostImporter>());
        // The cost report names token types ("uncached_input_tokens") as values: ask it first.
        v.push_back(std::make_unique<AnthropicCostImporter>());
        v.push_back(std::make_unique<AnthropicUsageImporter>());
        v.push_back(std::make_unique<OpenRouterActivityImporter>());
        v.push_back(std::make_unique<OpenRouterGenerationImporter>());
        v.push_back(std::make_unique<LiteLlmSpendImporter>());
        v.push_back(std::make_unique<FocusImporter>());
        v.push_back(std::make_unique<GenericImporter>());
        return v;
    }();
    return importers;
}

const UsageImporter& usageImporterFor(std::string_view format, std::string_view text, const std::string& fileName)
{
    const auto& importers = usageImporters();
    if (format.empty() || format == "auto") {
        const std::string_view head = text.substr(0, std::size_t{64} * 1024);
        for (const auto& imp : importers)
            if (imp->recognises(head))
                return *imp;
        throw InputError(fileName, 1, "",
                         "unrecognised usage export: not an OpenAI, Anthropic, OpenRouter, LiteLLM or FOCUS "
                         "export; give --format, or --mapping PROFILE for your own CSV/JSONL");
    }
    for (const auto& imp : importers)
        if (imp->format() == format)
            return *imp;
    std::string names;
    for (const auto& imp : importers)
        names += (names.empty() ? "" : ", ") + std::string(imp->format());
    throw InputError(fileName, 0, "format", "unknown format '" + std::string(format) + "' (auto, " + names + ")");
}

namespace usagecheck {

namespace {
constexpr double kMaxCount = 1e15;
}

void checkTimestamp(std::int64_t seconds, const std::string& file, std::int64_t line, const std::string& field)
{
    const std::int64_t earliest = std::int64_t{Date::fromCivil(2000, 1, 1).daysSinceEpoch} * 86400;
    const std::int64_t latest = (std::int64_t{Clock::today().daysSinceEpoch} + 366) * 86400;
    if (seconds < earliest || seconds > latest)
        throw InputError(file, line, field,
                         "date out of range: " + formatTimestamp(seconds) + " (expected 2000-01-01 to a year from today)");
}

std::int64_t checkCount(double value, const std::string& file, std::int64_t line, const std::string& field)
{
    if (!std::isfinite(value))
        throw InputError(file, line, field, "not a finite number");
    if (value < 0)
        throw InputError(file, line, field, "negative count");
    if (value != std::floor(value))
        throw InputError(file, line, field, "not a whole number");
    if (value > kMaxCount)
        throw InputError(file, line, field, "too large (more than 10^15)");
    return static_cast<std::int64_t>(value);
}

std::int64_t parseCount(std::string_view text, const std::string& file, std::int64_t line, const std::string& field)
{
    const auto t = text::trim(text);
    if (t.empty())
        return 0;
    if (const auto n = text::parseInt(t)) {
        if (*n < 0)
            throw InputError(file, line, field, "negative count");
        if (*n > static_cast<long long>(kMaxCount))
            throw InputError(file, line, field, "too large (more than 10^15)");
        return *n;
    }
    const auto d = text::parseDouble(t);
    if (!d)
        throw InputError(file, line, field, "not a number: '" + std::string(t.substr(0, 40)) + "'");
    return checkCount(*d, file, line, field);
}

std::int64_t parseMoneyNano(std::string_view text, const std::string& file, std::int64_t line,
                            const std::string& field, int decimalShift)
{
    const auto t = text::trim(text);
    const auto v = text::parseDecimalScaled(t, 9 + decimalShift);
    if (!v) {
        if (text::parseDouble(t))
            throw InputError(file, line, field, "amount too large");
        throw InputError(file, line, field, "not an amount: '" + std::string(t.substr(0, 40)) + "'");
    }
    return *v;
}

std::int64_t moneyNano(double usd, const std::string& file, std::int64_t line, const std::string& field)
{
    if (!std::isfinite(usd))
        throw InputError(file, line, field, "not a finite amount");
    if (std::fabs(usd) > 9e9)
        throw InputError(file, line, field, "amount too large");
    return std::llround(usd * 1e9);
}

std::int64_t jsonCount(const JsonFields& fields, const std::string& key)
{
    const auto v = fields.number(key);
    if (!v)
        return 0;
    try {
        return checkCount(*v, "", 0, key);
    } catch (const InputError& e) {
        fields.fail(key, e.reason());
    }
}

void forEachBucketResult(std::string_view text, const std::string& fileName, UsageRecordSink& sink,
                         const std::function<void(const JsonFields& bucket, const JsonFields& result)>& onResult)
{
    JsonDocument::forEachRecord(text, fileName, [&](const JsonDocument& bucketDoc) {
        const JsonFields bucket(bucketDoc, bucketDoc.root(), "");
        const nlohmann::json* results = bucket.find("results");
        if (!results) {
            sink.reject(InputError(fileName, bucketDoc.lineOf(""), "results", "bucket without results"));
            return;
        }
        if (!results->is_array()) {
            sink.reject(InputError(fileName, bucket.line("results"), "results", "expected an array"));
            return;
        }
        for (std::size_t i = 0; i < results->size(); ++i) {
            try {
                const JsonFields result(bucketDoc, (*results)[i], "/results/" + std::to_string(i));
                onResult(bucket, result);
            } catch (const InputError& e) {
                sink.reject(e);
            }
        }
        sink.progress(0);
    });
}

bool looksLikeJsonLines(std::string_view head)
{
    const auto start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || head[start] != '{')
        return false;
    // JSONL: the first line is a complete object and the next non-blank line starts another.
    const auto newline = head.find('\n', start);
    if (newline == std::string_view::npos)
        return false;
    const auto next = head.find_first_not_of(" \t\r\n", newline);
    if (next == std::string_view::npos || head[next] != '{')
        return false;
    std::string_view first = text::trim(head.substr(start, newline - start));
    return !first.empty() && first.back() == '}';
}

void forEachJsonRecord(std::string_view text, const std::string& fileName, UsageRecordSink& sink,
                       const std::function<void(const JsonFields& record)>& onRecord)
{
    auto handle = [&](const JsonDocument& doc) {
        if (!doc.root().is_object())
            throw InputError(fileName, doc.lineOf(""), "", "expected a JSON object per record");
        onRecord(JsonFields(doc, doc.root(), ""));
    };
    if (!looksLikeJsonLines(text.substr(0, std::size_t{64} * 1024))) {
        JsonDocument::forEachRecord(text, fileName, [&](const JsonDocument& doc) {
            try {
                handle(doc);
            } catch (const InputError& e) {
                sink.reject(e);
            }
        });
        return;
    }
    std::size_t pos = 0;
    std::int64_t line = 1;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view row = text.substr(pos, end - pos);
        if (!text::trim(row).empty()) {
            // One line at a time: a broken line is one bad record, not a broken file.
            try {
                handle(JsonDocument::parse(row, fileName, line));
            } catch (const InputError& e) {
                sink.reject(e);
            }
        }
        pos = end + 1;
        ++line;
        if ((line & 0x3ff) == 0)
            sink.progress(pos);
    }
}

std::int64_t lineOf(const JsonFields& fields, const std::string& key) { return fields.line(key); }

std::string jsonText(const JsonFields& fields, const std::string& key) { return fields.string(key).value_or(""); }

} // namespace usagecheck
} // namespace finops
