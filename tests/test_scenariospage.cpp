#include "buyrentpage.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "forecastpage.h"
#include "mainwindow.h"
#include "routing.h"
#include "routinginstances.h"
#include "routingpage.h"
#include "scenarioeval.h"
#include "scenariosession.h"
#include "scenariospage.h"
#include "scenariostore.h"
#include "workspace.h"

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <algorithm>

using namespace finops;

namespace {
const Date kToday = Date::fromCivil(2026, 11, 22);
// The tests read an evaluation right after each step: let the session wait for it.
constexpr int kSynchronous = 600000;

// A hard one-model-per-task problem: its MIP runs into the 2 s limit, so the solve is
// still running when the test acts on it.
nlohmann::json hardRoutingProblem()
{
    return nlohmann::json::parse(hardAssignmentProblem(80, 10).toJson().dump());
}
} // namespace

class TestScenariosPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void startsWithTheDefaultScenario();
    void editsAreUndoableAndSavedAtOnce();
    void spinBoxDragIsOneUndoStep();
    void editsSurviveANewSession();
    void listActionsAndTheirErrors();
    void exportThenImportIsIdentical();
    void compareShowsFiguresDeltasAndCurves();
    void customPricesAreEditedInTheTable();
    void routingLimitsAreEditedSolvedAndKept();
    void forecastPageDrawsTheFanAndPayback();
    void switchingRedrawsTheForecast();
    void mainWindowHasUndoRedoShortcutsAndSwitcher();
    void longSolveRunsInTheBackgroundAndCancels();
    void comparisonWithALongSolveRunsInTheBackground();

private:
    std::unique_ptr<ScenarioSession> makeSession()
    {
        auto session = std::make_unique<ScenarioSession>(*m_workspace);
        // The first evaluation may have gone on in the background (sanitizer builds).
        if (!QTest::qWaitFor([&] { return !session->isEvaluating(); }, 60000))
            qWarning("the first evaluation did not end within a minute");
        session->setSynchronousBudgetMs(kSynchronous);
        return session;
    }
    Scenario stored(const QString& name)
    {
        Store store(m_db.toStdString());
        return *ScenarioStore(store).get(name.toStdString());
    }
    template <typename T> T* child(const char* name)
    {
        return m_page->findChild<T*>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<ScenarioSession> m_session;
    std::unique_ptr<ScenariosPage> m_page;
    std::unique_ptr<ForecastPage> m_forecast;
};

void TestScenariosPage::initTestCase()
{
    Clock::setToday(kToday);
}

void TestScenariosPage::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("w%1.db").arg(++n));
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, kToday);
    }
    m_workspace = std::make_unique<Workspace>(m_db);
    m_session = makeSession();
    m_page = std::make_unique<ScenariosPage>(*m_session);
    m_forecast = std::make_unique<ForecastPage>(*m_session);
    m_page->resize(1400, 900);
    m_page->show();
    m_forecast->resize(1200, 800);
    m_forecast->show();
}

void TestScenariosPage::cleanup()
{
    m_forecast.reset();
    m_page.reset();
    m_session.reset();
    m_workspace.reset();
}

void TestScenariosPage::startsWithTheDefaultScenario()
{
    QCOMPARE(m_session->names(), QStringList{QStringLiteral("Default")});
    QCOMPARE(m_session->currentName(), QStringLiteral("Default"));
    QVERIFY(m_session->evaluation());
    // The page shows the same figure the CLI computes (one evaluation function).
    Store store(m_db.toStdString());
    Scenario s = defaultScenario();
    s.name = "Default";
    const ScenarioEvaluation expected = evaluateScenario(store, s);
    QCOMPARE(m_session->evaluation()->currentMonthlyUsd, expected.currentMonthlyUsd);
    QVERIFY(child<QLabel>("scenarioFigures")
                ->text()
                .contains(QString::fromStdString(formatUsd(expected.currentMonthlyUsd))));
}

