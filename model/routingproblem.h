#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// The routing problem, file format v1 (issue 6): which model each task class should go to.
// x[t][m] is the share of task t's monthly traffic sent to model m.
// Units: prices USD per million tokens; token counts per request; `monthly_requests` a month;
// `capacity` and `load` in tokens a month (input + output); latency in ms; quality 0..1.
struct RoutingTask
{
    std::string id;
    double monthlyRequests = 0;
    double inputTokens = 0;       // per request, cached included
    double outputTokens = 0;      // per request
    double cachedInputShare = 0;  // share of input tokens read from the cache, 0..1
    std::optional<double> minQuality;
    std::optional<double> maxLatencyMs;
    std::vector<std::string> regions; // empty: any region
    // Not in the v1 format's required set: the model the task runs on today (from usage),
    // so that current and optimal monthly cost can be compared. Written back when set.
    std::optional<std::string> currentModel;

    double monthlyTokens() const { return monthlyRequests * (inputTokens + outputTokens); }
};

struct RoutingModel
{
    std::string id;
    std::string provider;
    double inputUsdPerMtok = 0;
    double outputUsdPerMtok = 0;
    std::optional<double> cachedInputUsdPerMtok; // absent: cached input at the input price
    std::optional<double> defaultQuality;        // quality.default
    std::map<std::string, double> qualityByTask; // quality.<task id>
    std::optional<double> latencyMs;
    std::optional<std::string> region;
    std::optional<double> capacity; // tokens a month; absent: unlimited
    // Optional: the model's name for LiteLLM ("openai/gpt-4.1"); default provider/id.
    std::optional<std::string> litellmModel;

    std::string litellmName() const { return litellmModel ? *litellmModel : provider + "/" + id; }
};

struct RoutingPair
{
    std::string task;
    std::string model;
    std::optional<double> costUsd; // monthly cost of all of the task's traffic on the model
    std::optional<double> load;    // tokens a month the whole task puts on the model's capacity
    std::optional<double> quality;
    std::optional<bool> allowed;
};

struct RoutingConstraints
{
    std::optional<double> maxProviderShare;           // of total spend, 0..1
    std::map<std::string, double> minProviderShare;   // provider -> share of total spend, 0..1
    std::optional<double> budgetUsd;                  // set: maximise traffic-weighted quality within it
    bool integral = false;                            // each task on exactly one model
};

// Why a pair is not allowed (RoutingProblem::pairStatus).
enum class PairVerdict { Allowed, ExplicitlyDisallowed, QualityTooLow, QualityUnknown, TooSlow, LatencyUnknown,
                         RegionNotAllowed, RegionUnknown };
const char* pairVerdictText(PairVerdict v);

struct RoutingProblem
{
    int version = 1;
    std::vector<RoutingTask> tasks;
    std::vector<RoutingModel> models;
    std::vector<RoutingPair> pairs;
    RoutingConstraints constraints;

    // Parses a v1 problem. Throws InputError naming file:line:field for malformed JSON,
    // missing fields, unknown ids, duplicate ids, negative numbers, shares outside 0..1 and
    // a task with no allowed model (validate()).
    static RoutingProblem fromJson(std::string_view text, const std::string& fileName);
    static RoutingProblem load(const std::string& path); // reads the file, then fromJson
    nlohmann::ordered_json toJson() const;

    // The same checks fromJson makes, for a problem built in code (the GUI, --from-usage).
    // Throws InputError with `fileName` and line 0, field like "tasks[2].monthly_requests".
    void validate(const std::string& fileName = "problem") const;

    int taskIndex(const std::string& id) const;  // -1 when absent
    int modelIndex(const std::string& id) const; // -1 when absent
    const RoutingPair* pair(int task, int model) const; // nullptr when no pairs entry

    // Semantics of a pair (issue 6). Cost: the task's monthly volume priced on the model
    // (cached share at the cached price) unless pairs gives cost_usd. Load: the task's monthly
    // tokens unless pairs gives load. Quality: pairs.quality, else quality[task], else
    // quality.default, else unknown.
    double pairCostUsd(int task, int model) const;
    double pairLoad(int task, int model) const;
    std::optional<double> pairQuality(int task, int model) const;
    // Allowed when quality >= min_quality (effective floor max(task's, qualityFloor)),
    // latency <= max_latency_ms, region in the task's regions and `allowed` not false.
    // Unknown is never compliant. `qualityFloor` is the Pareto sweep's global floor.
    PairVerdict pairStatus(int task, int model, std::optional<double> qualityFloor = std::nullopt) const;
    bool pairAllowed(int task, int model, std::optional<double> qualityFloor = std::nullopt) const
    {
        return pairStatus(task, model, qualityFloor) == PairVerdict::Allowed;
    }
};

} // namespace finops
