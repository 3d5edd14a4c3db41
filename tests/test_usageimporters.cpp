#include "fileio.h"
#include "mappingprofile.h"
#include "usageimporter.h"

#include <QtTest>

using namespace finops;

namespace {
// Collects what an importer reads, strictly: a bad record fails the test.
struct CollectingSink : UsageRecordSink
{
    std::vector<UsageRecord> records;
    std::vector<InputError> rejected;
    bool strict = true;
    void accept(const UsageRecord& r) override { records.push_back(r); }
    void reject(const InputError& e) override
    {
        if (strict)
            throw e;
        rejected.push_back(e);
    }
};

std::string sample(const QString& name) { return FINOPS_TEST_DATA "/usage/" + name.toStdString(); }

MappingProfile gatewayMapping()
{
    const std::string path = sample("generic-gateway.mapping.json");
    return MappingProfile::fromJson(readWholeFile(path), path);
}
} // namespace

class TestUsageImporters : public QObject
{
    Q_OBJECT
private slots:
    void vendorSamples_data();
    void vendorSamples();
    void tokenKindsOfOneRecord();
    void badRecords_data();
    void badRecords();
    void skipBadKeepsGoodRecords();
};

void TestUsageImporters::vendorSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("records");
    QTest::addColumn<qint64>("requests");
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("cacheWrite");
    QTest::addColumn<qint64>("output");
    QTest::addColumn<qint64>("costNano"); // -1: the file reports no cost
    // Totals hand-computed in tests/data/usage/README.md from the vendors' documented rules.
    QTest::newRow("OpenAI usage: input_tokens includes input_cached_tokens")
        << "openai-usage-completions.json" << "openai-usage" << 6 << 7233LL << 10579184LL << 2408832LL << 0LL << 1856677LL << -1LL;
    QTest::newRow("OpenAI costs: amount.value USD") << "openai-costs.json" << "openai-costs" << 11 << 0LL << 0LL << 0LL
                                                    << 0LL << 0LL << 8411558200LL;
    QTest::newRow("Anthropic usage: 5m + 1h cache creation are writes")
        << "anthropic-usage-messages.json" << "anthropic-usage" << 5 << 0LL << 1560525LL << 1153995LL << 105210LL
        << 295930LL << -1LL;
    QTest::newRow("Anthropic cost report: amount in cents") << "anthropic-cost-report.json" << "anthropic-cost" << 11
                                                            << 0LL << 0LL << 0LL << 0LL << 0LL << 5207688000LL;
    QTest::newRow("OpenRouter activity: usage + BYOK") << "openrouter-activity.json" << "openrouter-activity" << 5 << 59LL
                                                       << 171000LL << 0LL << 0LL << 64100LL << 270660000LL;
    QTest::newRow("OpenRouter generations: native tokens") << "openrouter-generations.jsonl" << "openrouter-generations"
                                                           << 4 << 4LL << 9524LL << 13824LL << 0LL << 4040LL << 21146600LL;
    QTest::newRow("LiteLLM spend logs CSV") << "litellm-spend-logs.csv" << "litellm" << 6 << 6LL << 3606LL << 10304LL
                                            << 4800LL << 4440LL << 71404100LL;
    QTest::newRow("LiteLLM spend logs JSON") << "litellm-spend-logs.json" << "litellm" << 6 << 6LL << 3606LL << 10304LL
                                             << 4800LL << 4440LL << 71404100LL;
    QTest::newRow("FOCUS 1.2 token rows") << "focus-1.2.csv" << "focus" << 6 << 0LL << 6442950LL << 0LL << 0LL
                                          << 498000LL << 11026850000LL;
    QTest::newRow("generic CSV with mapping") << "generic-gateway.csv" << "generic" << 6 << 6LL << 15596LL << 8704LL
                                              << 0LL << 3550LL << 28677400LL;
    QTest::newRow("generic JSONL with mapping") << "generic-gateway.jsonl" << "generic" << 6 << 6LL << 15596LL << 8704LL
                                                << 0LL << 3550LL << 28677400LL;
}

void TestUsageImporters::vendorSamples()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, records);
    QFETCH(qint64, requests);
    QFETCH(qint64, input);
    QFETCH(qint64, cached);
    QFETCH(qint64, cacheWrite);
    QFETCH(qint64, output);
    QFETCH(qint64, costNano);
    const std::string path = sample(file);
    const std::string text = readWholeFile(path);
    const MappingProfile mapping = gatewayMapping();
    const UsageImporter& importer = usageImporterFor(format == "generic" ? "generic" : "auto", text, path);
    QCOMPARE(QString::fromUtf8(importer.format().data(), static_cast<int>(importer.format().size())), format);
    CollectingSink sink;
    importer.read(text, path, &mapping, sink);
    QCOMPARE(static_cast<int>(sink.records.size()), records);
    qint64 sum[5] = {};
    qint64 cost = 0;
    bool anyCost = false;
    for (const UsageRecord& r : sink.records) {
        sum[0] += r.requests;
        sum[1] += r.inputTokens;
        sum[2] += r.cachedInputTokens;
        sum[3] += r.cacheWriteTokens;
        sum[4] += r.outputTokens;
        if (r.reportedCostNanoUsd) {
            anyCost = true;
            cost += *r.reportedCostNanoUsd;
        }
        QVERIFY(!r.model.empty());
        QVERIFY(!r.provider.empty());
        QVERIFY(r.line > 0);
    }
    QCOMPARE(sum[0], requests);
    QCOMPARE(sum[1], input);
    QCOMPARE(sum[2], cached);
    QCOMPARE(sum[3], cacheWrite);
    QCOMPARE(sum[4], output);
    QCOMPARE(anyCost ? cost : -1LL, costNano);
}

