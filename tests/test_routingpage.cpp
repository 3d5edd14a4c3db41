#include "modelquality.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "mainwindow.h"
#include "routing.h"
#include "routingfromusage.h"
#include "routinginstances.h"
#include "routingpage.h"
#include "routingproblem.h"
#include "routingtaskmodel.h"
#include "store.h"
#include "usagequery.h"
#include "usagestore.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHorizontalStackedBarSeries>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <set>
#include <tuple>

using namespace finops;

namespace {
constexpr int kTimeout = 120000; // sanitizer builds on a loaded machine
const Date kToday = Date::fromCivil(2026, 11, 22);

QString usd(double v)
{
    return QString::fromStdString(formatUsd(v));
}
QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

// The candidates `finops-cli route --from-usage` takes: one per model at its cheapest
// provider, with the bundled sourced qualities.
std::vector<RoutingCandidate> candidates(const PriceCatalog& catalog)
{
    return routingCandidates(catalog.offersAt(kToday), qualityByName(bundledQuality()));
}

} // namespace

class TestRoutingPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void prefillsTheTaskClassesFromUsage();
    void resultIsThePlannersResult();
    void stackedBarsMatchTheAssignment();
    void currentAgainstOptimalCost();
    void shadowPricesAreListed();
    void paretoChartHasTheFrontier();
    void editingATaskChangesTheSolve();
    void constraintsPanelReachesTheProblem();
    void infeasibleNamesTheCauses();
    void invalidProblemIsRefusedBeforeSolving();
    void cancelStopsAnIntegralSolve();
    void exportWritesAFile_data();
    void exportWritesAFile();
    void exportWithoutASolveSaysSo();
    void mainWindowHasTheRoutingPage();

private:
    bool waitForSolve(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(kTimeout); }
    // The problem "From usage" should build: the last 30 days with usage, tagged "task".
    RoutingProblem expectedProblem() const;
    template <typename T> T* child(const char* name) const
    {
        return m_page->findChild<T*>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<RoutingPage> m_page;
};

void TestRoutingPage::init()
{
    Clock::setToday(kToday);
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("demo%1.db").arg(++n));
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, kToday);
    }
    m_workspace = std::make_unique<Workspace>(m_db);
    m_page = std::make_unique<RoutingPage>(*m_workspace);
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    m_page->resize(1300, 850);
    m_page->show();
    QVERIFY(waitForSolve(solved));
    QVERIFY(m_page->result());
}

void TestRoutingPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

RoutingProblem TestRoutingPage::expectedProblem() const
{
    Store store(m_db.toStdString());
    UsageStore usage(store);
    const auto range = usage.usageRange();
    const Date to = range->second;
    const Date from{std::max(range->first.daysSinceEpoch, to.daysSinceEpoch - 29)};
    const PriceCatalog& catalog = m_workspace->catalog();
    RoutingFromUsageOptions options;
    const std::vector<RoutingCandidate> models = candidates(catalog);
    const bool anyQuality =
        std::any_of(models.begin(), models.end(),
                    [](const RoutingCandidate& c) { return c.quality.has_value(); });
    options.minQuality = anyQuality ? child<QDoubleSpinBox>("usageMinQuality")->value() : 0;
    options.months = (to.daysSinceEpoch - from.daysSinceEpoch + 1) / 30.4375;
    options.catalog = &catalog;
    options.day = kToday;
    return routingProblemFromUsage(loadSpendInputs(usage, catalog, from, to, "task"), models,
                                   options);
}

void TestRoutingPage::prefillsTheTaskClassesFromUsage()
{
    const RoutingProblem expected = expectedProblem();
    const RoutingProblem shown = m_page->problem();
    // The demo workspace has 11 task classes.
    QCOMPARE(shown.tasks.size(), std::size_t{11});
    QCOMPARE(shown.tasks.size(), expected.tasks.size());
    QCOMPARE(shown.models.size(), expected.models.size());
    for (std::size_t t = 0; t < shown.tasks.size(); ++t) {
        QCOMPARE(shown.tasks[t].id, expected.tasks[t].id);
        QCOMPARE(shown.tasks[t].monthlyRequests, expected.tasks[t].monthlyRequests);
        QCOMPARE(shown.tasks[t].currentModel, expected.tasks[t].currentModel);
    }
    auto* tasks = child<QTableView>("taskTable");
    QCOMPARE(tasks->model()->rowCount(), 11);
    QCOMPARE(tasks->model()->index(0, RoutingTaskModel::Id).data().toString(),
             text(expected.tasks[0].id));
    auto* candidates = child<QTableView>("candidateTable");
    QCOMPARE(candidates->model()->rowCount(), static_cast<int>(expected.models.size()));
    // Model columns, then one quality column per task class.
    QCOMPARE(candidates->model()->columnCount(), 9 + 11);
}

