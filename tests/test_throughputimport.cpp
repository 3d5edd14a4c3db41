// Measured throughput import (llama-bench, vLLM) and the self-hosted layer built on it:
// measurements override the roofline, and the cost of a self-hosted offer.
#include "capacity.h"
#include "fileio.h"
#include "inputerror.h"
#include "modelcatalog.h"
#include "selfhosted.h"
#include "store.h"
#include "throughputimport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace finops;

namespace {
std::string fixture(const char* name) { return std::string(FINOPS_TEST_DATA) + "/throughput/" + name; }
std::string readFixture(const char* name) { return readWholeFile(fixture(name)); }
} // namespace

class TestThroughputImport : public QObject
{
    Q_OBJECT
private slots:
    void reads_data();
    void reads();
    void badInput_data();
    void badInput();
    void storedOnceAndOverridesTheEstimate();
    void selfHostedCostIsRentOverTokens();
    void kbenchResultBecomesHardware();
};

void TestThroughputImport::reads_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("hardwareArg");
    QTest::addColumn<QString>("hardware");
    QTest::addColumn<QString>("quant");
    QTest::addColumn<double>("prefill");
    QTest::addColumn<double>("decode");
    QTest::addColumn<int>("batch");
    // Current llama-bench fields; pp512 and tg128 merge into one measurement.
    QTest::newRow("llama-bench json") << "llama-bench-rtx4090.json" << "" << "NVIDIA GeForce RTX 4090 (CUDA)" << "Q4_0"
                                      << 11992.7 << 186.21 << 1;
    // The 2023 JSONL field set: cuda/metal booleans, no backends.
    QTest::newRow("llama-bench 2023 jsonl") << "llama-bench-2023.jsonl" << "" << "NVIDIA GeForce RTX 4090" << "F16"
                                            << 11048.22 << 61.03 << 1;
    // vLLM: input rate = total_input_tokens / duration; batch = max_concurrency.
    QTest::newRow("vllm serving") << "vllm-serving-llama31-8b.json" << "H100" << "H100" << "" << 5120.0 << 2560.0 << 64;
}

void TestThroughputImport::reads()
{
    QFETCH(QString, file);
    QFETCH(QString, hardwareArg);
    QFETCH(QString, hardware);
    QFETCH(QString, quant);
    QFETCH(double, prefill);
    QFETCH(double, decode);
    QFETCH(int, batch);
    const std::string name = file.toStdString();
    const auto rows = readThroughputFile(readFixture(name.c_str()), name, "auto", hardwareArg.toStdString(), "");
    QCOMPARE(rows.size(), std::size_t(1));
    const ThroughputMeasurement& m = rows.front();
    QCOMPARE(QString::fromStdString(m.hardware), hardware);
    QCOMPARE(QString::fromStdString(m.quant), quant);
    QVERIFY(m.promptTokensPerS && m.decodeTokensPerS);
    QCOMPARE(*m.promptTokensPerS, prefill);
    QCOMPARE(*m.decodeTokensPerS, decode);
    QCOMPARE(m.batch.value_or(0), batch);
}

void TestThroughputImport::badInput_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected"); // start of the message: file:line:field
    QTest::newRow("llama-bench test without avg_ts") << "bad-llama-bench-no-avg.json" << "auto"
                                                     << "bad-llama-bench-no-avg.json:2:avg_ts";
    QTest::newRow("vllm without --hardware") << "vllm-serving-llama31-8b.json" << "auto"
                                             << "vllm-serving-llama31-8b.json:0:hardware";
    QTest::newRow("unknown format") << "llama-bench-rtx4090.json" << "mlperf" << "llama-bench-rtx4090.json:0:format";
    QTest::newRow("not a benchmark") << "../sample-prices.csv" << "auto" << "../sample-prices.csv:1:";
}

void TestThroughputImport::badInput()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, expected);
    const std::string name = file.toStdString();
    try {
        readThroughputFile(readFixture(name.c_str()), name, format.toStdString(), "", "");
        QFAIL("accepted bad input");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(expected), e.what());
    }
}

