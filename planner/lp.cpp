// Bases are small and the machine is shared: no OpenMP threads inside Eigen here.
#define EIGEN_DONT_PARALLELIZE

#include "lp.h"
#include "kahansum.h"

#include <Eigen/LU>
#include <Eigen/SparseLU>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace finops::lp {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRefactorInterval = 64;

enum VarStatus : int { Basic = 0, AtLower = 1, AtUpper = 2, AtZero = 3 };

// One product-form update: the basis' column `row` was replaced by a column whose FTRAN
// image is alpha. Stored sparsely as eta = E^{-1}'s column `row`.
struct Eta
{
    int row = 0;
    std::vector<int> index;
    std::vector<double> value; // eta[index[k]] (includes row itself: 1/alpha_r)
};

} // namespace

const char* statusName(Status s)
{
    switch (s) {
    case Status::Optimal: return "optimal";
    case Status::Infeasible: return "infeasible";
    case Status::Unbounded: return "unbounded";
    case Status::IterationLimit: return "iteration_limit";
    case Status::TimeLimit: return "time_limit";
    case Status::Cancelled: return "cancelled";
    }
    return "?";
}

std::string LinearProgram::check() const
{
    const auto n = cost.size();
    if (colLower.size() != n || colUpper.size() != n || A.cols() != n)
        return "column dimensions differ";
    if (rowLower.size() != A.rows() || rowUpper.size() != A.rows())
        return "row dimensions differ";
    if (!integer.empty() && static_cast<Eigen::Index>(integer.size()) != n)
        return "integer flags do not match the columns";
    for (Eigen::Index j = 0; j < n; ++j) {
        if (std::isnan(colLower[j]) || std::isnan(colUpper[j]) || colLower[j] > colUpper[j] || colLower[j] == kInf
            || colUpper[j] == -kInf)
            return "column " + std::to_string(j) + " has inconsistent bounds";
        if (!std::isfinite(cost[j]))
            return "column " + std::to_string(j) + " has a non-finite cost";
    }
    for (Eigen::Index i = 0; i < A.rows(); ++i)
        if (std::isnan(rowLower[i]) || std::isnan(rowUpper[i]) || rowLower[i] > rowUpper[i] || rowLower[i] == kInf
            || rowUpper[i] == -kInf)
            return "row " + std::to_string(i) + " has inconsistent bounds";
    for (int k = 0; k < A.outerSize(); ++k)
        for (Eigen::SparseMatrix<double>::InnerIterator it(A, k); it; ++it)
            if (!std::isfinite(it.value()))
                return "the matrix has a non-finite coefficient";
    return {};
}

struct Simplex::Impl
{
    using Clock = std::chrono::steady_clock;

    Options opt;
    int m = 0, n = 0, N = 0;
    Eigen::SparseMatrix<double> A; // scaled, m x n
    Eigen::VectorXd c;              // scaled, size N
    Eigen::VectorXd origCost;       // as given, size n
    Eigen::VectorXd lo, up;         // scaled bounds, size N
    Eigen::VectorXd rowScale, colScale;
    double objScale = 1;
    double offset = 0;

    std::vector<int> head;   // basis position -> variable
    std::vector<int> stat;   // variable -> VarStatus
    std::vector<int> posOf;  // variable -> basis position or -1
    Eigen::VectorXd x;       // values of all variables (scaled)

    Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
    // Small bases (branch and bound's node LPs) use a dense LU: no symbolic analysis per refactor.
    static constexpr int kDenseLimit = 320;
    Eigen::PartialPivLU<Eigen::MatrixXd> denseLu;
    Eigen::MatrixXd denseB;
    std::vector<Eta> etas;
    bool factored = false;
    bool basicsStale = true; // bounds moved: x_B must be recomputed (the factors still hold)
    // The factorization of the basis last handed out by basis(), so that restoring it (strong
    // branching, the sibling of a dive) costs a copy instead of a refactorization.
    struct Snapshot
    {
        std::vector<int> stat, head;
        Eigen::PartialPivLU<Eigen::MatrixXd> lu;
        std::vector<Eta> etas;
        bool valid = false;
    } snapshot;
    long long iterations = 0;
    bool crashed = false;
    int pricingStart = 0; // partial pricing's rotating start

    Eigen::VectorXd work; // scratch, size m

