#include "fileio.h"
#include "inputerror.h"
#include "pricesheetimporter.h"

#include <QtTest>

using namespace finops;

namespace {
PriceImportOptions options()
{
    PriceImportOptions o;
    o.defaultEffectiveFrom = Date::fromCivil(2026, 11, 22);
    return o;
}

const char* kNativeHead = R"({"schema": "finops-planner.price-sheet", "version": 1, "provider": "p", "currency": "USD",
 "offers": [
)";
} // namespace

class TestPriceImporters : public QObject
{
    Q_OBJECT
private slots:
    void nativeSheetReadsEveryField();
    void csvSheetReadsQuotedFields();
    void detection_data();
    void detection();
    void badInput_data();
    void badInput();
};

void TestPriceImporters::nativeSheetReadsEveryField()
{
    const std::string path = FINOPS_TEST_DATA "/sample-sheet.json";
    const PriceSheet sheet = readPriceSheet(readWholeFile(path), path, "auto", options());
    QCOMPARE(sheet.format, std::string("native"));
    QCOMPARE(sheet.offers.size(), std::size_t(2));
    const PriceOffer& ds = sheet.offers[0];
    QCOMPARE(ds.provider, std::string("examplecloud"));
    QCOMPARE(ds.aliases, std::vector<std::string>{"deepseek-chat"});
    QCOMPARE(ds.inputUsdPerMtok, 0.25);
    QCOMPARE(*ds.cachedInputUsdPerMtok, 0.025);
    QVERIFY(!ds.cacheWriteUsdPerMtok);
    QCOMPARE(ds.batchDiscount, 0.5);
    QCOMPARE(*ds.contextWindowTokens, std::int64_t(128000));
    QVERIFY(ds.openWeights);
    QCOMPARE(*ds.activeParamsB, 37.0);
    QCOMPARE(ds.effectiveFrom.toString(), std::string("2026-01-01"));
    QCOMPARE(ds.source, std::string("tests/data/sample-sheet.json (made up for tests)"));
    const PriceOffer& premium = sheet.offers[1];
    QVERIFY(premium.longContext);
    QCOMPARE(premium.longContext->aboveTokens, std::int64_t(200000));
    QCOMPARE(premium.longContext->outputUsdPerMtok, 22.5);
    QCOMPARE(*premium.cacheWriteUsdPerMtok, 3.75);
}

void TestPriceImporters::csvSheetReadsQuotedFields()
{
    const std::string path = FINOPS_TEST_DATA "/sample-prices.csv";
    const PriceSheet sheet = readPriceSheet(readWholeFile(path), path, "auto", options());
    QCOMPARE(sheet.format, std::string("csv"));
    QCOMPARE(sheet.offers.size(), std::size_t(2));
    QCOMPARE(sheet.offers[0].aliases.size(), std::size_t(2));
    QVERIFY(!sheet.offers[0].cachedInputUsdPerMtok);
    QVERIFY(sheet.offers[0].openWeights);
    QCOMPARE(sheet.offers[1].model, std::string("model, with comma"));
    QCOMPARE(sheet.offers[1].source, std::string("note \"quoted\""));
    QVERIFY(!sheet.offers[1].openWeights);
}

void TestPriceImporters::detection_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("format");
    QTest::newRow("native") << QByteArray(kNativeHead) + "]}" << "native";
    QTest::newRow("litellm") << QByteArray(R"({"gpt-x": {"litellm_provider": "openai", "mode": "chat"}})") << "litellm";
    QTest::newRow("csv") << QByteArray("provider,model,input_usd_per_mtok,output_usd_per_mtok\n") << "csv";
}

void TestPriceImporters::detection()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, format);
    QCOMPARE(QString::fromUtf8(priceSheetImporterFor("auto", text.toStdString(), "f").format().data()), format);
}

