#include "mip.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <queue>

namespace finops::lp {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kIntTol = 1e-6;

struct BoundChange
{
    int col;
    double lower, upper;
};

struct Node
{
    double bound;                       // the parent's LP objective
    std::vector<BoundChange> changes;   // from the root, in order
    std::shared_ptr<Simplex::Basis> basis;
    int depth = 0;
    int branchCol = -1;                 // for the pseudocost update
    double branchFrac = 0;              // distance the branching moved the column
    bool branchUp = false;
};

struct NodeOrder
{
    bool operator()(const Node& a, const Node& b) const
    {
        if (a.bound != b.bound)
            return a.bound > b.bound; // smallest bound first
        return a.depth < b.depth;     // then the deepest
    }
};

// Per-column average objective gain per unit of bound change, up and down.
struct Pseudocosts
{
    std::vector<double> sumDown, sumUp;
    std::vector<int> countDown, countUp;
    void resize(int n)
    {
        sumDown.assign(n, 0);
        sumUp.assign(n, 0);
        countDown.assign(n, 0);
        countUp.assign(n, 0);
    }
    void record(int col, bool up, double gainPerUnit)
    {
        gainPerUnit = std::max(0.0, gainPerUnit);
        if (up) {
            sumUp[col] += gainPerUnit;
            ++countUp[col];
        } else {
            sumDown[col] += gainPerUnit;
            ++countDown[col];
        }
    }
    bool reliable(int col) const { return countUp[col] > 0 && countDown[col] > 0; }
    double averageUp() const { return average(sumUp, countUp); }
    double averageDown() const { return average(sumDown, countDown); }
    static double average(const std::vector<double>& s, const std::vector<int>& c)
    {
        double t = 0;
        int k = 0;
        for (size_t i = 0; i < s.size(); ++i)
            if (c[i] > 0) {
                t += s[i] / c[i];
                ++k;
            }
        return k ? t / k : 1.0;
    }
    double up(int col, double fallback) const { return countUp[col] ? sumUp[col] / countUp[col] : fallback; }
    double down(int col, double fallback) const { return countDown[col] ? sumDown[col] / countDown[col] : fallback; }
};

// The structure of an assignment problem, when the MIP has it: every integer column is binary
// and sits in exactly one "choose one" row (equality, right-hand side 1, coefficients 1);
// there are no continuous columns. Then a greedy assignment plus local search finds
// incumbents fast, checking the other rows incrementally.
struct AssignmentStructure
{
    bool present = false;
    std::vector<int> groupOf;              // column -> group (choose-one row index among groups)
    std::vector<std::vector<int>> members; // group -> columns
};

AssignmentStructure detectAssignment(const LinearProgram& lp, const LinearProgram& root)
{
    AssignmentStructure s;
    const int n = lp.numCols(), m = lp.numRows();
    if (lp.integer.empty())
        return s;
    for (int j = 0; j < n; ++j)
        if (!lp.integer[j] || root.colLower[j] != 0 || root.colUpper[j] > 1)
            return s;
    Eigen::SparseMatrix<double, Eigen::RowMajor> rows(lp.A);
    std::vector<int> groupOfRow(m, -1);
    s.groupOf.assign(n, -1);
    for (int i = 0; i < m; ++i) {
        if (lp.rowLower[i] != 1 || lp.rowUpper[i] != 1)
            continue;
        bool unit = true;
        for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rows, i); it && unit; ++it)
            unit = it.value() == 1 && s.groupOf[it.col()] < 0;
        if (!unit)
            continue;
        const int g = static_cast<int>(s.members.size());
        s.members.emplace_back();
        for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rows, i); it; ++it) {
            s.groupOf[it.col()] = g;
            s.members[g].push_back(static_cast<int>(it.col()));
        }
        groupOfRow[i] = g;
    }
    for (int j = 0; j < n; ++j)
        if (s.groupOf[j] < 0)
            return s;
    s.present = !s.members.empty();
    return s;
}

} // namespace

