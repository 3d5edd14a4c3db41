#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace finops {

// Bad user input: a file, line and field a person can go and fix. The message reads
// "file:line:field: what is wrong"; line 0 means the whole file. The CLI maps this
// exception to exit status 2, the GUI to an error dialog; whoever throws it has left
// every store and catalog as it was.
class InputError : public std::runtime_error
{
public:
    InputError(std::string file, std::int64_t line, std::string field, const std::string& message);

    const std::string& file() const { return m_file; }
    std::int64_t line() const { return m_line; }
    const std::string& field() const { return m_field; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    std::int64_t m_line;
    std::string m_field;
    std::string m_reason;
};

} // namespace finops