void TestRoutingPage::resultIsThePlannersResult()
{
    RoutingOptions options;
    options.paretoPoints = child<QSpinBox>("paretoPoints")->value();
    options.timeLimitSeconds = child<QDoubleSpinBox>("timeLimit")->value();
    const RoutingResult expected = solveRouting(*m_page->solvedProblem(), options);
    const RoutingResult& shown = *m_page->result();
    QCOMPARE(shown.status, RoutingStatus::Optimal);
    QCOMPARE(shown.status, expected.status);
    QCOMPARE(shown.objectiveUsd, expected.objectiveUsd);
    QCOMPARE(shown.assignments.size(), expected.assignments.size());

    auto* table = child<QTableWidget>("assignmentTable");
    QCOMPARE(table->rowCount(), static_cast<int>(expected.assignments.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const RoutingAssignment& a = expected.assignments[static_cast<std::size_t>(row)];
        QCOMPARE(table->item(row, 0)->text(), text(a.task));
        QCOMPARE(table->item(row, 1)->text(), text(a.model));
        QCOMPARE(table->item(row, 3)->text(), QStringLiteral("%1%").arg(100 * a.share, 0, 'f', 1));
        QCOMPARE(table->item(row, 4)->text(), usd(a.monthlyCostUsd));
    }
    QCOMPARE(child<QLabel>("optimalCostValue")->text(), usd(expected.objectiveUsd));
    QVERIFY(child<QPushButton>("exportButton")->isEnabled());
    QVERIFY(child<QPushButton>("solveButton")->isEnabled());
    QVERIFY(!child<QPushButton>("cancelSolveButton")->isEnabled());
    QCOMPARE(child<QProgressBar>("solveProgress")->value(),
             child<QProgressBar>("solveProgress")->maximum());
}

void TestRoutingPage::stackedBarsMatchTheAssignment()
{
    const RoutingResult& r = *m_page->result();
    const RoutingProblem& p = *m_page->solvedProblem();
    auto* view = child<QChartView>("assignmentChart");
    auto* series = qobject_cast<QHorizontalStackedBarSeries*>(view->chart()->series().at(0));
    QVERIFY(series);
    auto* axis = qobject_cast<QBarCategoryAxis*>(series->attachedAxes().at(0));
    QVERIFY(axis);
    QCOMPARE(axis->count(), static_cast<int>(p.tasks.size()));
    std::set<std::string> models;
    for (const RoutingAssignment& a : r.assignments)
        models.insert(a.model);
    QCOMPARE(series->count(), static_cast<int>(models.size()));
    // Every bar is its task's traffic: the segments add up to 100%, and each is the share.
    for (int c = 0; c < axis->count(); ++c) {
        const std::string task = axis->at(c).toStdString();
        double total = 0;
        for (QBarSet* set : series->barSets()) {
            double share = 0;
            for (const RoutingAssignment& a : r.assignments)
                if (a.task == task && text(a.model) == set->label())
                    share = 100 * a.share;
            QVERIFY(qAbs(set->at(c) - share) < 1e-9);
            total += set->at(c);
        }
        QVERIFY2(qAbs(total - 100) < 1e-6, task.c_str());
    }
}

void TestRoutingPage::currentAgainstOptimalCost()
{
    const RoutingResult& r = *m_page->result();
    const RoutingProblem& p = *m_page->solvedProblem();
    // Today's cost: the planner's when every task has a priced current model; else the
    // tasks that have one (the demo's fine-tune is not in the catalog), on both sides.
    double current = 0, optimal = 0;
    if (r.currentCostUsd) {
        current = *r.currentCostUsd;
        optimal = r.objectiveUsd;
    } else {
        for (int t = 0; t < static_cast<int>(p.tasks.size()); ++t) {
            const auto& model = p.tasks[static_cast<std::size_t>(t)].currentModel;
            if (!model || p.modelIndex(*model) < 0)
                continue;
            current += p.pairCostUsd(t, p.modelIndex(*model));
            for (const RoutingAssignment& a : r.assignments)
                if (a.task == p.tasks[static_cast<std::size_t>(t)].id)
                    optimal += a.monthlyCostUsd;
        }
    }
    QVERIFY(current > 0);
    QCOMPARE(child<QLabel>("currentCostValue")->text(), usd(current));
    QCOMPARE(child<QLabel>("savingValue")->text(), usd(current - optimal));
}

void TestRoutingPage::shadowPricesAreListed()
{
    const RoutingResult& r = *m_page->result();
    auto* table = child<QTableWidget>("shadowPriceTable");
    QCOMPARE(table->rowCount(), static_cast<int>(r.shadowPrices.size()));
    std::set<QString> shown;
    for (int row = 0; row < table->rowCount(); ++row) {
        shown.insert(table->item(row, 0)->text());
        QVERIFY(!table->item(row, 2)->text().isEmpty());
    }
    for (const ShadowPrice& s : r.shadowPrices)
        QVERIFY(shown.count(text(s.constraint)));

    // A capacity that binds is priced per million tokens in words: 1M tokens a month that
    // cost $1 on x and $3 on y, with room for half of them on x. Each further token of x's
    // capacity saves $2 per million.
    RoutingProblem p;
    RoutingTask task;
    task.id = "a";
    task.monthlyRequests = 1000;
    task.inputTokens = 1000;
    p.tasks.push_back(task);
    for (const auto& [id, usdPerMtok] : {std::pair{"x", 1.0}, std::pair{"y", 3.0}}) {
        RoutingModel m;
        m.id = id;
        m.provider = std::string("provider-") + id;
        m.inputUsdPerMtok = usdPerMtok;
        m.outputUsdPerMtok = usdPerMtok;
        p.models.push_back(m);
    }
    p.models[0].capacity = 0.5e6;
    m_page->setProblem(p);
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    m_page->solve();
    QVERIFY(waitForSolve(solved));
    QCOMPARE(m_page->result()->status, RoutingStatus::Optimal);
    QVERIFY(qAbs(m_page->result()->objectiveUsd - 2.0) < 1e-9);
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows << table->item(row, 0)->text() + QStringLiteral(": ") + table->item(row, 2)->text();
    QVERIFY2(rows.contains(QStringLiteral(
                 "capacity:x: One more million tokens a month of capacity on x saves $2.00/month")),
             qPrintable(rows.join(QLatin1Char('\n'))));
}

void TestRoutingPage::paretoChartHasTheFrontier()
{
    // Three models of rising quality and price for two task classes.
    RoutingProblem p;
    for (const char* id : {"a", "b"}) {
        RoutingTask t;
        t.id = id;
        t.monthlyRequests = 1000;
        t.inputTokens = 1000;
        t.outputTokens = 100;
        t.minQuality = 0.5;
        p.tasks.push_back(t);
    }
    for (const auto& [id, usdPerMtok, quality] :
         {std::tuple{"small", 0.1, 0.6}, std::tuple{"mid", 1.0, 0.8},
          std::tuple{"large", 10.0, 0.95}}) {
        RoutingModel m;
        m.id = id;
        m.provider = std::string("provider-") + id;
        m.inputUsdPerMtok = usdPerMtok;
        m.outputUsdPerMtok = 2 * usdPerMtok;
        m.defaultQuality = quality;
        p.models.push_back(m);
    }
    m_page->setProblem(p);
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    m_page->solve();
    QVERIFY(waitForSolve(solved));
    const RoutingResult& r = *m_page->result();
    QCOMPARE(r.status, RoutingStatus::Optimal);
    auto* view = child<QChartView>("paretoChart");
    auto* line = qobject_cast<QLineSeries*>(view->chart()->series().at(0));
    QVERIFY(line);
    QList<QPointF> expected;
    for (const ParetoPoint& p : r.pareto)
        if (p.costUsd)
            expected << QPointF(p.minQuality, *p.costUsd);
    QVERIFY(expected.size() >= 2);
    QCOMPARE(line->points(), expected);
    // A higher floor never costs less.
    for (qsizetype i = 1; i < expected.size(); ++i)
        QVERIFY(expected[i].y() >= expected[i - 1].y() * (1 - 1e-9));
}

void TestRoutingPage::editingATaskChangesTheSolve()
{
    const double before = m_page->result()->objectiveUsd;
    auto* model = child<QTableView>("taskTable")->model();
    // Twice the traffic on every task class: twice the cost at the same shares (an LP
    // scales; the provider caps are shares of the total).
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, RoutingTaskModel::MonthlyRequests);
        const double requests = index.data(Qt::EditRole).toString().toDouble();
        QVERIFY(model->setData(index, QString::number(2 * requests, 'g', 17)));
    }
    QVERIFY(child<QLabel>("solveStatus")->text().contains(QStringLiteral("changed")));
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    QTest::mouseClick(child<QPushButton>("solveButton"), Qt::LeftButton);
    QVERIFY(waitForSolve(solved));
    QVERIFY(qAbs(m_page->result()->objectiveUsd - 2 * before) <= 1e-6 * before);
    QCOMPARE(m_page->solvedProblem()->tasks.size(), std::size_t{11});
}

