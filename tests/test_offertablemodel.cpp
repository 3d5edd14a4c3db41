#include "offerfilterproxymodel.h"
#include "offerfixture.h"
#include "offertablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace finops;

namespace {
using test::offer;

std::vector<PriceOffer> sample()
{
    return {offer("openai", "gpt-5", 1.25, 10, false, 0.125), offer("deepseek", "deepseek-v3.2", 0.28, 0.42, true, 0.028),
            offer("groq", "llama-3.1-8b", 0.05, 0.08, true), offer("anthropic", "claude-sonnet-4.5", 3, 15, false, 0.3)};
}
} // namespace

class TestOfferTableModel : public QObject
{
    Q_OBJECT
private slots:
    void passesModelTester();
    void resetSignalsOnNewOffers();
    void displayAndSortRoles();
    void sortsNumericallyWithAbsentLast();
    void filters_data();
    void filters();
};

void TestOfferTableModel::passesModelTester()
{
    OfferTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOffers(sample());
    model.setOffers({});
    model.setOffers(sample());
    OfferFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setText("deep");
    proxy.sort(OfferTableModel::Output);
}

void TestOfferTableModel::resetSignalsOnNewOffers()
{
    OfferTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setOffers(sample());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(OfferTableModel::ColumnCount));
}

void TestOfferTableModel::displayAndSortRoles()
{
    OfferTableModel model;
    model.setOffers(sample());
    QCOMPARE(model.index(1, OfferTableModel::Input).data().toString(), QStringLiteral("$0.2800"));
    QCOMPARE(model.index(1, OfferTableModel::CachedInput).data().toString(), QStringLiteral("$0.02800"));
    QCOMPARE(model.index(2, OfferTableModel::CachedInput).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(1, OfferTableModel::Input).data(OfferTableModel::SortRole).toDouble(), 0.28);
    QCOMPARE(model.index(1, OfferTableModel::OpenWeights).data().toString(), QStringLiteral("open"));
    QCOMPARE(model.headerData(OfferTableModel::Output, Qt::Horizontal).toString(), QStringLiteral("Output $/Mtok"));
}

void TestOfferTableModel::sortsNumericallyWithAbsentLast()
{
    OfferTableModel model;
    model.setOffers(sample());
    OfferFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(OfferTableModel::Output, Qt::AscendingOrder);
    QStringList models;
    for (int r = 0; r < proxy.rowCount(); ++r)
        models << proxy.index(r, OfferTableModel::Model).data().toString();
    // Numeric, not text order: "$10.00" must come after "$0.4200".
    QCOMPARE(models, (QStringList{"llama-3.1-8b", "deepseek-v3.2", "gpt-5", "claude-sonnet-4.5"}));
    proxy.sort(OfferTableModel::CachedInput, Qt::AscendingOrder);
    QCOMPARE(proxy.index(3, OfferTableModel::Model).data().toString(), QStringLiteral("llama-3.1-8b"));
}

void TestOfferTableModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("openOnly");
    QTest::addColumn<int>("rows");
    QTest::newRow("none") << "" << "" << false << 4;
    QTest::newRow("text matches model") << "LLAMA" << "" << false << 1;
    QTest::newRow("text matches provider") << "anthro" << "" << false << 1;
    QTest::newRow("provider") << "" << "openai" << false << 1;
    QTest::newRow("open only") << "" << "" << true << 2;
    QTest::newRow("open and provider") << "" << "openai" << true << 0;
}

void TestOfferTableModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QString, provider);
    QFETCH(bool, openOnly);
    QFETCH(int, rows);
    OfferTableModel model;
    model.setOffers(sample());
    OfferFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setText(text);
    proxy.setProvider(provider);
    proxy.setOpenOnly(openOnly);
    QCOMPARE(proxy.rowCount(), rows);
}

QTEST_MAIN(TestOfferTableModel)
#include "test_offertablemodel.moc"
