#pragma once
// Test-only: runs GLPK's glpsol (a child process, never linked) on a CPLEX LP file and
// returns what it reported. glpsol is optional: hasGlpsol() lets a suite skip without it.

#include "cplexlp.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace finops::testing {

inline bool hasGlpsol()
{
    return std::system("glpsol --version > /dev/null 2>&1") == 0;
}

// `dir`: a writable temporary folder; `tag` names the files.
inline lp::GlpsolReport runGlpsol(const lp::LinearProgram& problem, const std::string& dir, const std::string& tag,
                                  bool presolve = false)
{
    const std::string lpFile = dir + "/" + tag + ".lp", outFile = dir + "/" + tag + ".out",
                      logFile = dir + "/" + tag + ".log";
    {
        std::ofstream f(lpFile);
        f << lp::toCplexLp(problem);
    }
    const std::string cmd = std::string("glpsol ") + (presolve ? "" : "--nopresol ") + "--lp '" + lpFile + "' -o '"
        + outFile + "' > '" + logFile + "' 2>&1";
    lp::GlpsolReport bad;
    if (std::system(cmd.c_str()) != 0)
        return bad;
    auto slurp = [](const std::string& p) {
        std::ifstream f(p);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    };
    return lp::parseGlpsolReport(slurp(outFile) + "\n" + slurp(logFile));
}

} // namespace finops::testing