void TestRoutingPage::constraintsPanelReachesTheProblem()
{
    child<QCheckBox>("maxProviderShareOn")->setChecked(true);
    child<QDoubleSpinBox>("maxProviderShare")->setValue(35);
    child<QCheckBox>("integral")->setChecked(true);
    child<QCheckBox>("budgetOn")->setChecked(true);
    child<QDoubleSpinBox>("budget")->setValue(12345);
    auto* minShares = child<QTableWidget>("minProviderShares");
    minShares->setRowCount(1);
    minShares->setItem(0, 0, new QTableWidgetItem(QStringLiteral("anthropic")));
    minShares->setItem(0, 1, new QTableWidgetItem(QStringLiteral("10")));
    const RoutingProblem p = m_page->problem();
    QCOMPARE(p.constraints.maxProviderShare, std::optional<double>(0.35));
    QVERIFY(p.constraints.integral);
    QCOMPARE(p.constraints.budgetUsd, std::optional<double>(12345));
    QCOMPARE(p.constraints.minProviderShare.at("anthropic"), 0.1);

    // And a loaded problem's constraints fill the panel.
    RoutingProblem other = p;
    other.constraints.maxProviderShare.reset();
    other.constraints.budgetUsd.reset();
    other.constraints.integral = false;
    other.constraints.minProviderShare = {{"openai", 0.2}};
    m_page->setProblem(other);
    QVERIFY(!child<QCheckBox>("maxProviderShareOn")->isChecked());
    QVERIFY(!child<QCheckBox>("budgetOn")->isChecked());
    QVERIFY(!child<QCheckBox>("integral")->isChecked());
    QCOMPARE(minShares->rowCount(), 1);
    QCOMPARE(m_page->problem().constraints.minProviderShare, other.constraints.minProviderShare);
}

