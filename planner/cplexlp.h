#pragma once

#include "lp.h"

#include <optional>
#include <string>

namespace finops::lp {

// The LP/MIP as a CPLEX LP file (the text format glpsol reads with --lp), for checking our
// optimizer against GLPK. Columns are named x1..xn and rows r1..rm (a ranged row becomes two
// rows, r<i>_lo and r<i>_hi); the objective offset is not written (add it to glpsol's
// objective). Integer columns go in a General section.
std::string toCplexLp(const LinearProgram& lp);

// What glpsol reported in its output file (`glpsol --lp F -o OUT`): the status and objective.
// Pass the report followed by glpsol's terminal output: with the presolver on, only the
// latter says whether an UNDEFINED problem is infeasible or unbounded.
struct GlpsolReport
{
    Status status = Status::Infeasible;
    bool known = false;       // the report had a status we understood
    std::optional<double> objective;
    std::string statusText;   // as glpsol wrote it ("OPTIMAL", "INTEGER OPTIMAL", ...)
};
GlpsolReport parseGlpsolReport(const std::string& text);

} // namespace finops::lp
