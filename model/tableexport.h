#pragma once

#include "reporttable.h"

#include <span>
#include <string>

namespace finops {

// Report tables as files. Both writers write to a temporary file beside the target and
// rename it into place, so a failure never leaves half a file; they throw InputError
// naming the path when it cannot be written.

// RFC 4180 CSV of one table: a header row, the rows, then the totals row when there is one.
// Numbers are written plain (no currency sign or thousands separator) at full precision
// for money and prices, so a spreadsheet sums them to the same totals.
std::string tableToCsv(const ReportTable& table);
// One CSV per table into `folder` (created when missing): <folder>/<id>.csv. Returns the paths.
std::vector<std::string> writeCsvFiles(std::span<const ReportTable> tables,
                                       const std::string& folder);

// An XLSX workbook (libxlsxwriter) with one sheet per table, in order: a bold header,
// money as "$#,##0.00", shares as "0.0%", and the totals row as SUM formulas that carry
// their computed value, so readers that do not recalculate show the same figure.
void writeXlsx(std::span<const ReportTable> tables, const std::string& path);

} // namespace finops
