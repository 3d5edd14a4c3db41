#pragma once

#include <map>
#include <string>
#include <string_view>

namespace finops {

// How to read a CSV or JSONL usage file the application does not know: which column
// holds which field. Saved by name in the store, or kept in a JSON file:
//   {"name": "acme-gateway", "format": "csv" | "jsonl",
//    "columns": {"id": "req_id", "timestamp": "ts", "provider": "vendor", "model": "model_name",
//                "requests": ..., "input_tokens": ..., "cached_input_tokens": ...,
//                "cache_write_tokens": ..., "output_tokens": ..., "reasoning_tokens": ...,
//                "cost_usd": "cost"},
//    "input_includes_cached": true, "timestamp_format": "iso8601" | "unix" | "unix_ms",
//    "provider": "openai" (used when there is no provider column),
//    "tags": {"team": "team_column"}}
// Required columns: timestamp, model, and input_tokens or output_tokens.
struct MappingProfile
{
    std::string name;
    std::string format = "csv";
    std::map<std::string, std::string> columns; // field -> column
    bool inputIncludesCached = false;
    std::string timestampFormat = "iso8601";
    std::string defaultProvider;
    std::map<std::string, std::string> tags; // tag key -> column

    // Parses and checks a profile; InputError names file:line:field.
    static MappingProfile fromJson(std::string_view text, const std::string& fileName);
    std::string toJson() const;

    // The column for a field, or "".
    std::string column(const std::string& field) const;
};

} // namespace finops