void TestPriceImporters::badInput_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error"); // the start of the message: file:line:field: reason

    const QByteArray head(kNativeHead);
    QTest::newRow("native negative price") << "native"
        << head + R"(  {"model": "m", "input_usd_per_mtok": -1, "output_usd_per_mtok": 2, "open_weights": false,
   "effective_from": "2026-01-01"}]})"
        << "bad.json:3:input_usd_per_mtok: must not be negative";
    QTest::newRow("native missing output price") << "native"
        << head + R"(  {"model": "m",
   "input_usd_per_mtok": 1, "open_weights": false, "effective_from": "2026-01-01"}]})"
        << "bad.json:3:output_usd_per_mtok: missing";
    QTest::newRow("native price as text") << "native"
        << head + R"(  {"model": "m", "input_usd_per_mtok": "1.0", "output_usd_per_mtok": 2,
   "open_weights": false, "effective_from": "2026-01-01"}]})"
        << "bad.json:3:input_usd_per_mtok: expected a number";
    QTest::newRow("native unknown currency")
        << "native"
        << QByteArray(R"({"schema": "finops-planner.price-sheet", "provider": "p",
 "currency": "EUR", "offers": []})")
        << "bad.json:2:currency: unknown currency 'EUR'";
    QTest::newRow("native duplicate model and date") << "native"
        << head + R"(  {"model": "m", "input_usd_per_mtok": 1, "output_usd_per_mtok": 2, "open_weights": false, "effective_from": "2026-01-01"},
  {"model": "m", "input_usd_per_mtok": 1.5, "output_usd_per_mtok": 2, "open_weights": false,
   "effective_from": "2026-01-01"}]})"
        << "bad.json:5:effective_from: duplicate offer: p/m effective 2026-01-01 is already given on line 3";
    QTest::newRow("native bad date") << "native"
        << head + R"(  {"model": "m", "input_usd_per_mtok": 1, "output_usd_per_mtok": 2, "open_weights": false,
   "effective_from": "2026-02-30"}]})"
        << "bad.json:4:effective_from: expected a date";
    QTest::newRow("native missing open_weights") << "native"
        << head + R"(  {"model": "m", "input_usd_per_mtok": 1, "output_usd_per_mtok": 2, "effective_from": "2026-01-01"}]})"
        << "bad.json:3:open_weights: missing";
    QTest::newRow("native syntax error") << "native" << head + "  {\"model\": }]}" << "bad.json:3: invalid JSON";

    const QByteArray csvHead("provider,model,input_usd_per_mtok,output_usd_per_mtok,currency,effective_from\n");
    QTest::newRow("csv NaN price") << "csv" << csvHead + "p,m,nan,2,USD,2026-01-01\n"
                                   << "bad.json:2:input_usd_per_mtok: price is NaN";
    QTest::newRow("csv negative price") << "csv" << csvHead + "p,m,1,2,USD,2026-01-01\np,n,1,-0.5,USD,2026-01-01\n"
                                        << "bad.json:3:output_usd_per_mtok: price is negative";
    QTest::newRow("csv missing price") << "csv" << csvHead + "p,m,,2,USD,2026-01-01\n"
                                       << "bad.json:2:input_usd_per_mtok: missing";
    QTest::newRow("csv not a number") << "csv" << csvHead + "p,m,1$,2,USD,2026-01-01\n"
                                      << "bad.json:2:input_usd_per_mtok: not a number: '1$'";
    QTest::newRow("csv unknown currency") << "csv" << csvHead + "p,m,1,2,GBP,2026-01-01\n"
                                          << "bad.json:2:currency: unknown currency 'GBP'";
    QTest::newRow("csv duplicate") << "csv" << csvHead + "p,m,1,2,USD,2026-01-01\np,m,1,3,USD,2026-01-01\n"
                                   << "bad.json:3:effective_from: duplicate offer";
    QTest::newRow("csv missing column") << "csv" << QByteArray("provider,model,input_usd_per_mtok\np,m,1\n")
                                        << "bad.json:1:output_usd_per_mtok: column missing";
    QTest::newRow("csv short row") << "csv" << csvHead + "p,m,1,2\n" << "bad.json:2: expected 6 fields";

    QTest::newRow("litellm negative price") << "litellm"
        << QByteArray(R"({"ok": {"litellm_provider": "x", "mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
 "bad": {"litellm_provider": "x", "mode": "chat",
   "input_cost_per_token": -1e-6, "output_cost_per_token": 2e-6}})")
        << "bad.json:3:bad.input_cost_per_token: must not be negative";
    QTest::newRow("unknown format") << "xml" << QByteArray("<x/>") << "bad.json:0:format: unknown format 'xml'";
    QTest::newRow("unrecognised content") << "auto" << QByteArray("hello\n") << "bad.json:1: unrecognised price sheet";
}

void TestPriceImporters::badInput()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    try {
        readPriceSheet(text.toStdString(), "bad.json", format.toStdString(), options());
        QFAIL("accepted bad input");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).startsWith(error), e.what());
    }
}

QTEST_GUILESS_MAIN(TestPriceImporters)
#include "test_priceimporters.moc"
