#include "routing.h"

#include "kahansum.h"
#include "mip.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace finops {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string sanitize(const std::string& s)
{
    std::string out;
    for (char c : s)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') ? c : '_';
    return out;
}

} // namespace

const char* routingStatusName(RoutingStatus s)
{
    switch (s) {
    case RoutingStatus::Optimal: return "optimal";
    case RoutingStatus::Infeasible: return "infeasible";
    case RoutingStatus::Unbounded: return "unbounded";
    case RoutingStatus::TimeLimit: return "time_limit";
    case RoutingStatus::Cancelled: return "cancelled";
    }
    return "?";
}

RoutingModelLp buildRoutingLp(const RoutingProblem& problem, bool integral, std::optional<double> qualityFloor,
                              std::optional<double> budgetOverride)
{
    RoutingModelLp out;
    const int T = static_cast<int>(problem.tasks.size()), M = static_cast<int>(problem.models.size());
    const std::optional<double> budget = budgetOverride ? budgetOverride : problem.constraints.budgetUsd;
    out.maximiseQuality = budget.has_value();

    // Providers, in first-seen order.
    std::vector<std::string> providers;
    std::map<std::string, int> providerIndex;
    for (const RoutingModel& m : problem.models)
        if (providerIndex.emplace(m.provider, static_cast<int>(providers.size())).second)
            providers.push_back(m.provider);
    const bool shares = problem.constraints.maxProviderShare.has_value() || !problem.constraints.minProviderShare.empty();
    const bool needTotals = shares || budget.has_value();

    double totalRequests = 0;
    for (const RoutingTask& t : problem.tasks)
        totalRequests += t.monthlyRequests;

    std::vector<double> cost, lower, upper;
    std::vector<bool> integer;
    std::vector<std::string> colNames;
    std::vector<Eigen::Triplet<double>> terms;
    std::vector<double> rowLower, rowUpper;
    std::vector<std::string> rowNames;
    auto addRow = [&](const std::string& name, double lo, double hi) {
        rowNames.push_back(name);
        rowLower.push_back(lo);
        rowUpper.push_back(hi);
        return static_cast<int>(rowNames.size()) - 1;
    };

    std::vector<int> taskRow(T), capacityRow(M, -1), spendRow(providers.size(), -1);
    for (int t = 0; t < T; ++t)
        taskRow[t] = addRow("task:" + problem.tasks[t].id, 1, 1);
    for (int m = 0; m < M; ++m)
        if (problem.models[m].capacity)
            capacityRow[m] = addRow("capacity:" + problem.models[m].id, -kInf, *problem.models[m].capacity);
    if (needTotals)
        for (size_t p = 0; p < providers.size(); ++p)
            spendRow[p] = addRow("", 0, 0); // definition: sum cost x - spend_p = 0

    for (int t = 0; t < T; ++t) {
        std::vector<int> cols;
        for (int m = 0; m < M; ++m) {
            if (!problem.pairAllowed(t, m, qualityFloor))
                continue;
            const int col = static_cast<int>(cost.size());
            const double c = problem.pairCostUsd(t, m);
            if (out.maximiseQuality) {
                const double w = totalRequests > 0 ? problem.tasks[t].monthlyRequests / totalRequests : 1.0 / T;
                cost.push_back(-w * problem.pairQuality(t, m).value_or(0.0));
            } else {
                cost.push_back(c);
            }
            lower.push_back(0);
            upper.push_back(1);
            integer.push_back(integral);
            colNames.push_back("x_" + sanitize(problem.tasks[t].id) + "_" + sanitize(problem.models[m].id));
            out.columnPair.emplace_back(t, m);
            terms.emplace_back(taskRow[t], col, 1.0);
            if (capacityRow[m] >= 0)
                terms.emplace_back(capacityRow[m], col, problem.pairLoad(t, m));
            if (needTotals && c != 0)
                terms.emplace_back(spendRow[providerIndex[problem.models[m].provider]], col, c);
            cols.push_back(col);
        }
        // Presolve: a task with one allowed model is fixed on it.
        if (cols.size() == 1)
            lower[cols[0]] = 1;
    }
    if (needTotals) {
        const int totalRow = addRow("", 0, 0); // sum spend_p - total = 0
        std::vector<int> spendCol(providers.size());
        for (size_t p = 0; p < providers.size(); ++p) {
            spendCol[p] = static_cast<int>(cost.size());
            cost.push_back(0);
            lower.push_back(0);
            upper.push_back(kInf);
            integer.push_back(false);
            colNames.push_back("spend_" + sanitize(providers[p]));
            out.columnPair.emplace_back(-1, -1);
            terms.emplace_back(spendRow[p], spendCol[p], -1.0);
            terms.emplace_back(totalRow, spendCol[p], 1.0);
        }
        const int totalCol = static_cast<int>(cost.size());
        cost.push_back(0);
        lower.push_back(0);
        upper.push_back(kInf);
        integer.push_back(false);
        colNames.push_back("total");
        out.columnPair.emplace_back(-1, -1);
        terms.emplace_back(totalRow, totalCol, -1.0);
        for (size_t p = 0; p < providers.size(); ++p) {
            if (const auto s = problem.constraints.maxProviderShare) {
                const int r = addRow("max_provider_share:" + providers[p], -kInf, 0);
                terms.emplace_back(r, spendCol[p], 1.0);
                terms.emplace_back(r, totalCol, -*s);
            }
            if (auto it = problem.constraints.minProviderShare.find(providers[p]);
                it != problem.constraints.minProviderShare.end()) {
                const int r = addRow("min_provider_share:" + providers[p], 0, kInf);
                terms.emplace_back(r, spendCol[p], 1.0);
                terms.emplace_back(r, totalCol, -it->second);
            }
        }
        if (budget) {
            const int r = addRow("budget", -kInf, *budget);
            terms.emplace_back(r, totalCol, 1.0);
        }
    }

    lp::LinearProgram& lp = out.lp;
    const int n = static_cast<int>(cost.size()), rows = static_cast<int>(rowNames.size());
    lp.cost = Eigen::Map<Eigen::VectorXd>(cost.data(), n);
    lp.colLower = Eigen::Map<Eigen::VectorXd>(lower.data(), n);
    lp.colUpper = Eigen::Map<Eigen::VectorXd>(upper.data(), n);
    lp.rowLower = Eigen::Map<Eigen::VectorXd>(rowLower.data(), rows);
    lp.rowUpper = Eigen::Map<Eigen::VectorXd>(rowUpper.data(), rows);
    lp.A.resize(rows, n);
    lp.A.setFromTriplets(terms.begin(), terms.end());
    lp.integer = integer;
    lp.colNames = colNames;
    lp.rowNames = rowNames;
    out.rowConstraint = rowNames;
    return out;
}

