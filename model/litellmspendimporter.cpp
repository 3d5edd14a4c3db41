#include "litellmspendimporter.h"

#include "csvreader.h"
#include "date.h"
#include "jsondocument.h"
#include "textparse.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace finops {

namespace {

using nlohmann::json;

struct CacheTokens
{
    std::int64_t read = 0;
    std::int64_t write = 0;
};

std::int64_t countIn(const json& object, const char* key, const std::string& fileName, std::int64_t line)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return 0;
    if (!it->is_number())
        throw InputError(fileName, line, std::string("metadata.usage_object.") + key, "not a number");
    return usagecheck::checkCount(it->get<double>(), fileName, line, std::string("metadata.usage_object.") + key);
}

// Cache tokens from metadata.usage_object: OpenAI style (prompt_tokens_details.cached_tokens)
// or Anthropic style (cache_read_input_tokens, cache_creation_input_tokens). Both styles
// may be present for one request; they count the same tokens, so the larger is taken.
CacheTokens cacheTokens(const json& metadata, const std::string& fileName, std::int64_t line)
{
    CacheTokens c;
    if (!metadata.is_object())
        return c;
    const auto usage = metadata.find("usage_object");
    if (usage == metadata.end() || !usage->is_object())
        return c;
    std::int64_t openAiCached = 0;
    if (const auto details = usage->find("prompt_tokens_details"); details != usage->end() && details->is_object())
        openAiCached = countIn(*details, "cached_tokens", fileName, line);
    c.read = std::max(openAiCached, countIn(*usage, "cache_read_input_tokens", fileName, line));
    c.write = countIn(*usage, "cache_creation_input_tokens", fileName, line);
    return c;
}

// LiteLLM's prompt_tokens follows the OpenAI convention: it includes the cache reads
// but (for Anthropic, as LiteLLM logged it through 2025) not the cache writes, which
// usage_object reports apart. Split it into the input kinds on that rule.
void splitPrompt(UsageRecord& r, std::int64_t promptTokens, const CacheTokens& cache, const std::string& fileName)
{
    if (cache.read > promptTokens)
        throw InputError(fileName, r.line, "prompt_tokens",
                         "smaller than the cache reads in metadata.usage_object, which it includes");
    r.inputTokens = promptTokens - cache.read;
    r.cachedInputTokens = cache.read;
    r.cacheWriteTokens = cache.write;
}

void addRequestTags(UsageRecord& r, const json& tags);

// The integer after `"key":` inside `text`, or nullopt when the key is absent. Used on
// the usage_object of a metadata column instead of a full JSON parse: it holds only
// numbers and nested objects, and each key once.
std::optional<std::int64_t> scanCount(std::string_view text, std::string_view key, const std::string& fileName,
                                      std::int64_t line)
{
    std::string quoted;
    quoted.reserve(key.size() + 2);
    quoted.append(1, '"').append(key).append(1, '"');
    const auto at = text.find(quoted);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::size_t p = at + quoted.size();
    while (p < text.size() && (text[p] == ' ' || text[p] == ':'))
        ++p;
    if (text.substr(p, 4) == "null")
        return std::nullopt;
    std::size_t end = p;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.' || text[end] == '-' ||
                                 text[end] == 'e' || text[end] == 'E' || text[end] == '+'))
        ++end;
    return usagecheck::parseCount(text.substr(p, end - p), fileName, line,
                                  "metadata.usage_object." + std::string(key));
}

// Cache tokens from a metadata column's text; the whole JSON is parsed only when the
// quick scan cannot be trusted (an escaped quote could hide a key).
CacheTokens scanCacheTokens(std::string_view metadata, const std::string& fileName, std::int64_t line)
{
    const auto usage = metadata.find("\"usage_object\"");
    if (usage == std::string_view::npos)
        return {};
    if (metadata.find('\\') != std::string_view::npos) {
        const json m = json::parse(metadata, nullptr, false);
        if (m.is_discarded())
            throw InputError(fileName, line, "metadata", "not valid JSON");
        return cacheTokens(m, fileName, line);
    }
    const std::string_view object = metadata.substr(usage);
    CacheTokens c;
    const std::int64_t openAiCached = scanCount(object, "cached_tokens", fileName, line).value_or(0);
    c.read = std::max(openAiCached, scanCount(object, "cache_read_input_tokens", fileName, line).value_or(0));
    c.write = scanCount(object, "cache_creation_input_tokens", fileName, line).value_or(0);
    return c;
}

