#include "displayformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace finops {

namespace {
std::string groupThousands(const std::string& digits)
{
    // digits: optional '-' then integer part then optional fraction
    std::size_t start = digits[0] == '-' ? 1 : 0;
    std::size_t dot = digits.find('.');
    if (dot == std::string::npos)
        dot = digits.size();
    std::string out = digits.substr(0, start);
    const std::string integer = digits.substr(start, dot - start);
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (i && (integer.size() - i) % 3 == 0)
            out += ',';
        out += integer[i];
    }
    return out + digits.substr(dot);
}
} // namespace

std::string formatUsd(double usd)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", std::fabs(usd) < 0.005 ? 0.0 : usd);
    std::string s = groupThousands(buf);
    return s[0] == '-' ? "-$" + s.substr(1) : "$" + s;
}

std::string formatUnitPrice(double usdPerMtok)
{
    if (usdPerMtok == 0)
        return "$0";
    char buf[64];
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(usdPerMtok))));
    const int decimals = std::max(2, 3 - magnitude);
    std::snprintf(buf, sizeof buf, "%.*f", decimals, usdPerMtok);
    return "$" + groupThousands(buf);
}

std::string formatCount(double count)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", count);
    return groupThousands(buf);
}

} // namespace finops
