#include "jsondocument.h"

#include "inputerror.h"

#include <algorithm>
#include <cmath>
#include <iterator>
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

} // namespace

// Builds the DOM like nlohmann's own SAX DOM parser and records the line of each node.
class JsonLineRecorder
{
public:
    using json = nlohmann::json;

    JsonLineRecorder(JsonDocument& doc, const char* begin, const char** cursor)
        : m_doc(doc), m_begin(begin), m_scanned(begin), m_cursor(cursor)
    {
    }

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

    std::int64_t lineAtOffset(std::size_t offset)
    {
        const char* target = m_begin + offset;
        if (target < m_scanned) { // parse errors may point back; recount from the start
            m_scanned = m_begin;
            m_line = 1;
        }
        m_line += std::count(m_scanned, target, '\n');
        m_scanned = target;
        return m_line;
    }

private:
    struct Frame
    {
        json* node;
        std::size_t pathLength;
        std::size_t nextIndex;
    };

    std::int64_t currentLine() { return lineAtOffset(static_cast<std::size_t>(*m_cursor - m_begin)); }

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
    const char* m_begin;
    const char* m_scanned;
    const char** m_cursor;
    std::int64_t m_line = 1;
    std::vector<Frame> m_stack;
    std::string m_path;
    json* m_pendingMember = nullptr;
    std::size_t m_errorPosition = 0;
    std::string m_errorMessage;
};

JsonDocument JsonDocument::parse(std::string_view text, std::string fileName)
{
    JsonDocument doc;
    doc.m_fileName = std::move(fileName);
    const char* begin = text.data();
    const char* cursor = begin;
    JsonLineRecorder recorder(doc, begin, &cursor);
    const bool ok = nlohmann::json::sax_parse(TrackingIterator(begin, &cursor),
                                              TrackingIterator(begin + text.size(), nullptr),
                                              &recorder);
    if (!ok) {
        // nlohmann reports a 1-based character count; the character itself sits before it.
        const std::size_t pos = std::min(recorder.errorPosition() == 0 ? 0 : recorder.errorPosition() - 1,
                                         text.size());
        std::string message = recorder.errorMessage();
        // Keep the part after "[json.exception.parse_error.101] parse error at line 1, column 2: ".
        if (auto colon = message.find(": "); colon != std::string::npos)
            message = message.substr(colon + 2);
        throw InputError(doc.m_fileName, recorder.lineAtOffset(pos), "", "invalid JSON: " + message);
    }
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
