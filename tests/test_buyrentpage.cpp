#include "buyrentpage.h"
#include "displayformat.h"
#include "workspace.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

using namespace finops;

class TestBuyRentPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void prefillsFromTheGpuCatalog();
    void figuresAreThePlannersFigures();
    void utilizationSliderRecomputesLive();
    void breakevenIsMarkedOnTheChart();
    void threeWayComparison();

private:
    template <typename T> T* child(const char* name) { return m_page->findChild<T*>(QString::fromLatin1(name)); }
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<BuyRentPage> m_page;
};

void TestBuyRentPage::init()
{
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("w.db")));
    m_page = std::make_unique<BuyRentPage>(*m_workspace);
    m_page->resize(1400, 900);
    m_page->show();
}

void TestBuyRentPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

void TestBuyRentPage::prefillsFromTheGpuCatalog()
{
    // H100 SXM in gpus.json: $27,500, 700 W, cheapest neo-cloud on-demand rent.
    QCOMPARE(m_page->inputs().purchaseUsdPerGpu, 27500.0);
    QCOMPARE(m_page->inputs().powerWPerGpu, 700.0);
    QVERIFY(m_page->inputs().rentUsdPerGpuHour > 1.0);
    auto* gpu = child<QComboBox>("gpuChoice");
    gpu->setCurrentIndex(gpu->findData(QStringLiteral("rtx-4090")));
    QCOMPARE(m_page->inputs().powerWPerGpu, 450.0);
}

void TestBuyRentPage::figuresAreThePlannersFigures()
{
    const TcoResult expected = computeTco(m_page->inputs());
    QCOMPARE(m_page->result().monthlyOwnUsd, expected.monthlyOwnUsd);
    QCOMPARE(m_page->result().breakevenMonths, expected.breakevenMonths);
    QVERIFY(child<QLabel>("tcoSummary")->text().contains(QString::fromStdString(formatUsd(expected.capitalUsd))));
}

void TestBuyRentPage::utilizationSliderRecomputesLive()
{
    QSignalSpy spy(m_page.get(), &BuyRentPage::recomputed);
    auto* slider = child<QSlider>("utilizationSlider");
    slider->setValue(100);
    QCOMPARE(spy.count(), 1);
    const auto busy = m_page->result().breakevenMonths;
    slider->setValue(20);
    QVERIFY(busy);
    QVERIFY(!m_page->result().breakevenMonths || *m_page->result().breakevenMonths > *busy);
    // The purchase price field drives the capital.
    child<QDoubleSpinBox>("purchase")->setValue(10000);
    QCOMPARE(m_page->result().capitalUsd, 8 * 10000 * 1.2);
}

void TestBuyRentPage::breakevenIsMarkedOnTheChart()
{
    child<QSlider>("utilizationSlider")->setValue(100);
    auto* view = child<QChartView>("costChart");
    const auto series = view->chart()->series();
    auto* own = qobject_cast<QLineSeries*>(series.at(0));
    auto* mark = qobject_cast<QScatterSeries*>(series.at(2));
    QCOMPARE(own->count(), m_page->inputs().horizonMonths + 1);
    QVERIFY(m_page->result().breakevenMonths);
    QCOMPARE(mark->count(), 1);
    QVERIFY(qAbs(mark->at(0).x() - *m_page->result().breakevenMonths) < 1e-9);
}

void TestBuyRentPage::threeWayComparison()
{
    child<QDoubleSpinBox>("tps")->setValue(3600); // 12.96M tokens per GPU-hour
    const QString text = child<QLabel>("threeWay")->text();
    const double rentPerMtok = m_page->inputs().rentUsdPerGpuHour / 12.96;
    QVERIFY2(text.contains(QString::fromStdString(formatUnitPrice(rentPerMtok))), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("API")));
}

QTEST_MAIN(TestBuyRentPage)
#include "test_buyrentpage.moc"
