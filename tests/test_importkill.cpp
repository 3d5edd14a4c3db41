#include "store.h"
#include "usageimport.h"
#include "usagestore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>

using namespace finops;

// Killing `finops-cli import` (SIGKILL) in the middle of a large import must leave the
// store exactly as it was before: same records, same batches, and a database that passes
// PRAGMA integrity_check.
class TestImportKill : public QObject
{
    Q_OBJECT
private slots:
    void killMidImportLeavesStoreAsBefore();

private:
    QTemporaryDir m_dir;
};

namespace {
void writeSpendLog(const std::string& path, int rows)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    QVERIFY(f);
    std::fputs("request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,spend,team_id\n", f);
    for (int i = 0; i < rows; ++i)
        std::fprintf(f, "req-%08d,2025-09-%02dT10:%02d:00Z,gpt-4o-2024-08-06,openai,%d,%d,0.0%05d,team-%d\n", i,
                     1 + i % 28, i % 60, 100 + i % 900, 10 + i % 90, i % 99999, i % 7);
    std::fclose(f);
}

struct Snapshot
{
    std::int64_t records = 0, batches = 0, rollupInput = 0;
    std::string integrity;
};

Snapshot snapshot(const std::string& db)
{
    Store store(db);
    Snapshot s;
    auto q = store.database().prepare("SELECT count(*) FROM usage_records");
    q.step();
    s.records = q.int64(0);
    auto b = store.database().prepare("SELECT count(*) FROM import_batches");
    b.step();
    s.batches = b.int64(0);
    auto r = store.database().prepare("SELECT coalesce(sum(input_tokens), 0) FROM daily_rollup");
    r.step();
    s.rollupInput = r.int64(0);
    auto i = store.database().prepare("PRAGMA integrity_check");
    i.step();
    s.integrity = i.text(0);
    return s;
}
} // namespace

void TestImportKill::killMidImportLeavesStoreAsBefore()
{
    const std::string db = m_dir.filePath(QStringLiteral("kill.db")).toStdString();
    {
        Store store(db);
        UsageImportRequest before;
        before.path = FINOPS_TEST_DATA "/usage/openai-usage-completions.json";
        importUsageFile(store, before);
    }
    const Snapshot baseline = snapshot(db);
    QCOMPARE(baseline.records, std::int64_t(6));

    bool killed = false;
    for (int rows = 300000; rows <= 2400000 && !killed; rows *= 2) {
        const std::string csv = m_dir.filePath(QStringLiteral("big.csv")).toStdString();
        writeSpendLog(csv, rows);
        QProcess cli;
        cli.start(QStringLiteral(FINOPS_CLI_PATH),
                  {QStringLiteral("import"), QString::fromStdString(csv), QStringLiteral("--db"), QString::fromStdString(db)});
        QVERIFY(cli.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        // Let it get well into parsing and inserting, then kill it without warning.
        while (timer.elapsed() < 1200 && cli.state() == QProcess::Running)
            QTest::qWait(20);
        if (cli.state() == QProcess::Running) {
            cli.kill(); // SIGKILL
            QVERIFY(cli.waitForFinished(10000));
            QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
            killed = true;
        } else {
            // Finished before the kill: undo it and try again with a bigger file.
            cli.waitForFinished();
            Store store(db);
            UsageStore usage(store);
            for (const auto& b : usage.batches())
                if (b.file == csv)
                    usage.removeBatch(b.id);
        }
    }
    QVERIFY2(killed, "the import always finished before it could be killed");

    const Snapshot after = snapshot(db);
    QCOMPARE(after.integrity, std::string("ok"));
    QCOMPARE(after.records, baseline.records);
    QCOMPARE(after.batches, baseline.batches);
    QCOMPARE(after.rollupInput, baseline.rollupInput);
}

QTEST_GUILESS_MAIN(TestImportKill)
#include "test_importkill.moc"