void TestThroughputImport::storedOnceAndOverridesTheEstimate()
{
    QTemporaryDir dir;
    Store store(dir.filePath(QStringLiteral("m.db")).toStdString());
    MeasurementStore measurements(store);
    const std::string text = readFixture("llama-bench-rtx4090.json");
    const auto rows = readThroughputFile(text, "llama-bench-rtx4090.json", "llama-bench", "", "");
    QCOMPARE(measurements.addMeasurements("sha-a", rows), std::size_t(1));
    QCOMPARE(measurements.addMeasurements("sha-a", rows), std::size_t(0)); // the same file again adds nothing
    const auto stored = measurements.measurements();
    QCOMPARE(stored.size(), std::size_t(1));

    // Llama 2 7B (6.74 B parameters, matched by count) on one RTX 4090 at INT4: measured.
    const auto model = findModel("llama-2-7b");
    QVERIFY(model);
    const auto gpu = findGpu("rtx-4090");
    QVERIFY(gpu);
    const HardwareOption hw{gpu->id, gpuMeasurementKey(*gpu), hardwareForGpu(*gpu, 1), 0.34};
    QCOMPARE(hw.key, std::string("4090"));
    const CapacityPlan plan = planCapacity(*model, hw, Quant::Int4, 1, 4096, 1, stored);
    QVERIFY(plan.source.starts_with("measured"));
    QCOMPARE(plan.estimate.decodeTokensPerS, 186.21);
    QCOMPARE(plan.estimate.prefillTokensPerS, 11992.7);
    // At a larger batch the batch-1 decode rate does not apply; the prefill rate does.
    const CapacityPlan batch8 = planCapacity(*model, hw, Quant::Int4, 8, 4096, 1, stored);
    QVERIFY(batch8.estimate.decodeTokensPerS != 186.21);
    QCOMPARE(batch8.estimate.prefillTokensPerS, 11992.7);
    // At FP16 the INT4 measurement does not apply.
    const CapacityPlan f16 = planCapacity(*model, hw, Quant::F16, 1, 4096, 1, stored);
    QCOMPARE(f16.source, std::string("roofline"));
    // Nor on another GPU.
    const auto h100 = findGpu("h100-sxm");
    const HardwareOption other{h100->id, gpuMeasurementKey(*h100), hardwareForGpu(*h100, 1), 2.0};
    QCOMPARE(planCapacity(*model, other, Quant::Int4, 1, 4096, 1, stored).source, std::string("roofline"));
}

void TestThroughputImport::selfHostedCostIsRentOverTokens()
{
    CapacityEstimate e;
    e.decodeTokensPerS = 1000;  // 3.6 M output tokens an hour
    e.prefillTokensPerS = 10000; // 36 M input tokens an hour
    const SelfHostedCost c = selfHostedCost(e, 2.0, 4); // 4 devices at $2/h = $8/h
    QCOMPARE(c.usdPerHour, 8.0);
    QVERIFY(qAbs(c.outputUsdPerMtok - 8.0 / 3.6) < 1e-12);
    QVERIFY(qAbs(c.inputUsdPerMtok - 8.0 / 36.0) < 1e-12);
    QCOMPARE(c.outputTokensPerMonth, 1000.0 * 3600 * 730);

    SelfHostedOfferInputs in;
    in.model = *findModel("llama-3.1-8b");
    in.hardware = hardwareForGpu(*findGpu("h100-sxm"), 4);
    in.hardwareId = "h100-sxm";
    in.quant = Quant::Int8;
    in.batch = 32;
    in.usdPerDeviceHour = 2.0;
    in.estimate = e;
    in.estimateSource = "roofline";
    in.today = Date::parse("2026-12-01").value();
    const PriceSheet sheet = selfHostedOfferSheet(in);
    QCOMPARE(sheet.format, std::string("self-hosted"));
    QCOMPARE(sheet.offers.size(), std::size_t(1));
    const PriceOffer& o = sheet.offers.front();
    QCOMPARE(o.provider, std::string("self-hosted-h100-sxm-x4"));
    QCOMPARE(o.model, std::string("llama-3.1-8b-int8"));
    QVERIFY(isSelfHostedProvider(o.provider));
    QVERIFY(!isSelfHostedProvider("together"));
    QVERIFY(o.openWeights);
    QCOMPARE(o.outputUsdPerMtok, c.outputUsdPerMtok);
    QCOMPARE(o.inputUsdPerMtok, c.inputUsdPerMtok);
    QCOMPARE(o.sourceDate, std::string("2026-12-01"));
    QVERIFY(o.source.find("batch 32") != std::string::npos);
}

void TestThroughputImport::kbenchResultBecomesHardware()
{
    const std::string result =
        R"({"event":"result","cpu":"Test CPU","threads":2,"quick":false,"stream":{"copy_gbs":20,"scale_gbs":19,)"
        R"("add_gbs":21,"triad_gbs":22},"gemm_gflops":500,"gemm_n":2048,"gemv":{"f16_gbs":18,"int8_gbs":17,)"
        R"("int4_gbs":null},"verified":true,"partial":false})";
    const auto f = parseKbenchResult(result);
    QVERIFY(f);
    QCOMPARE(f->triadGbs, 22.0);
    QVERIFY(f->verified);
    const auto h = hardwareFromKbench(*f, Quant::Int8, 1, 64);
    QVERIFY(h);
    QCOMPARE(h->bandwidthGbs, 17.0);
    QCOMPARE(h->tflops, 0.5);
    QCOMPARE(h->bandwidthEfficiency, 1.0); // measured: no further derating
    QVERIFY(!hardwareFromKbench(*f, Quant::Int4, 1, 64)); // not measured
    QVERIFY(!parseKbenchResult("{\"event\":\"progress\"}"));
    QVERIFY(!parseKbenchResult("not json"));
}

QTEST_MAIN(TestThroughputImport)
#include "test_throughputimport.moc"
