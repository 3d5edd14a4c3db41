#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace finops::cli {

// Bad command-line usage: an unknown option, a missing or malformed value. Exit status 2.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec
{
    std::string name;  // without the leading "--"
    std::string value; // placeholder for the value ("X"); empty for a switch
    std::string help;
    char shortName = 0; // also spelled "-x" (e.g. 'o' for "-o FILE"); 0 for none
};

// Parses "--name value", "--name=value", "-x value" (an option's short name) and switches
// for one subcommand. Anything else is a positional argument. Unknown options throw
// UsageError.
class ArgParser
{
public:
    ArgParser(std::string command, std::string synopsis, std::vector<OptionSpec> options,
              std::string description = {});

    void parse(std::span<const std::string> args);

    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    // The option's value (the last one when it was given several times).
    std::optional<std::string> value(const std::string& name) const;
    // Every value of an option that may be repeated (--tag K=V --tag K2=V2).
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

    // Typed values; a malformed one throws UsageError naming the option.
    std::optional<double> number(const std::string& name) const;
    // Finite and >= 0.
    std::optional<double> nonNegative(const std::string& name) const;
    // Between 0 and 1 inclusive.
    std::optional<double> fraction(const std::string& name) const;
    std::optional<long long> integer(const std::string& name) const;

    [[noreturn]] void fail(const std::string& name, const std::string& message) const;
    std::string help() const;
    const std::string& command() const { return m_command; }

private:
    std::string m_command;
    std::string m_synopsis;
    std::string m_description;
    std::vector<OptionSpec> m_options;
    std::map<std::string, std::vector<std::string>> m_values;
    std::vector<std::string> m_positionals;
};

} // namespace finops::cli
