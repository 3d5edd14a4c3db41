#include "inputerror.h"
#include "pricedusage.h"
#include "store.h"
#include "usageimport.h"
#include "usagestore.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace finops;

namespace {
std::string sample(const char* name) { return std::string(FINOPS_TEST_DATA "/usage/") + name; }

struct Totals
{
    std::int64_t records = 0, requests = 0, input = 0, cached = 0, write = 0, output = 0, costNano = 0;
    bool operator==(const Totals&) const = default;
};

Totals rawTotals(Store& store)
{
    auto st = store.database().prepare(
        "SELECT count(*), coalesce(sum(requests),0), coalesce(sum(input_tokens),0), coalesce(sum(cached_input_tokens),0), "
        "coalesce(sum(cache_write_tokens),0), coalesce(sum(output_tokens),0), coalesce(sum(reported_cost_nano),0) "
        "FROM usage_records");
    st.step();
    return {st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4), st.int64(5), st.int64(6)};
}

Totals rollupTotals(Store& store)
{
    Totals t;
    for (const auto& r : UsageStore(store).rollups(std::nullopt, std::nullopt)) {
        t.requests += r.requests;
        t.input += r.inputTokens;
        t.cached += r.cachedInputTokens;
        t.write += r.cacheWriteTokens;
        t.output += r.outputTokens;
        t.costNano += r.reportedCostNano;
    }
    return t;
}

UsageImportResult import(Store& store, const std::string& path, bool skipBad = false)
{
    UsageImportRequest request;
    request.path = path;
    request.skipBad = skipBad;
    return importUsageFile(store, request);
}
} // namespace

class TestUsageStore : public QObject
{
    Q_OBJECT
private slots:
    void reimportAddsNothing();
    void sameRecordsInAnotherFormatAreDuplicates();
    void rollupsAgreeWithRecords();
    void strictBadFileWritesNothing();
    void skipBadImportsTheRestAndListsRejects();
    void identicalRowsWithoutIdStayDistinct();
    void removeBatchRebuildsRollups();
    void tagCoverageCountsEachRecordOnce();
    void badFiles_data();
    void badFiles();
    void cancelWritesNothing();

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    std::string freshDb() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_n)).toStdString(); }
    std::string writeFile(const char* name, const std::string& text)
    {
        const std::string path = m_dir.filePath(QString::fromLatin1(name)).toStdString();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
};

void TestUsageStore::reimportAddsNothing()
{
    Store store(freshDb());
    const auto first = import(store, sample("openai-usage-completions.json"));
    QCOMPARE(first.imported, std::int64_t(6));
    QVERIFY(first.batchId > 0);
    const auto again = import(store, sample("openai-usage-completions.json"));
    QCOMPARE(again.imported, std::int64_t(0));
    QCOMPARE(again.duplicates, std::int64_t(6));
    QCOMPARE(again.batchId, first.batchId); // points at the earlier batch; no new one
    QCOMPARE(UsageStore(store).batches().size(), std::size_t(1));
    QCOMPARE(rawTotals(store).records, std::int64_t(6));
}

void TestUsageStore::sameRecordsInAnotherFormatAreDuplicates()
{
    Store store(freshDb());
    QCOMPARE(import(store, sample("litellm-spend-logs.csv")).imported, std::int64_t(6));
    const auto json = import(store, sample("litellm-spend-logs.json"));
    QCOMPARE(json.imported, std::int64_t(0)); // same request_ids
    QCOMPARE(json.duplicates, std::int64_t(6));
}

void TestUsageStore::rollupsAgreeWithRecords()
{
    Store store(freshDb());
    for (const char* f : {"openai-usage-completions.json", "anthropic-usage-messages.json", "litellm-spend-logs.csv",
                          "focus-1.2.csv", "openrouter-activity.json", "anthropic-cost-report.json"})
        import(store, sample(f));
    Totals raw = rawTotals(store);
    raw.records = 0;
    QCOMPARE(rollupTotals(store), raw);
    // Reported money is exact: 0.0714041 (LiteLLM) + 11.02685 (FOCUS) + 0.27066 (OpenRouter)
    // + 5.207688 (Anthropic cost report, from cents) = 16.5766021 USD.
    QCOMPARE(raw.costNano, std::int64_t(16576602100));
}

void TestUsageStore::strictBadFileWritesNothing()
{
    Store store(freshDb());
    const std::string bad = writeFile("bad.csv", "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n"
                                                 "a,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n"
                                                 "b,2025-09-01T00:00:00Z,gpt-4o,openai,10,-2\n");
    try {
        import(store, bad);
        QFAIL("accepted a bad file");
    } catch (const InputError& e) {
        QCOMPARE(e.line(), 3);
        QCOMPARE(e.field(), std::string("completion_tokens"));
    }
    QCOMPARE(rawTotals(store).records, std::int64_t(0));
    QVERIFY(UsageStore(store).batches().empty());
    QVERIFY(UsageStore(store).rollups(std::nullopt, std::nullopt).empty());
}

