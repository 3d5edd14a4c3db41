#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops::text {

// Whitespace-trimmed view.
std::string_view trim(std::string_view s);
// Splits on `separator`, keeping empty parts.
std::vector<std::string_view> split(std::string_view s, char separator);
// The whole string as a decimal number (std::from_chars, locale-independent); nullopt
// for anything else, including an empty string and trailing characters. "nan" and
// "inf" parse, so callers that need finite values check them.
std::optional<double> parseDouble(std::string_view s);
// The whole string as a signed 64-bit integer.
std::optional<long long> parseInt(std::string_view s);
// A decimal number ("12.5", "-0.00123", "1.2e-05") times 10^`decimals`, rounded half away
// from zero to an integer, computed exactly in integer arithmetic: money from a bill
// parsed with decimals = 9 gives nano-USD with no binary rounding. nullopt when the text
// is not a number or the result does not fit in 64 bits.
std::optional<long long> parseDecimalScaled(std::string_view s, int decimals);
// true/false, yes/no, 1/0 (case-insensitive).
std::optional<bool> parseBool(std::string_view s);
std::string toLower(std::string_view s);

} // namespace finops::text
