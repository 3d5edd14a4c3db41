#include "gpucatalog.h"
#include "inputerror.h"

#include <QtTest>

using namespace finops;

class TestGpuCatalog : public QObject
{
    Q_OBJECT
private slots:
    void everyRequiredGpuIsThere_data();
    void everyRequiredGpuIsThere();
    void datasheetFigures_data();
    void datasheetFigures();
    void rentalKindsAreSourced();
    void badFileNamesLineAndField();
};

void TestGpuCatalog::everyRequiredGpuIsThere_data()
{
    QTest::addColumn<QString>("id");
    for (const char* id : {"h100-sxm", "h100-pcie", "h200", "a100-80gb", "l40s", "rtx-4090", "rtx-5090", "mi300x"})
        QTest::newRow(id) << id;
}

void TestGpuCatalog::everyRequiredGpuIsThere()
{
    QFETCH(QString, id);
    const auto g = findGpu(id.toStdString());
    QVERIFY(g);
    QVERIFY(g->memoryGb > 0 && g->memoryBandwidthGbs > 0 && g->fp16DenseTflops > 0 && g->tdpW > 0);
    QVERIFY(!g->specSource.empty());
    QVERIFY2(g->rentals.size() >= 2, "rental prices from several providers");
}

void TestGpuCatalog::datasheetFigures_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("memoryGb");
    QTest::addColumn<double>("bandwidthGbs");
    QTest::addColumn<double>("tdpW");
    // NVIDIA H100 / H200 and AMD MI300X datasheets.
    QTest::newRow("H100 SXM datasheet") << "h100-sxm" << 80.0 << 3350.0 << 700.0;
    QTest::newRow("H200 datasheet") << "h200" << 141.0 << 4800.0 << 700.0;
    QTest::newRow("MI300X datasheet") << "mi300x" << 192.0 << 5300.0 << 750.0;
}

void TestGpuCatalog::datasheetFigures()
{
    QFETCH(QString, id);
    QFETCH(double, memoryGb);
    QFETCH(double, bandwidthGbs);
    QFETCH(double, tdpW);
    const auto g = findGpu(id.toStdString());
    QVERIFY(g);
    QCOMPARE(g->memoryGb, memoryGb);
    QCOMPARE(g->memoryBandwidthGbs, bandwidthGbs);
    QCOMPARE(g->tdpW, tdpW);
}

void TestGpuCatalog::rentalKindsAreSourced()
{
    for (const GpuSpec& g : bundledGpus())
        for (const GpuRental& r : g.rentals) {
            QVERIFY2(!r.source.empty(), (g.id + "/" + r.provider).c_str());
            QVERIFY2(!r.date.empty(), (g.id + "/" + r.provider).c_str());
            QVERIFY(r.usdPerGpuHour > 0);
        }
    QVERIFY(findGpu("h100-sxm")->cheapestRental("spot"));
}

void TestGpuCatalog::badFileNamesLineAndField()
{
    const std::string text = R"({"gpus": [
  {"id": "x", "memory_gb": 80, "memory_bandwidth_gbs": 1000, "bf16_dense_tflops": 100, "tdp_w": 300,
   "rental": [{"provider": "p", "kind": "forever", "usd_per_gpu_hour": 1}]}]})";
    try {
        readGpuCatalog(text, "gpus.json");
        QFAIL("accepted a bad rental kind");
    } catch (const InputError& e) {
        QCOMPARE(e.line(), 3);
        QCOMPARE(e.field(), std::string("rental.kind"));
    }
}

QTEST_GUILESS_MAIN(TestGpuCatalog)
#include "test_gpucatalog.moc"
