#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// One record of a CSV file. `fields` point into the file's text, or into `m_unescaped`
// for quoted fields that contained doubled quotes; they stay valid until the next read.
struct CsvRecord
{
    std::vector<std::string_view> fields;
    std::int64_t line = 0; // physical line on which the record starts, 1-based

    std::string m_unescaped;
};

// A strict RFC 4180 reader over text held in memory: comma separator, CRLF or LF record
// ends, fields in double quotes may hold commas, newlines and doubled quotes. Blank lines
// are skipped and a leading UTF-8 byte order mark is ignored. A quote inside an unquoted
// field, text after a closing quote or an unterminated quote throws InputError naming
// the line. Fields are split with memchr, so a large file reads at memory speed.
class CsvReader
{
public:
    CsvReader(std::string_view text, std::string fileName, char separator = ',');

    // Reads the next record; false at the end of the text.
    bool next(CsvRecord& record);

    const std::string& fileName() const { return m_fileName; }
    std::size_t offset() const { return m_pos; }

private:
    std::string_view m_text;
    std::string m_fileName;
    char m_separator;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
};

// Maps header names to column indexes; lookups are case-insensitive and ignore
// surrounding spaces.
class CsvHeader
{
public:
    CsvHeader() = default;
    explicit CsvHeader(const CsvRecord& header);

    // Index of the column, or -1.
    int indexOf(std::string_view name) const;
    const std::vector<std::string>& names() const { return m_names; }

private:
    std::vector<std::string> m_names; // normalised
};

// One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote
// or a line break; as it is otherwise.
std::string csvField(std::string_view field);

} // namespace finops
