#pragma once

#include <string>

namespace finops {

// How figures are shown to people (DESIGN.md): money rounded to cents, unit prices to
// four significant digits. The CLI tables and the GUI use the same functions.

// Money rounded to cents with thousands separators: "$1,809.00", "-$12.50".
std::string formatUsd(double usd);
// A unit price to 4 significant digits (at least cents): "$0.3080", "$15.00", "$0.02800".
std::string formatUnitPrice(double usdPerMtok);
// A count with thousands separators: "300,000,000".
std::string formatCount(double count);

} // namespace finops
