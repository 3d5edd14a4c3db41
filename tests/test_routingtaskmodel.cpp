#include "routingproblem.h"
#include "routingtaskmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace finops;

namespace {
RoutingProblem twoTasks()
{
    RoutingProblem p;
    for (const char* id : {"support-triage", "rag-answer"}) {
        RoutingTask t;
        t.id = id;
        t.monthlyRequests = 2000000;
        t.inputTokens = 1500;
        t.outputTokens = 300;
        t.cachedInputShare = 0.2;
        p.tasks.push_back(t);
    }
    RoutingModel m;
    m.id = "deepseek-v3.2";
    m.provider = "deepseek";
    m.qualityByTask = {{"support-triage", 0.82}};
    p.models.push_back(m);
    p.pairs.push_back(
        {"support-triage", "deepseek-v3.2", 1234.5, std::nullopt, std::nullopt, std::nullopt});
    return p;
}
} // namespace

class TestRoutingTaskModel : public QObject
{
    Q_OBJECT
private slots:
    void showsTheTasks();
    void editsAreChecked_data();
    void editsAreChecked();
    void renameKeepsQualitiesAndPairs();
    void duplicateIdIsRefused();
    void addAndRemove();
};

void TestRoutingTaskModel::showsTheTasks()
{
    RoutingProblem p = twoTasks();
    RoutingTaskModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), static_cast<int>(RoutingTaskModel::ColumnCount));
    QCOMPARE(model.index(0, RoutingTaskModel::MonthlyRequests).data().toString(),
             QStringLiteral("2,000,000"));
    QCOMPARE(model.index(0, RoutingTaskModel::CachedShare).data().toString(),
             QStringLiteral("20%"));
    QCOMPARE(model.index(0, RoutingTaskModel::CachedShare).data(Qt::EditRole).toString(),
             QStringLiteral("20"));
}

void TestRoutingTaskModel::editsAreChecked_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("requests") << int(RoutingTaskModel::MonthlyRequests) << QStringLiteral("500000")
                              << true;
    QTest::newRow("negative requests")
        << int(RoutingTaskModel::MonthlyRequests) << QStringLiteral("-1") << false;
    QTest::newRow("words") << int(RoutingTaskModel::InputTokens) << QStringLiteral("many") << false;
    QTest::newRow("cached 100%") << int(RoutingTaskModel::CachedShare) << QStringLiteral("100")
                                 << true;
    QTest::newRow("cached 101%") << int(RoutingTaskModel::CachedShare) << QStringLiteral("101")
                                 << false;
    QTest::newRow("quality 0.75") << int(RoutingTaskModel::MinQuality) << QStringLiteral("0.75")
                                  << true;
    QTest::newRow("quality 1.5") << int(RoutingTaskModel::MinQuality) << QStringLiteral("1.5")
                                 << false;
    QTest::newRow("quality cleared") << int(RoutingTaskModel::MinQuality) << QString() << true;
    QTest::newRow("latency") << int(RoutingTaskModel::MaxLatency) << QStringLiteral("2000") << true;
    QTest::newRow("regions") << int(RoutingTaskModel::Regions) << QStringLiteral("eu, us") << true;
    QTest::newRow("known current model")
        << int(RoutingTaskModel::CurrentModel) << QStringLiteral("deepseek-v3.2") << true;
    QTest::newRow("unknown current model")
        << int(RoutingTaskModel::CurrentModel) << QStringLiteral("gpt-9") << false;
    QTest::newRow("empty id") << int(RoutingTaskModel::Id) << QString() << false;
}

void TestRoutingTaskModel::editsAreChecked()
{
    QFETCH(int, column);
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    RoutingProblem p = twoTasks();
    RoutingTaskModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &RoutingTaskModel::edited);
    const RoutingProblem before = p;
    QCOMPARE(model.setData(model.index(0, column), typed), accepted);
    QCOMPARE(edited.count(), accepted ? 1 : 0);
    if (!accepted) {
        QVERIFY(p.toJson() == before.toJson()); // a refused edit changes nothing
        return;
    }
    QCOMPARE(model.index(0, column).data(Qt::EditRole).toString(), typed);
    const RoutingTask& t = p.tasks[0];
    switch (column) {
    case RoutingTaskModel::MonthlyRequests:
        QCOMPARE(t.monthlyRequests, 500000.0);
        break;
    case RoutingTaskModel::CachedShare:
        QCOMPARE(t.cachedInputShare, 1.0);
        break;
    case RoutingTaskModel::MinQuality:
        QCOMPARE(t.minQuality, typed.isEmpty() ? std::nullopt : std::optional<double>(0.75));
        break;
    case RoutingTaskModel::Regions:
        QCOMPARE(t.regions, (std::vector<std::string>{"eu", "us"}));
        break;
    case RoutingTaskModel::CurrentModel:
        QCOMPARE(t.currentModel, std::optional<std::string>("deepseek-v3.2"));
        break;
    default:
        break;
    }
}

void TestRoutingTaskModel::renameKeepsQualitiesAndPairs()
{
    RoutingProblem p = twoTasks();
    RoutingTaskModel model(p);
    QSignalSpy changed(&model, &RoutingTaskModel::tasksChanged);
    QVERIFY(model.setData(model.index(0, RoutingTaskModel::Id), QStringLiteral("triage")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(p.tasks[0].id, std::string("triage"));
    QCOMPARE(p.models[0].qualityByTask.count("support-triage"), std::size_t{0});
    QCOMPARE(p.models[0].qualityByTask.at("triage"), 0.82);
    QCOMPARE(p.pairs[0].task, std::string("triage"));
    QCOMPARE(p.pairQuality(0, 0), std::optional<double>(0.82));
}

void TestRoutingTaskModel::duplicateIdIsRefused()
{
    RoutingProblem p = twoTasks();
    RoutingTaskModel model(p);
    QVERIFY(!model.setData(model.index(1, RoutingTaskModel::Id), QStringLiteral("support-triage")));
    QCOMPARE(p.tasks[1].id, std::string("rag-answer"));
}

void TestRoutingTaskModel::addAndRemove()
{
    RoutingProblem p = twoTasks();
    RoutingTaskModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const int row = model.addTask();
    QCOMPARE(row, 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(p.tasks.size(), std::size_t{3});
    QCOMPARE(p.taskIndex(p.tasks[2].id), 2); // a fresh, unique id
    model.removeTask(0);
    QCOMPARE(p.tasks.size(), std::size_t{2});
    // The removed task's figures go with it.
    QVERIFY(p.models[0].qualityByTask.empty());
    QVERIFY(p.pairs.empty());
}

QTEST_MAIN(TestRoutingTaskModel)
#include "test_routingtaskmodel.moc"