void TestScenariosPage::editsAreUndoableAndSavedAtOnce()
{
    QUndoStack* undo = m_session->undoStack();
    auto* growth = child<QDoubleSpinBox>("monthlyGrowth");
    QCOMPARE(growth->value(), 3.0);
    QSignalSpy evaluated(m_session.get(), &ScenarioSession::evaluated);
    growth->setValue(7.5);
    QCOMPARE(m_session->current().growth.monthlyGrowthPct, 7.5);
    QCOMPARE(stored("Default").growth.monthlyGrowthPct, 7.5); // autosaved
    QCOMPARE(evaluated.count(), 1);
    QCOMPARE(m_session->evaluation()->monthlyGrowth, 0.075);

    auto* plan = child<QComboBox>("plan");
    plan->setCurrentIndex(0); // status quo
    QVERIFY(stored("Default").plan == ForecastPlan::StatusQuo);
    QCOMPARE(undo->count(), 2);

    undo->undo();
    QVERIFY(stored("Default").plan == ForecastPlan::Optimized);
    QCOMPARE(plan->currentIndex(), 1);
    undo->undo();
    QCOMPARE(stored("Default").growth.monthlyGrowthPct, 3.0);
    QCOMPARE(growth->value(), 3.0);
    QCOMPARE(m_session->evaluation()->monthlyGrowth, 0.03);
    undo->redo();
    QCOMPARE(stored("Default").growth.monthlyGrowthPct, 7.5);
    QCOMPARE(growth->value(), 7.5);
}

void TestScenariosPage::spinBoxDragIsOneUndoStep()
{
    auto* decline = child<QDoubleSpinBox>("closedDecline");
    for (double v : {31.0, 32.0, 33.0, 34.0})
        decline->setValue(v);
    QCOMPARE(m_session->undoStack()->count(), 1);
    m_session->undoStack()->undo();
    QCOMPARE(stored("Default").priceTrends.closedApiDeclinePctPerYear, 30.0);
    // Editing a trend by hand marks its source as the user's.
    m_session->undoStack()->redo();
    QCOMPARE(stored("Default").priceTrends.source, std::string("user"));
}

void TestScenariosPage::editsSurviveANewSession()
{
    child<QDoubleSpinBox>("switchingCost")->setValue(12345);
    m_page.reset();
    m_forecast.reset();
    m_session = makeSession();
    QCOMPARE(m_session->current().switchingCostUsd, 12345.0);
}

void TestScenariosPage::listActionsAndTheirErrors()
{
    QVERIFY(m_page->createScenario(QStringLiteral("Growth doubles")));
    QCOMPARE(m_session->currentName(), QStringLiteral("Growth doubles"));
    QVERIFY(m_page->duplicateScenario(QStringLiteral("Growth doubles"), QStringLiteral("Copy")));
    QVERIFY(m_page->renameScenario(QStringLiteral("Copy"), QStringLiteral("Renamed")));
    QCOMPARE(m_session->currentName(), QStringLiteral("Renamed"));
    QCOMPARE(m_session->names(),
             (QStringList{QStringLiteral("Default"), QStringLiteral("Growth doubles"),
                          QStringLiteral("Renamed")}));
    QCOMPARE(child<QListWidget>("scenarioList")->count(), 3);

    // Errors change nothing and are shown.
    QVERIFY(!m_page->createScenario(QStringLiteral("Default")));
    QVERIFY(child<QLabel>("scenarioMessage")->text().contains(QStringLiteral("exists already")));
    QVERIFY(!m_page->renameScenario(QStringLiteral("Renamed"), QStringLiteral("Default")));
    QVERIFY(!m_page->createScenario(QString()));
    QCOMPARE(m_session->names().size(), 3);

    QVERIFY(m_page->deleteScenario(QStringLiteral("Renamed")));
    QCOMPARE(m_session->currentName(), QStringLiteral("Default"));
    QVERIFY(m_page->deleteScenario(QStringLiteral("Growth doubles")));
    QVERIFY(!m_page->deleteScenario(QStringLiteral("Default"))); // the last one stays
    QCOMPARE(m_session->names(), QStringList{QStringLiteral("Default")});
}

