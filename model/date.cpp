#include "date.h"

#include <charconv>
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

} // namespace finops
