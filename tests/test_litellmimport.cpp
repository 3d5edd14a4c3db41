#include "fileio.h"
#include "litellmpriceimporter.h"

#include <QtTest>
#include <algorithm>

using namespace finops;

// The September 2025 LiteLLM price database snapshot in ../shared/data: 1,701 entries, of
// which 1,350 have mode "chat" and 81 of those carry no per-token price.
class TestLiteLlmImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyEntryIsReadOrSkipped();
    void spotChecks_data();
    void spotChecks();
    void skipsCarryReasons_data();
    void skipsCarryReasons();
    void longContextTier();

private:
    PriceSheet m_sheet;
    const PriceOffer* offer(const std::string& key) const;
};

void TestLiteLlmImport::initTestCase()
{
    const std::string path = FINOPS_SHARED_DATA "/litellm-model-prices-2025-09.json";
    PriceImportOptions options;
    options.defaultEffectiveFrom = Date::fromCivil(2025, 9, 30);
    m_sheet = readPriceSheet(readWholeFile(path), path, "auto", options);
}

const PriceOffer* TestLiteLlmImport::offer(const std::string& key) const
{
    auto it = std::find_if(m_sheet.offers.begin(), m_sheet.offers.end(),
                           [&](const PriceOffer& o) { return o.model == key; });
    return it == m_sheet.offers.end() ? nullptr : &*it;
}

void TestLiteLlmImport::everyEntryIsReadOrSkipped()
{
    QCOMPARE(m_sheet.format, std::string("litellm"));
    QCOMPARE(m_sheet.offers.size() + m_sheet.skipped.size(), std::size_t(1701));
    QCOMPARE(m_sheet.offers.size(), std::size_t(1269));
    QCOMPARE(m_sheet.skipped.size(), std::size_t(432));
    for (const PriceOffer& o : m_sheet.offers) {
        QVERIFY(!o.provider.empty());
        QVERIFY(o.inputUsdPerMtok >= 0 && o.outputUsdPerMtok >= 0);
        QCOMPARE(o.effectiveFrom.toString(), std::string("2025-09-30"));
    }
}

void TestLiteLlmImport::spotChecks_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("cached");   // -1: none
    QTest::addColumn<double>("cacheWrite"); // -1: none
    QTest::addColumn<double>("output");
    QTest::addColumn<double>("batchDiscount");
    QTest::addColumn<bool>("open");
    QTest::newRow("gpt-4o") << "gpt-4o" << "openai" << 2.5 << 1.25 << -1.0 << 10.0 << 0.5 << false;
    QTest::newRow("claude sonnet 4") << "claude-sonnet-4-20250514" << "anthropic" << 3.0 << 0.3 << 3.75 << 15.0 << 0.0 << false;
    QTest::newRow("deepseek-chat (V3 at the time)") << "deepseek/deepseek-chat" << "deepseek" << 0.27 << 0.07 << -1.0 << 1.1 << 0.0 << true;
    QTest::newRow("groq llama 3.3 70b") << "groq/llama-3.3-70b-versatile" << "groq" << 0.59 << -1.0 << -1.0 << 0.79 << 0.0 << true;
    // The snapshot carries no batch price for gpt-5, so no discount is invented.
    QTest::newRow("gpt-5") << "gpt-5" << "openai" << 1.25 << 0.125 << -1.0 << 10.0 << 0.0 << false;
}

void TestLiteLlmImport::spotChecks()
{
    QFETCH(QString, key);
    QFETCH(QString, provider);
    QFETCH(double, input);
    QFETCH(double, cached);
    QFETCH(double, cacheWrite);
    QFETCH(double, output);
    QFETCH(double, batchDiscount);
    QFETCH(bool, open);
    const PriceOffer* o = offer(key.toStdString());
    QVERIFY2(o, qPrintable(key));
    QCOMPARE(QString::fromStdString(o->provider), provider);
    QCOMPARE(o->inputUsdPerMtok, input); // exact: 2.5e-06 scales to 2.5, not 2.4999999999999996
    QCOMPARE(o->outputUsdPerMtok, output);
    QCOMPARE(o->cachedInputUsdPerMtok.value_or(-1.0), cached);
    QCOMPARE(o->cacheWriteUsdPerMtok.value_or(-1.0), cacheWrite);
    QCOMPARE(o->batchDiscount, batchDiscount);
    QCOMPARE(o->openWeights, open);
}

void TestLiteLlmImport::skipsCarryReasons_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");
    QTest::newRow("embedding") << "text-embedding-3-small" << "mode 'embedding' is not a chat model";
    QTest::newRow("priced per character") << "medlm-medium" << "no per-token price (priced per character)";
    QTest::newRow("no mode") << "fireworks-ai-default" << "no mode given (not known to be a chat model)";
}

void TestLiteLlmImport::skipsCarryReasons()
{
    QFETCH(QString, key);
    QFETCH(QString, reason);
    auto it = std::find_if(m_sheet.skipped.begin(), m_sheet.skipped.end(),
                           [&](const SkippedEntry& s) { return s.key == key.toStdString(); });
    QVERIFY2(it != m_sheet.skipped.end(), qPrintable(key));
    QCOMPARE(QString::fromStdString(it->reason), reason);
}

void TestLiteLlmImport::longContextTier()
{
    // Gemini 2.5 Pro on Vertex: $1.25 / $10 up to 200k prompt tokens, $2.50 / $15 above.
    const PriceOffer* o = offer("gemini-2.5-pro");
    QVERIFY(o && o->longContext);
    QCOMPARE(o->longContext->aboveTokens, std::int64_t(200000));
    QCOMPARE(o->longContext->inputUsdPerMtok, 2.5);
    QCOMPARE(o->longContext->outputUsdPerMtok, 15.0);
    QCOMPARE(*o->contextWindowTokens, std::int64_t(1048576));
}

QTEST_GUILESS_MAIN(TestLiteLlmImport)
#include "test_litellmimport.moc"