void TestUsageStore::skipBadImportsTheRestAndListsRejects()
{
    Store store(freshDb());
    const std::string bad = writeFile("mixed.csv", "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n"
                                                   "a,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n"
                                                   "b,2025-09-01T00:00:00Z,gpt-4o,openai,ten,2\n"
                                                   "c,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n");
    const auto r = import(store, bad, true);
    QCOMPARE(r.imported, std::int64_t(2));
    QCOMPARE(r.rejected, std::int64_t(1));
    QCOMPARE(r.rejects[0].line, std::int64_t(3));
    QCOMPARE(r.rejects[0].field, std::string("prompt_tokens"));
    const std::string rejects = m_dir.filePath(QStringLiteral("rejects.csv")).toStdString();
    writeRejects(rejects, r.rejects);
    std::ifstream in(rejects);
    std::string header, line;
    std::getline(in, header);
    std::getline(in, line);
    QCOMPARE(header, std::string("file,line,field,reason"));
    QVERIFY2(QString::fromStdString(line).contains(",3,\"prompt_tokens\",\"not a number"), line.c_str());
    QCOMPARE(UsageStore(store).batches().front().rejected, std::int64_t(1));
}

void TestUsageStore::identicalRowsWithoutIdStayDistinct()
{
    // Two equal rows with no id are two requests; importing the file again adds neither.
    const std::string mapping = writeFile("m.json", R"({"name": "m", "columns": {"timestamp": "ts", "model": "model",
        "input_tokens": "in", "output_tokens": "out"}, "provider": "openai"})");
    const std::string csv = writeFile("same.csv", "ts,model,in,out\n2025-09-01T10:00:00Z,gpt-4o,5,1\n2025-09-01T10:00:00Z,gpt-4o,5,1\n");
    Store store(freshDb());
    const MappingProfile profile = MappingProfile::fromJson(R"({"name": "m", "columns": {"timestamp": "ts", "model": "model",
        "input_tokens": "in", "output_tokens": "out"}, "provider": "openai"})", mapping);
    UsageImportRequest request;
    request.path = csv;
    request.mapping = &profile;
    QCOMPARE(importUsageFile(store, request).imported, std::int64_t(2));
    QCOMPARE(importUsageFile(store, request).imported, std::int64_t(0));
    QCOMPARE(rawTotals(store).input, std::int64_t(10));
}

void TestUsageStore::removeBatchRebuildsRollups()
{
    Store both(freshDb()), onlySecond(freshDb());
    const auto first = import(both, sample("openai-usage-completions.json"));
    import(both, sample("openrouter-activity.json"));
    import(onlySecond, sample("openrouter-activity.json"));
    QVERIFY(UsageStore(both).removeBatch(first.batchId));
    QVERIFY(!UsageStore(both).removeBatch(first.batchId));
    QCOMPARE(rollupTotals(both), rollupTotals(onlySecond));
    QCOMPARE(UsageStore(both).tagRollups("upstream_provider", std::nullopt, std::nullopt).size(),
             UsageStore(onlySecond).tagRollups("upstream_provider", std::nullopt, std::nullopt).size());
    QCOMPARE(UsageStore(both).tagCoverage("upstream_provider", std::nullopt, std::nullopt).size(),
             UsageStore(onlySecond).tagCoverage("upstream_provider", std::nullopt, std::nullopt).size());
    // Importing the removed file again brings its records back.
    QCOMPARE(import(both, sample("openai-usage-completions.json")).imported, std::int64_t(6));
}

void TestUsageStore::tagCoverageCountsEachRecordOnce()
{
    // One request tagged twice under "tag" counts once in the coverage, twice in the values.
    const std::string csv = writeFile("tags.csv",
                                      "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,request_tags\n"
                                      "t1,2025-09-01T00:00:00Z,gpt-4o,openai,100,10,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                                      "t2,2025-09-01T00:00:00Z,gpt-4o,openai,50,5,\n");
    Store store(freshDb());
    import(store, csv);
    UsageStore usage(store);
    std::int64_t valueInput = 0;
    for (const auto& r : usage.tagRollups("tag", std::nullopt, std::nullopt))
        valueInput += r.inputTokens;
    QCOMPARE(valueInput, std::int64_t(200));
    const auto coverage = usage.tagCoverage("tag", std::nullopt, std::nullopt);
    QCOMPARE(coverage.size(), std::size_t(1));
    QCOMPARE(coverage[0].inputTokens, std::int64_t(100));
}

void TestUsageStore::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << ":0: the file is empty";
    QTest::newRow("UTF-16") << QByteArray("\xFF\xFEr\0e\0", 6) << ":1: the file is UTF-16 text";
    QTest::newRow("binary") << QByteArray("PK\x03\x04\0\0zip", 9) << ": binary data";
    QTest::newRow("Latin-1 deep in the file")
        << QByteArray("request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n"
                      "a,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n"
                      "b,2025-09-01T00:00:00Z,mod\xE8le,openai,10,2\n")
        << ":3: not valid UTF-8";
    QTest::newRow("unknown format") << QByteArray("hello,world\n1,2\n") << ":1: unrecognised usage export";
}

void TestUsageStore::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const std::string path = writeFile("bad.bin", content.toStdString());
    Store store(freshDb());
    try {
        import(store, path);
        QFAIL("accepted a bad file");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
    QCOMPARE(rawTotals(store).records, std::int64_t(0));
}

void TestUsageStore::cancelWritesNothing()
{
    Store store(freshDb());
    std::atomic_bool cancel{true};
    UsageImportRequest request;
    request.path = sample("openrouter-generations.jsonl");
    request.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(ImportCanceled, importUsageFile(store, request));
    QCOMPARE(rawTotals(store).records, std::int64_t(0));
}

QTEST_GUILESS_MAIN(TestUsageStore)
#include "test_usagestore.moc"
