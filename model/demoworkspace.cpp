#include "demoworkspace.h"

#include "usagestore.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace finops {

namespace {

struct Workload
{
    const char* team;
    const char* task;
    const char* provider;
    const char* model;
    double requestsPerDay; // at the start of the 90 days
    double inputTokens;    // per request (uncached + cached + cache write)
    double outputTokens;
    double cacheHitRate;    // share of input read from the cache
    double cacheWriteShare; // share of input written to the cache
    bool reportsCost;       // the gateway logged its cost (LiteLLM-style)
    double costPerMtok;     // blended USD per Mtok for the reported cost
};

// Realistic shapes: support triage is short prompts with short answers on a mid-size
// model; RAG answers carry long retrieved context with cache hits; code review sends big
// diffs to a premium model; analytics summarises long documents in batches.
const Workload kWorkloads[] = {
    {"support", "support-triage", "openai", "gpt-4o-2024-08-06", 4200, 1500, 300, 0.20, 0.0, false, 0},
    {"support", "reply-drafting", "anthropic", "claude-sonnet-4-5-20250929", 1300, 2600, 450, 0.45, 0.05, false, 0},
    {"support", "classification", "openai", "gpt-5-mini-2025-08-07", 9000, 700, 20, 0.10, 0.0, false, 0},
    {"search", "rag-answer", "anthropic", "claude-sonnet-4-5-20250929", 2600, 6000, 350, 0.60, 0.04, false, 0},
    {"search", "query-rewrite", "groq", "llama-3.3-70b-versatile", 7000, 400, 60, 0.0, 0.0, true, 0.62},
    {"search", "embedding-summaries", "google", "gemini-2.5-flash", 5200, 1800, 220, 0.0, 0.0, false, 0},
    {"code-assist", "code-review", "anthropic", "claude-opus-4-1-20250805", 260, 9000, 900, 0.35, 0.06, false, 0},
    {"code-assist", "autocomplete", "deepseek", "deepseek-chat", 16000, 900, 80, 0.50, 0.0, true, 0.21},
    {"analytics", "summarization", "openai", "gpt-4.1-2025-04-14", 1100, 8000, 600, 0.15, 0.0, false, 0},
    {"analytics", "extraction", "openai", "ft:gpt-4o-mini-2024-07-18:acme::9aBcD", 3000, 1200, 150, 0.0, 0.0, false, 0},
    {"marketing", "copywriting", "google", "gemini-2.5-pro", 450, 1500, 1200, 0.0, 0.0, false, 0},
};

} // namespace

DemoResult writeDemoWorkspace(Store& store, Date today, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.08);
    UsageStore usage(store);
    // One demo at a time: an earlier one (of another day) is replaced, not added to.
    for (const auto& batch : usage.batches())
        if (batch.format == "demo" && batch.sha256 != "demo:" + std::to_string(seed) + ":" + today.toString())
            usage.removeBatch(batch.id);
    auto session = usage.beginImport("demo workspace", "demo:" + std::to_string(seed) + ":" + today.toString(), "demo",
                                     "demo");
    const int days = 90;
    for (int d = days - 1; d >= 0; --d) {
        const Date day{today.daysSinceEpoch - d};
        const int age = days - 1 - d;
        // 1970-01-01 was a Thursday: 0 = Monday ... 6 = Sunday.
        const int weekday = ((day.daysSinceEpoch % 7) + 7 + 3) % 7;
        const double weekly = weekday >= 5 ? 0.55 : 1.0;
        for (const Workload& w : kWorkloads) {
            // ~4%/week growth for most teams, faster for the new search product.
            const double growth = std::pow(std::string(w.team) == "search" ? 1.012 : 1.006, age);
            const double requests = std::max(0.0, w.requestsPerDay * growth * weekly * (1.0 + noise(rng)));
            UsageRecord r;
            r.timestampUtc = std::int64_t{day.daysSinceEpoch} * 86400;
            r.provider = w.provider;
            r.model = w.model;
            r.requests = std::llround(requests);
            const double input = requests * w.inputTokens * (1.0 + noise(rng) / 2);
            r.cachedInputTokens = std::llround(input * w.cacheHitRate);
            r.cacheWriteTokens = std::llround(input * w.cacheWriteShare);
            r.inputTokens = std::llround(input) - r.cachedInputTokens - r.cacheWriteTokens;
            r.outputTokens = std::llround(requests * w.outputTokens * (1.0 + noise(rng) / 2));
            if (w.reportsCost) {
                const double tokens = static_cast<double>(r.inputTokens + r.cachedInputTokens + r.outputTokens);
                r.reportedCostNanoUsd = std::llround(tokens / 1e6 * w.costPerMtok * static_cast<double>(kNanoPerUsd));
            }
            r.tags = {{"team", w.team}, {"task", w.task}};
            session->add(r);
        }
    }
    DemoResult result;
    result.records = session->added();
    result.batchId = session->commit(0);
    return result;
}

} // namespace finops