void TestUsageImporters::tokenKindsOfOneRecord()
{
    // An OpenAI bucket result with input_tokens 1000 of which 800 cached is 200 + 800.
    const std::string text = R"({"object": "page", "data": [{"object": "bucket", "start_time": 1759276800,
      "end_time": 1759363200, "results": [{"object": "organization.usage.completions.result",
      "input_tokens": 1000, "input_cached_tokens": 800, "output_tokens": 50, "num_model_requests": 2,
      "model": "gpt-4o-2024-08-06", "project_id": "proj_a", "batch": false}]}]})";
    CollectingSink sink;
    usageImporterFor("auto", text, "o.json").read(text, "o.json", nullptr, sink);
    QCOMPARE(sink.records.size(), std::size_t(1));
    const UsageRecord& r = sink.records[0];
    QCOMPARE(r.inputTokens, std::int64_t(200));
    QCOMPARE(r.cachedInputTokens, std::int64_t(800));
    QCOMPARE(r.outputTokens, std::int64_t(50));
    QCOMPARE(r.timestampUtc, std::int64_t(1759276800));
    QCOMPARE(r.tags.front(), (std::pair<std::string, std::string>{"project_id", "proj_a"}));
}

void TestUsageImporters::badRecords_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    const QByteArray lite = "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,spend\n";
    QTest::newRow("negative tokens") << "litellm" << lite + "r1,2025-09-01T10:00:00Z,gpt-4o,openai,-5,3,0.1\n"
                                     << "u.csv:2:prompt_tokens: negative count";
    QTest::newRow("fractional tokens") << "litellm" << lite + "r1,2025-09-01T10:00:00Z,gpt-4o,openai,5.5,3,0.1\n"
                                       << "u.csv:2:prompt_tokens: not a whole number";
    QTest::newRow("huge number") << "litellm" << lite + "r1,2025-09-01T10:00:00Z,gpt-4o,openai,99999999999999999999,3,0.1\n"
                                 << "u.csv:2:prompt_tokens: too large";
    QTest::newRow("date out of range") << "litellm" << lite + "r1,1970-01-01T00:00:00Z,gpt-4o,openai,5,3,0.1\n"
                                       << "u.csv:2:startTime: date out of range";
    QTest::newRow("not a date") << "litellm" << lite + "r1,yesterday,gpt-4o,openai,5,3,0.1\n"
                                << "u.csv:2:startTime: not a timestamp";
    QTest::newRow("missing model") << "litellm" << lite + "r1,2025-09-01T10:00:00Z,,openai,5,3,0.1\n"
                                   << "u.csv:2:model: missing";
    QTest::newRow("bad money") << "litellm" << lite + "r1,2025-09-01T10:00:00Z,gpt-4o,openai,5,3,ten cents\n"
                               << "u.csv:2:spend: not an amount";
    QTest::newRow("missing column") << "litellm" << QByteArray("request_id,startTime,model,prompt_tokens\nr1,2025-09-01,m,1\n")
                                    << "u.csv:1:completion_tokens: column missing";
    QTest::newRow("truncated JSON") << "openai-usage"
                                    << QByteArray("{\"data\": [{\"start_time\": 1759276800, \"results\": [{\"input_tokens\": 3")
                                    << "u.csv:1: invalid JSON";
    QTest::newRow("cached above input (OpenAI)")
        << "openai-usage"
        << QByteArray("{\"data\": [{\"start_time\": 1759276800,\n \"results\": [{\"input_tokens\": 3,\n"
                      " \"input_cached_tokens\": 5, \"model\": \"gpt-4o\"}]}]}")
        << "u.csv:3:input_cached_tokens: exceeds input_tokens";
    QTest::newRow("Anthropic amount not a string")
        << "anthropic-cost"
        << QByteArray("{\"data\": [{\"starting_at\": \"2025-09-01T00:00:00Z\", \"results\": [\n"
                      " {\"currency\": \"USD\", \"amount\": 12.5, \"cost_type\": \"tokens\"}]}]}")
        << "u.csv:2:amount: expected a decimal string in cents";
    QTest::newRow("FOCUS unknown currency")
        << "focus"
        << QByteArray("BilledCost,ChargePeriodStart,BillingCurrency,ProviderName,SkuId\n1.00,2025-09-01T00:00:00Z,EUR,AWS,x\n")
        << "u.csv:2:BillingCurrency: unknown currency 'EUR'";
}

void TestUsageImporters::badRecords()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const std::string t = text.toStdString();
    CollectingSink sink;
    try {
        usageImporterFor(format.toStdString(), t, "u.csv").read(t, "u.csv", nullptr, sink);
        QFAIL("accepted a bad record");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).startsWith(error), e.what());
    }
}

void TestUsageImporters::skipBadKeepsGoodRecords()
{
    const std::string text = "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,spend\n"
                             "r1,2025-09-01T10:00:00Z,gpt-4o,openai,5,3,0.1\n"
                             "r2,2025-09-01T10:00:00Z,gpt-4o,openai,-5,3,0.1\n"
                             "r3,2025-09-01T10:00:00Z,gpt-4o,openai,7,3,0.1\n";
    CollectingSink sink;
    sink.strict = false;
    usageImporterFor("litellm", text, "u.csv").read(text, "u.csv", nullptr, sink);
    QCOMPARE(sink.records.size(), std::size_t(2));
    QCOMPARE(sink.rejected.size(), std::size_t(1));
    QCOMPARE(sink.rejected[0].line(), 3);
}

QTEST_GUILESS_MAIN(TestUsageImporters)
#include "test_usageimporters.moc"
