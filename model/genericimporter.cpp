#include "genericimporter.h"

#include "csvreader.h"
#include "date.h"
#include "jsondocument.h"
#include "mappingprofile.h"
#include "textparse.h"

namespace finops {

namespace {

// One row, whatever the file type: the text of a named column, or nullopt when absent.
using Cell = std::function<std::optional<std::string>(const std::string& column)>;

UsageRecord buildRecord(const MappingProfile& p, const Cell& cell, const std::string& fileName, std::int64_t line)
{
    auto text = [&](const char* field) -> std::string {
        const std::string column = p.column(field);
        if (column.empty())
            return {};
        return cell(column).value_or("");
    };
    auto count = [&](const char* field) -> std::int64_t {
        const std::string column = p.column(field);
        return column.empty() ? 0 : usagecheck::parseCount(text(field), fileName, line, column);
    };

    UsageRecord r;
    r.line = line;
    r.sourceId = text("id");
    const std::string ts = text("timestamp");
    const std::string tsColumn = p.column("timestamp");
    if (ts.empty())
        throw InputError(fileName, line, tsColumn, "missing (required)");
    if (p.timestampFormat == "iso8601") {
        const auto parsed = parseTimestamp(text::trim(ts));
        if (!parsed)
            throw InputError(fileName, line, tsColumn, "not an ISO 8601 timestamp: '" + ts + "'");
        r.timestampUtc = *parsed;
    } else {
        const auto n = text::parseInt(text::trim(ts));
        if (!n)
            throw InputError(fileName, line, tsColumn, "not a Unix time: '" + ts + "'");
        r.timestampUtc = p.timestampFormat == "unix_ms" ? *n / 1000 : *n;
    }
    usagecheck::checkTimestamp(r.timestampUtc, fileName, line, tsColumn);
    r.provider = text("provider");
    if (r.provider.empty())
        r.provider = p.defaultProvider;
    r.model = text("model");
    if (r.model.empty())
        throw InputError(fileName, line, p.column("model"), "missing (required)");
    r.requests = p.column("requests").empty() ? 1 : count("requests");
    const std::int64_t input = count("input_tokens");
    r.cachedInputTokens = count("cached_input_tokens");
    r.cacheWriteTokens = count("cache_write_tokens");
    if (p.inputIncludesCached) {
        if (r.cachedInputTokens + r.cacheWriteTokens > input)
            throw InputError(fileName, line, p.column("input_tokens"),
                             "smaller than the cached tokens it is said to include");
        r.inputTokens = input - r.cachedInputTokens - r.cacheWriteTokens;
    } else {
        r.inputTokens = input;
    }
    // Reasoning is output; a separate reasoning column is added to it.
    r.outputTokens = count("output_tokens") + count("reasoning_tokens");
    if (const std::string cost = text("cost_usd"); !text::trim(cost).empty())
        r.reportedCostNanoUsd = usagecheck::parseMoneyNano(cost, fileName, line, p.column("cost_usd"));
    for (const auto& [key, column] : p.tags)
        if (auto v = cell(column); v && !v->empty())
            r.tags.emplace_back(key, *v);
    return r;
}

} // namespace

std::string_view GenericImporter::description() const { return "Any CSV or JSONL with a column mapping profile"; }

bool GenericImporter::recognises(std::string_view) const { return false; } // needs --mapping

void GenericImporter::read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
                           UsageRecordSink& sink) const
{
    if (!mapping)
        throw InputError(fileName, 0, "mapping", "the generic format needs a mapping profile (--mapping PROFILE)");
    const MappingProfile& p = *mapping;
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool json = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
    if (json) {
        usagecheck::forEachJsonRecord(text, fileName, sink, [&](const JsonFields& f) {
            const Cell cell = [&](const std::string& column) -> std::optional<std::string> {
                const nlohmann::json* v = f.find(column);
                if (!v)
                    return std::nullopt;
                return v->is_string() ? v->get<std::string>() : v->dump();
            };
            sink.accept(buildRecord(p, cell, fileName, usagecheck::lineOf(f, "")));
        });
        return;
    }
    CsvReader reader(text, fileName);
    CsvRecord row;
    if (!reader.next(row))
        throw InputError(fileName, 1, "", "the file is empty");
    const CsvHeader header(row);
    for (const auto& [field, column] : p.columns)
        if (header.indexOf(column) < 0)
            throw InputError(fileName, row.line, column,
                             "column missing from the header (mapping " + p.name + " maps " + field + " to it)");
    std::size_t n = 0;
    while (reader.next(row)) {
        try {
            if (row.fields.size() != header.names().size())
                throw InputError(fileName, row.line, "",
                                 "expected " + std::to_string(header.names().size()) + " fields as in the header, found " +
                                     std::to_string(row.fields.size()));
            const Cell cell = [&](const std::string& column) -> std::optional<std::string> {
                const int i = header.indexOf(column);
                if (i < 0)
                    return std::nullopt;
                return std::string(row.fields[static_cast<std::size_t>(i)]);
            };
            sink.accept(buildRecord(p, cell, fileName, row.line));
        } catch (const InputError& e) {
            sink.reject(e);
        }
        if ((++n & 0xfff) == 0)
            sink.progress(reader.offset());
    }
}

} // namespace finops