namespace {

struct Solved
{
    lp::Status status = lp::Status::Infeasible;
    Eigen::VectorXd x;
    Eigen::VectorXd rowDuals;
    double gap = 0;
    long long nodes = 0;
};

Solved solveModel(const RoutingModelLp& model, bool integral, const RoutingOptions& options)
{
    Solved s;
    bool anyInteger = false;
    for (bool b : model.lp.integer)
        anyInteger = anyInteger || b;
    if (integral && anyInteger) {
        lp::MipOptions mo;
        mo.relativeGap = options.relativeGap;
        mo.timeLimitSeconds = options.timeLimitSeconds;
        mo.cancel = options.cancel;
        mo.progress = options.progress;
        const lp::MipResult r = lp::solveMip(model.lp, mo);
        s.status = r.status;
        s.nodes = r.nodes;
        if (r.hasSolution) {
            s.x = r.x;
            s.gap = r.status == lp::Status::Optimal ? 0.0 : r.gap;
            if (r.status != lp::Status::Optimal)
                s.status = lp::Status::TimeLimit;
        }
        if (!r.hasSolution && r.status == lp::Status::TimeLimit)
            s.status = lp::Status::TimeLimit;
    } else {
        lp::Options lo;
        lo.cancel = options.cancel;
        lo.timeLimitSeconds = options.timeLimitSeconds;
        const lp::Result r = lp::solve(model.lp, lo);
        s.status = r.status == lp::Status::IterationLimit ? lp::Status::TimeLimit : r.status;
        s.x = r.x;
        s.rowDuals = r.rowDuals;
        s.nodes = 1;
        if (options.progress)
            options.progress(1.0);
    }
    return s;
}

RoutingStatus toRouting(lp::Status s)
{
    switch (s) {
    case lp::Status::Optimal: return RoutingStatus::Optimal;
    case lp::Status::Infeasible: return RoutingStatus::Infeasible;
    case lp::Status::Unbounded: return RoutingStatus::Unbounded;
    case lp::Status::Cancelled: return RoutingStatus::Cancelled;
    default: return RoutingStatus::TimeLimit;
    }
}

// Which constraints make the problem infeasible: a deletion filter over the named limits
// (capacity, provider shares, budget). Starting from all of them, a limit is dropped when the
// problem stays infeasible without it; what is left is an irreducible infeasible set: every
// limit in it is needed for the conflict (with the tasks' demand, always enforced).
std::vector<std::string> explainInfeasible(const RoutingProblem& problem, bool integral, const RoutingOptions& options)
{
    const RoutingModelLp base = buildRoutingLp(problem, integral);
    std::vector<int> limits;
    for (int r = 0; r < base.lp.numRows(); ++r) {
        const std::string& name = base.rowConstraint[r];
        if (!name.empty() && name.rfind("task:", 0) != 0)
            limits.push_back(r);
    }
    RoutingOptions quiet = options;
    quiet.progress = nullptr;
    if (integral && quiet.timeLimitSeconds <= 0)
        quiet.timeLimitSeconds = 10;
    std::vector<char> enforced(base.lp.numRows(), 1);
    auto infeasibleWith = [&](const std::vector<char>& on) {
        RoutingModelLp m = base;
        for (int r : limits)
            if (!on[r]) {
                m.lp.rowLower[r] = -kInf;
                m.lp.rowUpper[r] = kInf;
            }
        return solveModel(m, integral, quiet).status == lp::Status::Infeasible;
    };
    std::vector<std::string> causes;
    if (limits.size() <= 200) {
        // Without any limit at all, only the integrality or the demand itself can conflict.
        std::vector<char> none = enforced;
        for (int r : limits)
            none[r] = 0;
        if (!limits.empty() && infeasibleWith(none)) {
            causes.push_back(integral ? "integral (no single-model assignment exists)" : "task demand");
            return causes;
        }
        for (int r : limits) {
            if (options.cancel && options.cancel->load())
                break;
            enforced[r] = 0;
            if (!infeasibleWith(enforced))
                enforced[r] = 1; // needed for the conflict
        }
        for (int r : limits)
            if (enforced[r])
                causes.push_back(base.rowConstraint[r]);
    }
    if (causes.empty())
        causes.push_back(integral ? "integral (no single-model assignment fits the limits; a split would)"
                                  : "the limits together (too many to isolate)");
    return causes;
}

} // namespace

