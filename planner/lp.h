#pragma once

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <atomic>
#include <string>
#include <vector>

namespace finops::lp {

// A linear program in bounded form:
//   minimise  cost' x + objectiveOffset
//   subject to rowLower <= A x <= rowUpper,  colLower <= x <= colUpper
// Infinite bounds are +-infinity (std::numeric_limits<double>::infinity()). An equality
// row has rowLower == rowUpper. `integer` (empty or one flag per column) is used by the
// MIP solver and the CPLEX LP writer only.
struct LinearProgram
{
    Eigen::VectorXd cost;
    Eigen::VectorXd colLower, colUpper;
    Eigen::SparseMatrix<double, Eigen::ColMajor> A; // rows x cols
    Eigen::VectorXd rowLower, rowUpper;
    double objectiveOffset = 0;
    std::vector<bool> integer;
    std::vector<std::string> colNames; // optional; used in CPLEX LP files and messages
    std::vector<std::string> rowNames;

    int numCols() const { return static_cast<int>(cost.size()); }
    int numRows() const { return static_cast<int>(A.rows()); }
    // Empty when the dimensions and bounds are consistent, else what is wrong.
    std::string check() const;
};

enum class Status { Optimal, Infeasible, Unbounded, IterationLimit, TimeLimit, Cancelled };
const char* statusName(Status s); // "optimal", "infeasible", "unbounded", "iteration_limit", "time_limit", "cancelled"

struct Options
{
    int maxIterations = 1'000'000;
    double timeLimitSeconds = 0; // 0: none
    const std::atomic<bool>* cancel = nullptr;
    double feasibilityTol = 1e-9;  // on the scaled problem
    double optimalityTol = 1e-9;
};

struct Result
{
    Status status = Status::Infeasible;
    double objective = 0;      // with objectiveOffset
    Eigen::VectorXd x;         // primal solution (a basic one: a vertex)
    // Duals: d objective / d rowbound of each row (the shadow price of the binding side; 0 for
    // a non-binding row) and the reduced cost of each column.
    Eigen::VectorXd rowDuals;
    Eigen::VectorXd reducedCosts;
    long long iterations = 0;
};

// The LP method: a bounded primal revised simplex on [A -I] (a logical per row). Composite
// phase 1 minimises the sum of infeasibilities from any basis (so warm starts after bound
// changes need no dual simplex), then phase 2. Dantzig pricing with partial pricing on wide
// problems, Bland's rule after a run of degenerate steps (no cycling), Harris two-pass ratio
// test preferring large pivots. The basis is factorised by a dense LU (up to 320 rows) or
// Eigen's SparseLU, with product-form eta updates and a refactorisation every 64 updates;
// a final check on fresh values confirms optimality. Power-of-two geometric row/column
// scaling (exact), objective scaling, a triangular crash basis that puts a cheap column on
// each equality row. Returns vertex solutions and duals: rowDuals[i] = d objective / d bound
// of row i (0 for a row whose logical is basic). Objectives agree with glpsol's to relative
// 1e-7 on the test instances (tests/test_lp.cpp, tests/test_mip.cpp).
Result solve(const LinearProgram& lp, const Options& options = {});

// A warm-startable simplex on one LP (bounds of columns can change between solves): what
// branch and bound uses. Not thread-safe; one per thread.
class Simplex
{
public:
    explicit Simplex(const LinearProgram& lp, const Options& options = {});
    ~Simplex();
    Simplex(const Simplex&) = delete;
    Simplex& operator=(const Simplex&) = delete;

    void setColumnBounds(int col, double lower, double upper);
    double columnLower(int col) const;
    double columnUpper(int col) const;
    // Solves from the current basis (the last solve's, or the slack basis at first).
    Result solve();

    struct Basis { std::vector<int> status; }; // opaque: one entry per column and row
    Basis basis() const;
    void setBasis(const Basis& basis);

private:
    struct Impl;
    Impl* m_impl;
};

} // namespace finops::lp
