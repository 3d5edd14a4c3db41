#include "cplexlp.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace finops::lp {

namespace {

std::string num(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Writes " + 3 x1 - 2 x4" terms, wrapping lines (glpsol limits line length).
class TermWriter
{
public:
    explicit TermWriter(std::ostringstream& out) : m_out(out) {}
    void add(double coef, int col)
    {
        if (coef == 0)
            return;
        if (m_onLine == 8) {
            m_out << "\n   ";
            m_onLine = 0;
        }
        m_out << (coef < 0 ? " - " : " + ") << num(std::abs(coef)) << " x" << (col + 1);
        ++m_onLine;
        ++m_terms;
    }
    int terms() const { return m_terms; }

private:
    std::ostringstream& m_out;
    int m_onLine = 0;
    int m_terms = 0;
};

} // namespace

std::string toCplexLp(const LinearProgram& lp)
{
    std::ostringstream out;
    const int n = lp.numCols(), m = lp.numRows();
    out << "\\ written by FinOps Planner: " << n << " columns, " << m << " rows\n";
    out << "Minimize\n obj:";
    {
        TermWriter w(out);
        for (int j = 0; j < n; ++j)
            w.add(lp.cost[j], j);
        if (w.terms() == 0)
            out << " 0 x1";
    }
    out << "\nSubject To\n";
    Eigen::SparseMatrix<double, Eigen::RowMajor> rows(lp.A);
    auto writeRow = [&](int i, const std::string& name, const char* sense, double rhs) {
        out << ' ' << name << ':';
        TermWriter w(out);
        for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rows, i); it; ++it)
            w.add(it.value(), static_cast<int>(it.col()));
        if (w.terms() == 0)
            out << " 0 x1";
        out << ' ' << sense << ' ' << num(rhs) << '\n';
    };
    for (int i = 0; i < m; ++i) {
        const double l = lp.rowLower[i], u = lp.rowUpper[i];
        const std::string name = "r" + std::to_string(i + 1);
        if (l == u)
            writeRow(i, name, "=", l);
        else if (std::isfinite(l) && std::isfinite(u)) {
            writeRow(i, name + "_lo", ">=", l);
            writeRow(i, name + "_hi", "<=", u);
        } else if (std::isfinite(l))
            writeRow(i, name, ">=", l);
        else if (std::isfinite(u))
            writeRow(i, name, "<=", u);
    }
    out << "Bounds\n";
    for (int j = 0; j < n; ++j) {
        const double l = lp.colLower[j], u = lp.colUpper[j];
        const std::string x = "x" + std::to_string(j + 1);
        if (l == u)
            out << ' ' << x << " = " << num(l) << '\n';
        else if (!std::isfinite(l) && !std::isfinite(u))
            out << ' ' << x << " free\n";
        else
            out << ' ' << (std::isfinite(l) ? num(l) : std::string("-inf")) << " <= " << x << " <= "
                << (std::isfinite(u) ? num(u) : std::string("+inf")) << '\n';
    }
    bool anyInteger = false;
    for (int j = 0; j < n && !anyInteger; ++j)
        anyInteger = !lp.integer.empty() && lp.integer[j];
    if (anyInteger) {
        out << "General\n";
        int onLine = 0;
        for (int j = 0; j < n; ++j)
            if (lp.integer[j]) {
                out << " x" << (j + 1);
                if (++onLine == 16) {
                    out << '\n';
                    onLine = 0;
                }
            }
        out << '\n';
    }
    out << "End\n";
    return out.str();
}

GlpsolReport parseGlpsolReport(const std::string& text)
{
    GlpsolReport r;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Status:", 0) == 0) {
            std::string s = line.substr(7);
            s.erase(0, s.find_first_not_of(" \t"));
            while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
                s.pop_back();
            r.statusText = s;
            r.known = true;
            if (s == "OPTIMAL" || s == "INTEGER OPTIMAL")
                r.status = Status::Optimal;
            else if (s.find("UNBOUNDED") != std::string::npos)
                r.status = Status::Unbounded;
            else if (s.find("EMPTY") != std::string::npos || s.find("INFEASIBLE") != std::string::npos
                     || s.find("UNDEFINED") != std::string::npos)
                // UNDEFINED is refined below from glpsol's terminal output when given.
                r.status = Status::Infeasible;
            else if (s == "INTEGER NON-OPTIMAL" || s == "FEASIBLE")
                r.status = Status::TimeLimit;
            else
                r.known = false;
        } else if (line.rfind("Objective:", 0) == 0) {
            const auto eq = line.find('=');
            if (eq != std::string::npos) {
                try {
                    r.objective = std::stod(line.substr(eq + 1));
                } catch (const std::exception&) {
                }
            }
        }
    }
    // With the presolver glpsol reports UNDEFINED and says why only on its terminal output;
    // pass that text in too.
    if (!r.known || r.statusText == "UNDEFINED" || r.statusText == "INTEGER UNDEFINED") {
        if (text.find("NO PRIMAL FEASIBLE SOLUTION") != std::string::npos
            || text.find("NO INTEGER FEASIBLE SOLUTION") != std::string::npos) {
            r.status = Status::Infeasible;
            r.known = true;
        } else if (text.find("NO DUAL FEASIBLE SOLUTION") != std::string::npos
                   || text.find("UNBOUNDED SOLUTION") != std::string::npos) {
            r.status = Status::Unbounded;
            r.known = true;
        } else if (r.statusText == "UNDEFINED" || r.statusText == "INTEGER UNDEFINED") {
            r.known = false;
        }
    }
    return r;
}

} // namespace finops::lp
