#include "mappingprofile.h"

#include "inputerror.h"
#include "jsondocument.h"

#include <set>

namespace finops {

namespace {
const std::set<std::string> kFields = {"id",           "timestamp",           "provider",           "model",
                                       "requests",     "input_tokens",        "cached_input_tokens", "cache_write_tokens",
                                       "output_tokens", "reasoning_tokens",   "cost_usd"};

std::map<std::string, std::string> stringMap(const JsonFields& f, const std::string& key)
{
    std::map<std::string, std::string> out;
    const nlohmann::json* object = f.find(key);
    if (!object)
        return out;
    if (!object->is_object())
        f.fail(key, "expected an object of name: column");
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (it->is_null())
            continue;
        if (!it->is_string())
            f.fail(key, "the value of \"" + it.key() + "\" must be a column name (a string)");
        out[it.key()] = it->get<std::string>();
    }
    return out;
}
} // namespace

MappingProfile MappingProfile::fromJson(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a JSON object (a mapping profile)");
    const JsonFields f(doc, doc.root(), "");
    MappingProfile p;
    p.name = f.string("name").value_or("");
    if (p.name.empty())
        f.fail("name", "missing (required)");
    p.format = f.string("format").value_or("csv");
    if (p.format != "csv" && p.format != "jsonl")
        f.fail("format", "expected \"csv\" or \"jsonl\"");
    p.columns = stringMap(f, "columns");
    for (const auto& [field, column] : p.columns)
        if (!kFields.count(field))
            f.fail("columns", "unknown field \"" + field + "\"");
    if (p.column("timestamp").empty())
        f.fail("columns", "needs a \"timestamp\" column");
    if (p.column("model").empty())
        f.fail("columns", "needs a \"model\" column");
    if (p.column("input_tokens").empty() && p.column("output_tokens").empty())
        f.fail("columns", "needs an \"input_tokens\" or \"output_tokens\" column");
    p.inputIncludesCached = f.boolean("input_includes_cached").value_or(false);
    p.timestampFormat = f.string("timestamp_format").value_or("iso8601");
    if (p.timestampFormat != "iso8601" && p.timestampFormat != "unix" && p.timestampFormat != "unix_ms")
        f.fail("timestamp_format", "expected \"iso8601\", \"unix\" or \"unix_ms\"");
    p.defaultProvider = f.string("provider").value_or("");
    if (p.column("provider").empty() && p.defaultProvider.empty())
        f.fail("provider", "give a \"provider\" column or a fixed \"provider\"");
    p.tags = stringMap(f, "tags");
    return p;
}

std::string MappingProfile::toJson() const
{
    nlohmann::ordered_json j;
    j["name"] = name;
    j["format"] = format;
    j["columns"] = columns;
    j["input_includes_cached"] = inputIncludesCached;
    j["timestamp_format"] = timestampFormat;
    if (!defaultProvider.empty())
        j["provider"] = defaultProvider;
    j["tags"] = tags;
    return j.dump(2);
}

std::string MappingProfile::column(const std::string& field) const
{
    const auto it = columns.find(field);
    return it == columns.end() ? std::string() : it->second;
}

} // namespace finops
