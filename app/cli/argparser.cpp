#include "argparser.h"

#include "textparse.h"

#include <algorithm>
#include <cmath>

namespace finops::cli {

ArgParser::ArgParser(std::string command, std::string synopsis, std::vector<OptionSpec> options,
                     std::string description)
    : m_command(std::move(command)), m_synopsis(std::move(synopsis)), m_description(std::move(description)),
      m_options(std::move(options))
{
    m_options.push_back({"help", "", "show this help"});
}

void ArgParser::parse(std::span<const std::string> args)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string name;
        if (a.size() == 2 && a[0] == '-' && a[1] != '-') {
            const auto shortSpec = std::find_if(m_options.begin(), m_options.end(),
                                                [&](const OptionSpec& o) { return o.shortName == a[1]; });
            if (shortSpec == m_options.end())
                throw UsageError("finops-cli " + m_command + ": unknown option " + a + " (see finops-cli " +
                                 m_command + " --help)");
            name = shortSpec->name;
        } else if (a.size() >= 3 && a.compare(0, 2, "--") == 0) {
            name = a.substr(2);
        } else {
            m_positionals.push_back(a);
            continue;
        }
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        auto spec = std::find_if(m_options.begin(), m_options.end(),
                                 [&](const OptionSpec& o) { return o.name == name; });
        if (spec == m_options.end())
            throw UsageError("finops-cli " + m_command + ": unknown option --" + name +
                             " (see finops-cli " + m_command + " --help)");
        if (spec->value.empty()) {
            if (inlineValue)
                throw UsageError("finops-cli " + m_command + ": --" + name + " takes no value");
            m_values[name].push_back("");
        } else if (inlineValue) {
            m_values[name].push_back(*inlineValue);
        } else {
            if (i + 1 >= args.size())
                throw UsageError("finops-cli " + m_command + ": --" + name + " needs a value (" + spec->value + ")");
            m_values[name].push_back(args[++i]);
        }
    }
}

std::optional<std::string> ArgParser::value(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> ArgParser::values(const std::string& name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

void ArgParser::fail(const std::string& name, const std::string& message) const
{
    throw UsageError("finops-cli " + m_command + ": --" + name + ": " + message);
}

std::optional<double> ArgParser::number(const std::string& name) const
{
    auto v = value(name);
    if (!v)
        return std::nullopt;
    auto d = text::parseDouble(text::trim(*v));
    if (!d || std::isnan(*d))
        fail(name, "not a number: '" + *v + "'");
    return d;
}

std::optional<double> ArgParser::nonNegative(const std::string& name) const
{
    auto d = number(name);
    if (d && !std::isfinite(*d))
        fail(name, "must be a finite number");
    if (d && *d < 0)
        fail(name, "must not be negative");
    return d;
}

std::optional<double> ArgParser::fraction(const std::string& name) const
{
    auto d = number(name);
    if (d && !(*d >= 0 && *d <= 1))
        fail(name, "must be between 0 and 1");
    return d;
}

std::optional<long long> ArgParser::integer(const std::string& name) const
{
    auto v = value(name);
    if (!v)
        return std::nullopt;
    auto n = text::parseInt(text::trim(*v));
    if (!n)
        fail(name, "not a whole number: '" + *v + "'");
    return n;
}

std::string ArgParser::help() const
{
    std::string out = "Usage: finops-cli " + m_command + " " + m_synopsis + "\n";
    if (!m_description.empty())
        out += "\n" + m_description + "\n";
    out += "\nOptions:\n";
    std::size_t width = 0;
    auto spelling = [](const OptionSpec& o) {
        return (o.shortName ? std::string("-") + o.shortName + ", " : std::string()) + "--" + o.name +
               (o.value.empty() ? "" : " " + o.value);
    };
    for (const auto& o : m_options)
        width = std::max(width, spelling(o).size());
    for (const auto& o : m_options) {
        std::string left = spelling(o);
        left.resize(width + 2, ' ');
        out += "  " + left + o.help + "\n";
    }
    return out;
}

} // namespace finops::cli
