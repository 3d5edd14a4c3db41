#include "pricespage.h"
#include "workspace.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace finops;

class TestPricesPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsTheBundledCatalog();
    void filtersNarrowTheTable();
    void importAddsOffersOffTheGuiThread();
    void badSheetShowsErrorAndChangesNothing();
    void reimportSaysSo();

private:
    int rows() const { return m_page->findChild<QTableView*>(QStringLiteral("priceTable"))->model()->rowCount(); }
    // Imports and waits for the result; returns (ok, message).
    std::pair<bool, QString> import(const QString& path);

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<PricesPage> m_page;
};

void TestPricesPage::init()
{
    static int n = 0;
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("w%1.db").arg(++n)));
    m_page = std::make_unique<PricesPage>(*m_workspace);
    m_page->show();
}

void TestPricesPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

std::pair<bool, QString> TestPricesPage::import(const QString& path)
{
    QSignalSpy finished(m_page.get(), &PricesPage::importFinished);
    m_page->importFile(path);
    if (!finished.wait(20000))
        return {false, QStringLiteral("timed out")};
    return {finished[0][0].toBool(), finished[0][1].toString()};
}

void TestPricesPage::showsTheBundledCatalog()
{
    QVERIFY(rows() >= 50);
}

void TestPricesPage::filtersNarrowTheTable()
{
    const int all = rows();
    m_page->findChild<QLineEdit*>(QStringLiteral("priceSearch"))->setText(QStringLiteral("deepseek-v3.2"));
    QVERIFY(rows() >= 1 && rows() < all);
    m_page->findChild<QLineEdit*>(QStringLiteral("priceSearch"))->clear();
    m_page->findChild<QCheckBox*>(QStringLiteral("openOnlyFilter"))->setChecked(true);
    QVERIFY(rows() > 10 && rows() < all);
}

void TestPricesPage::importAddsOffersOffTheGuiThread()
{
    const int before = rows();
    const auto [ok, message] = import(QStringLiteral(FINOPS_TEST_DATA "/sample-sheet.json"));
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(rows(), before + 2);
}

void TestPricesPage::badSheetShowsErrorAndChangesNothing()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
    std::ofstream(bad.toStdString()) << "provider,model,input_usd_per_mtok,output_usd_per_mtok\n"
                                        "acme,a,1,2\nacme,b,-3,2\n";
    const int before = rows();
    const auto [ok, message] = import(bad);
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("bad.csv:3:input_usd_per_mtok")), qPrintable(message));
    auto* dialog = m_page->findChild<QMessageBox*>(QStringLiteral("importErrorDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->informativeText().contains(QStringLiteral("bad.csv:3:input_usd_per_mtok")));
    dialog->close();
    QCOMPARE(rows(), before);
}

void TestPricesPage::reimportSaysSo()
{
    const QString sheet = QStringLiteral(FINOPS_TEST_DATA "/sample-prices.csv");
    QVERIFY(import(sheet).first);
    const int after = rows();
    const auto [ok, message] = import(sheet);
    QVERIFY(ok);
    QVERIFY2(message.contains(QStringLiteral("imported before")), qPrintable(message));
    QCOMPARE(rows(), after);
}

QTEST_MAIN(TestPricesPage)
#include "test_pricespage.moc"
