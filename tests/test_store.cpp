#include "inputerror.h"
#include "store.h"
#include "workspacecatalog.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace finops;

class TestStore : public QObject
{
    Q_OBJECT
private slots:
    void createsSchemaAndParentFolders();
    void priceSheetRoundTrip();
    void reimportAddsNothing();
    void badSheetLeavesStoreAsItWas();
    void removeSheet();
    void notADatabaseIsBadInput();
    void newerSchemaIsRefused();

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
};

void TestStore::createsSchemaAndParentFolders()
{
    Store store(path("a/b/planner.db"));
    QCOMPARE(store.schemaVersion(), Store::latestSchemaVersion());
    QVERIFY(store.priceSheetInfos().empty());
}

void TestStore::priceSheetRoundTrip()
{
    Store store(path("roundtrip.db"));
    PriceImportOptions options;
    options.defaultEffectiveFrom = Date::fromCivil(2026, 11, 22);
    const PriceSheetFile file = readPriceSheetFile(FINOPS_TEST_DATA "/sample-sheet.json", "auto", options);
    QVERIFY(!store.addPriceSheet(file.sheet, file.sha256).alreadyImported);

    const auto sheets = store.priceSheets();
    QCOMPARE(sheets.size(), std::size_t(1));
    QCOMPARE(sheets[0].offers.size(), file.sheet.offers.size());
    for (std::size_t i = 0; i < file.sheet.offers.size(); ++i) {
        const PriceOffer& a = file.sheet.offers[i];
        const PriceOffer& b = sheets[0].offers[i];
        QCOMPARE(b.provider, a.provider);
        QCOMPARE(b.model, a.model);
        QCOMPARE(b.aliases, a.aliases);
        QCOMPARE(b.inputUsdPerMtok, a.inputUsdPerMtok);
        QCOMPARE(b.cachedInputUsdPerMtok, a.cachedInputUsdPerMtok);
        QCOMPARE(b.cacheWriteUsdPerMtok, a.cacheWriteUsdPerMtok);
        QCOMPARE(b.outputUsdPerMtok, a.outputUsdPerMtok);
        QCOMPARE(b.batchDiscount, a.batchDiscount);
        QCOMPARE(b.longContext.has_value(), a.longContext.has_value());
        QCOMPARE(b.contextWindowTokens, a.contextWindowTokens);
        QCOMPARE(b.openWeights, a.openWeights);
        QCOMPARE(b.totalParamsB, a.totalParamsB);
        QCOMPARE(b.effectiveFrom, a.effectiveFrom);
        QCOMPARE(b.source, a.source);
    }
    // The workspace catalog now has the imported offers beside the bundled ones.
    const PriceCatalog catalog = loadWorkspaceCatalog(&store);
    QVERIFY(catalog.find("examplecloud", "premium-1", Date::fromCivil(2026, 11, 22)));
}

void TestStore::reimportAddsNothing()
{
    Store store(path("reimport.db"));
    const PriceSheetFile file = readPriceSheetFile(FINOPS_TEST_DATA "/sample-prices.csv", "csv", {});
    QVERIFY(!store.addPriceSheet(file.sheet, file.sha256).alreadyImported);
    QVERIFY(store.addPriceSheet(file.sheet, file.sha256).alreadyImported);
    QCOMPARE(store.priceSheetInfos().size(), std::size_t(1));
}

void TestStore::badSheetLeavesStoreAsItWas()
{
    const std::string bad = path("bad.csv");
    std::ofstream(bad) << "provider,model,input_usd_per_mtok,output_usd_per_mtok\np,a,1,2\np,b,-1,2\n";
    Store store(path("untouched.db"));
    QVERIFY_THROWS_EXCEPTION(InputError, readPriceSheetFile(bad, "auto", {}));
    QVERIFY(store.priceSheetInfos().empty());
}

void TestStore::removeSheet()
{
    Store store(path("remove.db"));
    const PriceSheetFile file = readPriceSheetFile(FINOPS_TEST_DATA "/sample-sheet.json", "auto", {});
    const auto id = store.addPriceSheet(file.sheet, file.sha256).sheetId;
    QVERIFY(store.removePriceSheet(id));
    QVERIFY(!store.removePriceSheet(id));
    QVERIFY(store.priceSheets().empty());
    // Offers went with their sheet (foreign key cascade).
    auto count = store.database().prepare("SELECT count(*) FROM price_offers");
    QVERIFY(count.step());
    QCOMPARE(count.int64(0), std::int64_t(0));
}

void TestStore::notADatabaseIsBadInput()
{
    const std::string p = path("notes.txt");
    std::ofstream(p) << std::string(4096, 'x');
    QVERIFY_THROWS_EXCEPTION(InputError, Store{p});
}

void TestStore::newerSchemaIsRefused()
{
    const std::string p = path("future.db");
    {
        Store store(p);
        store.database().exec("PRAGMA user_version = 999");
    }
    try {
        Store again(p);
        QFAIL("opened a newer schema");
    } catch (const InputError& e) {
        QVERIFY(QString::fromStdString(e.what()).contains("newer"));
    }
}

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
