#include "scenariorouting.h"

#include "blend.h"
#include "inputerror.h"
#include "modelquality.h"
#include "routing.h"
#include "routingfromusage.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace finops {

namespace {

// A MIP of a few dozen task classes solves in milliseconds; the limit only guards a
// scenario with a hard problem stored in it (the GUI evaluates on its own thread of
// control: a stopped MIP still gives its best assignment, status "time_limit").
constexpr double kTimeLimitSeconds = 2;

std::string qualityText(double q)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", q);
    return buf;
}

void fillFromResult(ScenarioRoutingPlan& plan, const RoutingProblem& problem,
                    const RoutingResult& r)
{
    plan.status = routingStatusName(r.status);
    plan.infeasibleConstraints = r.infeasibleConstraints;
    if (r.status != RoutingStatus::Optimal && r.status != RoutingStatus::TimeLimit)
        return;
    for (const RoutingAssignment& a : r.assignments) {
        const int m = problem.modelIndex(a.model);
        plan.routes.push_back(
            {a.task, a.model,
             m >= 0 ? problem.models[static_cast<std::size_t>(m)].provider : std::string(), a.share,
             a.monthlyCostUsd});
    }
    plan.objectiveUsd = r.objectiveUsd;
    plan.weightedQuality = r.weightedQuality;
    plan.currentCostUsd = r.currentCostUsd;
    for (const RoutingTask& t : problem.tasks)
        plan.tasks.push_back(t.id);
}

void readStoredAssignment(ScenarioRoutingPlan& plan, const nlohmann::json& a)
{
    plan.status = a.contains("status") && a["status"].is_string() ? a["status"].get<std::string>()
                                                                  : std::string("stored");
    std::set<std::string> seen;
    for (const nlohmann::json& row : a["assignments"]) {
        if (!row.is_object())
            continue;
        PlannedRoute r;
        r.task = row.value("task", std::string());
        r.model = row.value("model", std::string());
        r.provider = row.contains("provider") && row["provider"].is_string()
                         ? row["provider"].get<std::string>()
                         : std::string();
        r.share =
            row.contains("share") && row["share"].is_number() ? row["share"].get<double>() : 0.0;
        r.monthlyCostUsd = row.contains("monthly_cost_usd") && row["monthly_cost_usd"].is_number()
                               ? row["monthly_cost_usd"].get<double>()
                               : 0.0;
        if (r.task.empty() || r.model.empty())
            continue;
        if (seen.insert(r.task).second)
            plan.tasks.push_back(r.task);
        plan.objectiveUsd += r.monthlyCostUsd;
        plan.routes.push_back(std::move(r));
    }
    if (a.contains("current_cost_usd") && a["current_cost_usd"].is_number())
        plan.currentCostUsd = a["current_cost_usd"].get<double>();
    if (a.contains("weighted_quality") && a["weighted_quality"].is_number())
        plan.weightedQuality = a["weighted_quality"].get<double>();
}

void planFromUsage(ScenarioRoutingPlan& plan, const Scenario& scenario, const ScenarioData& data,
                   const std::atomic<bool>* cancel, double baselineMonths)
{
    const ScenarioRouting& sr = scenario.routing;
    if (data.taskRows.empty()) {
        plan.leftOut.push_back("no usage in the baseline carries the tag '" + sr.taskTag +
                               "': every model stays where it is");
        return;
    }
    const std::vector<ModelQuality>& table = bundledQuality();
    const std::vector<RoutingCandidate> candidates =
        routingCandidates(data.catalog.offersAt(data.catalogAsOf), qualityByName(table));
    RoutingFromUsageOptions options;
    options.months = baselineMonths;
    options.catalog = &data.catalog;
    options.day = data.catalogAsOf;
    SpendInputs spend;
    spend.tagged = data.taskRows;
    RoutingProblem problem;
    try {
        problem = routingProblemFromUsage(spend, candidates, options);
    } catch (const InputError& e) {
        plan.leftOut.push_back(e.reason());
        return;
    }

    // Quality floors: the scenario's, else each task's model of today. A task no candidate
    // serves at its floor keeps its routing of today.
    std::vector<RoutingTask> kept;
    for (RoutingTask t : problem.tasks) {
        std::string why, model;
        if (sr.minQuality) {
            t.minQuality = *sr.minQuality;
            why = "the scenario's floor";
        } else if (!t.currentModel) {
            plan.leftOut.push_back("task '" + t.id +
                                   "': its model today is not in the price catalog, so there is "
                                   "no quality to keep");
            continue;
        } else {
            const RoutingModel& m =
                problem.models[static_cast<std::size_t>(problem.modelIndex(*t.currentModel))];
            if (!m.defaultQuality) {
                plan.leftOut.push_back("task '" + t.id + "': its model today (" + m.id +
                                       ") has no sourced quality figure");
                continue;
            }
            t.minQuality = *m.defaultQuality;
            why = m.id + " today";
            model = m.id;
        }
        // Candidates carry one default quality each and no latency or region: a floor is
        // met when some candidate's quality reaches it.
        const bool served =
            std::any_of(problem.models.begin(), problem.models.end(), [&](const RoutingModel& m) {
                return m.defaultQuality && *m.defaultQuality >= *t.minQuality;
            });
        if (!served) {
            plan.leftOut.push_back("task '" + t.id + "': no candidate model reaches quality " +
                                   qualityText(*t.minQuality));
            continue;
        }
        plan.floors.push_back({t.id, *t.minQuality, why, model});
        kept.push_back(std::move(t));
    }
    problem.tasks = std::move(kept);
    if (problem.tasks.empty())
        return;
    problem.constraints.maxProviderShare = sr.maxProviderShare;
    problem.constraints.integral = sr.integral;

    RoutingOptions solve;
    solve.timeLimitSeconds = kTimeLimitSeconds;
    solve.cancel = cancel;
    const RoutingResult r = solveRouting(problem, solve);
    fillFromResult(plan, problem, r);
    plan.matchesUsage = true;
    // The models whose sourced quality the plan rests on: the floors' and the routes'.
    std::set<std::string> used;
    for (const ScenarioRoutingPlan::Floor& f : plan.floors)
        if (!f.model.empty() && used.insert(f.model).second)
            plan.qualityModels.push_back(f.model);
    for (const PlannedRoute& route : plan.routes) {
        const int m = problem.modelIndex(route.model);
        if (m >= 0 && problem.models[static_cast<std::size_t>(m)].defaultQuality &&
            used.insert(route.model).second)
            plan.qualityModels.push_back(route.model);
    }
    plan.problem = std::move(problem);
}

} // namespace

