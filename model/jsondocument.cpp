#include "jsondocument.h"

#include "inputerror.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <vector>

namespace finops {

namespace {

// A char iterator that publishes how far the parser has read, so the SAX callbacks
// below can tell the line they are on without the parser's help.
class TrackingIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator() = default;
    TrackingIterator(const char* p, const char** cursor) : m_p(p), m_cursor(cursor) {}
    reference operator*() const { return *m_p; }
    TrackingIterator& operator++()
    {
        ++m_p;
        if (m_cursor)
            *m_cursor = m_p;
        return *this;
    }
    TrackingIterator operator++(int)
    {
        TrackingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const TrackingIterator& other) const { return m_p == other.m_p; }

private:
    const char* m_p = nullptr;
    const char** m_cursor = nullptr;
};

std::string escapePointerToken(const std::string& key)
{
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Turns the parser's read position into a line number, counting newlines only once
// however many recorders ask.
class LineCounter
{
public:
    LineCounter(const char* begin, const char** cursor, std::int64_t firstLine = 1)
        : m_begin(begin), m_scanned(begin), m_cursor(cursor), m_firstLine(firstLine), m_line(firstLine)
    {
    }

    std::int64_t lineAtOffset(std::size_t offset)
    {
        const char* target = m_begin + offset;
        if (target < m_scanned) { // parse errors may point back; recount from the start
            m_scanned = m_begin;
            m_line = m_firstLine;
        }
        m_line += std::count(m_scanned, target, '\n');
        m_scanned = target;
        return m_line;
    }
    std::int64_t current() { return lineAtOffset(static_cast<std::size_t>(*m_cursor - m_begin)); }

private:
    const char* m_begin;
    const char* m_scanned;
    const char** m_cursor;
    std::int64_t m_firstLine;
    std::int64_t m_line;
};

} // namespace

// Builds the DOM like nlohmann's own SAX DOM parser and records the line of each node.
class JsonLineRecorder
{
public:
    using json = nlohmann::json;

    JsonLineRecorder(JsonDocument& doc, LineCounter& lines) : m_doc(doc), m_lines(lines) {}

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(json::number_integer_t v) { return put(v); }
    bool number_unsigned(json::number_unsigned_t v) { return put(v); }
    bool number_float(json::number_float_t v, const std::string&) { return put(v); }
    bool string(json::string_t& v) { return put(v); }
    bool binary(json::binary_t& v) { return put(json::binary(v)); }

    bool start_object(std::size_t)
    {
        json* node = put(json::object());
        m_stack.push_back({node, m_path.size(), 0});
        return true;
    }
    bool key(json::string_t& k)
    {
        Frame& top = m_stack.back();
        m_path.resize(top.pathLength);
        m_path += '/';
        m_path += escapePointerToken(k);
        m_doc.m_lines[m_path] = currentLine();
        m_pendingMember = &(*top.node)[k];
        return true;
    }
    bool end_object()
    {
        m_path.resize(m_stack.back().pathLength);
        m_stack.pop_back();
        return true;
    }
    bool start_array(std::size_t)
    {
        json* node = put(json::array());
        m_stack.push_back({node, m_path.size(), 0});
        return true;
    }
    bool end_array()
    {
        m_path.resize(m_stack.back().pathLength);
        m_stack.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        m_errorPosition = position;
        m_errorMessage = ex.what();
        return false;
    }

    std::size_t errorPosition() const { return m_errorPosition; }
    const std::string& errorMessage() const { return m_errorMessage; }
    // Nesting depth of the node being built (0 when the root is complete or not begun).
    std::size_t depth() const { return m_stack.size(); }

private:
    struct Frame
    {
        json* node;
        std::size_t pathLength;
        std::size_t nextIndex;
    };

    std::int64_t currentLine() { return m_lines.current(); }

    template <typename Value> json* put(Value&& v)
    {
        if (m_stack.empty()) {
            m_doc.m_root = json(std::forward<Value>(v));
            m_doc.m_lines[""] = currentLine();
            return &m_doc.m_root;
        }
        Frame& top = m_stack.back();
        if (top.node->is_array()) {
            m_path.resize(top.pathLength);
            m_path += '/';
            m_path += std::to_string(top.nextIndex++);
            m_doc.m_lines[m_path] = currentLine();
            top.node->push_back(json(std::forward<Value>(v)));
            return &top.node->back();
        }
        *m_pendingMember = json(std::forward<Value>(v));
        return m_pendingMember;
    }

