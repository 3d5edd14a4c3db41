#include "kahansum.h"
#include "spend.h"

#include <QtTest>

using namespace finops;

namespace {
PricedUsageRow row(const char* day, const char* provider, const char* model, std::int64_t in, std::int64_t cached,
                   std::int64_t write, std::int64_t out, std::optional<TokenPrices> prices = std::nullopt,
                   std::optional<std::int64_t> reportedNano = std::nullopt, std::int64_t requests = 1)
{
    PricedUsageRow r;
    r.day = *Date::parse(day);
    r.provider = provider;
    r.model = model;
    r.inputTokens = in;
    r.cachedInputTokens = cached;
    r.cacheWriteTokens = write;
    r.outputTokens = out;
    r.requests = requests;
    r.prices = prices;
    r.hasReportedCost = reportedNano.has_value();
    r.reportedCostNano = reportedNano.value_or(0);
    return r;
}

const TokenPrices kSonnet{3.0, 0.30, 3.75, 15.0};  // Claude Sonnet 4.5, Anthropic pricing page
const TokenPrices kDeepSeek{0.28, 0.028, 0.28, 0.42}; // DeepSeek V3.2 (no cache-write price: input)
} // namespace

class TestSpend : public QObject
{
    Q_OBJECT
private slots:
    void costOfARow_data();
    void costOfARow();
    void reportedComputedAndUnpriced();
    void groupsByMonthInOrder();
    void untaggedIsBaseMinusCoverage();
    void repriceFollowsPriceHistory();
    void repriceLeavesUnpricedOutOnBothSides();
    void kahanKeepsTheCents();
    void observedMixOfUsage();
};

void TestSpend::costOfARow_data()
{
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("write");
    QTest::addColumn<qint64>("output");
    QTest::addColumn<double>("expected");
    // 1M uncached input at $3 + 1M cache reads at $0.30 + 1M cache writes at $3.75 + 1M output at $15.
    QTest::newRow("one million of each kind on Sonnet 4.5") << 1000000LL << 1000000LL << 1000000LL << 1000000LL << 22.05;
    QTest::newRow("support triage month: 3B in, 600M out") << 3000000000LL << 0LL << 0LL << 600000000LL << 18000.0;
    QTest::newRow("nothing") << 0LL << 0LL << 0LL << 0LL << 0.0;
}

void TestSpend::costOfARow()
{
    QFETCH(qint64, input);
    QFETCH(qint64, cached);
    QFETCH(qint64, write);
    QFETCH(qint64, output);
    QFETCH(double, expected);
    QVERIFY(qAbs(computedCostUsd(row("2025-09-01", "anthropic", "m", input, cached, write, output), kSonnet) - expected) < 1e-9);
}

void TestSpend::reportedComputedAndUnpriced()
{
    const std::vector<PricedUsageRow> rows = {
        row("2025-09-01", "anthropic", "claude-sonnet-4.5", 1000000, 0, 0, 0, kSonnet),          // computed $3
        row("2025-09-01", "groq", "llama", 500, 0, 0, 500, std::nullopt, 123456789, 4),          // reported $0.123456789
        row("2025-09-02", "openai", "ft:gpt-4o-mini:acme", 1000, 0, 0, 100, std::nullopt, std::nullopt, 7), // unpriced
    };
    const SpendReport report = aggregateSpend(rows, SpendGrouping::Provider);
    QCOMPARE(report.rows.size(), std::size_t(3));
    QCOMPARE(report.rows[0].key, std::string("anthropic")); // by cost, largest first
    QVERIFY(qAbs(report.totalCostUsd - 3.123456789) < 1e-12);
    QCOMPARE(report.unpricedRequests, std::int64_t(7));
    QCOMPARE(report.unpricedTokens, std::int64_t(1100));
    const auto openai = std::find_if(report.rows.begin(), report.rows.end(), [](const SpendRow& r) { return r.key == "openai"; });
    QCOMPARE(openai->costUsd, 0.0);
    QCOMPARE(openai->unpricedRequests, std::int64_t(7));
}

void TestSpend::groupsByMonthInOrder()
{
    const std::vector<PricedUsageRow> rows = {row("2025-10-03", "p", "m", 1000000, 0, 0, 0, kDeepSeek),
                                              row("2025-09-30", "p", "m", 2000000, 0, 0, 0, kDeepSeek),
                                              row("2025-09-01", "p", "m", 1000000, 0, 0, 0, kDeepSeek)};
    const SpendReport report = aggregateSpend(rows, SpendGrouping::Month);
    QCOMPARE(report.rows.size(), std::size_t(2));
    QCOMPARE(report.rows[0].key, std::string("2025-09"));
    QVERIFY(qAbs(report.rows[0].costUsd - 0.84) < 1e-12);
    QCOMPARE(report.rows[1].key, std::string("2025-10"));
}

