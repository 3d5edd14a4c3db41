#include "kernels.h"

#include <QtTest>

using namespace finops::kernels;

// The kernels must compute the right thing (a benchmark that computes garbage is void)
// and report plausible rates; speed itself is measured by `finops-cli bench kbench`.
class TestKernels : public QObject
{
    Q_OBJECT
private slots:
    void streamVerifies();
    void gemmVerifies();
    void gemvVerifies_data();
    void gemvVerifies();
    void stopsWhenAsked();
    void machineFacts();
};

void TestKernels::streamVerifies()
{
    const StreamResult r = stream(1 << 18, 2, 2, {});
    QVERIFY(r.verified);
    QVERIFY(r.complete);
    QCOMPARE(r.runs, 2);
    QCOMPARE(r.arrayBytes, std::size_t(1 << 18) * 8);
    QVERIFY(r.copyGbs > 0 && r.triadGbs > 0);
}

void TestKernels::gemmVerifies()
{
    const GemmResult r = gemm(96, 2, 2, {});
    QVERIFY(r.verified);
    QVERIFY(r.gflops > 0);
}

void TestKernels::gemvVerifies_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<double>("bytesPerWeight");
    QTest::newRow("fp16") << int(WeightFormat::F16) << 2.0;
    // llama.cpp's Q8_0 is 34 bytes per 32 weights with an fp16 scale; ours keeps a float scale: 36.
    QTest::newRow("int8") << int(WeightFormat::Int8) << 36.0 / 32;
    QTest::newRow("int4") << int(WeightFormat::Int4) << 20.0 / 32;
}

void TestKernels::gemvVerifies()
{
    QFETCH(int, format);
    QFETCH(double, bytesPerWeight);
    const auto f = static_cast<WeightFormat>(format);
    QCOMPARE(finops::kernels::bytesPerWeight(f), bytesPerWeight);
    const GemvResult r = gemv(f, 257, 4096, 2, 2, {});
    QVERIFY(r.verified);
    QCOMPARE(r.weightBytes, static_cast<std::size_t>(257 * 4096 * bytesPerWeight));
    QVERIFY(r.gbs > 0);
}

void TestKernels::stopsWhenAsked()
{
    int calls = 0;
    const StreamResult r = stream(1 << 16, 1, 10, [&](double) { return ++calls < 2; });
    QVERIFY(!r.complete);
    QCOMPARE(calls, 2);
    QVERIFY(r.verified); // what did run is still checked
}

void TestKernels::machineFacts()
{
    QVERIFY(hardwareThreads() >= 1);
    QVERIFY(!cpuModel().empty());
}

QTEST_GUILESS_MAIN(TestKernels)
#include "test_kernels.moc"
