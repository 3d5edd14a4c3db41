#include "routingfromusage.h"

#include "blend.h"
#include "inputerror.h"
#include "textparse.h"

#include <algorithm>
#include <map>

namespace finops {

std::vector<RoutingCandidate> routingCandidates(const std::vector<PriceOffer>& offersInForce,
                                                const std::map<std::string, double>& qualityByName)
{
    std::map<std::string, std::pair<double, const PriceOffer*>> cheapest;
    for (const PriceOffer& o : offersInForce) {
        const double blended = blendedUsdPerMtok(o.inputUsdPerMtok, o.outputUsdPerMtok);
        auto [it, inserted] = cheapest.try_emplace(o.model, blended, &o);
        if (!inserted && blended < it->second.first)
            it->second = {blended, &o};
    }
    std::vector<RoutingCandidate> out;
    for (const auto& [id, best] : cheapest) {
        const PriceOffer& o = *best.second;
        RoutingCandidate c;
        c.id = id;
        c.provider = o.provider;
        c.inputUsdPerMtok = o.inputUsdPerMtok;
        c.outputUsdPerMtok = o.outputUsdPerMtok;
        c.cachedInputUsdPerMtok = o.cachedInputUsdPerMtok;
        if (auto q = qualityByName.find(text::toLower(id)); q != qualityByName.end())
            c.quality = q->second;
        else
            for (const std::string& alias : o.aliases)
                if (auto qa = qualityByName.find(text::toLower(alias)); qa != qualityByName.end()) {
                    c.quality = qa->second;
                    break;
                }
        out.push_back(std::move(c));
    }
    return out;
}

RoutingProblem routingProblemFromUsage(const SpendInputs& spend, const std::vector<RoutingCandidate>& candidates,
                                       const RoutingFromUsageOptions& options)
{
    struct Acc
    {
        double requests = 0, input = 0, cached = 0, output = 0;
        std::map<std::string, double> tokensByModel;
    };
    std::map<std::string, Acc> byTag;
    for (const PricedUsageRow& r : spend.tagged) {
        if (r.tagValue.empty() || r.costOnly)
            continue;
        Acc& a = byTag[r.tagValue];
        a.requests += static_cast<double>(r.requests);
        a.input += static_cast<double>(r.inputTokens);
        a.cached += static_cast<double>(r.cachedInputTokens);
        a.output += static_cast<double>(r.outputTokens);
        std::string model = r.model;
        if (options.catalog)
            if (const auto offer = options.catalog->resolve(r.provider, r.model, options.day))
                model = offer->model;
        a.tokensByModel[model] += static_cast<double>(r.inputTokens + r.outputTokens);
    }
    if (byTag.empty())
        throw InputError("", 0, "--from-usage", "no tagged usage with tokens in the period (import usage with tags, e.g. --tag task=...)");
    if (candidates.empty())
        throw InputError("", 0, "--from-usage", "no candidate models (the price catalog is empty)");
    const double months = options.months > 0 ? options.months : 1;
    RoutingProblem p;
    for (const auto& [tag, a] : byTag) {
        RoutingTask t;
        t.id = tag;
        const double requests = std::max(1.0, a.requests);
        t.monthlyRequests = a.requests / months;
        // Input tokens in usage records include the cached ones unless reported apart:
        // the cached share is cached / (input + cached) when both are kept separately.
        const double inputAll = a.input + a.cached;
        t.inputTokens = inputAll / requests;
        t.outputTokens = a.output / requests;
        t.cachedInputShare = inputAll > 0 ? std::clamp(a.cached / inputAll, 0.0, 1.0) : 0.0;
        if (options.minQuality > 0)
            t.minQuality = options.minQuality;
        std::string top;
        double most = -1;
        for (const auto& [model, tokens] : a.tokensByModel)
            if (tokens > most) {
                most = tokens;
                top = model;
            }
        if (!top.empty())
            t.currentModel = top;
        p.tasks.push_back(std::move(t));
    }
    for (const RoutingCandidate& c : candidates) {
        RoutingModel m;
        m.id = c.id;
        m.provider = c.provider;
        m.inputUsdPerMtok = c.inputUsdPerMtok;
        m.outputUsdPerMtok = c.outputUsdPerMtok;
        m.cachedInputUsdPerMtok = c.cachedInputUsdPerMtok;
        m.defaultQuality = c.quality;
        m.litellmModel = c.litellmModel;
        p.models.push_back(std::move(m));
    }
    // A current model that is not a candidate is not comparable: drop it.
    for (RoutingTask& t : p.tasks)
        if (t.currentModel && p.modelIndex(*t.currentModel) < 0)
            t.currentModel.reset();
    return p;
}

} // namespace finops
