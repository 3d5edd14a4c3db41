#include "glpsolrun.h"
#include "lp.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace finops;
using namespace finops::lp;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Builds an LP from dense rows (small hand cases).
LinearProgram makeLp(std::vector<double> cost, std::vector<std::vector<double>> rows, std::vector<double> rowLower,
                     std::vector<double> rowUpper, std::vector<double> colLower, std::vector<double> colUpper)
{
    LinearProgram lp;
    const int n = static_cast<int>(cost.size()), m = static_cast<int>(rows.size());
    lp.cost = Eigen::Map<Eigen::VectorXd>(cost.data(), n);
    lp.colLower = Eigen::Map<Eigen::VectorXd>(colLower.data(), n);
    lp.colUpper = Eigen::Map<Eigen::VectorXd>(colUpper.data(), n);
    lp.rowLower = Eigen::Map<Eigen::VectorXd>(rowLower.data(), m);
    lp.rowUpper = Eigen::Map<Eigen::VectorXd>(rowUpper.data(), m);
    std::vector<Eigen::Triplet<double>> t;
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
            if (rows[i][j] != 0)
                t.emplace_back(i, j, rows[i][j]);
    lp.A.resize(m, n);
    lp.A.setFromTriplets(t.begin(), t.end());
    return lp;
}

// A random sparse LP with every kind of row and column bound. Some come out infeasible,
// some unbounded (free or unbounded-above columns with negative cost).
LinearProgram randomLp(std::mt19937& rng, int m, int n)
{
    std::uniform_int_distribution<int> coef(-6, 9), kind(0, 9), costD(-5, 20);
    std::uniform_real_distribution<double> u(0, 1);
    LinearProgram lp;
    lp.cost.resize(n);
    lp.colLower.resize(n);
    lp.colUpper.resize(n);
    for (int j = 0; j < n; ++j) {
        lp.cost[j] = costD(rng);
        const int k = kind(rng);
        lp.colLower[j] = k == 0 ? -kInf : (k == 1 ? -3.0 : 0.0);
        lp.colUpper[j] = k < 5 ? kInf : (k == 5 ? lp.colLower[j] == 0 ? 0.0 : 2.0 : 4.0 + k);
        if (lp.colUpper[j] < lp.colLower[j])
            lp.colUpper[j] = lp.colLower[j];
    }
    std::vector<Eigen::Triplet<double>> t;
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
            if (u(rng) < 0.35) {
                const int c = coef(rng);
                if (c != 0)
                    t.emplace_back(i, j, c + 0.25 * (c % 3));
            }
    lp.A.resize(m, n);
    lp.A.setFromTriplets(t.begin(), t.end());
    lp.rowLower.resize(m);
    lp.rowUpper.resize(m);
    for (int i = 0; i < m; ++i) {
        const double rhs = std::uniform_int_distribution<int>(-5, 40)(rng);
        switch (kind(rng) % 4) {
        case 0: lp.rowLower[i] = -kInf; lp.rowUpper[i] = rhs; break;
        case 1: lp.rowLower[i] = rhs; lp.rowUpper[i] = kInf; break;
        case 2: lp.rowLower[i] = rhs; lp.rowUpper[i] = rhs; break;
        default: lp.rowLower[i] = rhs - 7; lp.rowUpper[i] = rhs; break;
        }
    }
    return lp;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-7 * std::max(1.0, std::abs(b)); }

} // namespace

class TestLp : public QObject
{
    Q_OBJECT

private slots:
    void handCases_data();
    void handCases();
    void degenerate();
    void duals();
    void solutionIsFeasibleVertex();
    void randomAgainstGlpsol();
};

void TestLp::handCases_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("status");
    QTest::addColumn<double>("objective");
    QTest::newRow("min x+y, x+y>=2, x-y<=1") << 0 << "optimal" << 2.0;
    QTest::newRow("infeasible: x+y>=5 and x+y<=3") << 1 << "infeasible" << 0.0;
    QTest::newRow("unbounded: min -x, x-y>=1, y free") << 2 << "unbounded" << 0.0;
    QTest::newRow("Chvatal 2.1: max 5x1+4x2+3x3") << 3 << "optimal" << -13.0;
    QTest::newRow("bounds only: min -x, 0<=x<=7") << 4 << "optimal" << -7.0;
    QTest::newRow("equality with free column") << 5 << "optimal" << 3.0;
}

void TestLp::handCases()
{
    QFETCH(int, which);
    QFETCH(QString, status);
    QFETCH(double, objective);
    LinearProgram lp;
    switch (which) {
    case 0: lp = makeLp({1, 1}, {{1, 1}, {1, -1}}, {2, -kInf}, {kInf, 1}, {0, 0}, {kInf, kInf}); break;
    case 1: lp = makeLp({1, 1}, {{1, 1}, {1, 1}}, {5, -kInf}, {kInf, 3}, {0, -kInf}, {kInf, kInf}); break;
    case 2: lp = makeLp({-1, 1}, {{1, -1}}, {1}, {kInf}, {0, -kInf}, {kInf, kInf}); break;
    // Chvatal, Linear Programming (1983), p. 14: max 5x1+4x2+3x3 s.t. 2x1+3x2+x3<=5,
    // 4x1+x2+2x3<=11, 3x1+4x2+2x3<=8: optimum 13 at (2,0,1).
    case 3: lp = makeLp({-5, -4, -3}, {{2, 3, 1}, {4, 1, 2}, {3, 4, 2}}, {-kInf, -kInf, -kInf}, {5, 11, 8}, {0, 0, 0},
                        {kInf, kInf, kInf}); break;
    case 4: lp = makeLp({-1}, {}, {}, {}, {0}, {7}); break;
    default: lp = makeLp({1, 2}, {{1, 1}}, {3}, {3}, {-kInf, 0}, {kInf, kInf}); break;
    }
    const Result r = solve(lp);
    QCOMPARE(QString(statusName(r.status)), status);
    if (r.status == Status::Optimal)
        QVERIFY2(close(r.objective, objective), qPrintable(QString::number(r.objective, 'g', 17)));
}

