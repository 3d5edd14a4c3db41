#include "dashboardpage.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "mainwindow.h"
#include "spend.h"
#include "store.h"
#include "usagequery.h"
#include "usagestore.h"
#include "workspace.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace finops;

namespace {
constexpr int kTimeout = 60000; // sanitizer builds on a loaded machine
const Date kToday = Date::fromCivil(2026, 11, 22);

QString usd(double v)
{
    return QString::fromStdString(formatUsd(v));
}
} // namespace

class TestDashboardPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void totalIsTheSpendReportTotal_data();
    void totalIsTheSpendReportTotal();
    void oneStackedSetPerProvider();
    void topModelsAreTheCostliest();
    void costPerTagDefaultsToTeam();
    void repriceTableStartsWithTheCheapestAlternative();
    void openWeightsOnlyFiltersTheAlternatives();
    void useMixEmitsTheObservedMix();
    void mainWindowSendsTheMixToBlendedCost();
    void recomputesWhenUsageChanges();
    void emptyWorkspaceSaysWhatToDo();

private:
    // The inputs the page should have used, read directly, for days [from, to].
    SpendInputs inputs(std::optional<Date> from = std::nullopt,
                       std::optional<Date> to = std::nullopt, const std::string& tagKey = {});
    bool waitForRecompute(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(kTimeout); }
    template <typename T> T* child(const char* name) const
    {
        return m_page->findChild<T*>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<DashboardPage> m_page;
};

void TestDashboardPage::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("demo%1.db").arg(++n));
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, kToday);
    }
    m_workspace = std::make_unique<Workspace>(m_db);
    m_page = std::make_unique<DashboardPage>(*m_workspace);
    QSignalSpy recomputed(m_page.get(), &DashboardPage::recomputed);
    m_page->resize(1200, 900);
    m_page->show();
    QVERIFY(waitForRecompute(recomputed));
}

void TestDashboardPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

SpendInputs TestDashboardPage::inputs(std::optional<Date> from, std::optional<Date> to,
                                      const std::string& tagKey)
{
    Store store(m_db.toStdString());
    UsageStore usage(store);
    return loadSpendInputs(usage, m_workspace->catalog(), from, to, tagKey);
}

void TestDashboardPage::totalIsTheSpendReportTotal_data()
{
    // The demo's 90 days end on kToday.
    QTest::addColumn<int>("period");
    QTest::addColumn<int>("days"); // 0: all usage
    QTest::newRow("all usage (default)") << int(DashboardPage::AllUsage) << 0;
    QTest::newRow("last 30 days") << int(DashboardPage::Last30Days) << 30;
    QTest::newRow("last 90 days") << int(DashboardPage::Last90Days) << 90;
}

void TestDashboardPage::totalIsTheSpendReportTotal()
{
    QFETCH(int, period);
    QFETCH(int, days);
    auto* combo = child<QComboBox>("periodCombo");
    if (period != DashboardPage::AllUsage) {
        QSignalSpy recomputed(m_page.get(), &DashboardPage::recomputed);
        combo->setCurrentIndex(combo->findData(period));
        QVERIFY(waitForRecompute(recomputed));
    }
    QCOMPARE(combo->currentData().toInt(), period);
    const std::optional<Date> from =
        days ? std::optional<Date>(Date{kToday.daysSinceEpoch - (days - 1)}) : std::nullopt;
    const SpendReport report = spendReport(
        inputs(from, days ? std::optional<Date>(kToday) : std::nullopt), SpendGrouping::Month);
    QVERIFY(report.totalCostUsd > 0);
    QCOMPARE(child<QLabel>("totalSpendValue")->text(), usd(report.totalCostUsd));
    // The demo's fine-tune cannot be priced: its share is shown, never priced at zero.
    QVERIFY(report.unpricedTokens > 0);
    QVERIFY2(child<QLabel>("unpricedShareValue")->text().endsWith(QStringLiteral("% of tokens")),
             qPrintable(child<QLabel>("unpricedShareValue")->text()));
}

