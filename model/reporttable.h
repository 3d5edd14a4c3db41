#pragma once

#include <string>
#include <vector>

namespace finops {

// One cell of a report table. Numbers keep their full value (what the XLSX and CSV files
// hold); display() shows them the way DESIGN.md says: money to cents, unit prices to four
// significant digits, counts with thousands separators, shares as percentages.
struct ReportCell
{
    enum class Kind
    {
        Text,
        Usd,
        UnitPrice,
        Count,
        Share,
        Number
    };
    Kind kind = Kind::Text;
    std::string text;
    double value = 0;

    static ReportCell textCell(std::string text) { return {Kind::Text, std::move(text), 0}; }
    static ReportCell usd(double usd) { return {Kind::Usd, {}, usd}; }
    static ReportCell unitPrice(double usdPerMtok) { return {Kind::UnitPrice, {}, usdPerMtok}; }
    static ReportCell count(double n) { return {Kind::Count, {}, n}; }
    static ReportCell share(double fraction) { return {Kind::Share, {}, fraction}; } // 0..1
    static ReportCell number(double v) { return {Kind::Number, {}, v}; }

    bool isNumber() const { return kind != Kind::Text; }
    std::string display() const;
};

// A table of the finance report, written the same way to the PDF, to an XLSX sheet and to
// a CSV file. `totals`, when not empty, is the last row ("Total", sums of the money and
// count columns); its figures equal the sums of the rows above.
struct ReportTable
{
    std::string id;    // file stem of the CSV and name of the XLSX sheet: "spend_by_tag"
    std::string title; // "Spend by tag (team)"
    std::vector<std::string> columns;
    std::vector<std::vector<ReportCell>> rows;
    std::vector<ReportCell> totals;
    std::string note; // one line under the table: what it covers, where it comes from
};

} // namespace finops