    JsonDocument& m_doc;
    LineCounter& m_lines;
    std::vector<Frame> m_stack;
    std::string m_path;
    json* m_pendingMember = nullptr;
    std::size_t m_errorPosition = 0;
    std::string m_errorMessage;
};

namespace {
[[noreturn]] void throwSyntaxError(const std::string& fileName, LineCounter& lines, std::size_t textSize,
                                   std::size_t errorPosition, std::string message)
{
    // nlohmann reports a 1-based character count; the character itself sits before it.
    const std::size_t pos = std::min(errorPosition == 0 ? 0 : errorPosition - 1, textSize);
    // Keep the part after "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    if (auto colon = message.find(": "); colon != std::string::npos)
        message = message.substr(colon + 2);
    if (textSize == 0)
        message = "the file is empty";
    throw InputError(fileName, lines.lineAtOffset(pos), "", "invalid JSON: " + message);
}
} // namespace

// Walks the top level itself and hands each record's events to a JsonLineRecorder that
// builds that record alone.
class JsonRecordStreamer
{
public:
    using json = nlohmann::json;

    JsonRecordStreamer(const std::string& fileName, LineCounter& lines,
                       const std::function<void(const JsonDocument&)>& onRecord)
        : m_fileName(fileName), m_lines(lines), m_onRecord(onRecord)
    {
    }

    bool null() { return scalar([&](auto& r) { return r.null(); }); }
    bool boolean(bool v) { return scalar([&](auto& r) { return r.boolean(v); }); }
    bool number_integer(json::number_integer_t v) { return scalar([&](auto& r) { return r.number_integer(v); }); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar([&](auto& r) { return r.number_unsigned(v); }); }
    bool number_float(json::number_float_t v, const std::string& s)
    {
        return scalar([&](auto& r) { return r.number_float(v, s); });
    }
    bool string(json::string_t& v) { return scalar([&](auto& r) { return r.string(v); }); }
    bool binary(json::binary_t& v) { return scalar([&](auto& r) { return r.binary(v); }); }

    bool start_object(std::size_t n)
    {
        if (m_inRecords) {
            beginRecord();
            return m_recorder->start_object(n);
        }
        if (m_recorder)
            return m_recorder->start_object(n);
        ++m_outerDepth;
        if (m_outerDepth == 1)
            m_topIsObject = true;
        return true;
    }
    bool end_object()
    {
        if (m_recorder) {
            const bool ok = m_recorder->end_object();
            finishIfComplete();
            return ok;
        }
        --m_outerDepth;
        return true;
    }
    bool start_array(std::size_t n)
    {
        if (m_inRecords) {
            beginRecord();
            return m_recorder->start_array(n);
        }
        if (m_recorder)
            return m_recorder->start_array(n);
        ++m_outerDepth;
        // The record array: the root itself, or "data" directly under a root object.
        if ((m_outerDepth == 1) || (m_outerDepth == 2 && m_topIsObject && m_lastKey == "data")) {
            m_inRecords = true;
            m_foundRecords = true;
            m_recordsDepth = m_outerDepth;
        }
        return true;
    }
    bool end_array()
    {
        if (m_recorder) {
            const bool ok = m_recorder->end_array();
            finishIfComplete();
            return ok;
        }
        if (m_inRecords && m_outerDepth == m_recordsDepth)
            m_inRecords = false;
        --m_outerDepth;
        return true;
    }
    bool key(json::string_t& k)
    {
        if (m_recorder)
            return m_recorder->key(k);
        m_lastKey = k;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        m_errorPosition = position;
        m_errorMessage = ex.what();
        return false;
    }

    bool foundRecords() const { return m_foundRecords; }
    std::size_t errorPosition() const { return m_errorPosition; }
    const std::string& errorMessage() const { return m_errorMessage; }

private:
    template <typename F> bool scalar(F&& f)
    {
        if (m_inRecords) {
            beginRecord();
            const bool ok = f(*m_recorder);
            finishIfComplete();
            return ok;
        }
        if (m_recorder)
            return f(*m_recorder);
        return true; // a top-level member we do not need
    }
    void beginRecord()
    {
        m_record = JsonDocument();
        m_record.m_fileName = m_fileName;
        m_recorder.emplace(m_record, m_lines);
        m_inRecords = false; // until this record is complete
    }
    void finishIfComplete()
    {
        if (m_recorder->depth() != 0)
            return;
        m_recorder.reset();
        m_inRecords = true;
        m_onRecord(m_record);
    }

