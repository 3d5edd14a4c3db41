#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace finops::report {

// The arithmetic behind the report's charts and pages, kept apart from QPainter so it can
// be tested on its own: axis ticks, bar slots, value-to-pixel mapping, and how rows of a
// table flow over pages.

// Axis ticks at "nice" steps (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi];
// `min` and `max` are the first and last tick. A zero-width range is widened so the axis
// never collapses; lo > hi is swapped.
struct AxisTicks
{
    double min = 0;
    double max = 1;
    double step = 1;
    std::vector<double> values;
};
AxisTicks niceTicks(double lo, double hi, int targetCount = 5);

// Maps a value on [min, max] linearly to a pixel on [pixelAtMin, pixelAtMax].
struct LinearScale
{
    double min = 0, max = 1;
    double pixelAtMin = 0, pixelAtMax = 1;
    double map(double v) const
    {
        return max == min ? pixelAtMin
                          : pixelAtMin + (v - min) / (max - min) * (pixelAtMax - pixelAtMin);
    }
};

// `count` bars in a band of `extent` pixels: each bar's start offset and its thickness,
// leaving `gapFraction` of each slot empty (half each side).
struct BarSlot
{
    double offset = 0;
    double thickness = 0;
};
std::vector<BarSlot> barSlots(std::size_t count, double extent, double gapFraction = 0.3);

// The largest column total of stacked values (values[series][category]); 0 when empty.
double maxStackedTotal(const std::vector<std::vector<double>>& values);

// Money for an axis label, short: "$0", "$950", "$12.5k", "$1.2M".
std::string compactUsd(double usd);

// Flows rows of the given heights onto pages: the first page has `firstAvailable` points
// left, every next one `available`. Returns [begin, end) row ranges, one per page; a row
// taller than a whole page still gets a page of its own (it is never dropped). Empty input
// gives one empty range, so a table with no rows still shows its header and "no data".
struct RowRange
{
    std::size_t begin = 0, end = 0;
};
std::vector<RowRange> paginateRows(std::span<const double> rowHeights, double firstAvailable,
                                   double available);

// Every `stride`-th label index to show so that labels of `labelWidth` fit in `extent`
// with `count` slots (1 = all). Used for month labels on crowded axes.
std::size_t labelStride(std::size_t count, double extent, double labelWidth);

} // namespace finops::report
