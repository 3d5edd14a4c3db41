#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace finops::cli {

// A plain-text table with a header row; numeric columns are right-aligned.
class TextTable
{
public:
    enum class Align { Left, Right };
    void addColumn(std::string title, Align align = Align::Left);
    void addRow(std::vector<std::string> cells);
    void print(std::ostream& out) const;

private:
    std::vector<std::string> m_titles;
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace finops::cli