    const std::string& m_fileName;
    LineCounter& m_lines;
    const std::function<void(const JsonDocument&)>& m_onRecord;
    JsonDocument m_record;
    std::optional<JsonLineRecorder> m_recorder;
    int m_outerDepth = 0;
    int m_recordsDepth = 0;
    bool m_topIsObject = false;
    bool m_inRecords = false;
    bool m_foundRecords = false;
    std::string m_lastKey;
    std::size_t m_errorPosition = 0;
    std::string m_errorMessage;
};

void JsonDocument::forEachRecord(std::string_view text, const std::string& fileName,
                                 const std::function<void(const JsonDocument&)>& onRecord)
{
    const char* begin = text.data();
    const char* cursor = begin;
    LineCounter lines(begin, &cursor);
    JsonRecordStreamer streamer(fileName, lines, onRecord);
    const bool ok = nlohmann::json::sax_parse(TrackingIterator(begin, &cursor),
                                              TrackingIterator(begin + text.size(), nullptr), &streamer);
    if (!ok)
        throwSyntaxError(fileName, lines, text.size(), streamer.errorPosition(), streamer.errorMessage());
    if (!streamer.foundRecords())
        throw InputError(fileName, 1, "", "no records: expected a JSON array, or an object with a \"data\" array");
}

JsonDocument JsonDocument::parse(std::string_view text, std::string fileName, std::int64_t firstLine)
{
    JsonDocument doc;
    doc.m_fileName = std::move(fileName);
    const char* begin = text.data();
    const char* cursor = begin;
    LineCounter lines(begin, &cursor, firstLine);
    JsonLineRecorder recorder(doc, lines);
    const bool ok = nlohmann::json::sax_parse(TrackingIterator(begin, &cursor),
                                              TrackingIterator(begin + text.size(), nullptr),
                                              &recorder);
    if (!ok)
        throwSyntaxError(doc.m_fileName, lines, text.size(), recorder.errorPosition(), recorder.errorMessage());
    return doc;
}

std::int64_t JsonDocument::lineOf(const std::string& pointer) const
{
    std::string p = pointer;
    while (true) {
        if (auto it = m_lines.find(p); it != m_lines.end())
            return it->second;
        if (p.empty())
            return 1;
        p.resize(p.rfind('/'));
    }
}

void JsonDocument::fail(const std::string& pointer, const std::string& field,
                        const std::string& message) const
{
    throw InputError(m_fileName, lineOf(pointer), field, message);
}

JsonFields::JsonFields(const JsonDocument& doc, const nlohmann::json& object, std::string pointer,
                       std::string prefix)
    : m_doc(doc), m_object(object), m_pointer(std::move(pointer)), m_prefix(std::move(prefix))
{
}

const nlohmann::json* JsonFields::find(const std::string& key) const
{
    if (!m_object.is_object())
        return nullptr;
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null())
        return nullptr;
    return &*it;
}

std::int64_t JsonFields::line(const std::string& key) const
{
    return m_doc.lineOf(m_pointer + "/" + key);
}

void JsonFields::fail(const std::string& key, const std::string& message) const
{
    m_doc.fail(m_pointer + "/" + key, m_prefix + key, message);
}

std::optional<double> JsonFields::number(const std::string& key) const
{
    const nlohmann::json* v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->is_number())
        fail(key, "expected a number, found " + std::string(v->type_name()));
    return v->get<double>();
}

double JsonFields::requiredNumber(const std::string& key) const
{
    auto v = number(key);
    if (!v)
        fail(key, "missing (required)");
    return *v;
}

std::optional<double> JsonFields::nonNegative(const std::string& key) const
{
    auto v = number(key);
    if (v && !std::isfinite(*v))
        fail(key, "must be a finite number");
    if (v && *v < 0)
        fail(key, "must not be negative");
    return v;
}

double JsonFields::requiredNonNegative(const std::string& key) const
{
    auto v = nonNegative(key);
    if (!v)
        fail(key, "missing (required)");
    return *v;
}

std::optional<double> JsonFields::positive(const std::string& key) const
{
    auto v = number(key);
    if (v && !(std::isfinite(*v) && *v > 0))
        fail(key, "must be a positive number");
    return v;
}

std::optional<std::string> JsonFields::string(const std::string& key) const
{
    const nlohmann::json* v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->is_string())
        fail(key, "expected a string, found " + std::string(v->type_name()));
    return v->get<std::string>();
}

std::optional<bool> JsonFields::boolean(const std::string& key) const
{
    const nlohmann::json* v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean())
        fail(key, "expected true or false, found " + std::string(v->type_name()));
    return v->get<bool>();
}

std::optional<Date> JsonFields::date(const std::string& key) const
{
    auto s = string(key);
    if (!s)
        return std::nullopt;
    auto d = Date::parse(*s);
    if (!d)
        fail(key, "expected a date as YYYY-MM-DD, found '" + *s + "'");
    return d;
}

} // namespace finops
