#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace finops {

// A calendar day in UTC, stored as days since 1970-01-01 so it compares and subtracts
// as an integer. Text form is ISO 8601 "YYYY-MM-DD".
struct Date
{
    int daysSinceEpoch = 0;

    static Date fromCivil(int year, unsigned month, unsigned day);
    // Accepts exactly "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
    static std::optional<Date> parse(std::string_view text);

    int year() const;
    unsigned month() const;
    unsigned day() const;
    std::string toString() const;

    // Spelled out rather than `<=> = default`: Qt 6.4's moc cannot parse <compare>,
    // and this header reaches moc through the table models.
    friend bool operator==(Date a, Date b) { return a.daysSinceEpoch == b.daysSinceEpoch; }
    friend bool operator!=(Date a, Date b) { return a.daysSinceEpoch != b.daysSinceEpoch; }
    friend bool operator<(Date a, Date b) { return a.daysSinceEpoch < b.daysSinceEpoch; }
    friend bool operator<=(Date a, Date b) { return a.daysSinceEpoch <= b.daysSinceEpoch; }
    friend bool operator>(Date a, Date b) { return a.daysSinceEpoch > b.daysSinceEpoch; }
    friend bool operator>=(Date a, Date b) { return a.daysSinceEpoch >= b.daysSinceEpoch; }
};

// Parses an ISO 8601 / RFC 3339 UTC timestamp into seconds since the epoch:
// "2025-09-01", "2025-09-01T12:34:56Z", "2025-09-01 12:34:56", fractions of a second
// (dropped) and "+02:00"-style offsets (applied). nullopt for anything else.
std::optional<std::int64_t> parseTimestamp(std::string_view text);
// "2025-09-01T12:34:56Z"
std::string formatTimestamp(std::int64_t secondsSinceEpoch);
// The calendar day (UTC) of a timestamp.
inline Date dayOf(std::int64_t secondsSinceEpoch)
{
    const std::int64_t days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86400 : (secondsSinceEpoch - 86399) / 86400;
    return Date{static_cast<int>(days)};
}

// "Today" for everything that depends on it (price lookups at a date, forecasts).
// Tests and reproducible runs fix it; FINOPS_TODAY=YYYY-MM-DD in the environment
// fixes it for a whole process.
class Clock
{
public:
    static Date today();
    static void setToday(std::optional<Date> fixed); // nullopt: back to the system clock
    // The system clock now, UTC, to the second: "2026-12-01T23:05:44Z" (for "imported at").
    static std::string nowUtc();
};

} // namespace finops
