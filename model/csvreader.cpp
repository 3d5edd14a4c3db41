#include "csvreader.h"

#include "inputerror.h"
#include "textparse.h"

#include <algorithm>
#include <cstring>

namespace finops {


CsvReader::CsvReader(std::string_view text, std::string fileName, char separator)
    : m_text(text), m_fileName(std::move(fileName)), m_separator(separator)
{
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF")
        m_pos = 3;
}

bool CsvReader::next(CsvRecord& record)
{
    record.fields.clear();
    record.m_unescaped.clear();
    const std::size_t n = m_text.size();
    const char* data = m_text.data();

    // Skip blank lines between records.
    while (m_pos < n && (data[m_pos] == '\n' || data[m_pos] == '\r')) {
        if (data[m_pos] == '\n')
            ++m_line;
        ++m_pos;
    }
    if (m_pos >= n)
        return false;
    record.line = m_line;

    // Offsets of unescaped fields in m_unescaped, turned into views once the record is
    // complete (the buffer may grow while the record is read).
    struct Span
    {
        std::size_t field, offset, length;
    };
    Span escaped[8];
    std::vector<Span> moreEscaped;
    std::size_t escapedCount = 0;

    while (true) {
        if (m_pos < n && data[m_pos] == '"') {
            // Quoted field.
            const std::int64_t startLine = m_line;
            std::size_t p = m_pos + 1;
            std::size_t bufStart = std::string::npos;
            std::size_t chunkStart = p;
            while (true) {
                const void* q = std::memchr(data + p, '"', n - p);
                if (!q)
                    throw InputError(m_fileName, startLine, "",
                                     "unterminated quoted field (a closing \" is missing)");
                const std::size_t qi = static_cast<std::size_t>(static_cast<const char*>(q) - data);
                m_line += std::count(data + p, data + qi, '\n');
                if (qi + 1 < n && data[qi + 1] == '"') {
                    // Doubled quote: an escaped quote character.
                    if (bufStart == std::string::npos)
                        bufStart = record.m_unescaped.size();
                    record.m_unescaped.append(data + chunkStart, qi + 1 - chunkStart);
                    p = qi + 2;
                    chunkStart = p;
                    continue;
                }
                if (bufStart == std::string::npos) {
                    record.fields.emplace_back(data + m_pos + 1, qi - m_pos - 1);
                } else {
                    record.m_unescaped.append(data + chunkStart, qi - chunkStart);
                    const Span s{record.fields.size(), bufStart, record.m_unescaped.size() - bufStart};
                    if (escapedCount < 8)
                        escaped[escapedCount] = s;
                    else
                        moreEscaped.push_back(s);
                    ++escapedCount;
                    record.fields.emplace_back();
                }
                m_pos = qi + 1;
                break;
            }
            if (m_pos < n && data[m_pos] != m_separator && data[m_pos] != '\n' && data[m_pos] != '\r')
                throw InputError(m_fileName, m_line, "",
                                 "unexpected character after a closing quote (field " +
                                     std::to_string(record.fields.size()) + ")");
        } else {
            // Unquoted field: up to the separator or the end of line.
            std::size_t end = m_pos;
            while (end < n) {
                const char c = data[end];
                if (c == m_separator || c == '\n' || c == '\r')
                    break;
                if (c == '"')
                    throw InputError(m_fileName, m_line, "",
                                     "a quote inside an unquoted field (field " +
                                         std::to_string(record.fields.size() + 1) +
                                         "); quote the whole field and double the quote");
                ++end;
            }
            record.fields.emplace_back(data + m_pos, end - m_pos);
            m_pos = end;
        }

        if (m_pos >= n)
            break;
        const char c = data[m_pos];
        if (c == m_separator) {
            ++m_pos;
            continue;
        }
        // End of record: LF or CRLF (a lone CR also ends it).
        if (c == '\r')
            ++m_pos;
        if (m_pos < n && data[m_pos] == '\n') {
            ++m_pos;
        }
        ++m_line;
        break;
    }

    for (std::size_t i = 0; i < escapedCount; ++i) {
        const Span& s = i < 8 ? escaped[i] : moreEscaped[i - 8];
        record.fields[s.field] = std::string_view(record.m_unescaped).substr(s.offset, s.length);
    }
    return true;
}

CsvHeader::CsvHeader(const CsvRecord& header)
{
    m_names.reserve(header.fields.size());
    for (auto f : header.fields)
        m_names.push_back(text::toLower(text::trim(f)));
}

int CsvHeader::indexOf(std::string_view name) const
{
    const std::string wanted = text::toLower(text::trim(name));
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == wanted)
            return static_cast<int>(i);
    return -1;
}

std::string csvField(std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace finops
