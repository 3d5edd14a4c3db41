// `finops-cli capacity` and `capacity import`: the contract keys, figures equal to the
// planner's, self-hosted offers joining the blended ranking, bad input exiting with 2.
#include "capacity.h"
#include "cliapp.h"
#include "clitest.h"
#include "gpucatalog.h"
#include "modelcatalog.h"

#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <sstream>

using json = nlohmann::ordered_json;

namespace {
using Result = finops::test::CliResult;
using finops::test::cli;

std::string fixture(const char* name) { return std::string(FINOPS_TEST_DATA) + "/throughput/" + name; }
} // namespace

class TestCapacityCli : public QObject
{
    Q_OBJECT
private slots:
    void contractKeys();
    void figuresAreThePlanners_data();
    void figuresAreThePlanners();
    void importOverridesTheEstimate();
    void addOfferJoinsBlendRanking();
    void badInputExitsWithTwo_data();
    void badInputExitsWithTwo();

private:
    QTemporaryDir m_dir;
};

void TestCapacityCli::contractKeys()
{
    const Result r = cli({"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rent-usd-per-hour", "2.5", "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    for (const char* key : {"decode_tokens_per_s", "prefill_tokens_per_s", "fits", "max_batch", "weights_gb",
                            "kv_cache_gb_per_sequence", "usd_per_mtok_input", "usd_per_mtok_output"})
        QVERIFY2(j.contains(key), key);
    QVERIFY(j["fits"].is_boolean());
    QVERIFY(j["max_batch"].is_number_integer());
    // Without a price (and no default rent for this use), the two price keys are absent.
    const Result noPrice = cli({"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--json"});
    QCOMPARE(noPrice.status, 0);
    // --gpu supplies the cheapest on-demand rent when it has one: keys present then.
    QVERIFY(noPrice.j().contains("decode_tokens_per_s"));
}

void TestCapacityCli::figuresAreThePlanners_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("gpu");
    QTest::addColumn<QString>("quant");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("batch");
    QTest::newRow("8B fp16 H100") << "llama-3.1-8b" << "h100-sxm" << "fp16" << 1 << 1;
    QTest::newRow("70B int4 2xH100 batch 32") << "llama-3.1-70b" << "h100-sxm" << "int4" << 2 << 32;
    QTest::newRow("DeepSeek V3 int8 8xH200") << "deepseek-v3" << "h200" << "int8" << 8 << 16;
}

void TestCapacityCli::figuresAreThePlanners()
{
    QFETCH(QString, model);
    QFETCH(QString, gpu);
    QFETCH(QString, quant);
    QFETCH(int, count);
    QFETCH(int, batch);
    const double rent = 3.0;
    const Result r = cli({"capacity", "--model", model.toStdString(), "--gpu", gpu.toStdString(), "--quant",
                          quant.toStdString(), "--count", std::to_string(count), "--batch", std::to_string(batch),
                          "--rent-usd-per-hour", "3", "--json"});
    QCOMPARE(r.status, 0);
    const json j = r.j();
    const auto spec = finops::findGpu(gpu.toStdString());
    finops::CapacityInputs in;
    in.model = *finops::findModel(model.toStdString());
    in.hardware = finops::Hardware::fromPeaks(spec->name, spec->memoryGb, spec->memoryBandwidthGbs,
                                              spec->bf16DenseTflops.value_or(spec->fp16DenseTflops), count);
    in.quant = quant == "fp16" ? finops::Quant::F16 : quant == "int8" ? finops::Quant::Int8 : finops::Quant::Int4;
    in.batch = batch;
    const finops::CapacityEstimate e = finops::estimateCapacity(in);
    QCOMPARE(j["decode_tokens_per_s"].get<double>(), e.decodeTokensPerS);
    QCOMPARE(j["prefill_tokens_per_s"].get<double>(), e.prefillTokensPerS);
    QCOMPARE(j["fits"].get<bool>(), e.fits);
    QCOMPARE(j["max_batch"].get<int>(), e.maxBatch);
    QCOMPARE(j["weights_gb"].get<double>(), e.weightsGb);
    const double usdPerHour = rent * count;
    QVERIFY(qAbs(j["usd_per_mtok_output"].get<double>() - usdPerHour / (e.decodeTokensPerS * 3600 / 1e6)) < 1e-9);
    QVERIFY(qAbs(j["usd_per_mtok_input"].get<double>() - usdPerHour / (e.prefillTokensPerS * 3600 / 1e6)) < 1e-9);
}