// Many ties at the optimum (a degenerate vertex): the simplex must not cycle.
void TestLp::degenerate()
{
    // Beale's cycling example (cycles under the textbook rule without anti-cycling):
    // min -3/4 x4 + 20 x5 - 1/2 x6 + 6 x7: optimum -5/4 at x4 = x6 = 1 (row 2 tight, 1/2 - 1/2 = 0).
    LinearProgram lp = makeLp({-0.75, 20, -0.5, 6},
                              {{0.25, -8, -1, 9}, {0.5, -12, -0.5, 3}, {0, 0, 1, 0}},
                              {-kInf, -kInf, -kInf}, {0, 0, 1}, {0, 0, 0, 0}, {kInf, kInf, kInf, kInf});
    const Result r = solve(lp);
    QCOMPARE(r.status, Status::Optimal);
    QVERIFY2(close(r.objective, -1.25), qPrintable(QString::number(r.objective, 'g', 17)));
}

void TestLp::duals()
{
    // min 2x + 3y s.t. x + y >= 4 (binding), x <= 3 (binding): x=3, y=1, cost 9.
    // One more unit of demand costs 3 (y's price); one more unit of x's cap saves 1.
    LinearProgram lp = makeLp({2, 3}, {{1, 1}, {1, 0}}, {4, -kInf}, {kInf, 3}, {0, 0}, {kInf, kInf});
    const Result r = solve(lp);
    QCOMPARE(r.status, Status::Optimal);
    QVERIFY(close(r.objective, 9));
    QVERIFY2(close(r.rowDuals[0], 3), qPrintable(QString::number(r.rowDuals[0])));
    QVERIFY2(close(r.rowDuals[1], -1), qPrintable(QString::number(r.rowDuals[1])));
    QVERIFY(std::abs(r.reducedCosts[0]) < 1e-9 && std::abs(r.reducedCosts[1]) < 1e-9);
}

void TestLp::solutionIsFeasibleVertex()
{
    std::mt19937 rng(7);
    int checked = 0;
    for (int k = 0; k < 40; ++k) {
        LinearProgram lp = randomLp(rng, 8, 12);
        const Result r = solve(lp);
        if (r.status != Status::Optimal)
            continue;
        ++checked;
        const Eigen::VectorXd act = lp.A * r.x;
        for (int i = 0; i < lp.numRows(); ++i) {
            QVERIFY(act[i] >= lp.rowLower[i] - 1e-7);
            QVERIFY(act[i] <= lp.rowUpper[i] + 1e-7);
        }
        for (int j = 0; j < lp.numCols(); ++j)
            QVERIFY(r.x[j] >= lp.colLower[j] - 1e-9 && r.x[j] <= lp.colUpper[j] + 1e-9);
        QVERIFY(close(lp.cost.dot(r.x), r.objective));
    }
    QVERIFY(checked > 5);
}

// Random LPs of every shape against GLPK: same status, objectives within relative 1e-7.
void TestLp::randomAgainstGlpsol()
{
    if (!testing::hasGlpsol())
        QSKIP("glpsol (glpk-utils) is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::mt19937 rng(20261201);
    int optimal = 0, infeasible = 0, unbounded = 0;
    for (int k = 0; k < 60; ++k) {
        const int m = 3 + k % 17, n = 4 + (k * 7) % 23;
        LinearProgram lp = randomLp(rng, m, n);
        const Result ours = solve(lp);
        const lp::GlpsolReport ref = testing::runGlpsol(lp, dir.path().toStdString(), "lp" + std::to_string(k));
        QVERIFY2(ref.known, qPrintable("glpsol status unknown: " + QString::fromStdString(ref.statusText)));
        QVERIFY2(ours.status == ref.status,
                 qPrintable(QString("instance %1: ours %2, glpsol %3").arg(k).arg(statusName(ours.status),
                                                                               QString::fromStdString(ref.statusText))));
        if (ref.status == Status::Optimal) {
            QVERIFY(ref.objective.has_value());
            QVERIFY2(close(ours.objective, *ref.objective),
                     qPrintable(QString("instance %1: ours %2, glpsol %3")
                                    .arg(k)
                                    .arg(ours.objective, 0, 'g', 17)
                                    .arg(*ref.objective, 0, 'g', 17)));
        }
        optimal += ref.status == Status::Optimal;
        infeasible += ref.status == Status::Infeasible;
        unbounded += ref.status == Status::Unbounded;
    }
    qInfo("random LPs: %d optimal, %d infeasible, %d unbounded", optimal, infeasible, unbounded);
    QVERIFY(optimal >= 10 && infeasible >= 3 && unbounded >= 3);
}

QTEST_GUILESS_MAIN(TestLp)
#include "test_lp.moc"
