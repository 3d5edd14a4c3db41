#include "cliapp.h"
#include "clitest.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using json = nlohmann::ordered_json;

namespace {
using Result = finops::test::CliResult;
using finops::test::cli;

using finops::test::keys;
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void blendPairGivesExactlyTheContractKeys();
    void blendPairFigures_data();
    void blendPairFigures();
    void badInputExitsWithTwo_data();
    void badInputExitsWithTwo();
    void blendCatalogIsCheapestFirst();
    void pricesContract();
    void catalogImportPersistsAndDedupes();
    void badSheetLeavesNoTrace();
    void versionAndHelp();
    void benchCatalogReportsRatios();
    void importContract();
    void importStrictAndSkipBad();
    void importsListAndRemove();
    void spendContract_data();
    void spendContract();
    void repriceContract();
    void demoIsRepeatable();
    void tcoContract();
    void tcoBadInput_data();
    void tcoBadInput();

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
};

void TestCli::blendPairGivesExactlyTheContractKeys()
{
    auto r = cli({"blend", "--input-price", "1", "--output-price", "2", "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(keys(r.j()), QStringList{"blended_usd_per_mtok"});
    r = cli({"blend", "--input-price", "1", "--output-price", "2", "--monthly-tokens", "1000000", "--json"});
    QCOMPARE(keys(r.j()), (QStringList{"blended_usd_per_mtok", "monthly_cost_usd"}));
}

void TestCli::blendPairFigures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<double>("blended");
    QTest::addColumn<double>("monthly");
    QTest::newRow("deepseek-v3.2 80/20 at 300M")
        << QStringList{"--input-price", "0.28", "--output-price", "0.42", "--monthly-tokens", "300000000"} << 0.308 << 92.4;
    QTest::newRow("premium closed blend at 300M (~$1,809)")
        << QStringList{"--input-price", "6.03", "--output-price", "6.03", "--monthly-tokens", "3e8"} << 6.03 << 1809.0;
    QTest::newRow("cache hits")
        << QStringList{"--input-price", "0.28", "--output-price", "0.42", "--cached-input-price", "0.028",
                       "--cache-hit-rate", "0.5", "--monthly-tokens", "1000000"}
        << 0.2072 << 0.2072;
    QTest::newRow("50/50 mix, option=value form")
        << QStringList{"--input-price=2", "--output-price=8", "--input-share=0.5", "--monthly-tokens=2000000"} << 5.0 << 10.0;
}

void TestCli::blendPairFigures()
{
    QFETCH(QStringList, args);
    QFETCH(double, blended);
    QFETCH(double, monthly);
    std::vector<std::string> argv{"blend", "--json"};
    for (const QString& a : args)
        argv.push_back(a.toStdString());
    const auto r = cli(argv);
    QCOMPARE(r.status, 0);
    QVERIFY(qAbs(r.j()["blended_usd_per_mtok"].get<double>() - blended) < 1e-9);
    QVERIFY(qAbs(r.j()["monthly_cost_usd"].get<double>() - monthly) < 1e-6);
}

void TestCli::badInputExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative input price") << QStringList{"blend", "--input-price", "-1", "--output-price", "2", "--json"}
                                          << "--input-price: must not be negative";
    QTest::newRow("input share above 1") << QStringList{"blend", "--input-price", "1", "--output-price", "2", "--input-share", "1.5"}
                                         << "--input-share: must be between 0 and 1";
    QTest::newRow("missing output price") << QStringList{"blend", "--input-price", "1"} << "--output-price: missing";
    QTest::newRow("not a number") << QStringList{"blend", "--input-price", "cheap", "--output-price", "2"}
                                  << "--input-price: not a number";
    QTest::newRow("NaN price") << QStringList{"blend", "--input-price", "nan", "--output-price", "2"}
                               << "--input-price: not a number";
    QTest::newRow("negative tokens") << QStringList{"blend", "--input-price", "1", "--output-price", "2", "--monthly-tokens", "-5"}
                                     << "--monthly-tokens: must not be negative";
    QTest::newRow("unknown option") << QStringList{"blend", "--input-prize", "1"} << "unknown option --input-prize";
    QTest::newRow("option without value") << QStringList{"blend", "--input-price"} << "--input-price needs a value";
    QTest::newRow("top zero") << QStringList{"blend", "--catalog", "--top", "0"} << "--top: must be a positive";
    QTest::newRow("unknown command") << QStringList{"blender"} << "unknown command 'blender'";
    QTest::newRow("missing import file") << QStringList{"catalog", "import", "/nonexistent/x.json", "--db", "/tmp/finops-never.db"}
                                         << "/nonexistent/x.json:0: cannot open";
    QTest::newRow("bad at date") << QStringList{"prices", "--at", "yesterday"} << "--at: expected a date";
}

