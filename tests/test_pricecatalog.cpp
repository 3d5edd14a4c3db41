#include "bundleddata.h"
#include "pricecatalog.h"
#include "workspacecatalog.h"

#include <QRegularExpression>
#include <QtTest>
#include <set>

using namespace finops;

class TestPriceCatalog : public QObject
{
    Q_OBJECT
private slots:
    void bundledCatalogCoversTheMarket();
    void bundledIdsAreLowerCaseWithHyphens();
    void bundledOffersCarrySourceAndDate();
    void publishedPrices_data();
    void publishedPrices();
    void priceAtDateFollowsHistory_data();
    void priceAtDateFollowsHistory();
    void laterSheetReplacesSameOffer();
    void lookupByAliasIgnoresCase();
};

void TestPriceCatalog::bundledCatalogCoversTheMarket()
{
    const PriceCatalog catalog = loadWorkspaceCatalog(nullptr);
    const auto offers = catalog.offersAt(Date::fromCivil(2026, 11, 22));
    std::set<std::string> models, providers;
    for (const PriceOffer& o : offers) {
        models.insert(o.model);
        providers.insert(o.provider);
    }
    QVERIFY2(providers.size() >= 12, qPrintable(QString::number(providers.size())));
    QVERIFY2(models.size() >= 50, qPrintable(QString::number(models.size())));
    for (const char* p : {"openai", "anthropic", "google", "deepseek", "mistral", "together", "fireworks", "groq",
                          "alibaba", "moonshot", "zhipu", "xai"})
        QVERIFY2(providers.count(p), p);
    // Price history: some (provider, model) has more than one effective date.
    QVERIFY(catalog.size() > offers.size());
}

void TestPriceCatalog::bundledIdsAreLowerCaseWithHyphens()
{
    const QRegularExpression id(QStringLiteral("^[a-z0-9][a-z0-9.-]*$"));
    const PriceCatalog catalog = loadWorkspaceCatalog(nullptr);
    for (const PriceOffer& o : catalog.allOffers()) {
        QVERIFY2(id.match(QString::fromStdString(o.provider)).hasMatch(), o.provider.c_str());
        QVERIFY2(id.match(QString::fromStdString(o.model)).hasMatch(), o.model.c_str());
    }
}

void TestPriceCatalog::bundledOffersCarrySourceAndDate()
{
    const PriceCatalog catalog = loadWorkspaceCatalog(nullptr);
    for (const PriceOffer& o : catalog.allOffers()) {
        QVERIFY2(QString::fromStdString(o.source).startsWith("http"), (o.model + ": " + o.source).c_str());
        QVERIFY2(!o.sourceDate.empty(), o.model.c_str());
        if (o.openWeights)
            QVERIFY2(o.totalParamsB.has_value(), ("open model without parameters: " + o.model).c_str());
    }
}

void TestPriceCatalog::publishedPrices_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("cached");
    QTest::addColumn<double>("output");
    // DeepSeek API docs, pricing page, V3.2-Exp from 2025-09-29.
    QTest::newRow("deepseek-v3.2 (api-docs.deepseek.com)") << "deepseek" << "deepseek-v3.2" << 0.28 << 0.028 << 0.42;
    // OpenAI pricing page, GPT-5 launch 2025-08-07.
    QTest::newRow("gpt-5 (openai.com/api/pricing)") << "openai" << "gpt-5" << 1.25 << 0.125 << 10.0;
    // Anthropic pricing page, Claude Sonnet 4.5 2025-09-29.
    QTest::newRow("claude-sonnet-4.5 (anthropic.com/pricing)") << "anthropic" << "claude-sonnet-4.5" << 3.0 << 0.3 << 15.0;
}

void TestPriceCatalog::publishedPrices()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(double, input);
    QFETCH(double, cached);
    QFETCH(double, output);
    const auto o = loadWorkspaceCatalog(nullptr).find(provider.toStdString(), model.toStdString(),
                                                      Date::fromCivil(2026, 11, 22));
    QVERIFY(o);
    QCOMPARE(o->inputUsdPerMtok, input);
    QCOMPARE(o->cachedInputUsdPerMtok.value_or(-1), cached);
    QCOMPARE(o->outputUsdPerMtok, output);
}

void TestPriceCatalog::priceAtDateFollowsHistory_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<double>("input"); // -1: not offered yet
    QTest::addColumn<double>("output");
    // OpenAI o3: $10 / $40 at launch (2025-04-16), cut to $2 / $8 on 2025-06-10.
    QTest::newRow("before launch") << "2025-04-15" << -1.0 << -1.0;
    QTest::newRow("launch day") << "2025-04-16" << 10.0 << 40.0;
    QTest::newRow("day before the cut") << "2025-06-09" << 10.0 << 40.0;
    QTest::newRow("day of the cut") << "2025-06-10" << 2.0 << 8.0;
    QTest::newRow("today") << "2026-11-22" << 2.0 << 8.0;
}

void TestPriceCatalog::priceAtDateFollowsHistory()
{
    QFETCH(QString, date);
    QFETCH(double, input);
    QFETCH(double, output);
    const auto o = loadWorkspaceCatalog(nullptr).find("openai", "o3", *Date::parse(date.toStdString()));
    QCOMPARE(o.has_value(), input >= 0);
    if (o) {
        QCOMPARE(o->inputUsdPerMtok, input);
        QCOMPARE(o->outputUsdPerMtok, output);
    }
}

void TestPriceCatalog::laterSheetReplacesSameOffer()
{
    PriceCatalog catalog;
    PriceOffer a;
    a.provider = "p";
    a.model = "m";
    a.inputUsdPerMtok = 1;
    a.outputUsdPerMtok = 2;
    a.effectiveFrom = Date::fromCivil(2026, 1, 1);
    catalog.addSheet({"first", "native", {a}, {}});
    PriceOffer corrected = a;
    corrected.inputUsdPerMtok = 0.5;
    PriceOffer newer = a;
    newer.inputUsdPerMtok = 0.25;
    newer.effectiveFrom = Date::fromCivil(2026, 6, 1);
    catalog.addSheet({"second", "native", {corrected, newer}, {}});
    QCOMPARE(catalog.size(), std::size_t(2));
    QCOMPARE(catalog.find("p", "m", Date::fromCivil(2026, 3, 1))->inputUsdPerMtok, 0.5);
    QCOMPARE(catalog.find("p", "m", Date::fromCivil(2026, 7, 1))->inputUsdPerMtok, 0.25);
    QCOMPARE(catalog.history("p", "m").size(), std::size_t(2));
}

void TestPriceCatalog::lookupByAliasIgnoresCase()
{
    const PriceCatalog catalog = loadWorkspaceCatalog(nullptr);
    const auto byAlias = catalog.find("deepseek", "DeepSeek-Chat", Date::fromCivil(2026, 11, 22));
    QVERIFY(byAlias);
    QCOMPARE(byAlias->model, std::string("deepseek-v3.2"));
    const auto everywhere = catalog.offersOfModel("llama-3.3-70b", Date::fromCivil(2026, 11, 22));
    QVERIFY2(everywhere.size() >= 3, "llama-3.3-70b should be served by several providers");
}

QTEST_GUILESS_MAIN(TestPriceCatalog)
#include "test_pricecatalog.moc"