void TestRoutingPage::infeasibleNamesTheCauses()
{
    // Two providers that may each take at most 30% of the spend cannot carry all of it.
    RoutingProblem p;
    for (const char* id : {"a", "b"}) {
        RoutingTask t;
        t.id = id;
        t.monthlyRequests = 1000;
        t.inputTokens = 1000;
        t.outputTokens = 100;
        p.tasks.push_back(t);
    }
    for (const char* id : {"x", "y"}) {
        RoutingModel m;
        m.id = id;
        m.provider = std::string("provider-") + id;
        m.inputUsdPerMtok = 1;
        m.outputUsdPerMtok = 2;
        p.models.push_back(m);
    }
    p.constraints.maxProviderShare = 0.3;
    m_page->setProblem(p);
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    m_page->solve();
    QVERIFY(waitForSolve(solved));
    QCOMPARE(m_page->result()->status, RoutingStatus::Infeasible);
    QVERIFY(!m_page->result()->infeasibleConstraints.empty());
    auto* label = child<QLabel>("infeasibleText");
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(
                 text(m_page->result()->infeasibleConstraints.front()).toHtmlEscaped()),
             qPrintable(label->text()));
    QVERIFY(!child<QPushButton>("exportButton")->isEnabled());
    QCOMPARE(child<QTableWidget>("assignmentTable")->rowCount(), 0);
}