void TestCli::badInputExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    std::vector<std::string> argv;
    for (const QString& a : args)
        argv.push_back(a.toStdString());
    const auto r = cli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromStdString(r.err).contains(message), r.err.c_str());
    QVERIFY(r.out.empty());
}

void TestCli::blendCatalogIsCheapestFirst()
{
    auto r = cli({"blend", "--catalog", "--top", "5", "--json", "--db", path("none.db")});
    QCOMPARE(r.status, 0);
    const json offers = r.j()["offers"];
    QCOMPARE(offers.size(), std::size_t(5));
    QCOMPARE(keys(offers[0]), (QStringList{"provider", "model", "blended_usd_per_mtok", "open_weights"}));
    for (std::size_t i = 1; i < offers.size(); ++i)
        QVERIFY(offers[i - 1]["blended_usd_per_mtok"].get<double>() <= offers[i]["blended_usd_per_mtok"].get<double>());

    r = cli({"blend", "--catalog", "--open-only", "--cache-hit-rate", "0.9", "--json", "--db", path("none.db")});
    QCOMPARE(r.status, 0);
    const json open = r.j()["offers"];
    QVERIFY(open.size() > 20);
    for (const json& o : open)
        QVERIFY(o["open_weights"].get<bool>());
    QVERIFY(!QFile::exists(QString::fromStdString(path("none.db")))); // read-only commands create no store
}

void TestCli::pricesContract()
{
    const auto r = cli({"prices", "--json", "--provider", "deepseek", "--db", path("none.db")});
    QCOMPARE(r.status, 0);
    const json offers = r.j()["offers"];
    QVERIFY(offers.size() >= 2);
    QCOMPARE(keys(offers[0]), (QStringList{"provider", "model", "input_usd_per_mtok", "cached_input_usd_per_mtok",
                                           "cache_write_usd_per_mtok", "output_usd_per_mtok", "open_weights",
                                           "effective_from", "source"}));
    bool sawV32 = false;
    for (const json& o : offers) {
        QCOMPARE(o["provider"].get<std::string>(), std::string("deepseek"));
        if (o["model"] == "deepseek-v3.2") {
            sawV32 = true;
            QCOMPARE(o["input_usd_per_mtok"].get<double>(), 0.28);
            QCOMPARE(o["cached_input_usd_per_mtok"].get<double>(), 0.028);
            QCOMPARE(o["output_usd_per_mtok"].get<double>(), 0.42);
        }
    }
    QVERIFY(sawV32);
}