    // ---- setup -------------------------------------------------------------------
    void load(const LinearProgram& lp)
    {
        m = lp.numRows();
        n = lp.numCols();
        N = n + m;
        A = lp.A;
        A.makeCompressed();
        rowScale = Eigen::VectorXd::Ones(m);
        colScale = Eigen::VectorXd::Ones(n);
        computeScaling();
        // A' = R A S
        for (int j = 0; j < n; ++j)
            for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it)
                it.valueRef() *= rowScale[it.row()] * colScale[j];
        origCost = lp.cost;
        c = Eigen::VectorXd::Zero(N);
        double cmax = 0;
        for (int j = 0; j < n; ++j) {
            c[j] = lp.cost[j] * colScale[j];
            cmax = std::max(cmax, std::abs(c[j]));
        }
        objScale = cmax > 0 ? 1.0 / cmax : 1.0;
        c *= objScale;
        offset = lp.objectiveOffset;
        lo.resize(N);
        up.resize(N);
        for (int j = 0; j < n; ++j) {
            lo[j] = lp.colLower[j] / colScale[j];
            up[j] = lp.colUpper[j] / colScale[j];
        }
        for (int i = 0; i < m; ++i) {
            lo[n + i] = lp.rowLower[i] * rowScale[i];
            up[n + i] = lp.rowUpper[i] * rowScale[i];
        }
        slackBasis();
        work.resize(m);
    }

    // Geometric-mean scaling, a few passes, then powers of two so scaling is exact.
    void computeScaling()
    {
        if (A.nonZeros() == 0)
            return;
        Eigen::VectorXd rmin(m), rmax(m);
        for (int pass = 0; pass < 6; ++pass) {
            rmin.setConstant(kInf);
            rmax.setZero();
            for (int j = 0; j < n; ++j)
                for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it) {
                    const double v = std::abs(it.value()) * rowScale[it.row()] * colScale[j];
                    if (v == 0)
                        continue;
                    rmin[it.row()] = std::min(rmin[it.row()], v);
                    rmax[it.row()] = std::max(rmax[it.row()], v);
                }
            for (int i = 0; i < m; ++i)
                if (rmax[i] > 0)
                    rowScale[i] /= std::sqrt(rmin[i] * rmax[i]);
            for (int j = 0; j < n; ++j) {
                double cmin = kInf, cmax = 0;
                for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it) {
                    const double v = std::abs(it.value()) * rowScale[it.row()] * colScale[j];
                    if (v == 0)
                        continue;
                    cmin = std::min(cmin, v);
                    cmax = std::max(cmax, v);
                }
                if (cmax > 0)
                    colScale[j] /= std::sqrt(cmin * cmax);
            }
        }
        auto pow2 = [](double s) { return std::exp2(std::round(std::log2(s))); };
        for (int i = 0; i < m; ++i)
            rowScale[i] = pow2(rowScale[i]);
        for (int j = 0; j < n; ++j)
            colScale[j] = pow2(colScale[j]);
    }

    int nonbasicStatusFor(int j) const
    {
        if (std::isfinite(lo[j]))
            return AtLower;
        if (std::isfinite(up[j]))
            return AtUpper;
        return AtZero;
    }

    double nonbasicValue(int j) const
    {
        switch (stat[j]) {
        case AtLower: return lo[j];
        case AtUpper: return up[j];
        default: return 0;
        }
    }

    void slackBasis()
    {
        head.resize(m);
        stat.assign(N, AtLower);
        posOf.assign(N, -1);
        for (int j = 0; j < n; ++j)
            stat[j] = nonbasicStatusFor(j);
        for (int i = 0; i < m; ++i) {
            head[i] = n + i;
            stat[n + i] = Basic;
            posOf[n + i] = i;
        }
        x = Eigen::VectorXd::Zero(N);
        factored = false;
    }

    // Replaces logicals of equality rows by cheap structural columns while keeping the
    // basis triangular (each chosen column has no entry in rows chosen before it), so the
    // first basis already routes every task somewhere.
    void crash()
    {
        Eigen::SparseMatrix<double, Eigen::RowMajor> rows(A);
        std::vector<char> replaced(m, 0), used(n, 0);
        for (int r = 0; r < m; ++r) {
            if (lo[n + r] != up[n + r])
                continue;
            int best = -1;
            double bestCost = kInf;
            for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(rows, r); it; ++it) {
                const int j = static_cast<int>(it.col());
                if (used[j] || stat[j] != AtLower || lo[j] != 0 || std::abs(it.value()) < 1e-3)
                    continue;
                const double value = lo[n + r] / it.value();
                if (value < 0 || value > up[j])
                    continue;
                bool clash = false;
                for (Eigen::SparseMatrix<double>::InnerIterator jt(A, j); jt; ++jt)
                    if (replaced[jt.row()]) {
                        clash = true;
                        break;
                    }
                if (clash)
                    continue;
                const double score = c[j] * value;
                if (score < bestCost) {
                    bestCost = score;
                    best = j;
                }
            }
            if (best < 0)
                continue;
            replaced[r] = 1;
            used[best] = 1;
            const int logical = n + r;
            const int pos = posOf[logical];
            head[pos] = best;
            posOf[best] = pos;
            posOf[logical] = -1;
            stat[best] = Basic;
            stat[logical] = AtLower; // fixed row: lo == up
        }
        factored = false;
    }

    // ---- linear algebra ---------------------------------------------------------
    bool refactor()
    {
        etas.clear();
        if (m == 0) {
            factored = true;
            return true;
        }
        std::vector<Eigen::Triplet<double>> t;
        t.reserve(static_cast<size_t>(m) * 3);
        for (int i = 0; i < m; ++i) {
            const int j = head[i];
            if (j >= n)
                t.emplace_back(j - n, i, -1.0);
            else
                for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it)
                    t.emplace_back(static_cast<int>(it.row()), i, it.value());
        }
        if (m <= kDenseLimit) {
            denseB.setZero(m, m);
            for (const auto& e : t)
                denseB(e.row(), e.col()) += e.value();
            denseLu.compute(denseB);
            const Eigen::MatrixXd& lu = denseLu.matrixLU();
            double umax = 0, umin = kInf;
            for (int i = 0; i < m; ++i) {
                umax = std::max(umax, std::abs(lu(i, i)));
                umin = std::min(umin, std::abs(lu(i, i)));
            }
            factored = umax > 0 && umin > 1e-11 * umax;
            return factored;
        }
        Eigen::SparseMatrix<double> B(m, m);
        B.setFromTriplets(t.begin(), t.end());
        B.makeCompressed();
        lu.analyzePattern(B);
        lu.factorize(B);
        etas.clear();
        factored = lu.info() == Eigen::Success;
        if (factored) {
            // SparseLU does not always flag a singular matrix: check the diagonal of U.
            if (!std::isfinite(lu.logAbsDeterminant()))
                factored = false;
        }
        return factored;
    }

    void ftran(Eigen::VectorXd& v)
    {
        if (m == 0)
            return;
        if (m <= kDenseLimit)
            v = denseLu.solve(v).eval();
        else
            v = lu.solve(v).eval();
        for (const Eta& e : etas) {
            const double vr = v[e.row];
            if (vr == 0)
                continue;
            v[e.row] = 0;
            for (size_t k = 0; k < e.index.size(); ++k)
                v[e.index[k]] += e.value[k] * vr;
        }
    }

    void btran(Eigen::VectorXd& w)
    {
        for (auto it = etas.rbegin(); it != etas.rend(); ++it) {
            double s = 0;
            for (size_t k = 0; k < it->index.size(); ++k)
                s += it->value[k] * w[it->index[k]];
            w[it->row] = s;
        }
        if (m > kDenseLimit)
            w = lu.transpose().solve(w).eval();
        else if (m > 0)
            w = denseLu.transpose().solve(w).eval();
    }

    void columnOf(int j, Eigen::VectorXd& v) const
    {
        v.setZero(m);
        if (j >= n)
            v[j - n] = -1;
        else
            for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it)
                v[it.row()] = it.value();
    }

    double dotColumn(int j, const Eigen::VectorXd& y) const
    {
        if (j >= n)
            return -y[j - n];
        double s = 0;
        for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it)
            s += it.value() * y[it.row()];
        return s;
    }

    // x_B = -B^{-1} sum_{nonbasic} a_j x_j
    void computeBasics()
    {
        Eigen::VectorXd r = Eigen::VectorXd::Zero(m);
        for (int j = 0; j < N; ++j) {
            if (stat[j] == Basic)
                continue;
            x[j] = nonbasicValue(j);
            if (x[j] == 0)
                continue;
            if (j >= n)
                r[j - n] += x[j];
            else
                for (Eigen::SparseMatrix<double>::InnerIterator it(A, j); it; ++it)
                    r[it.row()] -= it.value() * x[j];
        }
        ftran(r);
        for (int i = 0; i < m; ++i)
            x[head[i]] = r[i];
        basicsStale = false;
    }

    // Refactor; on a singular basis fall back to the slack basis (always nonsingular).
    void refresh()
    {
        if (!refactor()) {
            for (int j = 0; j < N; ++j)
                if (stat[j] == Basic && j < n) {
                    stat[j] = nonbasicStatusFor(j);
                }
            slackBasis();
            refactor();
        }
        computeBasics();
    }

    double infeasibility(int j) const
    {
        const double tol = opt.feasibilityTol;
        if (x[j] < lo[j] - tol)
            return lo[j] - x[j];
        if (x[j] > up[j] + tol)
            return x[j] - up[j];
        return 0;
    }

    // ---- the simplex loop ---------------------------------------------------------
    Status iterate(Clock::time_point start)
    {
        int sinceRefactor = 0;
        int degenerate = 0;
        Eigen::VectorXd y(m), alpha(m), cb(m);
        std::vector<double> d(static_cast<size_t>(N), 0.0);
        int verifyRounds = 0;
        const long long first = iterations;
        while (true) {
            if (iterations - first >= opt.maxIterations)
                return Status::IterationLimit;
            if ((iterations & 63) == 0) {
                if (opt.cancel && opt.cancel->load(std::memory_order_relaxed))
                    return Status::Cancelled;
                if (opt.timeLimitSeconds > 0
                    && std::chrono::duration<double>(Clock::now() - start).count() > opt.timeLimitSeconds)
                    return Status::TimeLimit;
            }
            if (!factored || sinceRefactor >= kRefactorInterval) {
                refresh();
                sinceRefactor = 0;
            } else if (basicsStale) {
                computeBasics();
            }
            // Phase: 1 while any basic variable is out of its bounds.
            bool phase1 = false;
            for (int i = 0; i < m; ++i) {
                const int j = head[i];
                if (x[j] < lo[j] - opt.feasibilityTol) {
                    cb[i] = -1;
                    phase1 = true;
                } else if (x[j] > up[j] + opt.feasibilityTol) {
                    cb[i] = 1;
                    phase1 = true;
                } else {
                    cb[i] = 0;
                }
            }
            if (!phase1)
                for (int i = 0; i < m; ++i)
                    cb[i] = c[head[i]];
            y = cb;
            btran(y);

            // Pricing: Dantzig on the scaled problem; Bland's rule after a run of
            // degenerate steps, which cannot cycle.
            const bool bland = degenerate > 50;
            int q = -1;
            double best = 0;
            const double dtol = opt.optimalityTol;
            auto price = [&](int j) {
                const int s = stat[j];
                if (s == Basic || lo[j] == up[j])
                    return false;
                const double dj = (phase1 ? 0.0 : c[j]) - dotColumn(j, y);
                d[static_cast<size_t>(j)] = dj;
                double score = 0;
                if (s == AtLower && dj < -dtol)
                    score = -dj;
                else if (s == AtUpper && dj > dtol)
                    score = dj;
                else if (s == AtZero && std::abs(dj) > dtol)
                    score = std::abs(dj);
                if (score > best) {
                    best = score;
                    q = j;
                    return true;
                }
                return false;
            };
            if (bland) {
                for (int j = 0; j < N; ++j)
                    if (price(j))
                        break;
            } else {
                // Partial pricing: scan segments from a rotating start and stop after the
                // first segment that offers a candidate; a full sweep without one is optimal.
                const int segment = N > 4000 ? std::max(2000, N / 16) : N;
                int scanned = 0;
                while (scanned < N) {
                    const int len = std::min(segment, N - scanned);
                    for (int k = 0; k < len; ++k) {
                        price(pricingStart);
                        if (++pricingStart == N)
                            pricingStart = 0;
                    }
                    scanned += len;
                    if (q >= 0)
                        break;
                }
            }
            if (q < 0) {
                // Looks optimal (or infeasible in phase 1): confirm on a fresh factorization.
                if (sinceRefactor > 0 && verifyRounds < 1) {
                    ++verifyRounds;
                    if (sinceRefactor > 16)
                        factored = false;
                    else
                        basicsStale = true;
                    continue;
                }
                return phase1 ? Status::Infeasible : Status::Optimal;
            }
            verifyRounds = 0;
            const double dq = d[static_cast<size_t>(q)];
            const double dir = (stat[q] == AtZero) ? (dq < 0 ? 1.0 : -1.0) : (stat[q] == AtLower ? 1.0 : -1.0);
            columnOf(q, alpha);
            ftran(alpha);

            // Ratio test (Harris, two passes: the relaxed bound here, the pivot below).
            // x_B(i) changes at rate -dir*alpha_i. stepToBound: how far the entering step
            // may go before basic variable i passes the bound it moves toward by `slack`
            // (infeasible ones: the bound they become feasible at), and whether that bound
            // is the upper one; infinite when it moves toward no finite bound.
            const double ftol = opt.feasibilityTol;
            const double pivTol = 1e-9;
            auto stepToBound = [&](int i, double slack) -> std::pair<double, bool> {
                const int j = head[i];
                const double rate = -dir * alpha[i];
                if (rate < 0) {
                    if (x[j] > up[j] + ftol)
                        return {(x[j] - up[j] + slack) / -rate, true};
                    if (std::isfinite(lo[j]) && x[j] >= lo[j] - ftol)
                        return {(x[j] - lo[j] + slack) / -rate, false};
                } else {
                    if (x[j] < lo[j] - ftol)
                        return {(lo[j] - x[j] + slack) / rate, false};
                    if (std::isfinite(up[j]) && x[j] <= up[j] + ftol)
                        return {(up[j] - x[j] + slack) / rate, true};
                }
                return {kInf, false};
            };
            double thetaMax = up[q] - lo[q]; // bound flip
            for (int i = 0; i < m; ++i)
                if (std::abs(alpha[i]) >= pivTol)
                    thetaMax = std::min(thetaMax, stepToBound(i, ftol).first);
            if (!std::isfinite(thetaMax)) {
                if (phase1) {
                    // Cannot happen in exact arithmetic; refactor and retry.
                    factored = false;
                    if (++verifyRounds > 3)
                        return Status::Infeasible;
                    continue;
                }
                return Status::Unbounded;
            }
            int r = -1;
            double theta = up[q] - lo[q];
            bool leaveAtUpper = false;
            double bestPivot = 0;
            for (int i = 0; i < m; ++i) {
                const double a = alpha[i];
                if (std::abs(a) < pivTol)
                    continue;
                const int j = head[i];
                const auto [ratio, toUpper] = stepToBound(i, 0.0);
                if (ratio > thetaMax)
                    continue;
                const bool better = bland ? (r < 0 || ratio < theta - 1e-12 || (ratio <= theta + 1e-12 && j < head[r]))
                                          : std::abs(a) > bestPivot;
                if (better) {
                    bestPivot = std::abs(a);
                    r = i;
                    theta = std::max(ratio, 0.0);
                    leaveAtUpper = toUpper;
                }
            }
            ++iterations;
            ++sinceRefactor;
            if (r < 0) {
                // Bound flip of the entering variable.
                const double step = dir * theta;
                x[q] += step;
                for (int i = 0; i < m; ++i)
                    x[head[i]] -= step * alpha[i];
                stat[q] = (stat[q] == AtLower) ? AtUpper : AtLower;
                x[q] = nonbasicValue(q);
                degenerate = 0;
                continue;
            }
            degenerate = theta < 1e-12 ? degenerate + 1 : 0;
            const double step = dir * theta;
            for (int i = 0; i < m; ++i)
                x[head[i]] -= step * alpha[i];
            x[q] += step;
            const int leaving = head[r];
            stat[leaving] = leaveAtUpper ? AtUpper : AtLower;
            if (stat[leaving] == AtLower && !std::isfinite(lo[leaving]))
                stat[leaving] = std::isfinite(up[leaving]) ? AtUpper : AtZero;
            if (stat[leaving] == AtUpper && !std::isfinite(up[leaving]))
                stat[leaving] = std::isfinite(lo[leaving]) ? AtLower : AtZero;
            x[leaving] = nonbasicValue(leaving);
            posOf[leaving] = -1;
            head[r] = q;
            posOf[q] = r;
            stat[q] = Basic;
            // Product-form update.
            Eta e;
            e.row = r;
            const double ar = alpha[r];
            for (int i = 0; i < m; ++i) {
                if (i == r) {
                    e.index.push_back(i);
                    e.value.push_back(1.0 / ar);
                } else if (alpha[i] != 0) {
                    e.index.push_back(i);
                    e.value.push_back(-alpha[i] / ar);
                }
            }
            etas.push_back(std::move(e));
        }
    }

    Result run()
    {
        const auto start = Clock::now();
        Result res;
        if (!crashed) {
            crashed = true;
            crash();
        }
        const long long before = iterations;
        Status s = iterate(start);
        res.status = s;
        res.iterations = iterations - before;
        // Final values on a fresh factorization.
        if (!factored)
            refresh();
        else
            computeBasics();
        Eigen::VectorXd cb(m), y(m);
        for (int i = 0; i < m; ++i)
            cb[i] = c[head[i]];
        y = cb;
        btran(y);
        res.x.resize(n);
        res.reducedCosts.resize(n);
        KahanSum obj;
        obj.add(offset);
        for (int j = 0; j < n; ++j) {
            res.x[j] = x[j] * colScale[j];
            res.reducedCosts[j] = (c[j] - dotColumn(j, y)) / colScale[j] / objScale;
            obj.add(origCost[j] * res.x[j]);
        }
        res.rowDuals.resize(m);
        for (int i = 0; i < m; ++i)
            res.rowDuals[i] = (stat[n + i] == Basic) ? 0.0 : y[i] * rowScale[i] / objScale;
        res.objective = obj.value();
        return res;
    }
};