void TestScenariosPage::exportThenImportIsIdentical()
{
    child<QDoubleSpinBox>("openDecline")->setValue(42);
    const Scenario before = m_session->current();
    const QString file = m_dir.filePath(QStringLiteral("default.json"));
    QVERIFY(m_page->exportScenario(QStringLiteral("Default"), file));
    QVERIFY(m_page->createScenario(QStringLiteral("Other")));
    QVERIFY(m_page->deleteScenario(QStringLiteral("Default")));
    QVERIFY(m_page->importScenario(file));
    QCOMPARE(m_session->currentName(), QStringLiteral("Default"));
    QVERIFY(m_session->current() == before);
    // A bad file is refused with its file:line and nothing is added.
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"name\": \"Bad\",\n \"plan\": \"cheapest\"}");
    f.close();
    QVERIFY(!m_page->importScenario(bad));
    QVERIFY(child<QLabel>("scenarioMessage")->text().contains(bad + QStringLiteral(":2:plan")));
    QCOMPARE(m_session->names().size(), 2);
}

void TestScenariosPage::compareShowsFiguresDeltasAndCurves()
{
    QVERIFY(m_page->createScenario(QStringLiteral("Fast growth")));
    child<QDoubleSpinBox>("monthlyGrowth")->setValue(8);
    m_page->setCompared({QStringLiteral("Default")});
    auto* table = child<QTableWidget>("compareTable");
    QCOMPARE(table->columnCount(), 1); // one is not a comparison

    m_page->setCompared({QStringLiteral("Default"), QStringLiteral("Fast growth")});
    QCOMPARE(m_page->compared().size(), 2);
    QCOMPARE(table->columnCount(), 2);
    int row = -1;
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->verticalHeaderItem(r)->text() ==
            QStringLiteral("Planned spend, first 12 months"))
            row = r;
    QVERIFY(row >= 0);
    QVERIFY(!table->item(row, 0)->text().contains(QStringLiteral("Δ")));
    QVERIFY2(table->item(row, 1)->text().contains(QStringLiteral("(Δ +$")),
             qPrintable(table->item(row, 1)->text()));

    // The figures are the evaluations' figures.
    const auto fast = m_session->evaluate(QStringLiteral("Fast growth"));
    double first12 = 0;
    for (int i = 0; i < 12; ++i)
        first12 += fast->forecast.months[static_cast<std::size_t>(i)].optimizedUsd;
    QVERIFY(table->item(row, 1)->text().startsWith(QString::fromStdString(formatUsd(first12))));

    // Two curves per scenario on one chart.
    auto* view = m_page->findChild<QChartView*>(QStringLiteral("compareChart"));
    QCOMPARE(view->chart()->series().size(), 4);
    auto* fastLine = qobject_cast<QLineSeries*>(view->chart()->series().at(2));
    QCOMPARE(fastLine->name(), QStringLiteral("Fast growth"));
    QCOMPARE(fastLine->count(), 24);
}

void TestScenariosPage::customPricesAreEditedInTheTable()
{
    auto* table = child<QTableWidget>("customPrices");
    const double optimizedBefore = m_session->evaluation()->optimizedMonthlyUsd;
    child<QPushButton>("addCustomPrice")->click();
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(
        m_session->current().customPrices.empty()); // nothing until provider and model are there
    table->item(0, 2)->setText(QStringLiteral("1"));
    table->item(0, 3)->setText(QStringLiteral("0.5"));
    table->item(0, 4)->setText(QStringLiteral("4"));
    table->item(0, 0)->setText(QStringLiteral("discount-cloud"));
    table->item(0, 1)->setText(QStringLiteral("gpt-4o"));
    QCOMPARE(m_session->current().customPrices.size(), std::size_t(1));
    const CustomPrice& p = m_session->current().customPrices.front();
    QCOMPARE(p.provider, std::string("discount-cloud"));
    QCOMPARE(p.inputUsdPerMtok, 1.0);
    QCOMPARE(p.cachedInputUsdPerMtok, std::optional<double>(0.5));
    QCOMPARE(p.outputUsdPerMtok, 4.0);
    QVERIFY(stored("Default").customPrices == m_session->current().customPrices);
    // The price moves gpt-4o's tokens (support-triage keeps its model: gpt-4o has no sourced
    // quality, so only a cheaper host of it helps): the optimised plan is cheaper now.
    QVERIFY(m_session->evaluation()->optimizedMonthlyUsd < optimizedBefore - 1);

    // A bad number is refused and named; the stored price stays.
    table->item(0, 4)->setText(QStringLiteral("four"));
    QVERIFY(child<QLabel>("scenarioMessage")->text().contains(QStringLiteral("Output $/Mtok")));
    QCOMPARE(m_session->current().customPrices.front().outputUsdPerMtok, 4.0);

    // All the typing is one undo step.
    m_session->undoStack()->undo();
    QVERIFY(m_session->current().customPrices.empty());
    QCOMPARE(table->rowCount(), 0);
}

