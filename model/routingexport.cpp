#include "routingexport.h"

#include "csvreader.h"
#include "fileio.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace finops {

namespace {

std::string num(double v, const char* fmt = "%.10g")
{
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

// Integer weights summing to 100 with every entry >= 1 (largest remainder), so an alias's
// traffic split survives LiteLLM's integer weights.
std::vector<int> integerWeights(const std::vector<double>& shares)
{
    const int n = static_cast<int>(shares.size());
    std::vector<int> w(n, 1);
    if (n == 0)
        return w;
    double total = 0;
    for (double s : shares)
        total += s;
    const int budget = std::max(100, n);
    std::vector<std::pair<double, int>> rem;
    int used = 0;
    for (int i = 0; i < n; ++i) {
        const double exact = total > 0 ? shares[i] / total * budget : double(budget) / n;
        w[i] = std::max(1, static_cast<int>(std::floor(exact)));
        used += w[i];
        rem.emplace_back(exact - std::floor(exact), i);
    }
    std::sort(rem.begin(), rem.end(), std::greater<>());
    for (size_t k = 0; used < budget && k < rem.size(); ++k, ++used)
        ++w[rem[k].second];
    // Over budget (many tiny shares lifted to 1): take from the largest.
    while (used > budget) {
        auto it = std::max_element(w.begin(), w.end());
        if (*it <= 1)
            break;
        --*it;
        --used;
    }
    return w;
}

} // namespace

std::string routingToJson(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows)
{
    nlohmann::ordered_json j;
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    double total = 0;
    for (const RoutingExportRow& r : rows) {
        const int m = problem.modelIndex(r.model);
        a.push_back({{"task", r.task},
                     {"model", r.model},
                     {"provider", m >= 0 ? problem.models[m].provider : ""},
                     {"litellm_model", m >= 0 ? problem.models[m].litellmName() : r.model},
                     {"share", r.share},
                     {"monthly_cost_usd", r.monthlyCostUsd}});
        total += r.monthlyCostUsd;
    }
    j["assignments"] = a;
    j["total_monthly_cost_usd"] = total;
    return j.dump(2) + "\n";
}

std::string routingToCsv(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows)
{
    std::ostringstream out;
    out << "task,model,provider,share,monthly_cost_usd\r\n";
    for (const RoutingExportRow& r : rows) {
        const int m = problem.modelIndex(r.model);
        out << csvField(r.task) << ',' << csvField(r.model) << ',' << csvField(m >= 0 ? problem.models[m].provider : "")
            << ',' << num(r.share) << ',' << num(r.monthlyCostUsd, "%.2f") << "\r\n";
    }
    return out.str();
}

std::string routingToLitellmYaml(const RoutingProblem& problem, const std::vector<RoutingExportRow>& rows)
{
    // Rows per task, in the problem's task order.
    std::map<std::string, std::vector<const RoutingExportRow*>> byTask;
    for (const RoutingExportRow& r : rows)
        if (r.share > 1e-9)
            byTask[r.task].push_back(&r);

    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "model_list" << YAML::Value << YAML::BeginSeq;
    std::vector<std::pair<std::string, std::string>> fallbacks; // alias -> fallback alias
    for (int t = 0; t < static_cast<int>(problem.tasks.size()); ++t) {
        const std::string& task = problem.tasks[t].id;
        const auto it = byTask.find(task);
        if (it == byTask.end())
            continue;
        std::vector<double> shares;
        for (const RoutingExportRow* r : it->second)
            shares.push_back(r->share);
        const std::vector<int> weights = integerWeights(shares);
        for (size_t k = 0; k < it->second.size(); ++k) {
            const RoutingExportRow& r = *it->second[k];
            const int m = problem.modelIndex(r.model);
            out << YAML::BeginMap;
            out << YAML::Key << "model_name" << YAML::Value << task;
            out << YAML::Key << "litellm_params" << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "model" << YAML::Value << (m >= 0 ? problem.models[m].litellmName() : r.model);
            out << YAML::Key << "weight" << YAML::Value << weights[k];
            out << YAML::EndMap;
            out << YAML::EndMap;
        }
        // Fallback: the cheapest allowed model for the task that is not in its split.
        int fallback = -1;
        double cheapest = 0;
        for (int m = 0; m < static_cast<int>(problem.models.size()); ++m) {
            if (!problem.pairAllowed(t, m))
                continue;
            bool inSplit = false;
            for (const RoutingExportRow* r : it->second)
                inSplit = inSplit || r->model == problem.models[m].id;
            if (inSplit)
                continue;
            const double c = problem.pairCostUsd(t, m);
            if (fallback < 0 || c < cheapest) {
                fallback = m;
                cheapest = c;
            }
        }
        if (fallback >= 0) {
            const std::string alias = task + "-fallback";
            out << YAML::BeginMap;
            out << YAML::Key << "model_name" << YAML::Value << alias;
            out << YAML::Key << "litellm_params" << YAML::Value << YAML::BeginMap;
            out << YAML::Key << "model" << YAML::Value << problem.models[fallback].litellmName();
            out << YAML::Key << "weight" << YAML::Value << 1;
            out << YAML::EndMap;
            out << YAML::EndMap;
            fallbacks.emplace_back(task, alias);
        }
    }
    out << YAML::EndSeq;
    out << YAML::Key << "router_settings" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "routing_strategy" << YAML::Value << "simple-shuffle";
    out << YAML::Key << "fallbacks" << YAML::Value << YAML::BeginSeq;
    for (const auto& [alias, fb] : fallbacks) {
        out << YAML::BeginMap << YAML::Key << alias << YAML::Value << YAML::Flow << YAML::BeginSeq << fb << YAML::EndSeq
            << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string("# LiteLLM proxy config written by FinOps Planner (finops-cli route --export litellm).\n"
                       "# One model_name alias per task class; weights are the optimal traffic split.\n")
        + out.c_str() + "\n";
}

void writeRoutingExport(const std::string& path, const std::string& text)
{
    writeFileAtomically(path, text);
}

} // namespace finops
