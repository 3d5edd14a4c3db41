#include "routingproblem.h"

#include "fileio.h"
#include "inputerror.h"
#include "jsondocument.h"

#include <cmath>
#include <set>

namespace finops {

const char* pairVerdictText(PairVerdict v)
{
    switch (v) {
    case PairVerdict::Allowed: return "allowed";
    case PairVerdict::ExplicitlyDisallowed: return "disallowed in pairs";
    case PairVerdict::QualityTooLow: return "quality below min_quality";
    case PairVerdict::QualityUnknown: return "no quality for the task (min_quality set)";
    case PairVerdict::TooSlow: return "latency above max_latency_ms";
    case PairVerdict::LatencyUnknown: return "no latency (max_latency_ms set)";
    case PairVerdict::RegionNotAllowed: return "region not in the task's regions";
    case PairVerdict::RegionUnknown: return "no region (the task restricts regions)";
    }
    return "?";
}

namespace {

std::string at(const char* array, size_t i) { return std::string(array) + "[" + std::to_string(i) + "]."; }

double share(const JsonFields& f, const std::string& key, double value)
{
    if (value > 1)
        f.fail(key, "must be a share from 0 to 1");
    return value;
}

} // namespace

RoutingProblem RoutingProblem::fromJson(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    const nlohmann::json& root = doc.root();
    if (!root.is_object())
        doc.fail("", "", "expected a JSON object (routing problem v1)");
    JsonFields top(doc, root, "");
    RoutingProblem p;
    if (const auto v = top.number("version")) {
        if (*v != 1)
            top.fail("version", "unsupported version (this reader knows 1)");
    } else {
        top.fail("version", "missing (required; 1)");
    }
    auto array = [&](const char* key) -> const nlohmann::json& {
        const nlohmann::json* a = top.find(key);
        if (!a)
            top.fail(key, "missing (required)");
        if (!a->is_array())
            top.fail(key, "expected an array");
        return *a;
    };
    // Tasks.
    const nlohmann::json& tasks = array("tasks");
    if (tasks.empty())
        top.fail("tasks", "must list at least one task");
    for (size_t i = 0; i < tasks.size(); ++i) {
        const std::string ptr = "/tasks/" + std::to_string(i);
        if (!tasks[i].is_object())
            doc.fail(ptr, "tasks[" + std::to_string(i) + "]", "expected an object");
        JsonFields f(doc, tasks[i], ptr, at("tasks", i));
        RoutingTask t;
        const auto id = f.string("id");
        if (!id || id->empty())
            f.fail("id", "missing (required)");
        t.id = *id;
        t.monthlyRequests = f.requiredNonNegative("monthly_requests");
        t.inputTokens = f.requiredNonNegative("input_tokens");
        t.outputTokens = f.requiredNonNegative("output_tokens");
        if (const auto c = f.nonNegative("cached_input_share"))
            t.cachedInputShare = share(f, "cached_input_share", *c);
        if (const auto q = f.nonNegative("min_quality"))
            t.minQuality = share(f, "min_quality", *q);
        t.maxLatencyMs = f.nonNegative("max_latency_ms");
        if (const nlohmann::json* r = f.find("regions")) {
            if (!r->is_array())
                f.fail("regions", "expected an array of region names");
            for (const auto& e : *r) {
                if (!e.is_string())
                    f.fail("regions", "expected an array of region names");
                t.regions.push_back(e.get<std::string>());
            }
        }
        t.currentModel = f.string("current_model");
        p.tasks.push_back(std::move(t));
    }
    // Models.
    const nlohmann::json& models = array("models");
    if (models.empty())
        top.fail("models", "must list at least one model");
    for (size_t i = 0; i < models.size(); ++i) {
        const std::string ptr = "/models/" + std::to_string(i);
        if (!models[i].is_object())
            doc.fail(ptr, "models[" + std::to_string(i) + "]", "expected an object");
        JsonFields f(doc, models[i], ptr, at("models", i));
        RoutingModel m;
        const auto id = f.string("id");
        if (!id || id->empty())
            f.fail("id", "missing (required)");
        m.id = *id;
        const auto provider = f.string("provider");
        if (!provider || provider->empty())
            f.fail("provider", "missing (required)");
        m.provider = *provider;
        m.inputUsdPerMtok = f.requiredNonNegative("input_usd_per_mtok");
        m.outputUsdPerMtok = f.requiredNonNegative("output_usd_per_mtok");
        m.cachedInputUsdPerMtok = f.nonNegative("cached_input_usd_per_mtok");
        if (const nlohmann::json* q = f.find("quality")) {
            if (q->is_number()) {
                m.defaultQuality = share(f, "quality", f.nonNegative("quality").value());
            } else if (q->is_object()) {
                JsonFields qf(doc, *q, ptr + "/quality", at("models", i) + "quality.");
                for (auto it = q->begin(); it != q->end(); ++it) {
                    const auto raw = qf.nonNegative(it.key());
                    if (!raw)
                        qf.fail(it.key(), "expected a number from 0 to 1");
                    const double v = share(qf, it.key(), *raw);
                    if (it.key() == "default")
                        m.defaultQuality = v;
                    else
                        m.qualityByTask[it.key()] = v;
                }
            } else {
                f.fail("quality", "expected a number or an object {\"default\": q, \"<task>\": q}");
            }
        }
        m.latencyMs = f.nonNegative("latency_ms");
        m.region = f.string("region");
        m.capacity = f.nonNegative("capacity");
        m.litellmModel = f.string("litellm_model");
        p.models.push_back(std::move(m));
    }
    // Pairs (optional).
    if (top.find("pairs")) {
        const nlohmann::json& pairs = array("pairs");
        for (size_t i = 0; i < pairs.size(); ++i) {
            const std::string ptr = "/pairs/" + std::to_string(i);
            if (!pairs[i].is_object())
                doc.fail(ptr, "pairs[" + std::to_string(i) + "]", "expected an object");
            JsonFields f(doc, pairs[i], ptr, at("pairs", i));
            RoutingPair pr;
            const auto task = f.string("task");
            const auto model = f.string("model");
            if (!task)
                f.fail("task", "missing (required)");
            if (!model)
                f.fail("model", "missing (required)");
            pr.task = *task;
            pr.model = *model;
            pr.costUsd = f.nonNegative("cost_usd");
            pr.load = f.nonNegative("load");
            if (const auto q = f.nonNegative("quality"))
                pr.quality = share(f, "quality", *q);
            pr.allowed = f.boolean("allowed");
            p.pairs.push_back(std::move(pr));
        }
    }
    // Constraints (optional).
    if (const nlohmann::json* c = top.find("constraints")) {
        if (!c->is_object())
            top.fail("constraints", "expected an object");
        JsonFields f(doc, *c, "/constraints", "constraints.");
        if (const auto s = f.nonNegative("max_provider_share"))
            p.constraints.maxProviderShare = share(f, "max_provider_share", *s);
        if (const nlohmann::json* mins = f.find("min_provider_share")) {
            if (!mins->is_object())
                f.fail("min_provider_share", "expected an object {\"provider\": share}");
            JsonFields mf(doc, *mins, "/constraints/min_provider_share", "constraints.min_provider_share.");
            for (auto it = mins->begin(); it != mins->end(); ++it) {
                const auto v = mf.nonNegative(it.key());
                if (!v)
                    mf.fail(it.key(), "expected a share from 0 to 1");
                p.constraints.minProviderShare[it.key()] = share(mf, it.key(), *v);
            }
        }
        p.constraints.budgetUsd = f.nonNegative("budget_usd");
        p.constraints.integral = f.boolean("integral").value_or(false);
    }

    // Cross-checks, reported at the line of the offending member.
    auto failAt = [&](const std::string& ptr, const std::string& field, const std::string& msg) {
        doc.fail(ptr, field, msg);
    };
    std::set<std::string> seen;
    for (size_t i = 0; i < p.tasks.size(); ++i)
        if (!seen.insert(p.tasks[i].id).second)
            failAt("/tasks/" + std::to_string(i) + "/id", at("tasks", i) + "id", "duplicate task id '" + p.tasks[i].id + "'");
    seen.clear();
    for (size_t i = 0; i < p.models.size(); ++i)
        if (!seen.insert(p.models[i].id).second)
            failAt("/models/" + std::to_string(i) + "/id", at("models", i) + "id",
                   "duplicate model id '" + p.models[i].id + "'");
    for (size_t i = 0; i < p.models.size(); ++i)
        for (const auto& [task, q] : p.models[i].qualityByTask) {
            (void)q;
            if (p.taskIndex(task) < 0)
                failAt("/models/" + std::to_string(i) + "/quality/" + task, at("models", i) + "quality." + task,
                       "unknown task id '" + task + "'");
        }
    std::set<std::pair<std::string, std::string>> pairSeen;
    for (size_t i = 0; i < p.pairs.size(); ++i) {
        const std::string ptr = "/pairs/" + std::to_string(i);
        if (p.taskIndex(p.pairs[i].task) < 0)
            failAt(ptr + "/task", at("pairs", i) + "task", "unknown task id '" + p.pairs[i].task + "'");
        if (p.modelIndex(p.pairs[i].model) < 0)
            failAt(ptr + "/model", at("pairs", i) + "model", "unknown model id '" + p.pairs[i].model + "'");
        if (!pairSeen.insert({p.pairs[i].task, p.pairs[i].model}).second)
            failAt(ptr, "pairs[" + std::to_string(i) + "]", "duplicate pair for the same task and model");
    }
    for (size_t i = 0; i < p.tasks.size(); ++i)
        if (p.tasks[i].currentModel && p.modelIndex(*p.tasks[i].currentModel) < 0)
            failAt("/tasks/" + std::to_string(i) + "/current_model", at("tasks", i) + "current_model",
                   "unknown model id '" + *p.tasks[i].currentModel + "'");
    std::set<std::string> providers;
    for (const RoutingModel& m : p.models)
        providers.insert(m.provider);
    for (const auto& [prov, s] : p.constraints.minProviderShare) {
        (void)s;
        if (!providers.count(prov))
            failAt("/constraints/min_provider_share/" + prov, "constraints.min_provider_share." + prov,
                   "unknown provider '" + prov + "' (no model has it)");
    }
    for (size_t t = 0; t < p.tasks.size(); ++t) {
        bool any = false;
        for (size_t m = 0; m < p.models.size() && !any; ++m)
            any = p.pairAllowed(static_cast<int>(t), static_cast<int>(m));
        if (!any)
            failAt("/tasks/" + std::to_string(t), at("tasks", t) + "id",
                   "task '" + p.tasks[t].id + "' has no allowed model (quality, latency, region or pairs.allowed rule out every model)");
    }
    return p;
}

RoutingProblem RoutingProblem::load(const std::string& path)
{
    return fromJson(readWholeFile(path), path);
}

void RoutingProblem::validate(const std::string& fileName) const
{
    // Round-trip through the parser: one set of rules for files and for problems built in code.
    const std::string text = toJson().dump();
    try {
        (void)fromJson(text, fileName);
    } catch (const InputError& e) {
        throw InputError(fileName, 0, e.field(), e.reason());
    }
}

nlohmann::ordered_json RoutingProblem::toJson() const
{
    nlohmann::ordered_json j;
    j["version"] = 1;
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
    nlohmann::ordered_json ts = nlohmann::ordered_json::array();
    for (const RoutingTask& t : tasks) {
        nlohmann::ordered_json o;
        o["id"] = t.id;
        o["monthly_requests"] = t.monthlyRequests;
        o["input_tokens"] = t.inputTokens;
        o["output_tokens"] = t.outputTokens;
        o["cached_input_share"] = t.cachedInputShare;
        if (t.minQuality)
            o["min_quality"] = *t.minQuality;
        if (t.maxLatencyMs)
            o["max_latency_ms"] = *t.maxLatencyMs;
        if (!t.regions.empty())
            o["regions"] = t.regions;
        if (t.currentModel)
            o["current_model"] = *t.currentModel;
        ts.push_back(o);
    }
    j["tasks"] = ts;
    nlohmann::ordered_json ms = nlohmann::ordered_json::array();
    for (const RoutingModel& m : models) {
        nlohmann::ordered_json o;
        o["id"] = m.id;
        o["provider"] = m.provider;
        o["input_usd_per_mtok"] = m.inputUsdPerMtok;
        o["output_usd_per_mtok"] = m.outputUsdPerMtok;
        if (m.cachedInputUsdPerMtok)
            o["cached_input_usd_per_mtok"] = *m.cachedInputUsdPerMtok;
        if (m.defaultQuality || !m.qualityByTask.empty()) {
            nlohmann::ordered_json q = nlohmann::ordered_json::object();
            if (m.defaultQuality)
                q["default"] = *m.defaultQuality;
            for (const auto& [task, v] : m.qualityByTask)
                q[task] = v;
            o["quality"] = q;
        }
        if (m.latencyMs)
            o["latency_ms"] = *m.latencyMs;
        if (m.region)
            o["region"] = *m.region;
        if (m.capacity)
            o["capacity"] = *m.capacity;
        if (m.litellmModel)
            o["litellm_model"] = *m.litellmModel;
        ms.push_back(o);
    }
    j["models"] = ms;
    nlohmann::ordered_json ps = nlohmann::ordered_json::array();
    for (const RoutingPair& p : pairs) {
        nlohmann::ordered_json o;
        o["task"] = p.task;
        o["model"] = p.model;
        if (p.costUsd)
            o["cost_usd"] = *p.costUsd;
        if (p.load)
            o["load"] = *p.load;
        if (p.quality)
            o["quality"] = *p.quality;
        if (p.allowed)
            o["allowed"] = *p.allowed;
        ps.push_back(o);
    }
    j["pairs"] = ps;
    nlohmann::ordered_json c;
    c["max_provider_share"] = opt(constraints.maxProviderShare);
    c["min_provider_share"] = nlohmann::ordered_json::object();
    for (const auto& [prov, s] : constraints.minProviderShare)
        c["min_provider_share"][prov] = s;
    c["budget_usd"] = opt(constraints.budgetUsd);
    c["integral"] = constraints.integral;
    j["constraints"] = c;
    return j;
}

int RoutingProblem::taskIndex(const std::string& id) const
{
    for (size_t i = 0; i < tasks.size(); ++i)
        if (tasks[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int RoutingProblem::modelIndex(const std::string& id) const
{
    for (size_t i = 0; i < models.size(); ++i)
        if (models[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const RoutingPair* RoutingProblem::pair(int task, int model) const
{
    for (const RoutingPair& p : pairs)
        if (p.task == tasks[task].id && p.model == models[model].id)
            return &p;
    return nullptr;
}

double RoutingProblem::pairCostUsd(int task, int model) const
{
    if (const RoutingPair* p = pair(task, model); p && p->costUsd)
        return *p->costUsd;
    const RoutingTask& t = tasks[task];
    const RoutingModel& m = models[model];
    const double cached = m.cachedInputUsdPerMtok.value_or(m.inputUsdPerMtok);
    const double inputUsd = t.inputTokens * ((1 - t.cachedInputShare) * m.inputUsdPerMtok + t.cachedInputShare * cached);
    const double outputUsd = t.outputTokens * m.outputUsdPerMtok;
    return t.monthlyRequests * (inputUsd + outputUsd) / 1e6;
}

double RoutingProblem::pairLoad(int task, int model) const
{
    if (const RoutingPair* p = pair(task, model); p && p->load)
        return *p->load;
    return tasks[task].monthlyTokens();
}

std::optional<double> RoutingProblem::pairQuality(int task, int model) const
{
    if (const RoutingPair* p = pair(task, model); p && p->quality)
        return p->quality;
    const RoutingModel& m = models[model];
    if (auto it = m.qualityByTask.find(tasks[task].id); it != m.qualityByTask.end())
        return it->second;
    return m.defaultQuality;
}

PairVerdict RoutingProblem::pairStatus(int task, int model, std::optional<double> qualityFloor) const
{
    const RoutingTask& t = tasks[task];
    const RoutingModel& m = models[model];
    if (const RoutingPair* p = pair(task, model); p && p->allowed && !*p->allowed)
        return PairVerdict::ExplicitlyDisallowed;
    std::optional<double> floor = t.minQuality;
    if (qualityFloor)
        floor = std::max(floor.value_or(0.0), *qualityFloor);
    if (floor) {
        const auto q = pairQuality(task, model);
        if (!q)
            return PairVerdict::QualityUnknown;
        if (*q < *floor - 1e-12)
            return PairVerdict::QualityTooLow;
    }
    if (t.maxLatencyMs) {
        if (!m.latencyMs)
            return PairVerdict::LatencyUnknown;
        if (*m.latencyMs > *t.maxLatencyMs)
            return PairVerdict::TooSlow;
    }
    if (!t.regions.empty()) {
        if (!m.region)
            return PairVerdict::RegionUnknown;
        bool in = false;
        for (const std::string& r : t.regions)
            in = in || r == *m.region;
        if (!in)
            return PairVerdict::RegionNotAllowed;
    }
    return PairVerdict::Allowed;
}

} // namespace finops