void TestCli::catalogImportPersistsAndDedupes()
{
    const std::string db = path("import.db");
    const std::string fixture = FINOPS_SHARED_DATA "/litellm-model-prices-2025-09.json";
    auto r = cli({"catalog", "import", fixture, "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(keys(r.j()), (QStringList{"imported", "skipped"}));
    QCOMPARE(r.j()["imported"].get<int>(), 1269);
    QCOMPARE(r.j()["skipped"].size(), std::size_t(432));
    QCOMPARE(keys(r.j()["skipped"][0]), (QStringList{"key", "reason"}));

    r = cli({"catalog", "import", fixture, "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["imported"].get<int>(), 0);

    // The imported offers are part of the catalog for later commands.
    r = cli({"prices", "--provider", "together_ai", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QVERIFY(r.j()["offers"].size() > 10);
    r = cli({"catalog", "list", "--db", db, "--json"});
    QCOMPARE(r.j()["sheets"].size(), std::size_t(1));
}

void TestCli::badSheetLeavesNoTrace()
{
    const std::string db = path("clean.db");
    const std::string good = path("good.csv");
    const std::string bad = path("bad.csv");
    std::ofstream(good) << "provider,model,input_usd_per_mtok,output_usd_per_mtok\nacme,m1,1,2\n";
    std::ofstream(bad) << "provider,model,input_usd_per_mtok,output_usd_per_mtok\nacme,m2,1,2\nacme,m3,1,oops\n";

    auto r = cli({"catalog", "import", bad, "--db", db});
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromStdString(r.err).contains("bad.csv:3:output_usd_per_mtok"), r.err.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(db)));

    QCOMPARE(cli({"catalog", "import", good, "--db", db}).status, 0);
    r = cli({"catalog", "import", bad, "--db", db});
    QCOMPARE(r.status, 2);
    r = cli({"prices", "--provider", "acme", "--db", db, "--json"});
    QCOMPARE(r.j()["offers"].size(), std::size_t(1)); // m1 only: nothing of the bad file
}

void TestCli::versionAndHelp()
{
    QCOMPARE(cli({"--version"}).status, 0);
    QVERIFY(QString::fromStdString(cli({"--version"}).out).startsWith("finops-cli "));
    for (const char* command : {"prices", "blend"}) {
        const auto r = cli({command, "--help"});
        QCOMPARE(r.status, 0);
        QVERIFY(QString::fromStdString(r.out).contains("Usage: finops-cli"));
    }
    QCOMPARE(cli({"catalog", "import", "--help"}).status, 0);
    QCOMPARE(cli({}).status, 2);
}

void TestCli::benchCatalogReportsRatios()
{
    const auto r = cli({"bench", "catalog", "--runs", "1", "--offers", "300", "--json", "--litellm",
                        FINOPS_SHARED_DATA "/litellm-model-prices-2025-09.json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QCOMPARE(j["ranked_offers"].get<int>(), 300);
    QVERIFY(j["load_and_rank_vs_goal"].get<double>() > 0);
    QVERIFY(j["slider_vs_goal"].get<double>() > 0);
}

void TestCli::importContract()
{
    const std::string db = path("usage.db");
    auto r = cli({"import", FINOPS_TEST_DATA "/usage/openai-usage-completions.json",
                  FINOPS_TEST_DATA "/usage/anthropic-usage-messages.json", "--tag", "env=prod", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const json batches = r.j()["batches"];
    QCOMPARE(batches.size(), std::size_t(2));
    QCOMPARE(keys(batches[0]), (QStringList{"file", "format", "imported", "duplicates", "rejected", "batch_id"}));
    QCOMPARE(batches[0]["format"].get<std::string>(), std::string("openai-usage"));
    QCOMPARE(batches[1]["imported"].get<int>(), 5);
    r = cli({"import", FINOPS_TEST_DATA "/usage/anthropic-usage-messages.json", "--db", db, "--json"});
    QCOMPARE(r.j()["batches"][0]["imported"].get<int>(), 0);
    QCOMPARE(r.j()["batches"][0]["duplicates"].get<int>(), 5);
    // --tag reaches the rollups.
    r = cli({"spend", "--by", "tag:env", "--db", db, "--json"});
    QCOMPARE(r.j()["rows"][0]["key"].get<std::string>(), std::string("prod"));
}

void TestCli::importStrictAndSkipBad()
{
    const std::string db = path("strict.db");
    const std::string bad = path("bad-usage.csv");
    std::ofstream(bad) << "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n"
                          "a,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n"
                          "b,2025-09-01T00:00:00Z,gpt-4o,openai,-10,2\n";
    auto r = cli({"import", bad, "--db", db, "--json"});
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromStdString(r.err).contains("bad-usage.csv:3:prompt_tokens"), r.err.c_str());
    r = cli({"imports", "--db", db, "--json"});
    QCOMPARE(r.j()["batches"].size(), std::size_t(0));
    const std::string rejects = path("rejects.csv");
    r = cli({"import", bad, "--skip-bad", rejects, "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["batches"][0]["imported"].get<int>(), 1);
    QCOMPARE(r.j()["batches"][0]["rejected"].get<int>(), 1);
    QVERIFY(QFile::exists(QString::fromStdString(rejects)));
    QCOMPARE(cli({"import", bad, "--format", "xml", "--db", db}).status, 2);
    QCOMPARE(cli({"import", path("missing.csv"), "--db", db}).status, 2);
    QCOMPARE(cli({"import", bad, "--tag", "novalue", "--db", db}).status, 2);
}

void TestCli::importsListAndRemove()
{
    const std::string db = path("list.db");
    cli({"import", FINOPS_TEST_DATA "/usage/openrouter-activity.json", "--db", db});
    auto r = cli({"imports", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const json batch = r.j()["batches"][0];
    QCOMPARE(batch["imported"].get<int>(), 5);
    QCOMPARE(batch["sha256"].get<std::string>().size(), std::size_t(64));
    r = cli({"imports", "remove", std::to_string(batch["batch_id"].get<int>()), "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(cli({"imports", "--db", db, "--json"}).j()["batches"].size(), std::size_t(0));
    QCOMPARE(cli({"spend", "--db", db, "--json"}).j()["total_cost_usd"].get<double>(), 0.0);
    QCOMPARE(cli({"imports", "remove", "999", "--db", db}).status, 2);
}

void TestCli::spendContract_data()
{
    QTest::addColumn<QString>("by");
    QTest::newRow("day") << "day";
    QTest::newRow("month") << "month";
    QTest::newRow("provider") << "provider";
    QTest::newRow("model") << "model";
    QTest::newRow("tag:team") << "tag:team";
}

void TestCli::spendContract()
{
    QFETCH(QString, by);
    const std::string db = path("demo.db");
    QCOMPARE(cli({"demo", "--db", db}).status, 0);
    const auto r = cli({"spend", "--by", by.toStdString(), "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QVERIFY(j.contains("total_cost_usd"));
    QVERIFY(!j["rows"].empty());
    QCOMPARE(keys(j["rows"][0]), (QStringList{"key", "requests", "input_tokens", "cached_input_tokens",
                                              "cache_write_tokens", "output_tokens", "cost_usd", "unpriced_requests"}));
    double sum = 0;
    for (const json& row : j["rows"])
        sum += row["cost_usd"].get<double>();
    QVERIFY2(qAbs(sum - j["total_cost_usd"].get<double>()) < 1e-6, qPrintable(by)); // every grouping adds up
    QVERIFY(j["unpriced_requests"].get<long long>() > 0); // the demo's in-house fine-tune
    QCOMPARE(cli({"spend", "--by", "week", "--db", db}).status, 2);
    QCOMPARE(cli({"spend", "--from", "2025-10-10", "--to", "2025-10-01", "--db", db}).status, 2);
}

void TestCli::repriceContract()
{
    const std::string db = path("demo.db");
    QCOMPARE(cli({"demo", "--db", db}).status, 0);
    const auto r = cli({"reprice", "--top", "3", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    QVERIFY(j["actual_cost_usd"].get<double>() > 0);
    QCOMPARE(j["alternatives"].size(), std::size_t(3));
    QCOMPARE(keys(j["alternatives"][0]), (QStringList{"provider", "model", "cost_usd", "savings_usd", "savings_pct"}));
    // Last month (FINOPS_TODAY=2026-11-22): October 2026.
    QCOMPARE(j["from"].get<std::string>(), std::string("2026-10-01"));
    QCOMPARE(j["to"].get<std::string>(), std::string("2026-10-31"));
    const double actual = j["actual_cost_usd"].get<double>();
    for (const json& a : j["alternatives"])
        QVERIFY(qAbs(a["savings_usd"].get<double>() - (actual - a["cost_usd"].get<double>())) < 1e-6);
}

void TestCli::demoIsRepeatable()
{
    const std::string db = path("demo2.db");
    auto r = cli({"demo", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const int records = r.j()["imported"].get<int>();
    QVERIFY(records > 500);
    const double total = cli({"spend", "--db", db, "--json"}).j()["total_cost_usd"].get<double>();
    QCOMPARE(cli({"demo", "--db", db, "--json"}).j()["imported"].get<int>(), 0);
    QCOMPARE(cli({"spend", "--db", db, "--json"}).j()["total_cost_usd"].get<double>(), total);
}

void TestCli::tcoContract()
{
    auto r = cli({"tco", "--purchase-usd", "27500", "--rent-usd-per-hour", "2.85", "--hours-per-month", "720", "--json"});
    QCOMPARE(r.status, 0);
    json j = r.j();
    for (const char* key : {"breakeven_months", "breakeven_utilization", "monthly_own_usd", "monthly_rent_usd",
                            "npv_buy_minus_rent_usd", "curve"})
        QVERIFY2(j.contains(key), key);
    QVERIFY(!j.contains("own_usd_per_mtok")); // only with --tokens-per-second
    QVERIFY(qAbs(j["breakeven_months"].get<double>() - 13.4) < 0.01);
    QCOMPARE(keys(j["curve"][0]), (QStringList{"month", "own_cumulative_usd", "rent_cumulative_usd"}));
    QCOMPARE(j["curve"].size(), std::size_t(61));

    r = cli({"tco", "--gpu", "a100-80gb", "--purchase-usd", "12000", "--rent-usd-per-hour", "1.64", "--hours-per-month",
             "720", "--tokens-per-second", "1000", "--json"});
    QCOMPARE(r.status, 0);
    j = r.j();
    // --gpu sets the power (400 W) but no electricity price was given: still the bare case.
    QVERIFY(qAbs(j["breakeven_months"].get<double>() - 10.16) < 0.01);
    QVERIFY(qAbs(j["rent_usd_per_mtok"].get<double>() - 1.64 / 3.6) < 1e-9);
    QVERIFY(j["own_usd_per_mtok"].is_number());

    r = cli({"tco", "--purchase-usd", "27500", "--rent-usd-per-hour", "0.05", "--json"});
    QVERIFY(r.j()["breakeven_months"].is_null());
    QVERIFY(r.j()["breakeven_utilization"].is_null());
}

void TestCli::tcoBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("utilization above 1") << QStringList{"--utilization", "2"};
    QTest::newRow("negative purchase") << QStringList{"--purchase-usd", "-1"};
    QTest::newRow("zero hours") << QStringList{"--hours-per-month", "0"};
    QTest::newRow("negative rent") << QStringList{"--rent-usd-per-hour", "-2"};
    QTest::newRow("unknown GPU") << QStringList{"--gpu", "h1000"};
    QTest::newRow("not a number") << QStringList{"--pue", "high"};
    QTest::newRow("zero GPUs") << QStringList{"--count", "0"};
}

void TestCli::tcoBadInput()
{
    QFETCH(QStringList, args);
    std::vector<std::string> argv{"tco", "--purchase-usd", "1000", "--rent-usd-per-hour", "1"};
    for (const QString& a : args)
        argv.push_back(a.toStdString());
    argv.push_back("--json");
    const auto r = cli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY(r.out.empty());
    QVERIFY(!r.err.empty());
}

QTEST_MAIN(TestCli)
#include "test_cli.moc"
