#include "blendpage.h"
#include "offerfixture.h"
#include "workspace.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

using namespace finops;

namespace {
// The chart's values, top bar first (the series holds them bottom-up).
QList<qreal> chartValues(QChartView* view)
{
    auto* series = qobject_cast<QAbstractBarSeries*>(view->chart()->series().at(0));
    const auto sets = series->barSets();
    QList<qreal> values;
    for (int i = sets[0]->count() - 1; i >= 0; --i)
        values << sets[0]->at(i) + sets[1]->at(i) + sets[2]->at(i); // all but one are zero
    return values;
}
} // namespace

class TestBlendPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void chartShowsCheapestFirstInTwoColours();
    void selfHostedOffersHaveTheirOwnColour();
    void inputShareSliderUpdatesChart();
    void cacheHitSliderReordersRanking();
    void savingsReadoutFollowsVolume();
    void openOnlyHidesClosedModels();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<BlendPage> m_page;
    template <typename T> T* child(const char* name) { return m_page->findChild<T*>(QString::fromLatin1(name)); }
};

void TestBlendPage::init()
{
    m_workspace = std::make_unique<Workspace>(m_dir.filePath(QStringLiteral("w.db")));
    m_page = std::make_unique<BlendPage>(*m_workspace);
    m_page->setOffers({test::offer("anthropic", "claude-sonnet-4.5", 3, 15, false, 0.3),
                       test::offer("deepseek", "deepseek-v3.2", 0.28, 0.42, true, 0.028),
                       test::offer("openai", "gpt-5-mini", 0.25, 2, false, 0.025),
                       test::offer("groq", "llama-3.3-70b", 0.59, 0.79, true, 0.59)});
    m_page->resize(1200, 700);
    m_page->show();
}

void TestBlendPage::cleanup()
{
    m_page.reset();
    m_workspace.reset();
}

void TestBlendPage::chartShowsCheapestFirstInTwoColours()
{
    auto* view = child<QChartView>("blendChart");
    QVERIFY(view);
    // 80/20: deepseek 0.308, gpt-5-mini 0.6, llama 0.63, sonnet 5.4.
    const QList<qreal> values = chartValues(view);
    QCOMPARE(values.size(), 4);
    QVERIFY(qAbs(values[0] - 0.308) < 1e-12);
    QVERIFY(qAbs(values[3] - 5.4) < 1e-12);
    auto* series = qobject_cast<QAbstractBarSeries*>(view->chart()->series().at(0));
    QCOMPARE(series->barSets().size(), 3); // open weights, closed API, self-hosted
    QVERIFY(series->barSets()[0]->color() != series->barSets()[1]->color());
    QVERIFY(series->barSets()[2]->color() != series->barSets()[0]->color());
    QVERIFY(series->barSets()[2]->color() != series->barSets()[1]->color());
    QCOMPARE(m_page->bars().front().label, QStringLiteral("deepseek / deepseek-v3.2"));
    QVERIFY(m_page->bars().front().openWeights);
}

void TestBlendPage::inputShareSliderUpdatesChart()
{
    auto* slider = child<QSlider>("inputShareSlider");
    auto* view = child<QChartView>("blendChart");
    QVERIFY(slider && view);
    slider->setValue(50); // 50/50: deepseek 0.35, llama 0.69, gpt-5-mini 1.125, sonnet 9
    const QList<qreal> values = chartValues(view);
    QVERIFY(qAbs(values[0] - 0.35) < 1e-12);
    QVERIFY(qAbs(values[1] - 0.69) < 1e-12);
    QVERIFY(qAbs(values[2] - 1.125) < 1e-12);
    QVERIFY(qAbs(values[3] - 9.0) < 1e-12);
    QCOMPARE(m_page->mix().inputShare, 0.5);
    auto* axis = qobject_cast<QBarCategoryAxis*>(view->chart()->axes(Qt::Vertical).at(0));
    QVERIFY(axis->categories().last().startsWith(QStringLiteral("deepseek / deepseek-v3.2")));
}

void TestBlendPage::cacheHitSliderReordersRanking()
{
    // With every input token a cache hit at 100% input, gpt-5-mini (0.025) beats deepseek (0.028).
    child<QSlider>("inputShareSlider")->setValue(100);
    child<QSlider>("cacheHitSlider")->setValue(100);
    QCOMPARE(m_page->bars().front().label, QStringLiteral("openai / gpt-5-mini"));
    QVERIFY(qAbs(chartValues(child<QChartView>("blendChart"))[0] - 0.025) < 1e-12);
}

void TestBlendPage::savingsReadoutFollowsVolume()
{
    auto* current = child<QComboBox>("currentModel");
    QCOMPARE(current->currentText(), QStringLiteral("anthropic / claude-sonnet-4.5"));
    child<QDoubleSpinBox>("monthlyVolume")->setValue(300); // 300M tokens
    const QString text = child<QLabel>("savingsReadout")->text();
    // $5.40 vs $0.308 per Mtok at 300M tokens: $1,620.00 vs $92.40, saves $1,527.60 (94.3%).
    QVERIFY2(text.contains(QStringLiteral("$1,620.00")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$92.40")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$1,527.60")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("94.3%")), qPrintable(text));
    child<QDoubleSpinBox>("monthlyVolume")->setValue(600);
    QVERIFY(child<QLabel>("savingsReadout")->text().contains(QStringLiteral("$3,055.20")));
}

void TestBlendPage::openOnlyHidesClosedModels()
{
    child<QCheckBox>("blendOpenOnly")->setChecked(true);
    QCOMPARE(m_page->bars().size(), std::size_t(2));
    for (const auto& bar : m_page->bars())
        QVERIFY(bar.openWeights);
    // The current (closed) model stays selectable: it is what is paid today.
    QCOMPARE(child<QComboBox>("currentModel")->currentText(), QStringLiteral("anthropic / claude-sonnet-4.5"));
}

void TestBlendPage::selfHostedOffersHaveTheirOwnColour()
{
    // A self-hosted offer (Capacity page, "Add as offer") is open weights, but drawn apart.
    m_page->setOffers({test::offer("anthropic", "claude-sonnet-4.5", 3, 15, false, 0.3),
                       test::offer("deepseek", "deepseek-v3.2", 0.28, 0.42, true, 0.028),
                       test::offer("self-hosted-h100-sxm", "llama-3.1-8b", 0.05, 0.2, true, 0.05)});
    auto* view = child<QChartView>("blendChart");
    auto* series = qobject_cast<QAbstractBarSeries*>(view->chart()->series().at(0));
    const auto sets = series->barSets();
    QCOMPARE(m_page->bars().front().label, QStringLiteral("self-hosted-h100-sxm / llama-3.1-8b"));
    QVERIFY(m_page->bars().front().selfHosted);
    QVERIFY(!m_page->bars()[1].selfHosted);
    const int top = static_cast<int>(sets[0]->count()) - 1; // the cheapest bar is drawn last
    QCOMPARE(sets[0]->at(top), 0.0);                        // not in the open-weight API set
    QCOMPARE(sets[1]->at(top), 0.0);
    QVERIFY(qAbs(sets[2]->at(top) - (0.8 * 0.05 + 0.2 * 0.2)) < 1e-12);
    QVERIFY(qAbs(sets[0]->at(top - 1) - 0.308) < 1e-12); // deepseek stays an open-weight API
}

QTEST_MAIN(TestBlendPage)
#include "test_blendpage.moc"
