#include "textparse.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace finops::text {

namespace {
// 128-bit integers hold 36 decimal digits, enough to scale any money amount exactly.
__extension__ typedef __int128 Int128;
} // namespace

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = s.find(separator, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

std::optional<double> parseDouble(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    if (s.front() == '+')
        s.remove_prefix(1);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<long long> parseInt(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    if (s.front() == '+')
        s.remove_prefix(1);
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<long long> parseDecimalScaled(std::string_view s, int decimals)
{
    s = trim(s);
    if (s.empty())
        return std::nullopt;
    bool negative = false;
    if (s.front() == '+' || s.front() == '-') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    // Mantissa digits without the point, and where the point was.
    Int128 mantissa = 0;
    int exponent = decimals;
    bool anyDigit = false, seenPoint = false;
    int significant = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            anyDigit = true;
            if (significant < 36) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0)
                    ++significant;
                if (seenPoint)
                    --exponent;
            } else if (!seenPoint) {
                ++exponent; // digits beyond what we keep still scale the integer part
            }
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return std::nullopt;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E')
            return std::nullopt;
        const auto e = parseInt(s.substr(i + 1));
        if (!e || *e > 400 || *e < -400)
            return std::nullopt;
        exponent += static_cast<int>(*e);
    }
    // value = mantissa * 10^exponent, rounded half away from zero.
    const Int128 limit = static_cast<Int128>(std::numeric_limits<long long>::max());
    if (exponent >= 0) {
        for (int k = 0; k < exponent; ++k) {
            if (mantissa > limit)
                return std::nullopt;
            mantissa *= 10;
        }
    } else if (-exponent > 37) {
        mantissa = 0; // at most 36 kept digits: below one half of the last unit
    } else {
        Int128 divisor = 1;
        for (int k = 0; k < -exponent; ++k)
            divisor *= 10;
        const Int128 remainder = mantissa % divisor;
        mantissa = mantissa / divisor + (remainder * 2 >= divisor ? 1 : 0);
    }
    if (mantissa > limit)
        return std::nullopt;
    const auto v = static_cast<long long>(mantissa);
    return negative ? -v : v;
}

std::string toLower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::optional<bool> parseBool(std::string_view s)
{
    const std::string v = toLower(trim(s));
    if (v == "true" || v == "yes" || v == "1")
        return true;
    if (v == "false" || v == "no" || v == "0")
        return false;
    return std::nullopt;
}

} // namespace finops::text
