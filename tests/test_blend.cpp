#include "blend.h"

#include <QtTest>

using namespace finops;

class TestBlend : public QObject
{
    Q_OBJECT
private slots:
    void blended_data();
    void blended();
    void monthlyCostAndSavings_data();
    void monthlyCostAndSavings();
    void vectorisedMatchesScalar();
    void rankingIsCheapestFirstAndStable();
    void mixValidation_data();
    void mixValidation();
};

void TestBlend::blended_data()
{
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("cached");
    QTest::addColumn<double>("output");
    QTest::addColumn<double>("inputShare");
    QTest::addColumn<double>("cacheHitRate");
    QTest::addColumn<double>("expected");
    // DeepSeek V3.2 at the 80/20 mix: 0.8 x 0.28 + 0.2 x 0.42 = 0.308 (the market's worked figure).
    QTest::newRow("deepseek-v3.2 80/20") << 0.28 << 0.028 << 0.42 << 0.8 << 0.0 << 0.308;
    // Same model, half the input from cache: 0.8 x (0.5 x 0.028 + 0.5 x 0.28) + 0.2 x 0.42.
    QTest::newRow("deepseek-v3.2 50% cache hits") << 0.28 << 0.028 << 0.42 << 0.8 << 0.5 << 0.2072;
    // Claude Sonnet 4.5 ($3 / $15) at 80/20: 2.4 + 3.0.
    QTest::newRow("claude-sonnet-4.5 80/20") << 3.0 << 0.3 << 15.0 << 0.8 << 0.0 << 5.4;
    QTest::newRow("all input") << 3.0 << 0.3 << 15.0 << 1.0 << 0.0 << 3.0;
    QTest::newRow("all output") << 3.0 << 0.3 << 15.0 << 0.0 << 1.0 << 15.0;
    QTest::newRow("all cached input") << 3.0 << 0.3 << 15.0 << 1.0 << 1.0 << 0.3;
}

void TestBlend::blended()
{
    QFETCH(double, input);
    QFETCH(double, cached);
    QFETCH(double, output);
    QFETCH(double, inputShare);
    QFETCH(double, cacheHitRate);
    QFETCH(double, expected);
    const BlendMix mix{inputShare, cacheHitRate};
    QVERIFY(qAbs(blendedUsdPerMtok(input, output, mix, cached) - expected) < 1e-12);
    if (cacheHitRate == 0)
        QVERIFY(qAbs(blendedUsdPerMtok(input, output, mix) - expected) < 1e-12);
}

void TestBlend::monthlyCostAndSavings_data()
{
    QTest::addColumn<double>("current");
    QTest::addColumn<double>("alternative");
    QTest::addColumn<double>("monthlyTokens");
    QTest::addColumn<double>("currentMonthly");
    QTest::addColumn<double>("alternativeMonthly");
    QTest::addColumn<double>("percent");
    // The market's worked comparison: a premium closed blend of ~$6.03 vs an open blend of
    // ~$0.83 per Mtok at 300M tokens a month: ~$1,809 vs ~$249, 86% less.
    QTest::newRow("premium closed vs open at 300M") << 6.03 << 0.83 << 300e6 << 1809.0 << 249.0 << 86.235;
    QTest::newRow("deepseek-v3.2 at 300M") << 5.4 << 0.308 << 300e6 << 1620.0 << 92.4 << 94.296;
    QTest::newRow("more expensive alternative") << 1.0 << 2.0 << 1e6 << 1.0 << 2.0 << -100.0;
    QTest::newRow("no volume") << 1.0 << 0.5 << 0.0 << 0.0 << 0.0 << 0.0;
}

void TestBlend::monthlyCostAndSavings()
{
    QFETCH(double, current);
    QFETCH(double, alternative);
    QFETCH(double, monthlyTokens);
    QFETCH(double, currentMonthly);
    QFETCH(double, alternativeMonthly);
    QFETCH(double, percent);
    const Savings s = savings(current, alternative, monthlyTokens);
    QVERIFY(qAbs(s.currentMonthlyUsd - currentMonthly) < 1e-9);
    QVERIFY(qAbs(s.alternativeMonthlyUsd - alternativeMonthly) < 1e-9);
    QVERIFY(qAbs(s.monthlyUsd - (currentMonthly - alternativeMonthly)) < 1e-9);
    QVERIFY2(qAbs(s.percent - percent) < 1e-3, qPrintable(QString::number(s.percent)));
}

void TestBlend::vectorisedMatchesScalar()
{
    std::vector<PriceOffer> offers(257);
    for (std::size_t i = 0; i < offers.size(); ++i) {
        offers[i].inputUsdPerMtok = 0.01 * static_cast<double>((i * 37) % 500);
        offers[i].outputUsdPerMtok = 0.03 * static_cast<double>((i * 53) % 500);
        if (i % 3)
            offers[i].cachedInputUsdPerMtok = offers[i].inputUsdPerMtok / 10;
    }
    const BlendMix mix{0.7, 0.35};
    const Eigen::ArrayXd v = blendedUsdPerMtok(PriceColumns::from(offers), mix);
    QCOMPARE(v.size(), Eigen::Index(257));
    for (std::size_t i = 0; i < offers.size(); ++i) {
        const PriceOffer& o = offers[i];
        const double scalar = blendedUsdPerMtok(o.inputUsdPerMtok, o.outputUsdPerMtok, mix, o.cacheReadUsdPerMtok());
        QVERIFY(qAbs(v[static_cast<Eigen::Index>(i)] - scalar) < 1e-12);
    }
}

void TestBlend::rankingIsCheapestFirstAndStable()
{
    Eigen::ArrayXd blended(5);
    blended << 3.0, 1.0, 2.0, 1.0, 0.5;
    const auto order = rankByBlendedPrice(blended);
    QCOMPARE(order, (std::vector<Eigen::Index>{4, 1, 3, 2, 0}));
}

void TestBlend::mixValidation_data()
{
    QTest::addColumn<double>("inputShare");
    QTest::addColumn<double>("cacheHitRate");
    QTest::addColumn<bool>("valid");
    QTest::newRow("default") << 0.8 << 0.0 << true;
    QTest::newRow("bounds") << 1.0 << 1.0 << true;
    QTest::newRow("share above 1") << 1.2 << 0.0 << false;
    QTest::newRow("negative hit rate") << 0.8 << -0.1 << false;
    QTest::newRow("NaN share") << std::nan("") << 0.0 << false;
}

void TestBlend::mixValidation()
{
    QFETCH(double, inputShare);
    QFETCH(double, cacheHitRate);
    QFETCH(bool, valid);
    QCOMPARE((BlendMix{inputShare, cacheHitRate}.validate().empty()), valid);
}

QTEST_GUILESS_MAIN(TestBlend)
#include "test_blend.moc"