RoutingResult solveRouting(const RoutingProblem& problem, const RoutingOptions& options)
{
    const auto start = std::chrono::steady_clock::now();
    problem.validate();
    RoutingResult res;
    const bool integral = options.integral.value_or(problem.constraints.integral);
    res.integral = integral;
    const RoutingModelLp model = buildRoutingLp(problem, integral);
    const Solved s = solveModel(model, integral, options);
    res.status = toRouting(s.status);
    res.nodes = s.nodes;
    res.mipGap = s.gap;
    const bool haveX = s.x.size() == model.lp.numCols()
        && (s.status == lp::Status::Optimal || s.status == lp::Status::TimeLimit);
    if (haveX) {
        KahanSum total, quality;
        double totalRequests = 0;
        for (const RoutingTask& t : problem.tasks)
            totalRequests += t.monthlyRequests;
        bool qualityKnown = true;
        for (int col = 0; col < model.lp.numCols(); ++col) {
            const auto [t, m] = model.columnPair[col];
            if (t < 0)
                continue;
            double share = std::clamp(s.x[col], 0.0, 1.0);
            if (integral)
                share = std::round(share);
            if (share <= 1e-9)
                continue;
            const double c = share * problem.pairCostUsd(t, m);
            res.assignments.push_back({problem.tasks[t].id, problem.models[m].id, share, c});
            total.add(c);
            const auto q = problem.pairQuality(t, m);
            if (!q)
                qualityKnown = false;
            else
                quality.add(share * *q * (totalRequests > 0 ? problem.tasks[t].monthlyRequests / totalRequests : 0));
        }
        res.objectiveUsd = total.value();
        if (qualityKnown)
            res.weightedQuality = quality.value();
    }
    // Shadow prices: LP duals of the binding named constraints (not the task rows).
    if (!integral && s.status == lp::Status::Optimal && s.rowDuals.size() == model.lp.numRows()) {
        const double sign = model.maximiseQuality ? -1.0 : 1.0; // budget mode: quality gained per unit
        for (int r = 0; r < model.lp.numRows(); ++r) {
            const std::string& name = model.rowConstraint[r];
            if (name.empty() || name.rfind("task:", 0) == 0)
                continue;
            double dual = s.rowDuals[r] * sign;
            if (name.rfind("max_provider_share:", 0) == 0 || name.rfind("min_provider_share:", 0) == 0)
                dual *= res.objectiveUsd; // per 1.0 of share: the row's right-hand side moves by share * total
            // Binding when moving the limit by its own size would change the cost (capacity
            // duals are per token, tiny numbers on large limits).
            const double limit = std::isfinite(model.lp.rowUpper[r]) ? model.lp.rowUpper[r] : model.lp.rowLower[r];
            if (std::abs(dual) * std::max(1.0, std::abs(limit)) > 1e-9 * std::max(1.0, std::abs(res.objectiveUsd)))
                res.shadowPrices.push_back({name, dual});
        }
    }
    if (res.status == RoutingStatus::Infeasible)
        res.infeasibleConstraints = explainInfeasible(problem, integral, options);

    // Current cost: every task on its current model.
    {
        KahanSum current;
        bool all = true;
        for (size_t t = 0; t < problem.tasks.size() && all; ++t) {
            const auto& cm = problem.tasks[t].currentModel;
            const int m = cm ? problem.modelIndex(*cm) : -1;
            if (m < 0)
                all = false;
            else
                current.add(problem.pairCostUsd(static_cast<int>(t), m));
        }
        if (all)
            res.currentCostUsd = current.value();
    }

    // Pareto frontier: minimum cost at each quality floor (the budget, if any, is dropped).
    if (options.paretoPoints > 1) {
        double qmin = kInf, qmax = -kInf;
        for (size_t t = 0; t < problem.tasks.size(); ++t)
            for (size_t m = 0; m < problem.models.size(); ++m)
                if (const auto q = problem.pairQuality(static_cast<int>(t), static_cast<int>(m))) {
                    qmin = std::min(qmin, *q);
                    qmax = std::max(qmax, *q);
                }
        if (!std::isfinite(qmin)) {
            qmin = 0;
            qmax = 1;
        }
        RoutingProblem costOnly = problem;
        costOnly.constraints.budgetUsd.reset();
        RoutingOptions sweep = options;
        sweep.progress = nullptr;
        for (int k = 0; k < options.paretoPoints; ++k) {
            if (options.cancel && options.cancel->load())
                break;
            const double floor = qmin + (qmax - qmin) * k / (options.paretoPoints - 1);
            ParetoPoint pt{floor, std::nullopt};
            bool everyTask = true;
            for (size_t t = 0; t < costOnly.tasks.size() && everyTask; ++t) {
                bool any = false;
                for (size_t m = 0; m < costOnly.models.size() && !any; ++m)
                    any = costOnly.pairAllowed(static_cast<int>(t), static_cast<int>(m), floor);
                everyTask = any;
            }
            if (everyTask) {
                const RoutingModelLp pm = buildRoutingLp(costOnly, integral, floor);
                const Solved ps = solveModel(pm, integral, sweep);
                if (ps.status == lp::Status::Optimal || (ps.status == lp::Status::TimeLimit && ps.x.size() > 0)) {
                    KahanSum c;
                    for (int col = 0; col < pm.lp.numCols(); ++col)
                        if (pm.columnPair[col].first >= 0)
                            c.add(std::clamp(ps.x[col], 0.0, 1.0)
                                  * costOnly.pairCostUsd(pm.columnPair[col].first, pm.columnPair[col].second));
                    pt.costUsd = c.value();
                }
            }
            res.pareto.push_back(pt);
        }
    }
    res.solveSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return res;
}

} // namespace finops