void TestSpend::untaggedIsBaseMinusCoverage()
{
    // Base: 300 input tokens; 100 of them by a request tagged a and b, 200 untagged.
    SpendInputs in;
    in.base = {row("2025-09-01", "p", "m", 300, 0, 0, 0, kDeepSeek, std::nullopt, 2)};
    PricedUsageRow a = row("2025-09-01", "p", "m", 100, 0, 0, 0, kDeepSeek), b = a;
    a.tagValue = "a";
    b.tagValue = "b";
    in.tagged = {a, b};
    in.coverage = {row("2025-09-01", "p", "m", 100, 0, 0, 0, kDeepSeek)};
    const SpendReport report = spendReport(in, SpendGrouping::Tag);
    std::map<std::string, std::int64_t> input;
    for (const SpendRow& r : report.rows)
        input[r.key] = r.inputTokens;
    QCOMPARE(input["a"], std::int64_t(100));
    QCOMPARE(input["b"], std::int64_t(100));
    QCOMPARE(input["(untagged)"], std::int64_t(200));
    QCOMPARE(report.rows.size(), std::size_t(3));
    // The total is the spend itself, not the sum of the overlapping rows.
    QVERIFY(qAbs(report.totalCostUsd - 300 * 0.28 / 1e6) < 1e-15);
}

void TestSpend::repriceFollowsPriceHistory()
{
    // o3 was $10 / $40 until 2025-06-09 and $2 / $8 from 2025-06-10 (OpenAI).
    OfferPriceHistory o3{"openai", "o3", false, {{*Date::parse("2025-04-16"), {10, 2.5, 10, 40}}, {*Date::parse("2025-06-10"), {2, 0.5, 2, 8}}}};
    OfferPriceHistory cheap{"deepseek", "deepseek-v3.2", true, {{*Date::parse("2025-09-29"), kDeepSeek}}};
    const std::vector<PricedUsageRow> rows = {
        row("2025-06-09", "anthropic", "claude-sonnet-4.5", 1000000, 0, 0, 1000000, kSonnet), // $18
        row("2025-06-10", "anthropic", "claude-sonnet-4.5", 1000000, 0, 0, 1000000, kSonnet), // $18
    };
    const RepriceResult r = reprice(rows, std::vector<OfferPriceHistory>{o3, cheap});
    QVERIFY(qAbs(r.actualCostUsd - 36.0) < 1e-9);
    QCOMPARE(r.alternatives.size(), std::size_t(2));
    // deepseek: its first price also covers days before it existed: 2 x (0.28 + 0.42).
    QCOMPARE(r.alternatives[0].model, std::string("deepseek-v3.2"));
    QVERIFY(qAbs(r.alternatives[0].costUsd - 1.40) < 1e-9);
    // o3: day one at $10 + $40, day two at $2 + $8.
    QVERIFY(qAbs(r.alternatives[1].costUsd - 60.0) < 1e-9);
    QVERIFY(qAbs(r.alternatives[1].savingsUsd + 24.0) < 1e-9);
    QVERIFY(qAbs(r.alternatives[0].savingsPct - 100.0 * (36.0 - 1.4) / 36.0) < 1e-9);
}

void TestSpend::repriceLeavesUnpricedOutOnBothSides()
{
    OfferPriceHistory cheap{"deepseek", "deepseek-v3.2", true, {{*Date::parse("2025-09-29"), kDeepSeek}}};
    const std::vector<PricedUsageRow> rows = {
        row("2025-10-01", "anthropic", "claude-sonnet-4.5", 1000000, 0, 0, 0, kSonnet),
        row("2025-10-01", "openai", "ft:custom", 5000000, 0, 0, 0, std::nullopt, std::nullopt, 9),
    };
    const RepriceResult r = reprice(rows, std::vector<OfferPriceHistory>{cheap});
    QVERIFY(qAbs(r.actualCostUsd - 3.0) < 1e-12);
    QCOMPARE(r.excludedUnpricedRequests, std::int64_t(9));
    QVERIFY(qAbs(r.alternatives[0].costUsd - 0.28) < 1e-12); // only the priced million tokens
}

void TestSpend::kahanKeepsTheCents()
{
    KahanSum k;
    double naive = 0;
    for (int i = 0; i < 10000000; ++i) {
        k.add(0.01);
        naive += 0.01;
    }
    QCOMPARE(k.value(), 100000.0);
    QVERIFY(naive != 100000.0); // what the compensation is for
}

void TestSpend::observedMixOfUsage()
{
    const std::vector<PricedUsageRow> rows = {row("2025-10-01", "p", "m", 500, 300, 0, 200)};
    const ObservedMix mix = observedMix(rows);
    QCOMPARE(mix.inputShare, 0.8);
    QCOMPARE(mix.cacheHitRate, 300.0 / 800.0);
    QCOMPARE(mix.tokens, std::int64_t(1000));
}

QTEST_GUILESS_MAIN(TestSpend)
#include "test_spend.moc"
