#pragma once

// Running `finops-cli ARGS...` in-process from a test: exit status, stdout and stderr.

#include "cliapp.h"

#include <QStringList>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace finops::test {

struct CliResult
{
    int status;
    std::string out;
    std::string err;
    nlohmann::ordered_json j() const { return nlohmann::ordered_json::parse(out); }
};

inline CliResult cli(const std::vector<std::string>& args)
{
    std::ostringstream out, err;
    const int status = finops::cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

// The keys of a JSON object, in order.
inline QStringList keys(const nlohmann::ordered_json& object)
{
    QStringList k;
    for (auto it = object.begin(); it != object.end(); ++it)
        k << QString::fromStdString(it.key());
    return k;
}

} // namespace finops::test
