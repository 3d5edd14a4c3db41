#pragma once

#include "date.h"

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace finops {

// A parsed JSON file that remembers on which line each object member and array element
// starts, so that validation errors can name file:line:field the way a CSV error can.
// Parsing errors are thrown as InputError with the line of the offending character.
class JsonDocument
{
public:
    // `firstLine`: the line the text starts on in its file (for one line of a JSONL file).
    static JsonDocument parse(std::string_view text, std::string fileName, std::int64_t firstLine = 1);

    // Streams the records of a JSON export: the elements of the top-level array, or of
    // the array under the top-level object's "data" member (the shape of the OpenAI,
    // Anthropic and OpenRouter APIs). Each element arrives as its own document (pointers
    // relative to the element, lines of the whole file), so memory is bounded by the
    // largest record, not the file. Other top-level members are skipped. A file with no
    // such array throws InputError. `onRecord` may throw to stop.
    static void forEachRecord(std::string_view text, const std::string& fileName,
                              const std::function<void(const JsonDocument&)>& onRecord);

    const nlohmann::json& root() const { return m_root; }
    const std::string& fileName() const { return m_fileName; }

    // Line of the member or element at `pointer` ("/offers/3/input_usd_per_mtok"); when
    // that node is absent, the line of its nearest present ancestor; 1 for the root.
    std::int64_t lineOf(const std::string& pointer) const;

    // Throws InputError naming this file, the line of `pointer` and `field`.
    [[noreturn]] void fail(const std::string& pointer, const std::string& field,
                           const std::string& message) const;

private:
    nlohmann::json m_root;
    std::string m_fileName;
    std::unordered_map<std::string, std::int64_t> m_lines;

    friend class JsonLineRecorder;
    friend class JsonRecordStreamer;
};

// Typed, checked access to the members of one JSON object of a JsonDocument. Every
// failure throws InputError naming the member's line and `prefix + key` as the field.
// A member that is absent or null reads as nullopt.
class JsonFields
{
public:
    JsonFields(const JsonDocument& doc, const nlohmann::json& object, std::string pointer,
               std::string prefix = {});

    const nlohmann::json* find(const std::string& key) const;
    std::int64_t line(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

    std::optional<double> number(const std::string& key) const;
    double requiredNumber(const std::string& key) const;
    // Finite and >= 0 (prices, token counts).
    std::optional<double> nonNegative(const std::string& key) const;
    double requiredNonNegative(const std::string& key) const;
    // Finite and > 0.
    std::optional<double> positive(const std::string& key) const;
    std::optional<std::string> string(const std::string& key) const;
    std::optional<bool> boolean(const std::string& key) const;
    // "YYYY-MM-DD"
    std::optional<Date> date(const std::string& key) const;

private:
    const JsonDocument& m_doc;
    const nlohmann::json& m_object;
    std::string m_pointer;
    std::string m_prefix;
};

} // namespace finops