Simplex::Simplex(const LinearProgram& lp, const Options& options)
    : m_impl(new Impl)
{
    m_impl->opt = options;
    m_impl->load(lp);
}

Simplex::~Simplex() { delete m_impl; }

void Simplex::setColumnBounds(int col, double lower, double upper)
{
    Impl& s = *m_impl;
    s.lo[col] = lower / s.colScale[col];
    s.up[col] = upper / s.colScale[col];
    if (s.stat[col] != Basic) {
        s.stat[col] = s.nonbasicStatusFor(col);
        s.x[col] = s.nonbasicValue(col);
    }
    s.crashed = true; // a warm start: keep the basis
    s.basicsStale = true;
}

double Simplex::columnLower(int col) const { return m_impl->lo[col] * m_impl->colScale[col]; }
double Simplex::columnUpper(int col) const { return m_impl->up[col] * m_impl->colScale[col]; }

Simplex::Basis Simplex::basis() const
{
    Impl& s = *m_impl;
    if (s.factored && s.m > 0 && s.m <= Impl::kDenseLimit) {
        s.snapshot.stat = s.stat;
        s.snapshot.head = s.head;
        s.snapshot.lu = s.denseLu;
        s.snapshot.etas = s.etas;
        s.snapshot.valid = true;
    }
    return Basis{s.stat};
}

