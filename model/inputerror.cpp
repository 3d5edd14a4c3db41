#include "inputerror.h"

namespace finops {

namespace {
std::string compose(const std::string& file, std::int64_t line, const std::string& field,
                    const std::string& message)
{
    std::string where = file.empty() ? std::string("<input>") : file;
    where.append(":").append(std::to_string(line));
    if (!field.empty())
        where.append(":").append(field);
    return where.append(": ").append(message);
}
} // namespace

InputError::InputError(std::string file, std::int64_t line, std::string field,
                       const std::string& message)
    : std::runtime_error(compose(file, line, field, message)), m_file(std::move(file)),
      m_line(line), m_field(std::move(field)), m_reason(message)
{
}

} // namespace finops