void TestDashboardPage::oneStackedSetPerProvider()
{
    const SpendReport byProvider = spendReport(inputs(), SpendGrouping::Provider);
    auto* view = child<QChartView>("spendOverTimeChart");
    QCOMPARE(view->chart()->series().size(), 1);
    auto* series = qobject_cast<QStackedBarSeries*>(view->chart()->series().at(0));
    QVERIFY(series);
    QCOMPARE(series->count(), int(byProvider.rows.size()));
    QCOMPARE(series->count(), 5); // OpenAI, Anthropic, Google, DeepSeek, Groq
    for (int i = 0; i < series->count(); ++i)
        QCOMPARE(series->barSets()[i]->label(),
                 QString::fromStdString(byProvider.rows[static_cast<std::size_t>(i)].key));
    // 90 days by week: 13 or 14 weeks, every set with one value per week.
    const int weeks = series->barSets()[0]->count();
    QVERIFY2(weeks >= 13 && weeks <= 14, qPrintable(QString::number(weeks)));
    // The stacks add up to the total.
    double sum = 0;
    for (QBarSet* set : series->barSets())
        for (int i = 0; i < set->count(); ++i)
            sum += set->at(i);
    QVERIFY(std::abs(sum - spendReport(inputs(), SpendGrouping::Month).totalCostUsd) < 0.01);

    // By month: Aug, Sep, Oct, Nov.
    auto* granularity = child<QComboBox>("granularityCombo");
    granularity->setCurrentIndex(granularity->findData(DashboardPage::ByMonth));
    emit granularity->activated(granularity->currentIndex());
    series = qobject_cast<QStackedBarSeries*>(view->chart()->series().at(0));
    QCOMPARE(series->barSets()[0]->count(), 4);
}

void TestDashboardPage::topModelsAreTheCostliest()
{
    const SpendReport byModel = spendReport(inputs(), SpendGrouping::Model);
    QCOMPARE(child<QLabel>("topModelValue")->toolTip(),
             QString::fromStdString(byModel.rows.front().key));
    auto* view = child<QChartView>("topModelsChart");
    auto* series = qobject_cast<QHorizontalBarSeries*>(view->chart()->series().at(0));
    QVERIFY(series);
    QBarSet* set = series->barSets().at(0);
    QCOMPARE(set->count(), 8);
    // Drawn bottom-up: the last bar is the costliest model.
    QCOMPARE(set->at(7), byModel.rows[0].costUsd);
    QCOMPARE(set->at(0), byModel.rows[7].costUsd);
}

void TestDashboardPage::costPerTagDefaultsToTeam()
{
    auto* tagKey = child<QComboBox>("tagKeyCombo");
    QCOMPARE(tagKey->currentText(), QStringLiteral("team"));
    const SpendReport byTeam =
        spendReport(inputs(std::nullopt, std::nullopt, "team"), SpendGrouping::Tag);
    auto* series = qobject_cast<QHorizontalBarSeries*>(
        child<QChartView>("tagCostChart")->chart()->series().at(0));
    QVERIFY(series);
    QCOMPARE(series->barSets().at(0)->count(), int(byTeam.rows.size()));
    QCOMPARE(series->barSets().at(0)->at(series->barSets().at(0)->count() - 1),
             byTeam.rows.front().costUsd);

    QSignalSpy recomputed(m_page.get(), &DashboardPage::recomputed);
    tagKey->setCurrentIndex(tagKey->findText(QStringLiteral("task")));
    QVERIFY(waitForRecompute(recomputed));
    QCOMPARE(tagKey->currentText(), QStringLiteral("task"));
    const SpendReport byTask =
        spendReport(inputs(std::nullopt, std::nullopt, "task"), SpendGrouping::Tag);
    series = qobject_cast<QHorizontalBarSeries*>(
        child<QChartView>("tagCostChart")->chart()->series().at(0));
    QCOMPARE(series->barSets().at(0)->count(), std::min(12, int(byTask.rows.size())));
}

void TestDashboardPage::repriceTableStartsWithTheCheapestAlternative()
{
    const RepriceResult r = reprice(inputs().base, m_workspace->catalog().histories());
    QVERIFY(r.alternatives.size() > 10);
    auto* table = child<QTableWidget>("repriceTable");
    QCOMPARE(table->rowCount(), 10);
    const RepriceAlternative& cheapest = r.alternatives.front();
    QCOMPARE(table->item(0, 0)->text(), QString::fromStdString(cheapest.provider));
    QCOMPARE(table->item(0, 1)->text(), QString::fromStdString(cheapest.model));
    QCOMPARE(table->item(0, 2)->text(), usd(cheapest.costUsd));
    QCOMPARE(table->item(0, 3)->text(), usd(cheapest.savingsUsd));
    QCOMPARE(table->item(9, 1)->text(), QString::fromStdString(r.alternatives[9].model));
    const QString headline = child<QLabel>("repriceHeadline")->text();
    QVERIFY2(headline.contains(usd(cheapest.costUsd)) && headline.contains(usd(r.actualCostUsd)),
             qPrintable(headline));
}

