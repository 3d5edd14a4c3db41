#include "capacitypage.h"
#include "gpucatalog.h"
#include "modelcatalog.h"
#include "workspace.h"

#include <QCheckBox>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace finops;

namespace {

int modelRow(const std::string& id)
{
    const auto& models = bundledModels();
    for (std::size_t i = 0; i < models.size(); ++i)
        if (models[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int hardwareColumn(const CapacityPage& page, const std::string& id)
{
    const auto& columns = page.hardwareColumns();
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].id == id)
            return static_cast<int>(i);
    return -1;
}

} // namespace

class TestCapacityPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void gridCellsAreThePlannersEstimates_data();
    void gridCellsAreThePlannersEstimates();
    void fewestDevicesThatHoldTheModel();
    void runBenchmarkStoresAndPlotsTheResult();
    void cancelStoresNothing();
    void missingProgramIsReported();
    void addAsOfferJoinsTheCatalog();
    void cellWithoutPriceIsNoOffer();

private:
    template <typename T> T* child(const char* name) { return m_page->findChild<T*>(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<CapacityPage> m_page;
};

void TestCapacityPage::init()
{
    QFile::remove(m_dir.filePath(QStringLiteral("w.db")));
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("w.db")));
    m_page = std::make_unique<CapacityPage>(*m_workspace);
    m_page->setKbenchProgram(QStringLiteral(FINOPS_KBENCH_PATH));
    m_page->resize(1400, 900);
    m_page->show();
}

void TestCapacityPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

void TestCapacityPage::gridCellsAreThePlannersEstimates_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("gpu");
    QTest::addColumn<QString>("quant");
    QTest::addColumn<int>("batch");
    QTest::newRow("8B fp16 on H100, batch 16") << "llama-3.1-8b" << "h100-sxm" << "fp16" << 16;
    QTest::newRow("8B int4 on RTX 4090, batch 1") << "llama-3.1-8b" << "rtx-4090" << "int4" << 1;
    QTest::newRow("Qwen3 32B int8 on A100, batch 8") << "qwen3-32b" << "a100-80gb" << "int8" << 8;
}

void TestCapacityPage::gridCellsAreThePlannersEstimates()
{
    QFETCH(QString, model);
    QFETCH(QString, gpu);
    QFETCH(QString, quant);
    QFETCH(int, batch);
    auto* quantBox = child<QComboBox>("gridQuant");
    quantBox->setCurrentIndex(quantBox->findData(quant));
    child<QSpinBox>("gridBatch")->setValue(batch);
    auto* count = child<QComboBox>("gridCount");
    count->setCurrentIndex(count->findData(1)); // one device
    const int row = modelRow(model.toStdString());
    const int column = hardwareColumn(*m_page, gpu.toStdString());
    if (column < 0)
        QSKIP("GPU not in the bundled catalogue");
    QVERIFY(row >= 0);

    // The same estimate computed here from the catalogues, without the page.
    const auto spec = findGpu(gpu.toStdString());
    QVERIFY(spec);
    CapacityInputs in;
    in.model = *findModel(model.toStdString());
    in.hardware = Hardware::fromPeaks(spec->name, spec->memoryGb, spec->memoryBandwidthGbs,
                                      spec->bf16DenseTflops.value_or(spec->fp16DenseTflops), 1);
    in.quant = *parseQuant(quant.toStdString());
    in.batch = batch;
    in.contextTokens = 4096;
    const CapacityEstimate expected = estimateCapacity(in);

    const CapacityPlan& plan = m_page->plan(row, column);
    QCOMPARE(plan.count, 1);
    QCOMPARE(plan.estimate.decodeTokensPerS, expected.decodeTokensPerS);
    QCOMPARE(plan.estimate.fits, expected.fits);
    QVERIFY(plan.cost);
    const double rent = *m_page->hardwareColumns()[static_cast<std::size_t>(column)].usdPerDeviceHour;
    QVERIFY(qAbs(plan.cost->outputUsdPerMtok - rent / (expected.decodeTokensPerS * 3600 / 1e6)) < 1e-9);

    auto* grid = child<QTableWidget>("capacityGrid");
    const QString text = grid->item(row, column)->text();
    QVERIFY2(text.contains(QStringLiteral("tok/s")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("/Mtok")), qPrintable(text));
}