void TestScenariosPage::routingLimitsAreEditedSolvedAndKept()
{
    auto* table = child<QTableWidget>("routingTable");
    auto* keep = child<QCheckBox>("routingKeepQuality");
    auto* floor = child<QDoubleSpinBox>("routingMinQuality");
    auto* state = child<QLabel>("routingState");
    QVERIFY(table && keep && floor && state);
    // The default: each demo task class at least as good as its model today, solved now.
    const std::shared_ptr<const ScenarioEvaluation> first =
        m_session->evaluate(m_session->currentName());
    const ScenarioEvaluation* ev = first.get();
    QCOMPARE(ev->routing.source, ScenarioRoutingSource::FromUsage);
    QCOMPARE(table->rowCount(), static_cast<int>(ev->routing.routes.size()));
    QVERIFY(table->rowCount() >= 5);
    QVERIFY(keep->isChecked());
    QVERIFY(!floor->isEnabled());
    QVERIFY(state->text().contains(QString::fromStdString(formatUsd(ev->routing.objectiveUsd))));
    QVERIFY(ev->optimizedMonthlyUsd < ev->currentMonthlyUsd);
    const double keepToday = ev->optimizedMonthlyUsd;

    // One floor for every task: off the checkbox, then a higher floor costs more.
    keep->click();
    QVERIFY(floor->isEnabled());
    QCOMPARE(m_session->current().routing.minQuality, std::optional<double>(0.45));
    floor->setValue(0.6);
    QCOMPARE(m_session->current().routing.minQuality, std::optional<double>(0.6));
    QCOMPARE(stored("Default").routing.minQuality, std::optional<double>(0.6)); // saved at once
    const double atSixty = m_session->evaluation()->optimizedMonthlyUsd;
    for (const PlannedRoute& r : m_session->evaluation()->routing.routes)
        QVERIFY2(m_session->evaluation()
                         ->routing.problem
                         ->models[static_cast<std::size_t>(
                             m_session->evaluation()->routing.problem->modelIndex(r.model))]
                         .defaultQuality.value_or(0) >= 0.6,
                 r.model.c_str());
    // With one floor the task classes whose model has no sourced quality are routed too.
    QVERIFY(m_session->evaluation()->routing.leftOut.empty());
    QVERIFY(m_session->evaluation()->routing.tasks.size() > ev->routing.tasks.size());
    QVERIFY(atSixty != keepToday);

    // A provider cap: no provider above 40 % of the routed spend.
    child<QCheckBox>("routingCapShare")->click();
    child<QDoubleSpinBox>("routingMaxShare")->setValue(40);
    QCOMPARE(m_session->current().routing.maxProviderShare, std::optional<double>(0.4));
    const ScenarioRoutingPlan& capped = m_session->evaluation()->routing;
    QCOMPARE(QString::fromStdString(capped.status), QStringLiteral("optimal"));
    std::map<std::string, double> byProvider;
    for (const PlannedRoute& r : capped.routes)
        byProvider[r.provider] += r.monthlyCostUsd;
    for (const auto& [provider, usd] : byProvider)
        QVERIFY2(usd <= 0.4 * capped.objectiveUsd + 1e-6, provider.c_str());

    // Keep the answer: stored with the scenario, the same figure, the limits locked.
    const double solved = m_session->evaluation()->optimizedMonthlyUsd;
    auto* keepButton = child<QPushButton>("routingStore");
    QVERIFY(keepButton->isEnabled());
    keepButton->click();
    QVERIFY(stored("Default").routing.assignment.is_object());
    QCOMPARE(m_session->evaluation()->routing.source, ScenarioRoutingSource::StoredAssignment);
    QVERIFY(std::fabs(m_session->evaluation()->optimizedMonthlyUsd - solved) < 1e-6);
    QVERIFY(!keepButton->isEnabled());
    QVERIFY(!keep->isEnabled());
    QVERIFY(state->text().contains(QStringLiteral("stored assignment")));
    // Solve again drops it; every step undoes.
    child<QPushButton>("routingClear")->click();
    QVERIFY(stored("Default").routing.assignment.is_null());
    QCOMPARE(m_session->evaluation()->routing.source, ScenarioRoutingSource::FromUsage);
    m_session->undoStack()->undo(); // solve again
    m_session->undoStack()->undo(); // keep
    m_session->undoStack()->undo(); // cap value
    m_session->undoStack()->undo(); // cap on
    m_session->undoStack()->undo(); // floor 0.6
    m_session->undoStack()->undo(); // checkbox
    QVERIFY(!m_session->current().routing.minQuality);
    QVERIFY(keep->isChecked());
    QVERIFY(std::fabs(m_session->evaluation()->optimizedMonthlyUsd - keepToday) < 1e-9);
}