void TestDashboardPage::openWeightsOnlyFiltersTheAlternatives()
{
    const RepriceResult r = reprice(inputs().base, m_workspace->catalog().histories());
    std::vector<RepriceAlternative> open;
    for (const auto& a : r.alternatives)
        if (a.openWeights)
            open.push_back(a);
    QVERIFY(!open.empty());
    child<QCheckBox>("repriceOpenOnly")->setChecked(true);
    auto* table = child<QTableWidget>("repriceTable");
    QCOMPARE(table->rowCount(), std::min(10, int(open.size())));
    for (int i = 0; i < table->rowCount(); ++i)
        QCOMPARE(table->item(i, 1)->text(),
                 QString::fromStdString(open[static_cast<std::size_t>(i)].model));
}

void TestDashboardPage::useMixEmitsTheObservedMix()
{
    QSignalSpy useMix(m_page.get(), &DashboardPage::useMix);
    auto* button = child<QPushButton>("useMixButton");
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(useMix.count(), 1);
    const ObservedMix all = observedMix(inputs().base);
    QCOMPARE(useMix[0][0].toDouble(), all.inputShare);
    QCOMPARE(useMix[0][1].toDouble(), all.cacheHitRate);

    // The mix of one team: its tagged usage only.
    auto* scope = child<QComboBox>("mixScope");
    QVERIFY(scope->findData(QStringLiteral("search")) > 0);
    scope->setCurrentIndex(scope->findData(QStringLiteral("search")));
    button->click();
    const SpendInputs teams = inputs(std::nullopt, std::nullopt, "team");
    std::vector<PricedUsageRow> search;
    for (const PricedUsageRow& row : withUntagged(teams.base, teams.tagged, teams.coverage))
        if (row.tagValue == "search")
            search.push_back(row);
    const ObservedMix searchMix = observedMix(search);
    QCOMPARE(useMix.count(), 2);
    QCOMPARE(useMix[1][0].toDouble(), searchMix.inputShare);
    QCOMPARE(useMix[1][1].toDouble(), searchMix.cacheHitRate);
    QVERIFY(searchMix.cacheHitRate != all.cacheHitRate);
}

void TestDashboardPage::mainWindowSendsTheMixToBlendedCost()
{
    MainWindow window(*m_workspace);
    auto* dashboard = window.findChild<DashboardPage*>();
    QVERIFY(dashboard);
    QSignalSpy recomputed(dashboard, &DashboardPage::recomputed);
    QVERIFY(recomputed.wait(kTimeout));
    dashboard->findChild<QPushButton*>(QStringLiteral("useMixButton"))->click();
    const ObservedMix all = observedMix(inputs().base);
    QCOMPARE(window.findChild<QSlider*>(QStringLiteral("inputShareSlider"))->value(),
             qRound(100 * all.inputShare));
    QCOMPARE(window.findChild<QSlider*>(QStringLiteral("cacheHitSlider"))->value(),
             qRound(100 * all.cacheHitRate));
}

void TestDashboardPage::recomputesWhenUsageChanges()
{
    const QString before = child<QLabel>("totalSpendValue")->text();
    QSignalSpy recomputed(m_page.get(), &DashboardPage::recomputed);
    UsageImportJob job;
    job.files = {QStringLiteral(FINOPS_TEST_DATA "/usage/litellm-spend-logs.csv")};
    auto future = m_workspace->importUsageFiles(job, std::make_shared<std::atomic_bool>(false));
    QVERIFY(recomputed.wait(kTimeout));
    QVERIFY(future.isFinished());
    QVERIFY(future.result().ok);
    const SpendReport report = spendReport(inputs(), SpendGrouping::Month);
    QCOMPARE(child<QLabel>("totalSpendValue")->text(), usd(report.totalCostUsd));
    QVERIFY(child<QLabel>("totalSpendValue")->text() != before);
}

void TestDashboardPage::emptyWorkspaceSaysWhatToDo()
{
    m_page.reset();
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("empty.db")));
    m_page = std::make_unique<DashboardPage>(*m_workspace);
    QSignalSpy recomputed(m_page.get(), &DashboardPage::recomputed);
    m_page->show();
    QVERIFY(waitForRecompute(recomputed));
    QCOMPARE(child<QLabel>("totalSpendValue")->text(), QStringLiteral("—"));
    QVERIFY(child<QLabel>("dashboardBanner")->isVisible());
    QVERIFY(child<QLabel>("dashboardBanner")->text().contains(QStringLiteral("Usage")));
    QCOMPARE(child<QTableWidget>("repriceTable")->rowCount(), 0);
    QVERIFY(!child<QPushButton>("useMixButton")->isEnabled());
}

QTEST_MAIN(TestDashboardPage)
#include "test_dashboardpage.moc"