void Simplex::setBasis(const Basis& basis)
{
    Impl& s = *m_impl;
    if (static_cast<int>(basis.status.size()) != s.N)
        return;
    int basics = 0;
    for (int v : basis.status)
        basics += v == Basic;
    if (basics != s.m)
        return;
    if (s.snapshot.valid && s.snapshot.stat == basis.status) {
        s.stat = s.snapshot.stat;
        s.head = s.snapshot.head;
        s.posOf.assign(s.N, -1);
        for (int i = 0; i < s.m; ++i)
            s.posOf[s.head[i]] = i;
        s.denseLu = s.snapshot.lu;
        s.etas = s.snapshot.etas;
        s.factored = true;
        s.basicsStale = true;
        s.crashed = true;
        for (int j = 0; j < s.N; ++j)
            if (s.stat[j] != Basic) {
                s.stat[j] = (s.stat[j] == AtLower && std::isfinite(s.lo[j])) || (s.stat[j] == AtUpper && std::isfinite(s.up[j]))
                    ? s.stat[j]
                    : s.nonbasicStatusFor(j);
                s.x[j] = s.nonbasicValue(j);
            }
        return;
    }
    s.stat = basis.status;
    s.posOf.assign(s.N, -1);
    int pos = 0;
    for (int j = 0; j < s.N; ++j) {
        if (s.stat[j] == Basic) {
            s.head[pos] = j;
            s.posOf[j] = pos++;
        } else {
            // The bounds may have changed since the basis was taken.
            if ((s.stat[j] == AtLower && !std::isfinite(s.lo[j])) || (s.stat[j] == AtUpper && !std::isfinite(s.up[j]))
                || (s.stat[j] == AtZero && (std::isfinite(s.lo[j]) || std::isfinite(s.up[j]))))
                s.stat[j] = s.nonbasicStatusFor(j);
        }
    }
    s.crashed = true;
    s.factored = false;
}

Result Simplex::solve()
{
    Impl& s = *m_impl;
    Result r = s.run();
    return r;
}

Result solve(const LinearProgram& lp, const Options& options)
{
    Result r;
    if (const std::string problem = lp.check(); !problem.empty()) {
        r.status = Status::Infeasible;
        return r;
    }
    Simplex simplex(lp, options);
    r = simplex.solve();
    return r;
}

} // namespace finops::lp