void TestScenariosPage::forecastPageDrawsTheFanAndPayback()
{
    // A cheaper provider of a model the demo uses makes the optimised plan pay back.
    Scenario s = m_session->current();
    s.customPrices = {{"discount-cloud", "gpt-4o", 1.0, 0.5, 4.0, false}};
    s.switchingCostUsd = 2000;
    m_session->edit(QStringLiteral("custom price"), s);
    const ScenarioEvaluation* ev = m_session->evaluation();
    QVERIFY(ev);
    QVERIFY(ev->optimizedMonthlyUsd < ev->currentMonthlyUsd);
    QVERIFY(ev->forecast.paybackMonthIndex);

    QCOMPARE(m_forecast->band()->upperSeries()->count(), 24);
    QCOMPARE(m_forecast->band()->lowerSeries()->count(), 24);
    for (int i = 0; i < 24; ++i)
        QVERIFY(m_forecast->band()->lowerSeries()->at(i).y() <=
                m_forecast->band()->upperSeries()->at(i).y());
    QScatterSeries* payback = nullptr;
    for (QAbstractSeries* series : m_forecast->chart()->series())
        if (auto* scatter = qobject_cast<QScatterSeries*>(series))
            payback = scatter;
    QVERIFY(payback);
    QCOMPARE(payback->count(), 1);
    const ForecastMonth& m =
        ev->forecast.months[static_cast<std::size_t>(*ev->forecast.paybackMonthIndex - 1)];
    QCOMPARE(payback->at(0).y(), m.optimizedUsd);
    QVERIFY(payback->name().contains(QString::fromStdString(monthLabel(m.month))));
    auto* table = m_forecast->findChild<QTableWidget*>(QStringLiteral("forecastTable"));
    QCOMPARE(table->rowCount(), 24);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("2026-12"));
}

void TestScenariosPage::switchingRedrawsTheForecast()
{
    QVERIFY(m_page->createScenario(QStringLiteral("Three years")));
    child<QSpinBox>("forecastMonths")->setValue(36);
    QCOMPARE(m_forecast->band()->upperSeries()->count(), 36);
    m_session->setCurrent(QStringLiteral("Default"));
    QCOMPARE(m_forecast->band()->upperSeries()->count(), 24);
    QVERIFY(m_forecast->chart()->title().startsWith(QStringLiteral("Default")));
    QCOMPARE(child<QSpinBox>("forecastMonths")->value(), 24);
    m_session->setCurrent(QStringLiteral("Three years"));
    QCOMPARE(m_forecast->band()->upperSeries()->count(), 36);
    // Measured, not asserted (no wall-clock limits in unit tests): the README reports it.
    qInfo("scenario switch with redraw: %.2f ms (Debug + sanitizers)", m_session->lastSwitchMs());
}

