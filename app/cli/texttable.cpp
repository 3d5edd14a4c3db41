#include "texttable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace finops::cli {

void TextTable::addColumn(std::string title, Align align)
{
    m_titles.push_back(std::move(title));
    m_align.push_back(align);
}

void TextTable::addRow(std::vector<std::string> cells)
{
    cells.resize(m_titles.size());
    m_rows.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out) const
{
    std::vector<std::size_t> width(m_titles.size());
    for (std::size_t c = 0; c < m_titles.size(); ++c) {
        width[c] = m_titles[c].size();
        for (const auto& row : m_rows)
            width[c] = std::max(width[c], row[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = width[c] - cells[c].size();
            if (c)
                s += "  ";
            if (m_align[c] == Align::Right)
                s += std::string(pad, ' ') + cells[c];
            else
                s += cells[c] + (c + 1 < cells.size() ? std::string(pad, ' ') : "");
        }
        out << s << '\n';
    };
    line(m_titles);
    std::vector<std::string> rule;
    rule.reserve(width.size());
    for (std::size_t w : width)
        rule.emplace_back(w, '-');
    line(rule);
    for (const auto& row : m_rows)
        line(row);
}

} // namespace finops::cli
