#include "chartlayout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace finops::report {

AxisTicks niceTicks(double lo, double hi, int targetCount)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (lo > hi)
        std::swap(lo, hi);
    if (hi - lo < 1e-12) {
        // A flat series: give it room above (and below when it is not at zero).
        const double pad = std::max(1.0, std::fabs(hi) * 0.1);
        hi += pad;
        if (lo != 0)
            lo -= pad;
    }
    targetCount = std::max(2, targetCount);
    const double rough = (hi - lo) / targetCount;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= rough)
            break;
    }
    AxisTicks t;
    t.step = step;
    t.min = std::floor(lo / step + 1e-9) * step;
    t.max = std::ceil(hi / step - 1e-9) * step;
    if (t.max <= t.min)
        t.max = t.min + step;
    for (double v = t.min; v <= t.max + step * 1e-6; v += step)
        t.values.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    return t;
}

std::vector<BarSlot> barSlots(std::size_t count, double extent, double gapFraction)
{
    std::vector<BarSlot> slots;
    if (count == 0 || extent <= 0)
        return slots;
    gapFraction = std::clamp(gapFraction, 0.0, 0.95);
    const double slot = extent / static_cast<double>(count);
    for (std::size_t i = 0; i < count; ++i)
        slots.push_back(
            {slot * static_cast<double>(i) + slot * gapFraction / 2, slot * (1 - gapFraction)});
    return slots;
}

double maxStackedTotal(const std::vector<std::vector<double>>& values)
{
    std::size_t categories = 0;
    for (const auto& s : values)
        categories = std::max(categories, s.size());
    double best = 0;
    for (std::size_t c = 0; c < categories; ++c) {
        double total = 0;
        for (const auto& s : values)
            if (c < s.size() && s[c] > 0)
                total += s[c];
        best = std::max(best, total);
    }
    return best;
}

std::string compactUsd(double usd)
{
    const double a = std::fabs(usd);
    const char* sign = usd < 0 ? "-" : "";
    char buf[48];
    auto trimmed = [&](double v, const char* suffix) {
        // One decimal below 10 ("$2.5k"), none above ("$25k").
        if (v < 10 && std::fabs(v - std::round(v)) > 1e-9)
            std::snprintf(buf, sizeof buf, "%s$%.1f%s", sign, v, suffix);
        else
            std::snprintf(buf, sizeof buf, "%s$%.0f%s", sign, v, suffix);
        return std::string(buf);
    };
    if (a < 0.005)
        return "$0";
    if (a < 1000)
        return a < 10 && std::fabs(a - std::round(a)) > 1e-9
                   ? (std::snprintf(buf, sizeof buf, "%s$%.2f", sign, a), std::string(buf))
                   : trimmed(a, "");
    if (a < 1e6)
        return trimmed(a / 1e3, "k");
    if (a < 1e9)
        return trimmed(a / 1e6, "M");
    return trimmed(a / 1e9, "B");
}

std::vector<RowRange> paginateRows(std::span<const double> rowHeights, double firstAvailable,
                                   double available)
{
    std::vector<RowRange> pages;
    std::size_t begin = 0;
    double left = firstAvailable;
    for (std::size_t i = 0; i < rowHeights.size(); ++i) {
        // A row that does not fit starts a new page, unless it already has a whole page to
        // itself. On a partly used first page that can leave an empty first range: the
        // caller then starts the table on the next page.
        if (rowHeights[i] > left + 1e-9 && (i > begin || left < available)) {
            pages.push_back({begin, i});
            begin = i;
            left = available;
        }
        left -= rowHeights[i];
    }
    pages.push_back({begin, rowHeights.size()});
    return pages;
}

std::size_t labelStride(std::size_t count, double extent, double labelWidth)
{
    if (count == 0 || extent <= 0)
        return 1;
    const double slot = extent / static_cast<double>(count);
    if (slot >= labelWidth)
        return 1;
    return static_cast<std::size_t>(std::ceil(labelWidth / slot));
}

} // namespace finops::report