void TestCapacityPage::fewestDevicesThatHoldTheModel()
{
    // Llama 3.1 70B at FP16 is 141 GB of weights: more than one 80 GB H100 holds.
    const int row = modelRow("llama-3.1-70b");
    const int column = hardwareColumn(*m_page, "h100-sxm");
    QVERIFY(row >= 0 && column >= 0);
    const CapacityPlan& plan = m_page->plan(row, column);
    QVERIFY(plan.estimate.fits);
    QVERIFY(plan.count > 1);
    // One step fewer does not fit.
    const auto spec = findGpu("h100-sxm");
    CapacityInputs in;
    in.model = *findModel("llama-3.1-70b");
    in.hardware = Hardware::fromPeaks(spec->name, spec->memoryGb, spec->memoryBandwidthGbs,
                                      spec->bf16DenseTflops.value_or(spec->fp16DenseTflops), plan.count / 2);
    in.batch = child<QSpinBox>("gridBatch")->value();
    in.contextTokens = 4096;
    QVERIFY(!estimateCapacity(in).fits);
    QVERIFY(child<QTableWidget>("capacityGrid")->item(row, column)->text().contains(QStringLiteral("×%1").arg(plan.count)));
}

void TestCapacityPage::runBenchmarkStoresAndPlotsTheResult()
{
    QVERIFY(!m_workspace->latestKbenchRun());
    child<QCheckBox>("quickBenchmark")->setChecked(true);
    child<QSpinBox>("benchmarkThreads")->setValue(1);
    QSignalSpy finished(m_page.get(), &CapacityPage::benchmarkFinished);
    child<QPushButton>("runBenchmark")->click();
    QVERIFY(m_page->benchmarkRunning());
    QVERIFY(!child<QPushButton>("runBenchmark")->isEnabled());
    QVERIFY(child<QPushButton>("cancelBenchmark")->isEnabled());
    QVERIFY(finished.wait(180000));
    QCOMPARE(finished.first().at(0).toBool(), true);  // ok
    QCOMPARE(finished.first().at(1).toBool(), false); // not canceled
    QCOMPARE(child<QProgressBar>("benchmarkProgress")->value(), 1000);

    const auto run = m_workspace->latestKbenchRun();
    QVERIFY(run);
    QVERIFY(run->quick);
    const auto figures = parseKbenchResult(run->resultJson);
    QVERIFY(figures && figures->triadGbs > 0 && figures->gemmGflops);

    // Figures table, roofline and the grid's first column are this measurement.
    auto* results = child<QTableWidget>("benchmarkResults");
    QVERIFY(results->item(3, 1)->text().endsWith(QStringLiteral("GB/s")));
    auto* chart = child<QChartView>("rooflineChart")->chart();
    QLineSeries* machineRoof = nullptr;
    QScatterSeries* triad = nullptr;
    int points = 0;
    for (QAbstractSeries* s : chart->series()) {
        if (s->name() == QStringLiteral("This machine"))
            machineRoof = qobject_cast<QLineSeries*>(s);
        if (auto* sc = qobject_cast<QScatterSeries*>(s)) {
            points += static_cast<int>(sc->count());
            if (sc->name() == QStringLiteral("triad"))
                triad = sc;
        }
    }
    QVERIFY(machineRoof && triad);
    QVERIFY(machineRoof->count() >= 2);
    QCOMPARE(points, 5); // triad, three GEMVs, GEMM
    // The flat part of the roof is the measured GEMM rate; triad sits on the sloped part.
    double top = 0;
    for (const QPointF& p : machineRoof->points())
        top = std::max(top, p.y());
    QCOMPARE(top, *figures->gemmGflops);
    QVERIFY(qAbs(triad->at(0).y() - figures->triadGbs * 2.0 / 24.0) < 1e-9);
    QCOMPARE(m_page->hardwareColumns().front().id, std::string("cpu"));
}

