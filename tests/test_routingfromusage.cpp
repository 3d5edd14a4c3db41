// Task classes and candidate models from stored usage (route --from-usage and the Routing
// page): the quality table, one candidate per model at its cheapest provider, usage model
// names resolved to catalog ids.
#include "inputerror.h"
#include "modelquality.h"
#include "offerfixture.h"
#include "routingfromusage.h"

#include <QtTest>

using namespace finops;

namespace {

using test::offer;

PricedUsageRow row(const char* provider, const char* model, const char* tag, std::int64_t requests, std::int64_t in,
                   std::int64_t out)
{
    PricedUsageRow r;
    static_cast<UsageRollupRow&>(r) = test::usage(provider, model, tag, requests, in, out, Date::fromCivil(2026, 11, 1));
    return r;
}

} // namespace

class TestRoutingFromUsage : public QObject
{
    Q_OBJECT
private slots:
    void qualityTableForms();
    void badQualityTable_data();
    void badQualityTable();
    void bundledTableIsSourced();
    void oneCandidatePerModelAtItsCheapestProvider();
    void currentModelResolvedThroughTheCatalog();
};

void TestRoutingFromUsage::qualityTableForms()
{
    const auto full = readQualityTable(
        R"({"scores": [{"model": "gpt-x", "aliases": ["gpt-x-2026-01-01"], "quality": 0.8, "raw": "80%",
            "source": "https://example.org", "source_date": "2026-01-01"}]})",
        "q.json");
    QCOMPARE(full.size(), std::size_t(1));
    QCOMPARE(full[0].aliases.front(), std::string("gpt-x-2026-01-01"));
    const auto byName = qualityByName(full);
    QCOMPARE(byName.at("gpt-x"), 0.8);
    QCOMPARE(byName.at("gpt-x-2026-01-01"), 0.8);
    const auto shortForm = qualityByName(readQualityTable(R"({"models": {"A": 0.5, "b": {"quality": 0.25}}})", "q.json"));
    QCOMPARE(shortForm.at("a"), 0.5); // names compare in lower case
    QCOMPARE(shortForm.at("b"), 0.25);
}

void TestRoutingFromUsage::badQualityTable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("above 1") << R"({"scores": [
  {"model": "m", "quality": 1.5}]})" << "q.json:2:scores[0].quality";
    QTest::newRow("no model") << R"({"scores": [{"quality": 0.5}]})" << "q.json:1:scores[0].model";
    QTest::newRow("duplicate") << R"({"scores": [{"model": "m", "quality": 0.5}, {"model": "M", "quality": 0.6}]})"
                               << "q.json:1:scores[1].model";
    QTest::newRow("negative short form") << R"({"m": -0.1})" << "q.json:1:m";
    QTest::newRow("text") << R"({"m": "good"})" << "q.json:1:m";
}

void TestRoutingFromUsage::badQualityTable()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    try {
        readQualityTable(text.toStdString(), "q.json");
        QFAIL("accepted a bad quality table");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected), e.what());
    }
}

void TestRoutingFromUsage::bundledTableIsSourced()
{
    const auto& table = bundledQuality();
    QVERIFY(!table.empty());
    for (const ModelQuality& m : table) {
        QVERIFY2(m.quality >= 0 && m.quality <= 1, m.model.c_str());
        QVERIFY2(!m.source.empty(), m.model.c_str());
        QVERIFY2(!m.sourceDate.empty(), m.model.c_str());
    }
}

void TestRoutingFromUsage::oneCandidatePerModelAtItsCheapestProvider()
{
    const std::vector<PriceOffer> offers{offer("together", "llama-3.3-70b", 0.88, 0.88),
                                         offer("groq", "llama-3.3-70b", 0.59, 0.79),
                                         offer("openai", "gpt-x", 1.0, 4.0, false, std::nullopt, {"gpt-x-2026-01-01"})};
    const auto candidates = routingCandidates(offers, {{"llama-3.3-70b", 0.7}, {"gpt-x-2026-01-01", 0.9}});
    QCOMPARE(candidates.size(), std::size_t(2));
    QCOMPARE(candidates[0].id, std::string("gpt-x")); // sorted by id
    QCOMPARE(candidates[0].quality.value_or(-1), 0.9); // found through the alias
    QCOMPARE(candidates[1].id, std::string("llama-3.3-70b"));
    QCOMPARE(candidates[1].provider, std::string("groq")); // 0.59/0.79 beats 0.88/0.88
    QCOMPARE(candidates[1].inputUsdPerMtok, 0.59);
    QCOMPARE(candidates[1].quality.value_or(-1), 0.7);
    // A model without a sourced figure has no quality (never a made-up one).
    QVERIFY(!routingCandidates(offers, {})[0].quality);
}

void TestRoutingFromUsage::currentModelResolvedThroughTheCatalog()
{
    PriceSheet sheet;
    sheet.name = "test";
    sheet.offers = {offer("openai", "gpt-4o", 2.5, 10), offer("deepseek", "deepseek-v3.2", 0.28, 0.42)};
    PriceCatalog catalog;
    catalog.addSheet(sheet);
    SpendInputs spend;
    // Usage logs the dated name; the catalog's id has no date.
    spend.tagged = {row("openai", "gpt-4o-2024-08-06", "support", 1000, 1500000, 300000),
                    row("deepseek", "deepseek-v3.2", "search", 10, 1000, 100)};
    const auto candidates = routingCandidates(catalog.offersAt(Date::fromCivil(2026, 11, 1)), {});
    RoutingFromUsageOptions options;
    options.months = 1;
    // Without the catalog the dated name matches no candidate: no current model.
    RoutingProblem plain = routingProblemFromUsage(spend, candidates, options);
    const int support = plain.tasks[0].id == "support" ? 0 : 1;
    QVERIFY(!plain.tasks[static_cast<std::size_t>(support)].currentModel);
    options.catalog = &catalog;
    options.day = Date::fromCivil(2026, 11, 1);
    RoutingProblem resolved = routingProblemFromUsage(spend, candidates, options);
    QCOMPARE(resolved.tasks[static_cast<std::size_t>(support)].currentModel.value_or(""), std::string("gpt-4o"));
    QCOMPARE(resolved.tasks[static_cast<std::size_t>(support)].monthlyRequests, 1000.0);
    QCOMPARE(resolved.tasks[static_cast<std::size_t>(support)].inputTokens, 1500.0);
}

QTEST_MAIN(TestRoutingFromUsage)
#include "test_routingfromusage.moc"
