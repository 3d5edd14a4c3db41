#include "spend.h"

#include "kahansum.h"

#include <Eigen/Core>
#include <algorithm>
#include <map>
#include <tuple>

namespace finops {

namespace {

std::string keyOf(const PricedUsageRow& row, SpendGrouping grouping)
{
    switch (grouping) {
    case SpendGrouping::Day:
        return row.day.toString();
    case SpendGrouping::Month:
        return row.day.toString().substr(0, 7);
    case SpendGrouping::Provider:
        return row.provider;
    case SpendGrouping::Model:
        return row.model;
    case SpendGrouping::Tag:
        return row.tagValue.empty() ? std::string("(untagged)") : row.tagValue;
    }
    return {};
}

std::int64_t tokensOf(const UsageRollupRow& r)
{
    return r.inputTokens + r.cachedInputTokens + r.cacheWriteTokens + r.outputTokens;
}

struct Accumulator
{
    SpendRow row;
    std::int64_t reportedNano = 0;
    KahanSum computed;
};

} // namespace

double computedCostUsd(const UsageRollupRow& r, const TokenPrices& p)
{
    return (static_cast<double>(r.inputTokens) * p.inputUsdPerMtok +
            static_cast<double>(r.cachedInputTokens) * p.cachedInputUsdPerMtok +
            static_cast<double>(r.cacheWriteTokens) * p.cacheWriteUsdPerMtok +
            static_cast<double>(r.outputTokens) * p.outputUsdPerMtok) /
           1e6;
}

SpendReport aggregateSpend(std::span<const PricedUsageRow> rows, SpendGrouping grouping)
{
    std::map<std::string, Accumulator> groups;
    for (const PricedUsageRow& r : rows) {
        Accumulator& a = groups[keyOf(r, grouping)];
        a.row.requests += r.requests;
        a.row.inputTokens += r.inputTokens;
        a.row.cachedInputTokens += r.cachedInputTokens;
        a.row.cacheWriteTokens += r.cacheWriteTokens;
        a.row.outputTokens += r.outputTokens;
        if (r.hasReportedCost)
            a.reportedNano += r.reportedCostNano;
        else if (r.prices)
            a.computed.add(computedCostUsd(r, *r.prices));
        else {
            a.row.unpricedRequests += r.requests;
            a.row.unpricedTokens += tokensOf(r);
        }
    }
    SpendReport report;
    KahanSum total;
    std::int64_t totalReportedNano = 0;
    for (auto& [key, a] : groups) {
        a.row.key = key;
        a.row.reportedCostUsd = nanoToUsd(a.reportedNano);
        a.row.costUsd = a.row.reportedCostUsd + a.computed.value();
        totalReportedNano += a.reportedNano;
        total.add(a.computed.value());
        report.unpricedRequests += a.row.unpricedRequests;
        report.unpricedTokens += a.row.unpricedTokens;
        report.rows.push_back(a.row);
    }
    report.totalCostUsd = nanoToUsd(totalReportedNano) + total.value();
    if (grouping != SpendGrouping::Day && grouping != SpendGrouping::Month)
        std::stable_sort(report.rows.begin(), report.rows.end(),
                         [](const SpendRow& a, const SpendRow& b) { return a.costUsd > b.costUsd; });
    return report;
}

std::vector<PricedUsageRow> withUntagged(std::span<const PricedUsageRow> base, std::span<const PricedUsageRow> tagged,
                                         std::span<const PricedUsageRow> coverage)
{
    using Key = std::tuple<int, std::string, std::string, bool, bool>;
    std::map<Key, const PricedUsageRow*> covered;
    for (const PricedUsageRow& c : coverage)
        covered[{c.day.daysSinceEpoch, c.provider, c.model, c.costOnly, c.hasReportedCost}] = &c;
    std::vector<PricedUsageRow> out(tagged.begin(), tagged.end());
    for (const PricedUsageRow& b : base) {
        PricedUsageRow rest = b;
        rest.tagValue.clear();
        if (const auto it = covered.find({b.day.daysSinceEpoch, b.provider, b.model, b.costOnly, b.hasReportedCost});
            it != covered.end()) {
            const UsageRollupRow& c = *it->second;
            rest.requests -= c.requests;
            rest.inputTokens -= c.inputTokens;
            rest.cachedInputTokens -= c.cachedInputTokens;
            rest.cacheWriteTokens -= c.cacheWriteTokens;
            rest.outputTokens -= c.outputTokens;
            rest.reportedCostNano -= c.reportedCostNano;
        }
        if (rest.requests || tokensOf(rest) || (rest.hasReportedCost && rest.reportedCostNano))
            out.push_back(std::move(rest));
    }
    return out;
}

SpendReport spendReport(const SpendInputs& inputs, SpendGrouping grouping)
{
    if (grouping != SpendGrouping::Tag)
        return aggregateSpend(inputs.base, grouping);
    const std::vector<PricedUsageRow> rows = withUntagged(inputs.base, inputs.tagged, inputs.coverage);
    SpendReport report = aggregateSpend(rows, grouping);
    // A record with several values of the key is in each value's row; the total is the
    // spend itself, counted once.
    const SpendReport once = aggregateSpend(inputs.base, SpendGrouping::Month);
    report.totalCostUsd = once.totalCostUsd;
    report.unpricedRequests = once.unpricedRequests;
    report.unpricedTokens = once.unpricedTokens;
    return report;
}

ObservedMix observedMix(std::span<const PricedUsageRow> rows)
{
    std::int64_t input = 0, cached = 0, output = 0;
    for (const PricedUsageRow& r : rows) {
        input += r.inputTokens + r.cacheWriteTokens;
        cached += r.cachedInputTokens;
        output += r.outputTokens;
    }
    ObservedMix mix;
    mix.tokens = input + cached + output;
    if (mix.tokens > 0) {
        mix.inputShare = static_cast<double>(input + cached) / static_cast<double>(mix.tokens);
        mix.cacheHitRate = input + cached > 0 ? static_cast<double>(cached) / static_cast<double>(input + cached) : 0;
    }
    return mix;
}

RepriceResult reprice(std::span<const PricedUsageRow> rows, std::span<const OfferPriceHistory> offers)
{
    RepriceResult result;
    // Tokens by day (rows: days in order; columns: input, cached, cache write, output).
    std::map<int, Eigen::Array4d> byDay;
    KahanSum actual;
    std::int64_t actualReportedNano = 0;
    for (const PricedUsageRow& r : rows) {
        if (r.costOnly)
            continue;
        if (!r.hasReportedCost && !r.prices) {
            result.excludedUnpricedRequests += r.requests;
            result.excludedUnpricedTokens += tokensOf(r);
            continue;
        }
        if (r.hasReportedCost)
            actualReportedNano += r.reportedCostNano;
        else
            actual.add(computedCostUsd(r, *r.prices));
        result.requests += r.requests;
        auto [it, inserted] = byDay.try_emplace(r.day.daysSinceEpoch, Eigen::Array4d::Zero());
        it->second += Eigen::Array4d(static_cast<double>(r.inputTokens), static_cast<double>(r.cachedInputTokens),
                                     static_cast<double>(r.cacheWriteTokens), static_cast<double>(r.outputTokens));
    }
    result.actualCostUsd = nanoToUsd(actualReportedNano) + actual.value();
    if (byDay.empty())
        return result;

    // Prefix sums of tokens over days, so each price period of an offer costs two lookups.
    std::vector<int> days;
    Eigen::Array<double, Eigen::Dynamic, 4> prefix(static_cast<Eigen::Index>(byDay.size()) + 1, 4);
    prefix.row(0).setZero();
    Eigen::Index i = 0;
    for (const auto& [day, tokens] : byDay) {
        days.push_back(day);
        prefix.row(i + 1) = prefix.row(i) + tokens.transpose();
        ++i;
    }
    auto indexOfFirstDayOnOrAfter = [&](int day) {
        return static_cast<Eigen::Index>(std::lower_bound(days.begin(), days.end(), day) - days.begin());
    };

    for (const OfferPriceHistory& h : offers) {
        if (h.prices.empty())
            continue;
        double cost = 0;
        for (std::size_t k = 0; k < h.prices.size(); ++k) {
            // Period k covers [its effective date, the next one); the first also covers
            // every earlier day.
            const Eigen::Index from = k == 0 ? 0 : indexOfFirstDayOnOrAfter(h.prices[k].first.daysSinceEpoch);
            const Eigen::Index to = k + 1 < h.prices.size()
                                        ? indexOfFirstDayOnOrAfter(h.prices[k + 1].first.daysSinceEpoch)
                                        : static_cast<Eigen::Index>(days.size());
            if (to <= from)
                continue;
            const TokenPrices& p = h.prices[k].second;
            const Eigen::Array4d tokens = (prefix.row(to) - prefix.row(from)).transpose();
            const Eigen::Array4d price(p.inputUsdPerMtok, p.cachedInputUsdPerMtok, p.cacheWriteUsdPerMtok,
                                       p.outputUsdPerMtok);
            cost += (tokens * price).sum() / 1e6;
        }
        RepriceAlternative alt;
        alt.provider = h.provider;
        alt.model = h.model;
        alt.openWeights = h.openWeights;
        alt.costUsd = cost;
        alt.savingsUsd = result.actualCostUsd - cost;
        alt.savingsPct = result.actualCostUsd > 0 ? 100.0 * alt.savingsUsd / result.actualCostUsd : 0;
        result.alternatives.push_back(std::move(alt));
    }
    std::stable_sort(result.alternatives.begin(), result.alternatives.end(),
                     [](const RepriceAlternative& a, const RepriceAlternative& b) { return a.costUsd < b.costUsd; });
    return result;
}

} // namespace finops
