#include "routingcandidatemodel.h"
#include "routingproblem.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace finops;

namespace {
// The example: one task, a model with a default quality and one for the task.
RoutingProblem example()
{
    RoutingProblem p;
    for (const char* id : {"support-triage", "code-review"}) {
        RoutingTask t;
        t.id = id;
        t.monthlyRequests = 2000000;
        t.inputTokens = 1500;
        t.outputTokens = 300;
        t.minQuality = 0.75;
        p.tasks.push_back(t);
    }
    RoutingModel m;
    m.id = "deepseek-v3.2";
    m.provider = "deepseek";
    m.inputUsdPerMtok = 0.28;
    m.outputUsdPerMtok = 0.42;
    m.cachedInputUsdPerMtok = 0.028;
    m.defaultQuality = 0.70;
    m.qualityByTask = {{"support-triage", 0.82}};
    m.latencyMs = 900;
    m.region = "cn";
    m.capacity = 5.0e10;
    p.models.push_back(m);
    p.tasks[0].currentModel = m.id;
    return p;
}
} // namespace

class TestRoutingCandidateModel : public QObject
{
    Q_OBJECT
private slots:
    void oneQualityColumnPerTask();
    void inheritedQualityAndAllowedPairs();
    void editsAreChecked_data();
    void editsAreChecked();
    void qualityEditAllowsThePair();
    void renameAndRemoveKeepTheProblemConsistent();
};

void TestRoutingCandidateModel::oneQualityColumnPerTask()
{
    RoutingProblem p = example();
    RoutingCandidateModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), RoutingCandidateModel::FirstTaskColumn + 2);
    QCOMPARE(
        model.headerData(RoutingCandidateModel::FirstTaskColumn + 1, Qt::Horizontal).toString(),
        QStringLiteral("code-review"));
    QCOMPARE(model.index(0, RoutingCandidateModel::InputPrice).data().toString(),
             QStringLiteral("$0.2800"));
    // Capacity in million tokens a month.
    QCOMPARE(model.index(0, RoutingCandidateModel::Capacity).data().toString(),
             QStringLiteral("50,000"));
    p.tasks.pop_back();
    model.reload();
    QCOMPARE(model.columnCount(), RoutingCandidateModel::FirstTaskColumn + 1);
}

void TestRoutingCandidateModel::inheritedQualityAndAllowedPairs()
{
    RoutingProblem p = example();
    RoutingCandidateModel model(p);
    const QModelIndex own = model.index(0, RoutingCandidateModel::FirstTaskColumn);
    const QModelIndex inherited = model.index(0, RoutingCandidateModel::FirstTaskColumn + 1);
    QCOMPARE(own.data().toString(), QStringLiteral("0.82"));
    QCOMPARE(own.data(Qt::EditRole).toString(), QStringLiteral("0.82"));
    QCOMPARE(inherited.data().toString(), QStringLiteral("0.70"));
    QCOMPARE(inherited.data(Qt::EditRole).toString(), QString()); // nothing of its own
    QVERIFY(own.data(RoutingCandidateModel::AllowedRole).toBool());
    // 0.70 < min quality 0.75: not allowed, and the tooltip says why.
    QVERIFY(!inherited.data(RoutingCandidateModel::AllowedRole).toBool());
    QVERIFY(inherited.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Not allowed")));
}

void TestRoutingCandidateModel::editsAreChecked_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("input price") << int(RoutingCandidateModel::InputPrice) << QStringLiteral("0.3")
                                 << true;
    QTest::newRow("negative price")
        << int(RoutingCandidateModel::OutputPrice) << QStringLiteral("-0.1") << false;
    QTest::newRow("cached cleared")
        << int(RoutingCandidateModel::CachedInputPrice) << QString() << true;
    QTest::newRow("capacity") << int(RoutingCandidateModel::Capacity) << QStringLiteral("1000")
                              << true;
    QTest::newRow("unlimited") << int(RoutingCandidateModel::Capacity) << QString() << true;
    QTest::newRow("quality 1.2") << int(RoutingCandidateModel::DefaultQuality)
                                 << QStringLiteral("1.2") << false;
    QTest::newRow("empty provider") << int(RoutingCandidateModel::Provider) << QString() << false;
    QTest::newRow("task quality") << int(RoutingCandidateModel::FirstTaskColumn)
                                  << QStringLiteral("0.9") << true;
    QTest::newRow("task quality nan")
        << int(RoutingCandidateModel::FirstTaskColumn) << QStringLiteral("nan") << false;
}

void TestRoutingCandidateModel::editsAreChecked()
{
    QFETCH(int, column);
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    RoutingProblem p = example();
    RoutingCandidateModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto before = p.toJson();
    QCOMPARE(model.setData(model.index(0, column), typed), accepted);
    if (!accepted) {
        QVERIFY(p.toJson() == before);
        return;
    }
    QCOMPARE(model.index(0, column).data(Qt::EditRole).toString(), typed);
    const RoutingModel& m = p.models[0];
    if (column == RoutingCandidateModel::Capacity)
        QCOMPARE(m.capacity, typed.isEmpty() ? std::nullopt : std::optional<double>(1e9));
    if (column == RoutingCandidateModel::FirstTaskColumn)
        QCOMPARE(p.pairQuality(0, 0), std::optional<double>(0.9));
}

void TestRoutingCandidateModel::qualityEditAllowsThePair()
{
    RoutingProblem p = example();
    RoutingCandidateModel model(p);
    const QModelIndex cell = model.index(0, RoutingCandidateModel::FirstTaskColumn + 1);
    QVERIFY(!p.pairAllowed(1, 0));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(cell, QStringLiteral("0.8")));
    QVERIFY(p.pairAllowed(1, 0));
    QVERIFY(cell.data(RoutingCandidateModel::AllowedRole).toBool());
    QVERIFY(changed.count() >= 1);
    // Clearing it falls back to the default quality.
    QVERIFY(model.setData(cell, QString()));
    QCOMPARE(p.pairQuality(1, 0), std::optional<double>(0.70));
}

void TestRoutingCandidateModel::renameAndRemoveKeepTheProblemConsistent()
{
    RoutingProblem p = example();
    p.pairs.push_back(
        {"support-triage", "deepseek-v3.2", 1234.5, std::nullopt, std::nullopt, std::nullopt});
    RoutingCandidateModel model(p);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy modelsChanged(&model, &RoutingCandidateModel::modelsChanged);
    QVERIFY(
        model.setData(model.index(0, RoutingCandidateModel::Id), QStringLiteral("deepseek-chat")));
    QCOMPARE(p.pairs[0].model, std::string("deepseek-chat"));
    QCOMPARE(p.tasks[0].currentModel, std::optional<std::string>("deepseek-chat"));
    const int row = model.addModel();
    QCOMPARE(row, 1);
    QCOMPARE(p.modelIndex(p.models[1].id), 1);
    model.removeModel(0);
    QCOMPARE(p.models.size(), std::size_t{1});
    QVERIFY(p.pairs.empty());
    QVERIFY(!p.tasks[0].currentModel);
    QCOMPARE(modelsChanged.count(), 3);
}

QTEST_MAIN(TestRoutingCandidateModel)
#include "test_routingcandidatemodel.moc"