void TestRoutingPage::invalidProblemIsRefusedBeforeSolving()
{
    RoutingProblem p = m_page->problem();
    p.tasks.front().currentModel.reset();
    p.tasks.front().monthlyRequests = -5;
    m_page->setProblem(p);
    const RoutingResult* before = m_page->result();
    m_page->solve();
    QVERIFY(!m_page->isSolving());
    QCOMPARE(m_page->result(), before);
    const QString status = child<QLabel>("solveStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("monthly_requests")), qPrintable(status));
}

void TestRoutingPage::cancelStopsAnIntegralSolve()
{
    m_page->setProblem(hardAssignmentProblem(60, 10));
    child<QSpinBox>("paretoPoints")->setValue(0);
    child<QDoubleSpinBox>("timeLimit")->setValue(0);
    QSignalSpy solved(m_page.get(), &RoutingPage::solved);
    m_page->solve();
    QVERIFY(m_page->isSolving());
    QVERIFY(!child<QPushButton>("solveButton")->isEnabled());
    auto* cancel = child<QPushButton>("cancelSolveButton");
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(waitForSolve(solved));
    QCOMPARE(m_page->result()->status, RoutingStatus::Cancelled);
    QVERIFY(child<QPushButton>("solveButton")->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(child<QLabel>("solveStatus")->text().startsWith(QStringLiteral("Cancelled")));
}

void TestRoutingPage::exportWritesAFile_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("litellm") << static_cast<int>(RoutingPage::ExportFormat::Litellm)
                             << QStringLiteral("config.yaml");
    QTest::newRow("json") << static_cast<int>(RoutingPage::ExportFormat::Json)
                          << QStringLiteral("routing.json");
    QTest::newRow("csv") << static_cast<int>(RoutingPage::ExportFormat::Csv)
                         << QStringLiteral("routing.csv");
}

void TestRoutingPage::exportWritesAFile()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QCOMPARE(m_page->exportAssignment(path, static_cast<RoutingPage::ExportFormat>(format)),
             QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const RoutingResult& r = *m_page->result();
    switch (static_cast<RoutingPage::ExportFormat>(format)) {
    case RoutingPage::ExportFormat::Litellm:
        QVERIFY(bytes.contains("model_list"));
        QVERIFY(bytes.contains("simple-shuffle"));
        for (const RoutingTask& t : m_page->solvedProblem()->tasks)
            QVERIFY2(bytes.contains(QByteArray::fromStdString(t.id)), t.id.c_str());
        break;
    case RoutingPage::ExportFormat::Json: {
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QStringLiteral("assignments")).toArray().size(),
                 static_cast<qsizetype>(r.assignments.size()));
        break;
    }
    case RoutingPage::ExportFormat::Csv: {
        const QList<QByteArray> lines = bytes.trimmed().split('\n');
        QVERIFY(lines.front().startsWith("task,model"));
        QCOMPARE(lines.size(), static_cast<qsizetype>(r.assignments.size()) + 1);
        break;
    }
    }
}

void TestRoutingPage::exportWithoutASolveSaysSo()
{
    Workspace empty(m_dir.filePath(QStringLiteral("empty.db")));
    RoutingPage page(empty);
    QSignalSpy loaded(&page, &RoutingPage::problemLoaded);
    QVERIFY(loaded.count() > 0 || loaded.wait(kTimeout));
    QCOMPARE(loaded.front().at(0).toBool(), false); // no usage to build from
    QVERIFY(!page.result());
    const QString path = m_dir.filePath(QStringLiteral("none.csv"));
    QVERIFY(!page.exportAssignment(path, RoutingPage::ExportFormat::Csv).isEmpty());
    QVERIFY(!QFile::exists(path));
}

void TestRoutingPage::mainWindowHasTheRoutingPage()
{
    MainWindow window(*m_workspace);
    QVERIFY(window.showPage(QStringLiteral("Routing")));
    QVERIFY(window.findChild<RoutingPage*>());
}

QTEST_MAIN(TestRoutingPage)
#include "test_routingpage.moc"