void TestCapacityPage::cancelStoresNothing()
{
    child<QCheckBox>("quickBenchmark")->setChecked(false); // the full run: long enough to cancel
    child<QSpinBox>("benchmarkThreads")->setValue(1);
    QSignalSpy finished(m_page.get(), &CapacityPage::benchmarkFinished);
    child<QPushButton>("runBenchmark")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("benchmarkStatus")->text().startsWith(QStringLiteral("Running")), 60000);
    child<QPushButton>("cancelBenchmark")->click();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QVERIFY(!m_page->benchmarkRunning());
    QVERIFY(!m_workspace->latestKbenchRun());
    QVERIFY(child<QPushButton>("runBenchmark")->isEnabled());
}

void TestCapacityPage::missingProgramIsReported()
{
    m_page->setKbenchProgram(m_dir.filePath(QStringLiteral("no-such-kbench")));
    QSignalSpy finished(m_page.get(), &CapacityPage::benchmarkFinished);
    child<QPushButton>("runBenchmark")->click();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(child<QLabel>("benchmarkStatus")->text().contains(QStringLiteral("no-such-kbench")));
    QVERIFY(!m_workspace->latestKbenchRun());
}

void TestCapacityPage::addAsOfferJoinsTheCatalog()
{
    auto* count = child<QComboBox>("gridCount");
    count->setCurrentIndex(count->findData(1));
    const int row = modelRow("llama-3.1-8b");
    const int column = hardwareColumn(*m_page, "h100-sxm");
    auto* grid = child<QTableWidget>("capacityGrid");
    grid->setCurrentCell(row, column);
    QVERIFY(child<QPushButton>("addOffer")->isEnabled());
    const CapacityPlan plan = m_page->plan(row, column);
    const std::size_t before = m_workspace->currentOffers().size();
    QSignalSpy changed(m_workspace.get(), &Workspace::catalogChanged);
    QVERIFY(m_page->addSelectedAsOffer());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_workspace->currentOffers().size(), before + 1);
    const auto& offers = m_workspace->currentOffers();
    const auto it = std::find_if(offers.begin(), offers.end(),
                                 [](const PriceOffer& o) { return o.provider == "self-hosted-h100-sxm"; });
    QVERIFY(it != offers.end());
    QCOMPARE(it->model, std::string("llama-3.1-8b"));
    QVERIFY(it->openWeights);
    QVERIFY(qAbs(it->outputUsdPerMtok - plan.cost->outputUsdPerMtok) < 1e-12);
    QVERIFY(qAbs(it->inputUsdPerMtok - plan.cost->inputUsdPerMtok) < 1e-12);
    QVERIFY(it->source.find("batch 16") != std::string::npos);

    // It survives reopening the workspace (it is a stored sheet).
    m_page.reset();
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("w.db")));
    QCOMPARE(m_workspace->currentOffers().size(), before + 1);
}

void TestCapacityPage::cellWithoutPriceIsNoOffer()
{
    // Llama 3.1 405B on one RTX 4090 does not fit.
    auto* count = child<QComboBox>("gridCount");
    count->setCurrentIndex(count->findData(1));
    const int row = modelRow("llama-3.1-405b");
    const int column = hardwareColumn(*m_page, "rtx-4090");
    if (column < 0)
        QSKIP("RTX 4090 not in the bundled catalogue");
    child<QTableWidget>("capacityGrid")->setCurrentCell(row, column);
    QVERIFY(!child<QPushButton>("addOffer")->isEnabled());
    const std::size_t before = m_workspace->currentOffers().size();
    QVERIFY(!m_page->addSelectedAsOffer());
    QCOMPARE(m_workspace->currentOffers().size(), before);
    QVERIFY(child<QLabel>("gridStatus")->text().contains(QStringLiteral("does not fit")));
}

QTEST_MAIN(TestCapacityPage)
#include "test_capacitypage.moc"
