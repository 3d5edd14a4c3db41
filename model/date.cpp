#include "date.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <chrono>
#include <cstdlib>

namespace finops {

namespace {
std::optional<Date> g_fixedToday;

std::chrono::year_month_day ymd(const Date& d)
{
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{d.daysSinceEpoch}}};
}
} // namespace

Date Date::fromCivil(int year, unsigned month, unsigned day)
{
    const std::chrono::year_month_day civil{std::chrono::year{year}, std::chrono::month{month},
                                            std::chrono::day{day}};
    return Date{static_cast<int>(std::chrono::sys_days{civil}.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto number = [&](std::size_t pos, std::size_t len, auto& out) {
        const char* first = text.data() + pos;
        const auto [ptr, ec] = std::from_chars(first, first + len, out);
        return ec == std::errc() && ptr == first + len;
    };
    if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d))
        return std::nullopt;
    const std::chrono::year_month_day civil{std::chrono::year{y}, std::chrono::month{m},
                                            std::chrono::day{d}};
    if (!civil.ok())
        return std::nullopt;
    return fromCivil(y, m, d);
}

int Date::year() const { return static_cast<int>(ymd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd(*this).day()); }

std::string Date::toString() const
{
    char buf[16];
    const int y = year();
    const unsigned m = month(), d = day();
    buf[0] = static_cast<char>('0' + (y / 1000) % 10);
    buf[1] = static_cast<char>('0' + (y / 100) % 10);
    buf[2] = static_cast<char>('0' + (y / 10) % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + m / 10);
    buf[6] = static_cast<char>('0' + m % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + d / 10);
    buf[9] = static_cast<char>('0' + d % 10);
    return std::string(buf, 10);
}

std::optional<std::int64_t> parseTimestamp(std::string_view text)
{
    if (text.size() < 10)
        return std::nullopt;
    const auto day = Date::parse(text.substr(0, 10));
    if (!day)
        return std::nullopt;
    std::int64_t seconds = std::int64_t{day->daysSinceEpoch} * 86400;
    std::string_view rest = text.substr(10);
    if (rest.empty())
        return seconds;
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ')
        return std::nullopt;
    rest.remove_prefix(1);
    auto two = [&](std::size_t pos, int max) -> std::optional<int> {
        if (rest.size() < pos + 2 || !std::isdigit(static_cast<unsigned char>(rest[pos])) ||
            !std::isdigit(static_cast<unsigned char>(rest[pos + 1])))
            return std::nullopt;
        const int v = (rest[pos] - '0') * 10 + (rest[pos + 1] - '0');
        return v <= max ? std::optional<int>(v) : std::nullopt;
    };
    const auto hh = two(0, 23);
    if (!hh || rest.size() < 5 || rest[2] != ':')
        return std::nullopt;
    const auto mm = two(3, 59);
    if (!mm)
        return std::nullopt;
    std::size_t pos = 5;
    int ss = 0;
    if (rest.size() > pos && rest[pos] == ':') {
        const auto s = two(pos + 1, 60);
        if (!s)
            return std::nullopt;
        ss = *s;
        pos += 3;
        if (rest.size() > pos && (rest[pos] == '.' || rest[pos] == ',')) {
            ++pos;
            const std::size_t digitsStart = pos;
            while (pos < rest.size() && std::isdigit(static_cast<unsigned char>(rest[pos])))
                ++pos;
            if (pos == digitsStart)
                return std::nullopt;
        }
    }
    seconds += *hh * 3600 + *mm * 60 + ss;
    rest.remove_prefix(pos);
    if (rest.empty() || rest == "Z" || rest == "z")
        return seconds;
    if ((rest[0] == '+' || rest[0] == '-') && (rest.size() == 6 || rest.size() == 5 || rest.size() == 3)) {
        const int sign = rest[0] == '+' ? 1 : -1;
        rest.remove_prefix(1);
        const auto oh = two(0, 23);
        if (!oh)
            return std::nullopt;
        int om = 0;
        if (rest.size() == 5 && rest[2] == ':') {
            const auto m = two(3, 59);
            if (!m)
                return std::nullopt;
            om = *m;
        } else if (rest.size() == 4) {
            const auto m = two(2, 59);
            if (!m)
                return std::nullopt;
            om = *m;
        } else if (rest.size() != 2) {
            return std::nullopt;
        }
        return seconds - sign * (*oh * 3600 + om * 60);
    }
    return std::nullopt;
}

std::string formatTimestamp(std::int64_t secondsSinceEpoch)
{
    const Date d = dayOf(secondsSinceEpoch);
    const std::int64_t inDay = secondsSinceEpoch - std::int64_t{d.daysSinceEpoch} * 86400;
    char buf[16];
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(inDay / 3600),
                  static_cast<int>(inDay / 60 % 60), static_cast<int>(inDay % 60));
    return d.toString() + buf;
}

Date Clock::today()
{
    if (g_fixedToday)
        return *g_fixedToday;
    if (const char* env = std::getenv("FINOPS_TODAY")) {
        if (auto d = Date::parse(env))
            return *d;
    }
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{static_cast<int>(now.time_since_epoch().count())};
}

void Clock::setToday(std::optional<Date> fixed) { g_fixedToday = fixed; }

std::string Clock::nowUtc()
{
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return formatTimestamp(now.time_since_epoch().count());
}

} // namespace finops