void TestCapacityCli::importOverridesTheEstimate()
{
    const std::string db = m_dir.filePath(QStringLiteral("import.db")).toStdString();
    const Result imported = cli({"capacity", "import", fixture("llama-bench-rtx4090.json"), "--db", db, "--json"});
    QCOMPARE(imported.status, 0);
    QCOMPARE(imported.j()["imported"].get<int>(), 1);
    QCOMPARE(cli({"capacity", "import", fixture("llama-bench-rtx4090.json"), "--db", db, "--json"}).j()["imported"].get<int>(), 0);
    const Result r = cli({"capacity", "--model", "llama-2-7b", "--gpu", "rtx-4090", "--quant", "int4", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(r.j()["decode_tokens_per_s"].get<double>(), 186.21);
    QCOMPARE(r.j()["prefill_tokens_per_s"].get<double>(), 11992.7);
    // vLLM needs the hardware named.
    QCOMPARE(cli({"capacity", "import", fixture("vllm-serving-llama31-8b.json"), "--db", db, "--json"}).status, 2);
    QCOMPARE(cli({"capacity", "import", fixture("vllm-serving-llama31-8b.json"), "--hardware", "H100", "--db", db,
                  "--json"}).status,
             0);
}

void TestCapacityCli::addOfferJoinsBlendRanking()
{
    const std::string db = m_dir.filePath(QStringLiteral("offer.db")).toStdString();
    const Result r = cli({"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--batch", "64", "--quant", "int8",
                          "--rent-usd-per-hour", "2", "--add-offer", "--db", db, "--json"});
    QCOMPARE(r.status, 0);
    const Result blend = cli({"blend", "--catalog", "--db", db, "--json"});
    QCOMPARE(blend.status, 0);
    bool found = false;
    const json offers = blend.j()["offers"];
    for (const auto& o : offers) {
        if (o["provider"] == "self-hosted-h100-sxm") {
            found = true;
            QCOMPARE(o["model"].get<std::string>(), std::string("llama-3.1-8b-int8"));
            QVERIFY(o["open_weights"].get<bool>());
            const double expected = 0.8 * r.j()["usd_per_mtok_input"].get<double>() + 0.2 * r.j()["usd_per_mtok_output"].get<double>();
            QVERIFY(qAbs(o["blended_usd_per_mtok"].get<double>() - expected) < 1e-9);
        }
    }
    QVERIFY(found);
}

void TestCapacityCli::badInputExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown model") << QStringList{"capacity", "--model", "gpt-9", "--gpu", "h100-sxm"} << "model";
    QTest::newRow("unknown gpu") << QStringList{"capacity", "--model", "llama-3.1-8b", "--gpu", "tpu"} << "gpu";
    QTest::newRow("both gpu and measured") << QStringList{"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--measured"} << "--gpu";
    QTest::newRow("bad quant") << QStringList{"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--quant", "int3"} << "quant";
    QTest::newRow("zero batch") << QStringList{"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--batch", "0"} << "batch";
    QTest::newRow("negative rent") << QStringList{"capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rent-usd-per-hour", "-1"} << "rent-usd-per-hour";
    QTest::newRow("import: missing file") << QStringList{"capacity", "import", "/nonexistent/bench.json"} << "bench.json";
    QTest::newRow("import: no avg_ts") << QStringList{"capacity", "import", QString::fromStdString(fixture("bad-llama-bench-no-avg.json"))} << "avg_ts";
}

void TestCapacityCli::badInputExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    std::vector<std::string> argv;
    for (const QString& a : args)
        argv.push_back(a.toStdString());
    const std::string db = m_dir.filePath(QStringLiteral("bad.db")).toStdString();
    argv.insert(argv.end(), {"--db", db});
    const Result r = cli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY2(QString::fromStdString(r.err).contains(mentions), r.err.c_str());
    QVERIFY(!QFile::exists(QString::fromStdString(db)) || args.contains(QStringLiteral("import")) ||
            args.contains(QStringLiteral("--measured")));
}

QTEST_MAIN(TestCapacityCli)
#include "test_capacitycli.moc"
