#pragma once

#include "routingproblem.h"
#include "scenario.h"
#include "scenariodata.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// The routing behind a scenario's optimised plan (model/scenario.h, ScenarioRouting):
// a solved assignment stored with the scenario, else its routing problem solved, else the
// task classes of its baseline usage solved with its constraints. Pure: reads only the
// scenario and its loaded data.

enum class ScenarioRoutingSource
{
    None,             // nothing to route: no assignment, no problem, no tagged usage
    StoredAssignment, // scenario.routing.assignment, as solved
    StoredProblem,    // scenario.routing.problem, solved now
    FromUsage,        // the task classes of the baseline usage, solved now
};
const char* toString(ScenarioRoutingSource source); // "none", "assignment", "problem", "usage"

// One row of the plan: a share of a task's monthly traffic on a model.
struct PlannedRoute
{
    std::string task;
    std::string model;
    std::string provider; // empty when the stored assignment does not say
    double share = 0;     // 0..1
    double monthlyCostUsd = 0;
};

struct ScenarioRoutingPlan
{
    ScenarioRoutingSource source = ScenarioRoutingSource::None;
    // "optimal", "time_limit", "infeasible", "unbounded" (a solve), the stored assignment's own
    // status, or "" when there is nothing to route.
    std::string status;
    std::vector<PlannedRoute> routes; // empty unless the plan has an answer
    std::vector<std::string> tasks;   // the task ids the routes cover, in order
    double objectiveUsd = 0;          // sum of the routes' monthly cost
    std::optional<double> weightedQuality;
    // The covered tasks' monthly cost today as the solved problem prices it (each task on its
    // current model at the candidate's price), when every task has one; else the stored
    // assignment's "current_cost_usd".
    std::optional<double> currentCostUsd;
    // True when the covered tasks are values of scenario.routing.taskTag in the baseline
    // usage: their usage is then replaced by the routes and everything else stays as it is.
    bool matchesUsage = false;
    struct Floor
    {
        std::string task;
        double minQuality = 0;
        std::string why;   // "gpt-4o today", "the scenario's floor"
        std::string model; // the model whose quality it keeps; empty for the scenario's floor
    };
    std::vector<Floor> floors;                      // FromUsage: each covered task's quality floor
    std::vector<std::string> leftOut;               // "task 'x': why it keeps its routing"
    std::vector<std::string> infeasibleConstraints; // when status is "infeasible"
    std::optional<RoutingProblem> problem;          // the problem solved (StoredProblem, FromUsage)
    std::vector<std::string> qualityModels; // candidate ids whose sourced quality the plan used
};

// `baselineMonths`: the length of the baseline period in months (usage -> monthly volumes).
// A malformed stored problem throws InputError (field "routing.problem...").
// `cancel` (may be null), once true, stops a solve: status "cancelled", no routes.
ScenarioRoutingPlan planScenarioRouting(const Scenario& scenario, const ScenarioData& data,
                                        double baselineMonths,
                                        const std::atomic<bool>* cancel = nullptr);

// The plan as a stored assignment ("Solve and store" on the Scenarios page): the keys of
// `finops-cli route --json` that the evaluation reads back — "status", "objective_usd",
// "assignments" [{"task","model","provider","share","monthly_cost_usd"}],
// "current_cost_usd", "weighted_quality" — plus "task_tag" and "solved_from".
nlohmann::json toAssignmentJson(const ScenarioRoutingPlan& plan, const std::string& taskTag);

} // namespace finops