// A JSON list of plain strings, as request_tags holds, without a JSON parser; anything
// with escapes goes through nlohmann.
void scanRequestTags(UsageRecord& r, std::string_view tags, const std::string& fileName)
{
    tags = text::trim(tags);
    if (tags.empty() || tags == "[]")
        return;
    if (tags.front() != '[' || tags.back() != ']' || tags.find('\\') != std::string_view::npos) {
        const json t = json::parse(tags, nullptr, false);
        if (t.is_discarded() || !t.is_array())
            throw InputError(fileName, r.line, "request_tags", "expected a JSON list of strings");
        addRequestTags(r, t);
        return;
    }
    std::size_t p = 1;
    while (true) {
        const auto open = tags.find('"', p);
        if (open == std::string_view::npos)
            break;
        const auto close = tags.find('"', open + 1);
        if (close == std::string_view::npos)
            throw InputError(fileName, r.line, "request_tags", "expected a JSON list of strings");
        if (close > open + 1)
            r.tags.emplace_back("tag", std::string(tags.substr(open + 1, close - open - 1)));
        p = close + 1;
    }
}

void addRequestTags(UsageRecord& r, const json& tags)
{
    if (!tags.is_array())
        return;
    for (const json& t : tags)
        if (t.is_string() && !t.get<std::string>().empty())
            r.tags.emplace_back("tag", t.get<std::string>());
}

void finish(UsageRecord& r, const std::string& fileName, std::int64_t line, std::string_view start)
{
    const auto ts = parseTimestamp(start);
    if (!ts)
        throw InputError(fileName, line, "startTime",
                         start.empty() ? "missing (required)" : "not a timestamp: '" + std::string(start) + "'");
    usagecheck::checkTimestamp(*ts, fileName, line, "startTime");
    r.timestampUtc = *ts;
    if (r.model.empty())
        throw InputError(fileName, line, "model", "missing (required)");
    if (r.provider.empty())
        r.provider = "unknown";
    r.requests = 1;
}

void readCsv(std::string_view text, const std::string& fileName, UsageRecordSink& sink)
{
    CsvReader reader(text, fileName);
    CsvRecord row;
    if (!reader.next(row))
        throw InputError(fileName, 1, "", "the file is empty");
    const CsvHeader header(row);
    auto need = [&](const char* name) {
        const int i = header.indexOf(name);
        if (i < 0)
            throw InputError(fileName, row.line, name, "column missing from the header");
        return i;
    };
    const int cId = need("request_id");
    const int cStart = need("startTime");
    const int cModel = need("model");
    const int cPrompt = need("prompt_tokens");
    const int cCompletion = need("completion_tokens");
    const int cSpend = header.indexOf("spend");
    const int cProvider = header.indexOf("custom_llm_provider");
    const int cTeam = header.indexOf("team_id");
    const int cUser = header.indexOf("user");
    const int cEndUser = header.indexOf("end_user");
    const int cTags = header.indexOf("request_tags");
    const int cMetadata = header.indexOf("metadata");
    const std::size_t columns = header.names().size();

    std::size_t n = 0;
    UsageRecord r; // reused, so its strings keep their capacity from row to row
    while (reader.next(row)) {
        try {
            if (row.fields.size() != columns)
                throw InputError(fileName, row.line, "",
                                 "expected " + std::to_string(columns) + " fields as in the header, found " +
                                     std::to_string(row.fields.size()));
            auto cell = [&](int i) { return i < 0 ? std::string_view{} : row.fields[static_cast<std::size_t>(i)]; };
            r.line = row.line;
            r.sourceId.assign(cell(cId));
            if (r.sourceId.empty())
                throw InputError(fileName, row.line, "request_id", "missing (required)");
            r.model.assign(cell(cModel));
            r.provider.assign(cell(cProvider));
            r.tags.clear();
            r.reportedCostNanoUsd.reset();
            const std::int64_t prompt = usagecheck::parseCount(cell(cPrompt), fileName, row.line, "prompt_tokens");
            r.outputTokens = usagecheck::parseCount(cell(cCompletion), fileName, row.line, "completion_tokens");
            splitPrompt(r, prompt, scanCacheTokens(cell(cMetadata), fileName, row.line), fileName);
            if (const auto spend = cell(cSpend); !text::trim(spend).empty())
                r.reportedCostNanoUsd = usagecheck::parseMoneyNano(spend, fileName, row.line, "spend");
            if (auto team = cell(cTeam); !team.empty())
                r.tags.emplace_back("team", std::string(team));
            if (auto user = cell(cUser); !user.empty())
                r.tags.emplace_back("user", std::string(user));
            if (auto endUser = cell(cEndUser); !endUser.empty())
                r.tags.emplace_back("end_user", std::string(endUser));
            scanRequestTags(r, cell(cTags), fileName);
            finish(r, fileName, row.line, cell(cStart));
            sink.accept(r);
        } catch (const InputError& e) {
            sink.reject(e);
        }
        if ((++n & 0xfff) == 0)
            sink.progress(reader.offset());
    }
}