MipResult solveMip(const LinearProgram& lp, const MipOptions& options)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    MipResult out;
    const int n = lp.numCols(), m = lp.numRows();
    std::vector<int> intCols;
    for (int j = 0; j < n; ++j)
        if (!lp.integer.empty() && lp.integer[j])
            intCols.push_back(j);

    Options lpOptions;
    lpOptions.cancel = options.cancel;
    if (options.timeLimitSeconds > 0)
        lpOptions.timeLimitSeconds = options.timeLimitSeconds;

    if (const std::string problem = lp.check(); !problem.empty()) {
        out.status = Status::Infeasible;
        return out;
    }
    // Integer columns get integral bounds.
    LinearProgram root = lp;
    for (int j : intCols) {
        root.colLower[j] = std::ceil(root.colLower[j] - kIntTol);
        root.colUpper[j] = std::floor(root.colUpper[j] + kIntTol);
        if (root.colLower[j] > root.colUpper[j]) {
            out.status = Status::Infeasible;
            return out;
        }
    }
    auto elapsed = [&]() { return std::chrono::duration<double>(Clock::now() - start).count(); };
    auto remaining = [&]() {
        return options.timeLimitSeconds > 0 ? std::max(1e-3, options.timeLimitSeconds - elapsed()) : 0.0;
    };
    Simplex rootSimplex(root, lpOptions);
    Result rootLp = rootSimplex.solve();
    out.lpIterations = rootLp.iterations;
    out.nodes = 1;
    if (rootLp.status != Status::Optimal) {
        out.status = rootLp.status == Status::IterationLimit ? Status::TimeLimit : rootLp.status;
        if (options.progress)
            options.progress(1.0);
        return out;
    }
    if (intCols.empty()) {
        out.status = Status::Optimal;
        out.hasSolution = true;
        out.objective = rootLp.objective;
        out.bestBound = rootLp.objective;
        out.x = rootLp.x;
        if (options.progress)
            options.progress(1.0);
        return out;
    }

    // When every column with a cost is integer with an integral cost, every integer
    // solution's objective is an integer: a node whose bound exceeds incumbent - 1 is done.
    bool integralObjective = std::floor(lp.objectiveOffset) == lp.objectiveOffset;
    for (int j = 0; j < n && integralObjective; ++j)
        if (lp.cost[j] != 0 && (!lp.integer[j] || std::floor(lp.cost[j]) != lp.cost[j]))
            integralObjective = false;
    const bool allInteger = static_cast<int>(intCols.size()) == n;
    const AssignmentStructure assignment = detectAssignment(lp, root);

    // Root cuts: extended cover inequalities of the knapsack rows (a <= row over binary
    // columns with positive coefficients), a few rounds, added as rows of the root LP.
    std::unique_ptr<Simplex> cutSimplex;
    {
        std::vector<char> binary(n, 0);
        for (int j : intCols)
            binary[j] = root.colLower[j] == 0 && root.colUpper[j] == 1;
        Eigen::SparseMatrix<double, Eigen::RowMajor> rowsOf(lp.A);
        std::vector<int> knapsacks;
        for (int i = 0; i < m; ++i) {
            if (std::isfinite(lp.rowLower[i]) || !std::isfinite(lp.rowUpper[i]))
                continue;
            bool ok = true;
            int count = 0;
            for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rowsOf, i); it && ok; ++it) {
                ok = binary[it.col()] && it.value() > 0;
                ++count;
            }
            if (ok && count > 1)
                knapsacks.push_back(i);
        }
        Eigen::VectorXd xs = rootLp.x;
        std::vector<Eigen::Triplet<double>> cutTerms;
        std::vector<double> cutRhs;
        for (int round = 0; round < 40 && !knapsacks.empty(); ++round) {
            const size_t before = cutRhs.size();
            for (int i : knapsacks) {
                std::vector<std::pair<double, int>> items; // (key, col)
                std::vector<double> a(n, 0);
                for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rowsOf, i); it; ++it) {
                    const int j = static_cast<int>(it.col());
                    a[j] = it.value();
                    if (xs[j] > 1e-9)
                        items.emplace_back((1 - xs[j]) / it.value(), j);
                }
                std::sort(items.begin(), items.end());
                const double b = lp.rowUpper[i];
                double weight = 0;
                std::vector<int> cover;
                for (const auto& [key, j] : items) {
                    (void)key;
                    cover.push_back(j);
                    weight += a[j];
                    if (weight > b + 1e-9)
                        break;
                }
                if (weight <= b + 1e-9)
                    continue;
                // Minimal: drop the items with the smallest LP value while still a cover.
                std::sort(cover.begin(), cover.end(), [&](int p, int q) { return xs[p] < xs[q]; });
                std::vector<int> minimal;
                for (size_t k = 0; k < cover.size(); ++k) {
                    if (weight - a[cover[k]] > b + 1e-9)
                        weight -= a[cover[k]];
                    else
                        minimal.push_back(cover[k]);
                }
                double amax = 0, lhs = 0;
                std::vector<char> inCover(n, 0);
                for (int j : minimal) {
                    amax = std::max(amax, a[j]);
                    inCover[j] = 1;
                }
                std::vector<int> extended = minimal;
                for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rowsOf, i); it; ++it)
                    if (!inCover[it.col()] && it.value() >= amax)
                        extended.push_back(static_cast<int>(it.col()));
                for (int j : extended)
                    lhs += xs[j];
                const double rhs = static_cast<double>(minimal.size()) - 1;
                if (lhs <= rhs + 1e-6)
                    continue;
                const int row = m + static_cast<int>(cutRhs.size());
                for (int j : extended)
                    cutTerms.emplace_back(row, j, 1.0);
                cutRhs.push_back(rhs);
            }
            if (cutRhs.size() == before)
                break;
            // Rebuild the root LP with the cuts and re-solve.
            const int rowsNow = m + static_cast<int>(cutRhs.size());
            std::vector<Eigen::Triplet<double>> all;
            for (int k = 0; k < lp.A.outerSize(); ++k)
                for (Eigen::SparseMatrix<double>::InnerIterator it(lp.A, k); it; ++it)
                    all.emplace_back(static_cast<int>(it.row()), static_cast<int>(it.col()), it.value());
            all.insert(all.end(), cutTerms.begin(), cutTerms.end());
            root.A.resize(rowsNow, n);
            root.A.setFromTriplets(all.begin(), all.end());
            root.rowLower.conservativeResize(rowsNow);
            root.rowUpper.conservativeResize(rowsNow);
            for (size_t k = 0; k < cutRhs.size(); ++k) {
                root.rowLower[m + static_cast<int>(k)] = -kInf;
                root.rowUpper[m + static_cast<int>(k)] = cutRhs[k];
            }
            cutSimplex = std::make_unique<Simplex>(root, lpOptions);
            const Result r = cutSimplex->solve();
            out.lpIterations += r.iterations;
            if (r.status != Status::Optimal)
                break; // keep what we have (the cuts are valid; infeasible shows in B&B)
            rootLp = r;
            xs = r.x;
        }
    }
    Simplex& simplex = cutSimplex ? *cutSimplex : rootSimplex;

    double incumbent = kInf;
    Eigen::VectorXd best;
    auto pruneLevel = [&]() {
        if (!std::isfinite(incumbent))
            return kInf;
        const double tol = options.relativeGap * std::max(1.0, std::abs(incumbent));
        if (integralObjective)
            return incumbent - std::max(tol, 1.0 - 1e-6);
        return incumbent - tol;
    };

    const Eigen::SparseMatrix<double, Eigen::ColMajor>& A = lp.A;
    auto rowsFeasible = [&](const Eigen::VectorXd& act) {
        for (int i = 0; i < m; ++i) {
            const double tol = 1e-9 * std::max(1.0, std::abs(act[i]));
            if (act[i] < lp.rowLower[i] - tol || act[i] > lp.rowUpper[i] + tol)
                return false;
        }
        return true;
    };
    auto offer = [&](const Eigen::VectorXd& x, double obj) {
        if (obj < incumbent) {
            incumbent = obj;
            best = x;
            return true;
        }
        return false;
    };

    // Greedy assignment guided by the LP point, then moves and swaps that lower the cost
    // while every row stays within its bounds (the choose-one rows hold by construction).
    auto assignmentHeuristic = [&](const Eigen::VectorXd& xLp) {
        const int groups = static_cast<int>(assignment.members.size());
        Eigen::VectorXd act = Eigen::VectorXd::Zero(m);
        std::vector<int> chosen(groups, -1);
        auto fits = [&](int col, int removeCol) {
            // Would the rows (other than the choose-one rows) stay feasible?
            for (Eigen::SparseMatrix<double>::InnerIterator it(A, col); it; ++it) {
                const int i = static_cast<int>(it.row());
                double v = act[i] + it.value();
                if (removeCol >= 0)
                    v -= A.coeff(i, removeCol);
                if (lp.rowUpper[i] == 1 && lp.rowLower[i] == 1)
                    continue;
                if (v > lp.rowUpper[i] + 1e-9 * std::max(1.0, std::abs(v)))
                    return false;
            }
            if (removeCol >= 0)
                for (Eigen::SparseMatrix<double>::InnerIterator it(A, removeCol); it; ++it) {
                    const int i = static_cast<int>(it.row());
                    if (lp.rowUpper[i] == 1 && lp.rowLower[i] == 1)
                        continue;
                    const double v = act[i] - it.value() + A.coeff(i, col);
                    if (v > lp.rowUpper[i] + 1e-9 * std::max(1.0, std::abs(v)))
                        return false;
                }
            return true;
        };
        auto place = [&](int col, double sign) {
            for (Eigen::SparseMatrix<double>::InnerIterator it(A, col); it; ++it)
                act[it.row()] += sign * it.value();
        };
        // Columns allowed by the current node's bounds.
        auto allowed = [&](int col) { return simplex.columnUpper(col) >= 1; };
        // Most decided groups first.
        std::vector<int> order(groups);
        std::iota(order.begin(), order.end(), 0);
        std::vector<double> decided(groups, 0);
        for (int g = 0; g < groups; ++g)
            for (int col : assignment.members[g])
                decided[g] = std::max(decided[g], xLp[col]);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return decided[a] > decided[b]; });
        for (int g : order) {
            std::vector<int> cand;
            for (int col : assignment.members[g])
                if (allowed(col))
                    cand.push_back(col);
            std::stable_sort(cand.begin(), cand.end(), [&](int a, int b) {
                if (std::abs(xLp[a] - xLp[b]) > 1e-9)
                    return xLp[a] > xLp[b];
                return lp.cost[a] < lp.cost[b];
            });
            for (int col : cand)
                if (fits(col, -1)) {
                    chosen[g] = col;
                    place(col, 1);
                    break;
                }
            if (chosen[g] < 0)
                return;
        }
        // Local search: single moves, then pairwise swaps.
        bool improved = true;
        int rounds = 0;
        while (improved && rounds++ < 20) {
            improved = false;
            for (int g = 0; g < groups; ++g)
                for (int col : assignment.members[g]) {
                    const int cur = chosen[g];
                    if (col == cur || !allowed(col) || lp.cost[col] >= lp.cost[cur] - 1e-12)
                        continue;
                    if (fits(col, cur)) {
                        place(cur, -1);
                        place(col, 1);
                        chosen[g] = col;
                        improved = true;
                    }
                }
            if (groups > 400)
                continue;
            for (int g = 0; g < groups && !improved; ++g)
                for (int h = g + 1; h < groups && !improved; ++h) {
                    // Swap the "agents": needs columns of g and h that share rows with each other's choice.
                    const int cg = chosen[g], ch = chosen[h];
                    for (int ng : assignment.members[g]) {
                        if (ng == cg || !allowed(ng))
                            continue;
                        for (int nh : assignment.members[h]) {
                            if (nh == ch || !allowed(nh))
                                continue;
                            const double delta = lp.cost[ng] + lp.cost[nh] - lp.cost[cg] - lp.cost[ch];
                            if (delta >= -1e-12)
                                continue;
                            place(cg, -1);
                            place(ch, -1);
                            place(ng, 1);
                            place(nh, 1);
                            bool ok = true;
                            for (int i = 0; i < m && ok; ++i)
                                if (!(lp.rowUpper[i] == 1 && lp.rowLower[i] == 1))
                                    ok = act[i] <= lp.rowUpper[i] + 1e-9 * std::max(1.0, std::abs(act[i]))
                                        && act[i] >= lp.rowLower[i] - 1e-9 * std::max(1.0, std::abs(act[i]));
                            if (ok) {
                                chosen[g] = ng;
                                chosen[h] = nh;
                                improved = true;
                                break;
                            }
                            place(ng, -1);
                            place(nh, -1);
                            place(cg, 1);
                            place(ch, 1);
                        }
                        if (improved)
                            break;
                    }
                }
        }
        Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
        for (int g = 0; g < groups; ++g)
            x[chosen[g]] = 1;
        const Eigen::VectorXd full = A * x;
        if (!rowsFeasible(full))
            return;
        offer(x, lp.cost.dot(x) + lp.objectiveOffset);
    };

    // Rounds the integer columns and, when continuous columns exist, re-solves the LP over them.
    std::unique_ptr<Simplex> heuristicLp;
    auto roundingHeuristic = [&](const Eigen::VectorXd& xFrac) {
        if (assignment.present) {
            assignmentHeuristic(xFrac);
            return;
        }
        Eigen::VectorXd xr = xFrac;
        for (int j : intCols)
            xr[j] = std::clamp(std::round(xr[j]), root.colLower[j], root.colUpper[j]);
        if (allInteger) {
            if (rowsFeasible(A * xr))
                offer(xr, lp.cost.dot(xr) + lp.objectiveOffset);
            return;
        }
        if (!heuristicLp)
            heuristicLp = std::make_unique<Simplex>(root, lpOptions);
        for (int j : intCols)
            heuristicLp->setColumnBounds(j, xr[j], xr[j]);
        const Result r = heuristicLp->solve();
        out.lpIterations += r.iterations;
        if (r.status == Status::Optimal) {
            Eigen::VectorXd x = r.x;
            for (int j : intCols)
                x[j] = xr[j];
            offer(x, r.objective);
        }
    };

    auto fractional = [&](const Eigen::VectorXd& x) {
        std::vector<int> cols;
        for (int j : intCols) {
            const double f = x[j] - std::floor(x[j]);
            if (f > kIntTol && f < 1 - kIntTol)
                cols.push_back(j);
        }
        return cols;
    };

    Pseudocosts pc;
    pc.resize(n);

    std::priority_queue<Node, std::vector<Node>, NodeOrder> open;
    const double rootBound = rootLp.objective;
    roundingHeuristic(rootLp.x);

    auto reportProgress = [&](double bound) {
        if (!options.progress)
            return;
        if (!std::isfinite(incumbent)) {
            options.progress(0);
            return;
        }
        const double initial = incumbent - rootBound;
        const double now = incumbent - bound;
        options.progress(initial <= 0 ? 1.0 : std::clamp(1.0 - now / initial, 0.0, 1.0));
    };

    // The current node: its bounds are in `simplex`, its LP solved in `cur`.
    std::vector<BoundChange> path;
    Result cur = rootLp;
    bool haveCurrent = true;
    int depth = 0;
    bool stopped = false;
    Status stopStatus = Status::TimeLimit;
    double parentObjective = rootLp.objective;
    int lastBranchCol = -1;
    double lastBranchFrac = 0;
    bool lastBranchUp = false;

    auto applyPath = [&](const std::vector<BoundChange>& changes) {
        for (int j : intCols)
            simplex.setColumnBounds(j, root.colLower[j], root.colUpper[j]);
        for (const BoundChange& c : changes)
            simplex.setColumnBounds(c.col, c.lower, c.upper);
    };
    auto solveNode = [&]() {
        if (options.timeLimitSeconds > 0)
            lpOptions.timeLimitSeconds = remaining();
        cur = simplex.solve();
        out.lpIterations += cur.iterations;
        ++out.nodes;
        if (lastBranchCol >= 0 && cur.status == Status::Optimal && lastBranchFrac > 0)
            pc.record(lastBranchCol, lastBranchUp, (cur.objective - parentObjective) / lastBranchFrac);
        lastBranchCol = -1;
    };
    auto limitHit = [&]() {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            stopStatus = Status::Cancelled;
            return true;
        }
        return (options.timeLimitSeconds > 0 && elapsed() > options.timeLimitSeconds)
            || (options.nodeLimit > 0 && out.nodes >= options.nodeLimit);
    };

    while (true) {
        if (!haveCurrent) {
            // Best bound: the open node with the lowest bound.
            while (!open.empty() && open.top().bound >= pruneLevel())
                open.pop();
            if (open.empty())
                break;
            if (limitHit()) {
                stopped = true;
                break;
            }
            Node node = open.top();
            open.pop();
            applyPath(node.changes);
            if (node.basis)
                simplex.setBasis(*node.basis);
            path = std::move(node.changes);
            depth = node.depth;
            parentObjective = node.bound;
            lastBranchCol = node.branchCol;
            lastBranchFrac = node.branchFrac;
            lastBranchUp = node.branchUp;
            solveNode();
            haveCurrent = true;
        }
        if (limitHit()) {
            stopped = true;
            break;
        }
        if (cur.status == Status::Cancelled || cur.status == Status::TimeLimit || cur.status == Status::IterationLimit) {
            stopped = true;
            stopStatus = cur.status == Status::Cancelled ? Status::Cancelled : Status::TimeLimit;
            break;
        }
        if (cur.status != Status::Optimal || cur.objective >= pruneLevel()) {
            haveCurrent = false;
            continue;
        }
        const std::vector<int> frac = fractional(cur.x);
        if (frac.empty()) {
            // Integral: a new incumbent.
            Eigen::VectorXd x = cur.x;
            for (int k : intCols)
                x[k] = std::round(x[k]);
            offer(x, allInteger ? lp.cost.dot(x) + lp.objectiveOffset : cur.objective);
            haveCurrent = false;
            continue;
        }
        if (out.nodes == 1 || (out.nodes % 32) == 0) {
            roundingHeuristic(cur.x);
            double bound = cur.objective;
            if (!open.empty())
                bound = std::min(bound, open.top().bound);
            reportProgress(bound);
            if (cur.objective >= pruneLevel()) {
                haveCurrent = false;
                continue;
            }
        }
        // Reduced-cost fixing: a column at a bound whose move by one unit would lift the
        // bound past the incumbent stays at that bound in this subtree.
        if (std::isfinite(incumbent)) {
            const double slack = pruneLevel() - cur.objective;
            for (int j : intCols) {
                const double lo = simplex.columnLower(j), hi = simplex.columnUpper(j);
                if (lo == hi)
                    continue;
                const double d = cur.reducedCosts[j];
                if (std::abs(cur.x[j] - lo) < kIntTol && d > slack + 1e-9) {
                    path.push_back({j, lo, lo});
                    simplex.setColumnBounds(j, lo, lo);
                } else if (std::abs(cur.x[j] - hi) < kIntTol && -d > slack + 1e-9) {
                    path.push_back({j, hi, hi});
                    simplex.setColumnBounds(j, hi, hi);
                }
            }
            // The LP optimum is unchanged: those columns already sit at the fixed bounds.
        }

        // Branching variable: pseudocosts; columns never branched on are scored by a
        // short strong-branching probe (both children solved from this node's basis).
        int j = -1;
        double bestScore = -1, estDown = 0, estUp = 0;
        const double avgUp = pc.averageUp(), avgDown = pc.averageDown();
        std::vector<std::pair<double, int>> probes;
        for (int c : frac) {
            const double f = cur.x[c] - std::floor(cur.x[c]);
            if (!pc.reliable(c))
                probes.emplace_back(std::min(f, 1 - f), c);
        }
        std::sort(probes.begin(), probes.end(), std::greater<>());
        const int maxProbes = depth < 10 ? 8 : 3;
        if (probes.size() > static_cast<size_t>(maxProbes))
            probes.resize(maxProbes);
        bool closeNode = false, tightened = false;
        if (!probes.empty()) {
            const Simplex::Basis saved = simplex.basis();
            for (const auto& probe : probes) {
                const int c = probe.second;
                const double v = cur.x[c];
                const double lo = simplex.columnLower(c), hi = simplex.columnUpper(c);
                double childObj[2];
                for (int side = 0; side < 2; ++side) {
                    if (side == 0)
                        simplex.setColumnBounds(c, lo, std::floor(v));
                    else
                        simplex.setColumnBounds(c, std::ceil(v), hi);
                    const Result r = simplex.solve();
                    out.lpIterations += r.iterations;
                    childObj[side] = r.status == Status::Optimal ? r.objective
                        : r.status == Status::Infeasible           ? kInf
                                                                   : cur.objective;
                    simplex.setColumnBounds(c, lo, hi);
                    simplex.setBasis(saved);
                }
                const double f = v - std::floor(v);
                if (std::isfinite(childObj[0]))
                    pc.record(c, false, (childObj[0] - cur.objective) / f);
                if (std::isfinite(childObj[1]))
                    pc.record(c, true, (childObj[1] - cur.objective) / (1 - f));
                const bool downDead = childObj[0] >= pruneLevel(), upDead = childObj[1] >= pruneLevel();
                if (downDead && upDead) {
                    closeNode = true;
                    break;
                }
                if (downDead || upDead) {
                    // One child is pruned: move this node's bound to the other side and re-solve.
                    const BoundChange bc = downDead ? BoundChange{c, std::ceil(v), hi} : BoundChange{c, lo, std::floor(v)};
                    path.push_back(bc);
                    simplex.setColumnBounds(bc.col, bc.lower, bc.upper);
                    parentObjective = cur.objective;
                    lastBranchCol = -1;
                    solveNode();
                    tightened = true;
                    break;
                }
            }
        }
        if (closeNode) {
            haveCurrent = false;
            continue;
        }
        if (tightened)
            continue; // look at the re-solved node again
        for (int c : frac) {
            const double f = cur.x[c] - std::floor(cur.x[c]);
            const double dn = std::max(1e-6, f * pc.down(c, avgDown));
            const double upv = std::max(1e-6, (1 - f) * pc.up(c, avgUp));
            const double score = dn * upv;
            if (score > bestScore) {
                bestScore = score;
                j = c;
                estDown = dn;
                estUp = upv;
            }
        }
        // Dive towards the child expected to cost less; the other waits in the queue.
        const double v = cur.x[j];
        const double lowerCur = simplex.columnLower(j), upperCur = simplex.columnUpper(j);
        const BoundChange down{j, lowerCur, std::floor(v)};
        const BoundChange up{j, std::ceil(v), upperCur};
        const bool diveUp = estUp <= estDown;
        Node other;
        other.bound = cur.objective;
        other.changes = path;
        other.changes.push_back(diveUp ? down : up);
        other.basis = std::make_shared<Simplex::Basis>(simplex.basis());
        other.depth = depth + 1;
        other.branchCol = j;
        other.branchUp = !diveUp;
        other.branchFrac = diveUp ? v - std::floor(v) : std::ceil(v) - v;
        open.push(std::move(other));
        const BoundChange& go = diveUp ? up : down;
        path.push_back(go);
        simplex.setColumnBounds(go.col, go.lower, go.upper);
        ++depth;
        parentObjective = cur.objective;
        lastBranchCol = j;
        lastBranchUp = diveUp;
        lastBranchFrac = diveUp ? std::ceil(v) - v : v - std::floor(v);
        solveNode();
    }

    double bound = incumbent;
    if (stopped) {
        if (haveCurrent && cur.status == Status::Optimal)
            bound = std::min(bound, cur.objective);
        else if (haveCurrent)
            bound = std::min(bound, parentObjective);
        while (!open.empty()) {
            bound = std::min(bound, open.top().bound);
            open.pop();
        }
    }
    out.hasSolution = std::isfinite(incumbent);
    if (out.hasSolution) {
        out.objective = incumbent;
        out.x = best;
        out.bestBound = std::min(bound, incumbent);
        out.gap = (incumbent - out.bestBound) / std::max(1e-9, std::abs(incumbent));
        out.status = stopped ? stopStatus : Status::Optimal;
        if (out.status == Status::TimeLimit && out.gap <= options.relativeGap)
            out.status = Status::Optimal;
        if (out.status == Status::Optimal)
            out.gap = std::max(0.0, std::min(out.gap, options.relativeGap));
        if (!stopped)
            out.gap = 0;
    } else {
        out.status = stopped ? stopStatus : Status::Infeasible;
        out.bestBound = stopped ? bound : kInf;
        out.gap = stopped ? kInf : 0;
    }
    if (options.progress)
        options.progress(1.0);
    return out;
}

} // namespace finops::lp
