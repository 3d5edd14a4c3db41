#pragma once

#include "lp.h"
#include "routingproblem.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// The routing optimizer (issue 6): builds the LP/MIP of a RoutingProblem and solves it.
// Minimise total monthly cost sum_tm cost[t][m] x[t][m] subject to
//   task:<t>                 sum_m x[t][m] = 1
//   capacity:<m>             sum_t load[t][m] x[t][m] <= capacity[m]
//   max_provider_share:<p>   spend_p - s * total <= 0       (spend_p: cost on p's models)
//   min_provider_share:<p>   spend_p - s_p * total >= 0
//   budget                   total <= budget_usd            (budget mode only)
// With budget_usd set the objective is to maximise traffic-weighted quality,
// sum_tm requests[t] * quality[t][m] * x[t][m] / sum_t requests[t] (unknown quality: 0).
// Only allowed pairs get a column (presolve). integral: x binary.

enum class RoutingStatus { Optimal, Infeasible, Unbounded, TimeLimit, Cancelled };
const char* routingStatusName(RoutingStatus s); // "optimal", "infeasible", "unbounded", "time_limit", "cancelled"

struct RoutingOptions
{
    std::optional<bool> integral;  // overrides constraints.integral (--integral)
    int paretoPoints = 0;          // > 1: sweep the quality floor (or the budget) in that many steps
    double timeLimitSeconds = 0;   // MIP only; 0: none
    double relativeGap = 1e-9;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double)> progress; // 0..1, from the solving thread
};

struct RoutingAssignment
{
    std::string task;
    std::string model;
    double share = 0;          // 0..1 of the task's traffic
    double monthlyCostUsd = 0; // share * pair cost
};

// "One more unit of X saves $Y a month": usdPerUnit is d(total cost)/d(right-hand side),
// negative when loosening the constraint saves money. Units: capacity per token a month,
// provider shares per 1.0 of share, the budget per USD (quality per USD in budget mode).
struct ShadowPrice
{
    std::string constraint; // "capacity:deepseek-v3.2", "max_provider_share:openai", "min_provider_share:anthropic", "budget", "task:support-triage"
    double usdPerUnit = 0;
};

struct ParetoPoint
{
    double minQuality = 0;          // the quality floor (budget mode: the budget, in USD)
    std::optional<double> costUsd;  // nullopt: infeasible at this floor (budget mode: the quality reached)
};

struct RoutingResult
{
    RoutingStatus status = RoutingStatus::Infeasible;
    double objectiveUsd = 0;              // total monthly cost of the assignment
    std::optional<double> weightedQuality; // traffic-weighted quality of the assignment
    double mipGap = 0;                    // proven relative gap (0 for an LP or a proven optimum)
    bool integral = false;
    std::vector<RoutingAssignment> assignments; // share > 1e-9, in task then model order
    std::vector<ShadowPrice> shadowPrices;      // binding constraints only (|dual| > 1e-9); LP only
    std::vector<ParetoPoint> pareto;
    // When infeasible: the constraint groups that cause it ("capacity:x", "max_provider_share",
    // "min_provider_share:anthropic", "budget", "task:<id> has no allowed model at this floor").
    std::vector<std::string> infeasibleConstraints;
    std::optional<double> currentCostUsd; // all tasks on their currentModel, when every task has one
    long long nodes = 0;
    double solveSeconds = 0;
};

// Builds the LP/MIP (columns named x_<task>_<model> sanitised, rows named as ShadowPrice).
// `qualityFloor` raises every task's min_quality (Pareto sweep); `budgetOverride` replaces budget_usd.
struct RoutingModelLp
{
    lp::LinearProgram lp;
    std::vector<std::pair<int, int>> columnPair; // column -> (task, model)
    std::vector<std::string> rowConstraint;      // row -> human constraint name
    bool maximiseQuality = false;                // lp minimises -quality (objective is negated)
};
RoutingModelLp buildRoutingLp(const RoutingProblem& problem, bool integral,
                              std::optional<double> qualityFloor = std::nullopt,
                              std::optional<double> budgetOverride = std::nullopt);

// Solves, and when infeasible finds the constraint groups responsible (elastic re-solve).
// A valid problem never throws; a problem that fails validate() throws InputError.
RoutingResult solveRouting(const RoutingProblem& problem, const RoutingOptions& options = {});

} // namespace finops