const char* toString(ScenarioRoutingSource source)
{
    switch (source) {
    case ScenarioRoutingSource::None:
        return "none";
    case ScenarioRoutingSource::StoredAssignment:
        return "assignment";
    case ScenarioRoutingSource::StoredProblem:
        return "problem";
    case ScenarioRoutingSource::FromUsage:
        return "usage";
    }
    return "none";
}

ScenarioRoutingPlan planScenarioRouting(const Scenario& scenario, const ScenarioData& data,
                                        double baselineMonths, const std::atomic<bool>* cancel)
{
    ScenarioRoutingPlan plan;
    const ScenarioRouting& sr = scenario.routing;
    if (sr.assignment.is_object() && sr.assignment.contains("assignments") &&
        sr.assignment["assignments"].is_array() && !sr.assignment["assignments"].empty()) {
        plan.source = ScenarioRoutingSource::StoredAssignment;
        readStoredAssignment(plan, sr.assignment);
    } else if (sr.problem.is_object()) {
        plan.source = ScenarioRoutingSource::StoredProblem;
        RoutingProblem problem;
        try {
            problem = RoutingProblem::fromJson(sr.problem.dump(), "routing.problem");
        } catch (const InputError& e) {
            throw InputError("", 0, "routing.problem." + e.field(), e.reason());
        }
        RoutingOptions solve;
        solve.timeLimitSeconds = kTimeLimitSeconds;
        solve.cancel = cancel;
        fillFromResult(plan, problem, solveRouting(problem, solve));
        plan.problem = std::move(problem);
    } else if (baselineMonths > 0) {
        plan.source = ScenarioRoutingSource::FromUsage;
        planFromUsage(plan, scenario, data, cancel, baselineMonths);
    }
    // Do the covered tasks name task classes of the usage? Then their usage is what the
    // routes replace.
    if (!plan.matchesUsage && !plan.routes.empty()) {
        std::set<std::string> values;
        for (const PricedUsageRow& r : data.taskRows)
            values.insert(r.tagValue);
        plan.matchesUsage = std::all_of(plan.tasks.begin(), plan.tasks.end(),
                                        [&](const std::string& t) { return values.count(t) > 0; });
    }
    return plan;
}

nlohmann::json toAssignmentJson(const ScenarioRoutingPlan& plan, const std::string& taskTag)
{
    nlohmann::json j;
    j["status"] = plan.status;
    j["objective_usd"] = plan.objectiveUsd;
    nlohmann::json rows = nlohmann::json::array();
    for (const PlannedRoute& r : plan.routes)
        rows.push_back({{"task", r.task},
                        {"model", r.model},
                        {"provider", r.provider},
                        {"share", r.share},
                        {"monthly_cost_usd", r.monthlyCostUsd}});
    j["assignments"] = std::move(rows);
    j["current_cost_usd"] =
        plan.currentCostUsd ? nlohmann::json(*plan.currentCostUsd) : nlohmann::json(nullptr);
    j["weighted_quality"] =
        plan.weightedQuality ? nlohmann::json(*plan.weightedQuality) : nlohmann::json(nullptr);
    j["task_tag"] = taskTag;
    j["solved_from"] = toString(plan.source);
    return j;
}

} // namespace finops