void readJson(std::string_view text, const std::string& fileName, UsageRecordSink& sink)
{
    usagecheck::forEachJsonRecord(text, fileName, sink, [&](const JsonFields& f) {
        UsageRecord r;
        r.line = usagecheck::lineOf(f, "");
        r.sourceId = usagecheck::jsonText(f, "request_id");
        if (r.sourceId.empty())
            f.fail("request_id", "missing (required)");
        r.model = usagecheck::jsonText(f, "model");
        r.provider = usagecheck::jsonText(f, "custom_llm_provider");
        const std::int64_t prompt = usagecheck::jsonCount(f, "prompt_tokens");
        r.outputTokens = usagecheck::jsonCount(f, "completion_tokens");
        CacheTokens cache;
        if (const json* metadata = f.find("metadata")) {
            // Some exports carry metadata as a JSON string rather than an object.
            if (metadata->is_string()) {
                json m = json::parse(metadata->get<std::string>(), nullptr, false);
                if (m.is_discarded())
                    f.fail("metadata", "not valid JSON");
                cache = cacheTokens(m, fileName, f.line("metadata"));
            } else {
                cache = cacheTokens(*metadata, fileName, f.line("metadata"));
            }
        }
        splitPrompt(r, prompt, cache, fileName);
        if (auto spend = f.number("spend"))
            r.reportedCostNanoUsd = usagecheck::moneyNano(*spend, fileName, f.line("spend"), "spend");
        static constexpr std::pair<const char*, const char*> kTagColumns[] = {
            {"team_id", "team"}, {"user", "user"}, {"end_user", "end_user"}};
        for (const auto& [key, tag] : kTagColumns)
            if (auto v = usagecheck::jsonText(f, key); !v.empty())
                r.tags.emplace_back(tag, v);
        if (const json* tags = f.find("request_tags")) {
            if (tags->is_string()) {
                json t = json::parse(tags->get<std::string>(), nullptr, false);
                if (t.is_discarded() || !t.is_array())
                    f.fail("request_tags", "expected a list of strings");
                addRequestTags(r, t);
            } else {
                addRequestTags(r, *tags);
            }
        }
        finish(r, fileName, r.line, usagecheck::jsonText(f, "startTime"));
        sink.accept(r);
    });
}

} // namespace

std::string_view LiteLlmSpendImporter::description() const { return "LiteLLM proxy spend logs (CSV, JSON, JSONL)"; }

bool LiteLlmSpendImporter::recognises(std::string_view head) const
{
    return head.find("request_id") != std::string_view::npos && head.find("startTime") != std::string_view::npos &&
           head.find("prompt_tokens") != std::string_view::npos;
}

void LiteLlmSpendImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                                UsageRecordSink& sink) const
{
    const auto start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start != std::string_view::npos && (text[start] == '[' || text[start] == '{'))
        readJson(text, fileName, sink);
    else
        readCsv(text, fileName, sink);
}

} // namespace finops
