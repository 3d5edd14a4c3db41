#include "tableexport.h"

#include "displayformat.h"
#include "csvreader.h"
#include "fileio.h"
#include "inputerror.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <xlsxwriter.h>

namespace finops {

std::string ReportCell::display() const
{
    char buf[64];
    switch (kind) {
    case Kind::Text:
        return text;
    case Kind::Usd:
        return formatUsd(value);
    case Kind::UnitPrice:
        return formatUnitPrice(value);
    case Kind::Count:
        return formatCount(value);
    case Kind::Share:
        std::snprintf(buf, sizeof buf, "%.1f%%", value * 100);
        return buf;
    case Kind::Number:
        std::snprintf(buf, sizeof buf, "%.4g", value);
        return buf;
    }
    return text;
}

namespace {

std::string csvValue(const ReportCell& cell)
{
    char buf[64];
    switch (cell.kind) {
    case ReportCell::Kind::Text:
        return csvField(cell.text);
    case ReportCell::Kind::Count:
        std::snprintf(buf, sizeof buf, "%.0f", cell.value);
        return buf;
    case ReportCell::Kind::Usd:
    case ReportCell::Kind::UnitPrice:
    case ReportCell::Kind::Share:
    case ReportCell::Kind::Number:
        // %.17g round-trips a double; trim to what is meaningful for money (sub-cent).
        std::snprintf(buf, sizeof buf, "%.10g", cell.value);
        return buf;
    }
    return {};
}

void appendRow(std::string& out, const std::vector<ReportCell>& row)
{
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i)
            out += ',';
        out += csvValue(row[i]);
    }
    out += "\r\n";
}

// Excel's rule for sheet names: at most 31 characters, none of []:*?/\ .
std::string sheetName(const std::string& id, std::size_t index)
{
    std::string name;
    for (char c : id)
        name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
    if (name.empty())
        name = "table" + std::to_string(index + 1);
    if (name.size() > 31)
        name.resize(31);
    return name;
}

std::string columnLetters(std::size_t col)
{
    std::string s;
    for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26)
        s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

} // namespace

std::string tableToCsv(const ReportTable& table)
{
    std::string out;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i)
            out += ',';
        out += csvField(table.columns[i]);
    }
    out += "\r\n";
    for (const auto& row : table.rows)
        appendRow(out, row);
    if (!table.totals.empty())
        appendRow(out, table.totals);
    return out;
}

std::vector<std::string> writeCsvFiles(std::span<const ReportTable> tables,
                                       const std::string& folder)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw InputError(folder, 0, "", "cannot create the folder: " + ec.message());
    std::vector<std::string> paths;
    for (const ReportTable& t : tables) {
        const std::string path = (std::filesystem::path(folder) / (t.id + ".csv")).string();
        writeFileAtomically(path, tableToCsv(t));
        paths.push_back(path);
    }
    return paths;
}

void writeXlsx(std::span<const ReportTable> tables, const std::string& path)
{
    const std::filesystem::path target(path);
    if (std::filesystem::is_directory(target))
        throw InputError(path, 0, "", "is a folder, not a file");
    const std::string temp = path + ".part";
    lxw_workbook* book = workbook_new(temp.c_str());
    if (!book)
        throw InputError(path, 0, "", "cannot write the workbook");
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    lxw_format* money = workbook_add_format(book);
    format_set_num_format(money, "$#,##0.00");
    lxw_format* price = workbook_add_format(book);
    format_set_num_format(price, "$#,##0.0000");
    lxw_format* count = workbook_add_format(book);
    format_set_num_format(count, "#,##0");
    lxw_format* share = workbook_add_format(book);
    format_set_num_format(share, "0.0%");
    lxw_format* totalText = workbook_add_format(book);
    format_set_bold(totalText);
    format_set_top(totalText, LXW_BORDER_THIN);
    lxw_format* totalMoney = workbook_add_format(book);
    format_set_bold(totalMoney);
    format_set_top(totalMoney, LXW_BORDER_THIN);
    format_set_num_format(totalMoney, "$#,##0.00");
    lxw_format* totalCount = workbook_add_format(book);
    format_set_bold(totalCount);
    format_set_top(totalCount, LXW_BORDER_THIN);
    format_set_num_format(totalCount, "#,##0");
    lxw_format* totalShare = workbook_add_format(book);
    format_set_bold(totalShare);
    format_set_top(totalShare, LXW_BORDER_THIN);
    format_set_num_format(totalShare, "0.0%");

    auto formatOf = [&](ReportCell::Kind k, bool total) -> lxw_format* {
        switch (k) {
        case ReportCell::Kind::Usd:
            return total ? totalMoney : money;
        case ReportCell::Kind::UnitPrice:
            return price;
        case ReportCell::Kind::Count:
            return total ? totalCount : count;
        case ReportCell::Kind::Share:
            return total ? totalShare : share;
        case ReportCell::Kind::Number:
        case ReportCell::Kind::Text:
            return total ? totalText : nullptr;
        }
        return nullptr;
    };

    for (std::size_t t = 0; t < tables.size(); ++t) {
        const ReportTable& table = tables[t];
        lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName(table.id, t).c_str());
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(),
                                   header);
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 c == 0 ? 34 : 16, nullptr);
        }
        worksheet_freeze_panes(sheet, 1, 0);
        lxw_row_t r = 1;
        for (const auto& row : table.rows) {
            for (std::size_t c = 0; c < row.size(); ++c) {
                const ReportCell& cell = row[c];
                if (cell.isNumber())
                    worksheet_write_number(sheet, r, static_cast<lxw_col_t>(c), cell.value,
                                           formatOf(cell.kind, false));
                else
                    worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), cell.text.c_str(),
                                           nullptr);
            }
            ++r;
        }
        if (!table.totals.empty()) {
            for (std::size_t c = 0; c < table.totals.size(); ++c) {
                const ReportCell& cell = table.totals[c];
                const auto col = static_cast<lxw_col_t>(c);
                lxw_format* f = formatOf(cell.kind, true);
                if (!cell.isNumber()) {
                    worksheet_write_string(sheet, r, col, cell.text.c_str(), f);
                } else if ((cell.kind == ReportCell::Kind::Usd ||
                            cell.kind == ReportCell::Kind::Count) &&
                           r > 1) {
                    // A sum the reader can check; it carries the value we computed.
                    const std::string letters = columnLetters(c);
                    const std::string formula =
                        "=SUM(" + letters + "2:" + letters + std::to_string(r) + ")";
                    worksheet_write_formula_num(sheet, r, col, formula.c_str(), f, cell.value);
                } else {
                    worksheet_write_number(sheet, r, col, cell.value, f);
                }
            }
            ++r;
        }
        if (!table.note.empty())
            worksheet_write_string(sheet, r + 1, 0, table.note.c_str(), nullptr);
    }
    const lxw_error status = workbook_close(book);
    if (status != LXW_NO_ERROR) {
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        throw InputError(path, 0, "",
                         std::string("cannot write the workbook: ") + lxw_strerror(status));
    }
    std::error_code ec;
    std::filesystem::rename(temp, target, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw InputError(path, 0, "", "cannot write the workbook: " + ec.message());
    }
}

} // namespace finops
