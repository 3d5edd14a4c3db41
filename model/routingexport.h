#pragma once

#include "routingproblem.h"

#include <string>
#include <vector>

namespace finops {

// One row of a routing assignment, as exported (the planner's RoutingAssignment has the
// same fields; kept here so model/ does not depend on planner/).
struct RoutingExportRow
{
    std::string task;
    std::string model;
    double share = 0;
    double monthlyCostUsd = 0;
};

// JSON: {"assignments":[{"task","model","provider","litellm_model","share","monthly_cost_usd"}], "total_monthly_cost_usd"}
std::string routingToJson(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows);
// CSV: header task,model,provider,share,monthly_cost_usd; RFC 4180 quoting.
std::string routingToCsv(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows);
// LiteLLM proxy config (YAML, written with yaml-cpp): model_list with one model_name alias
// per task class and one entry per model with a non-zero share, litellm_params.model and an
// integer litellm_params.weight proportional to the share (weights of an alias sum to 100,
// each >= 1); router_settings.routing_strategy: simple-shuffle and router_settings.fallbacks
// [{task: [next cheapest allowed models' aliases]}] — each fallback is a model_name of its own
// ("<task>-fallback-<n>") pointing at an allowed model not in the primary split.
std::string routingToLitellmYaml(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows);

// Writes `text` to `path` atomically (temporary file + rename); throws std::runtime_error.
void writeRoutingExport(const std::string& path, const std::string& text);

} // namespace finops