void TestScenariosPage::mainWindowHasUndoRedoShortcutsAndSwitcher()
{
    m_forecast.reset();
    m_page.reset();
    m_session.reset();
    MainWindow window(*m_workspace);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!window.scenarioSession()->isEvaluating(), 60000);
    window.scenarioSession()->setSynchronousBudgetMs(kSynchronous);
    auto* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    auto* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    QVERIFY(undo && redo);
    QCOMPARE(undo->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Z));
    QVERIFY(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    QVERIFY(window.showPage(QStringLiteral("Scenarios")));
    QVERIFY(window.showPage(QStringLiteral("Forecast")));

    ScenarioSession* session = window.scenarioSession();
    auto* growth = window.findChild<QDoubleSpinBox*>(QStringLiteral("monthlyGrowth"));
    growth->setValue(5);
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(session->current().growth.monthlyGrowthPct, 3.0);
    redo->trigger();
    QCOMPARE(session->current().growth.monthlyGrowthPct, 5.0);

    // The fleet's inputs can come from the Buy vs rent page.
    window.findChild<QPushButton*>(QStringLiteral("tcoFromBuyRent"))->click();
    QVERIFY(session->current().tco.enabled);
    QCOMPARE(session->current().tco.purchaseUsdPerGpu,
             window.findChild<BuyRentPage*>()->inputs().purchaseUsdPerGpu);
    QVERIFY(session->current().tco.tokensPerSecondPerGpu);

    auto* switcher = window.findChild<QComboBox*>(QStringLiteral("scenarioSwitcher"));
    QVERIFY(switcher);
    session->create(QStringLiteral("Second"));
    QCOMPARE(switcher->count(), 2);
    QCOMPARE(switcher->currentText(), QStringLiteral("Second"));
    emit switcher->textActivated(QStringLiteral("Default"));
    QCOMPARE(session->currentName(), QStringLiteral("Default"));

    // The scenario's routing opens in the Routing page (to export it), solved to the same
    // answer.
    auto* routing = window.findChild<RoutingPage*>();
    QVERIFY(routing);
    const std::shared_ptr<const ScenarioEvaluation> ev = session->evaluate(session->currentName());
    QVERIFY(ev->routing.problem);
    QSignalSpy solved(routing, &RoutingPage::solved);
    auto* open = window.findChild<QPushButton*>(QStringLiteral("routingOpen"));
    QVERIFY(open->isEnabled());
    open->click();
    QVERIFY(solved.count() > 0 || solved.wait(20000));
    // A build from usage started when the page was made must not replace it afterwards.
    QTRY_VERIFY_WITH_TIMEOUT(!routing->isLoading(), 20000);
    QCOMPARE(routing->problem().tasks.size(), ev->routing.problem->tasks.size());
    QTRY_VERIFY_WITH_TIMEOUT(routing->solvedProblem() && routing->solvedProblem()->tasks.size() ==
                                                             ev->routing.problem->tasks.size(),
                             20000);
    QVERIFY(routing->result());
    QVERIFY(std::fabs(routing->result()->objectiveUsd - ev->routing.objectiveUsd) < 1e-6);
    const QString yaml = m_dir.filePath(QStringLiteral("gateway.yaml"));
    QCOMPARE(routing->exportAssignment(yaml, RoutingPage::ExportFormat::Litellm), QString());
    QVERIFY(QFileInfo(yaml).size() > 0);
}

// An evaluation that outlasts the session's budget goes on in the background: the pages
// say so with a busy bar and Cancel; Cancel stops the routing solve, the plan keeps today's
// routing and says why; a cancelled answer is not kept; a newer edit supersedes an older
// evaluation.
void TestScenariosPage::longSolveRunsInTheBackgroundAndCancels()
{
    const ScenarioEvaluation* first = m_session->evaluation();
    QVERIFY(first);
    const double optimized = first->optimizedMonthlyUsd;
    auto* bar = m_page->findChild<QWidget*>(QStringLiteral("evaluationBusy"));
    auto* forecastBar = m_forecast->findChild<QWidget*>(QStringLiteral("evaluationBusy"));
    QVERIFY(bar && forecastBar);
    QVERIFY(!bar->isVisible());

    m_session->setSynchronousBudgetMs(0);
    QSignalSpy started(m_session.get(), &ScenarioSession::evaluationStarted);
    Scenario hard = m_session->current();
    hard.routing.problem = hardRoutingProblem();
    m_session->edit(QStringLiteral("A hard routing problem"), hard);
    QVERIFY(m_session->isEvaluating());
    QCOMPARE(started.count(), 1);
    QVERIFY(!m_session->evaluation());
    QVERIFY(bar->isVisible());
    QVERIFY(forecastBar->isVisible());
    QVERIFY(child<QLabel>("scenarioFigures")->text().contains(QStringLiteral("still solving")));

    bar->findChild<QPushButton*>(QStringLiteral("evaluationCancel"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isEvaluating(), 60000);
    const ScenarioEvaluation* cancelled = m_session->evaluation();
    QVERIFY(cancelled);
    QCOMPARE(cancelled->routing.status, std::string("cancelled"));
    QVERIFY(cancelled->routing.routes.empty());
    QVERIFY(std::any_of(
        cancelled->assumptions.begin(), cancelled->assumptions.end(),
        [](const Assumption& a) { return a.source == "the solve was cancelled by the user"; }));
    QVERIFY(!bar->isVisible());
    QVERIFY(!forecastBar->isVisible());
    QVERIFY(child<QLabel>("routingState")->text().contains(QStringLiteral("cancelled")));

    // Undo: the scenario before is answered at once (its evaluation was kept). Redo: the
    // cancelled answer was not kept, the problem is solved again.
    m_session->undoStack()->undo();
    QVERIFY(!m_session->isEvaluating());
    m_session->undoStack()->redo();
    QVERIFY(m_session->isEvaluating());
    // Undo while it solves: answered at once, and the superseded solve, cancelled, never
    // replaces that answer.
    m_session->undoStack()->undo();
    QVERIFY(!m_session->isEvaluating());
    QVERIFY(m_session->evaluation());
    QCOMPARE(m_session->evaluation()->optimizedMonthlyUsd, optimized);
    QTest::qWait(300);
    QVERIFY(m_session->evaluation());
    QCOMPARE(m_session->evaluation()->optimizedMonthlyUsd, optimized);
    QVERIFY(!bar->isVisible());
}

// The compare view evaluates the other scenarios the same way: a long one goes on in the
// background (the comparison shows the others meanwhile), Cancel ends it, the comparison
// then shows it as cancelled; made current, the scenario is solved again.
void TestScenariosPage::comparisonWithALongSolveRunsInTheBackground()
{
    QCOMPARE(m_session->duplicate(QStringLiteral("Default"), QStringLiteral("Hard")), QString());
    m_page->setCompared({}); // a duplicate is compared with its original at once
    m_session->setSynchronousBudgetMs(0);
    Scenario hard = m_session->current();
    hard.routing.problem = hardRoutingProblem();
    m_session->edit(QStringLiteral("A hard routing problem"), hard);
    QVERIFY(m_session->isEvaluating());
    m_session->setCurrent(QStringLiteral("Default")); // evaluated before: answered at once
    QVERIFY(!m_session->isEvaluating());

    QSignalSpy started(m_session.get(), &ScenarioSession::evaluationStarted);
    m_page->setCompared({QStringLiteral("Default"), QStringLiteral("Hard")});
    QVERIFY(m_session->isEvaluating());
    QCOMPARE(started.count(), 1);
    auto* table = child<QTableWidget>("compareTable");
    auto* bar = m_page->findChild<QWidget*>(QStringLiteral("evaluationBusy"));
    QVERIFY(bar->isVisible());
    QVERIFY(m_session->evaluation()); // the current scenario keeps its answer

    bar->findChild<QPushButton*>(QStringLiteral("evaluationCancel"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isEvaluating(), 60000);
    QTRY_COMPARE(table->columnCount(), 2);
    QVERIFY(!bar->isVisible());
    const auto compared = m_session->evaluate(QStringLiteral("Hard"));
    QVERIFY(compared);
    QCOMPARE(compared->routing.status, std::string("cancelled"));

    m_session->setCurrent(QStringLiteral("Hard"));
    QVERIFY(m_session->isEvaluating()); // a cancelled comparison is not its answer
    m_session->cancelEvaluation();
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isEvaluating(), 60000);
    QCOMPARE(m_session->evaluation()->routing.status, std::string("cancelled"));
}

QTEST_MAIN(TestScenariosPage)
#include "test_scenariospage.moc"
